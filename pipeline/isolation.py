"""Parse (and analyse) documents in worker processes with a time limit and a memory limit.

A PDF that hangs the parser, allocates without end or crashes the interpreter costs one worker
process (replaced at once), never the run. Workers are forked from a forkserver that has the
parsing modules loaded, so a replacement is ready in milliseconds.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable, TypeVar

from .documents import ParsedDocument, read_document
from .errors import DocumentError, ParseTimeout

T = TypeVar("T")


class ParseCrashed(DocumentError):
    reason = "parse-crashed"


class MemoryLimit(DocumentError):
    reason = "memory-limit"


@dataclass(frozen=True)
class ParseLimits:
    """Limits of one document's parse."""

    timeout: float = 120.0   # seconds
    memory_mb: int = 2048    # address space of a worker process
    max_pages: int = 2000


def _worker(conn: Connection, memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        fn, path, kwargs = job
        try:
            conn.send(("ok", fn(Path(path), **kwargs)))
        except DocumentError as exc:
            conn.send(("error", type(exc).__name__, exc.source, exc.detail))
        except MemoryError:
            conn.send(("memory", path, f"parsing needed more than parse_memory_mb={memory_mb}"))
        except RecursionError:
            conn.send(("crash", path, "parser recursed without end (circular references?)"))
        except Exception as exc:  # a parser bug on a strange file: report it as this file's failure
            conn.send(("crash", path, f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx: mp.context.BaseContext, memory_mb: int) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, memory_mb), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class ParsePool:
    """A fixed number of parse workers shared by the threads of one process."""

    def __init__(self, workers: int, limits: ParseLimits) -> None:
        self.limits = limits
        self.ctx = mp.get_context("forkserver")
        # workers also detect and classify: preload those modules (scikit-learn, nltk) once
        self.ctx.set_forkserver_preload(["pipeline.documents", "pipeline.pdfium_reader", "pipeline.analyse"])
        self.idle: list[_Worker] = [_Worker(self.ctx, limits.memory_mb) for _ in range(workers)]
        self.all = list(self.idle)
        self.lock = threading.Lock()
        self.free = threading.Semaphore(workers)

    def parse(self, path: Path, ocr_language: str | None = None, engine: str = "pdfium") -> ParsedDocument:
        """Parse one file in a worker; DocumentError subclasses name why it failed."""
        return self.run(read_document, path, max_pages=self.limits.max_pages, ocr_language=ocr_language,
                        engine=engine)

    def run(self, fn: Callable[..., T], path: Path, **kwargs: Any) -> T:
        """fn(path, **kwargs) in a worker (fn a module-level function that reads the file at path).

        When pdfium takes its worker down (it fails in C, where no Python error can be raised),
        the file gets one more try with pdfplumber, which reads it or names why it cannot.
        """
        try:
            return self._run(fn, path, kwargs)
        except ParseCrashed:
            if kwargs.get("engine", "pdfium") != "pdfium":
                raise
            return self._run(fn, path, dict(kwargs, engine="pdfplumber"))

    def _run(self, fn: Callable[..., T], path: Path, kwargs: dict[str, Any]) -> T:
        self.free.acquire()
        with self.lock:
            w = self.idle.pop()
        try:
            w.conn.send((fn, str(path), kwargs))
            if not w.conn.poll(self.limits.timeout):
                w = self._replace(w)
                raise ParseTimeout(str(path), f"parsing took longer than parse_timeout={self.limits.timeout:g} s")
            try:
                reply = w.conn.recv()
            except (EOFError, OSError):
                w.proc.join(5)
                code = w.proc.exitcode
                w = self._replace(w)
                how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                raise ParseCrashed(str(path), f"the parser process died ({how}); the document is too large "
                                   f"or malformed for parse_memory_mb={self.limits.memory_mb}") from None
        finally:
            with self.lock:
                self.idle.append(w)
            self.free.release()
        kind = reply[0]
        if kind == "ok":
            result: T = reply[1]
            return result
        if kind == "memory":
            raise MemoryLimit(reply[1], reply[2])
        if kind == "crash":
            raise ParseCrashed(reply[1], reply[2])
        from . import errors

        cls = getattr(errors, reply[1], DocumentError)
        raise cls(reply[2], reply[3])

    def _replace(self, w: _Worker) -> _Worker:
        w.kill()
        fresh = _Worker(self.ctx, self.limits.memory_mb)
        with self.lock:
            self.all = [x for x in self.all if x is not w] + [fresh]
        return fresh

    def close(self) -> None:
        for w in self.all:
            w.kill()


_POOLS: dict[tuple[int, ParseLimits, int], ParsePool] = {}
_POOLS_LOCK = threading.Lock()


def pool_for(limits: ParseLimits, workers: int = 0) -> ParsePool:
    """This process's worker pool for these limits, started on first use."""
    n = workers or os.cpu_count() or 2
    key = (os.getpid(), limits, n)
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            pool = _POOLS[key] = ParsePool(n, limits)
    return pool


def run_isolated(fn: Callable[..., T], path: Path, limits: ParseLimits, workers: int = 0, **kwargs: Any) -> T:
    """fn(path, **kwargs) in this process's worker pool; inside a daemonic process (a Dask worker)
    in-process, since daemons may not have children and the Dask worker is itself the isolation."""
    if mp.current_process().daemon:
        return fn(path, **kwargs)
    return pool_for(limits, workers).run(fn, path, **kwargs)


def prestart(limits: ParseLimits, workers: int = 0) -> None:
    """Start the worker pool in the background (its interpreter loads scikit-learn and pdfium for
    a second or two), so that it is ready when the first document comes."""
    if not mp.current_process().daemon:
        threading.Thread(target=pool_for, args=(limits, workers), daemon=True, name="parse-pool-start").start()
