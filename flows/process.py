"""The processing flow: a task per document (retried, concurrent), one database writer."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.futures import as_completed

from flows.runners import task_runner as runner_for
from pipeline.analyse import DocumentResult, DocumentSource, analyse_file, file_sha256, rederive
from pipeline.errors import DocumentError
from pipeline.frames import train
from pipeline.lexicon import cached_lexicon
from pipeline.settings import Settings
from pipeline.store import Store, open_store


@dataclass
class Failure:
    """A document that could not be processed, and why."""

    source: str
    reason: str
    message: str


@dataclass
class RunSummary:
    """What one processing run did."""

    run_id: str
    seen: int = 0
    processed: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0

    @property
    def status(self) -> str:
        return "ok" if not self.failures else ("partial" if self.processed or self.skipped else "failed")


@task(name="analyse-document", cache_policy=NONE, retries=1, retry_delay_seconds=1,
      task_run_name="analyse {source.path.name}")
def analyse_document(source: DocumentSource, settings: Settings,
                     previous: DocumentResult | None = None) -> DocumentResult | Failure:
    """Parse, detect and classify one document; unreadable input becomes a Failure, not a retry."""
    try:
        if previous is not None:
            return rederive(previous, settings)
        return analyse_file(source, settings)
    except DocumentError as exc:
        return Failure(str(source.path), exc.reason, exc.detail)


def _progress(done: int, total: int, pages: int, started: float, label: str, quiet: bool) -> None:
    if quiet:
        return
    elapsed = time.monotonic() - started
    rate = pages / elapsed if elapsed > 0 else 0.0
    eta = (elapsed / done) * (total - done) if done else 0.0
    print(f"[{done}/{total}] {label}  ({rate:.1f} pages/s, ETA {eta:.0f} s)", file=sys.stderr, flush=True)


def analyse_and_store(store: Store, sources: list[DocumentSource], settings: Settings, summary: RunSummary,
                      lexicon_version: str, model_version: str, quiet: bool = False) -> None:
    """Analyse new or changed documents concurrently; the calling flow's thread is the only writer."""
    started = time.monotonic()
    analyse = analyse_document.with_options(retries=settings.task_retries)
    futures = {}
    for src in sources:
        try:
            sha = file_sha256(src.path)
        except OSError as exc:
            summary.failures.append(Failure(str(src.path), "unreadable-file", str(exc)))
            continue
        known = store.stored(sha)
        if known and (known.lexicon_version, known.model_version) == (lexicon_version, model_version):
            store.update_provenance(known.doc_id, src)
            summary.skipped += 1
            continue
        previous = store.load_result(known.doc_id, src) if known else None
        futures[analyse.submit(src, settings, previous)] = src
    done = summary.skipped
    total = len(sources)
    for fut in as_completed(list(futures)):
        src = futures.pop(fut)  # nothing keeps a written document's pages alive: memory stays flat
        done += 1
        try:
            result = fut.result()
        except Exception as exc:  # a bug or a crash after retries: report it, go on
            result = Failure(str(src.path), "error", f"{type(exc).__name__}: {exc}")
        if isinstance(result, Failure):
            summary.failures.append(result)
            _progress(done, total, summary.pages, started, f"FAILED {src.path.name}", quiet)
            continue
        store.write(result)
        summary.processed += 1
        summary.pages += len(result.pages)
        _progress(done, total, summary.pages, started,
                  f"{src.source_url or src.path.name}: {len(result.pages)} pages, {result.core_count} core mentions",
                  quiet)
        del result, fut


def finish(store: Store, summary: RunSummary) -> None:
    """Record the run's failures and its outcome."""
    logger = get_run_logger()
    for f in summary.failures:
        store.record_failure(summary.run_id, f.source, f.reason, f.message)
        logger.warning("%s: %s (%s)", f.source, f.message, f.reason)
    store.finish_run(summary.run_id, summary.status, summary.seen, summary.processed, summary.skipped,
                     len(summary.failures))


@flow(name="planmine-process", log_prints=False, validate_parameters=False)
def process_documents(sources: list[DocumentSource], settings: Settings, command: str = "process",
                      municipalities: list[tuple[str, str | None, str | None]] | None = None,
                      quiet: bool = False) -> RunSummary:
    """Process local documents into the results database; unchanged documents are skipped."""
    started = time.monotonic()
    lexicon = cached_lexicon(settings.lexicon_dir / "cocreation.toml")
    model = train(settings.lexicon_dir)
    with open_store(settings.db_path) as store:
        summary = RunSummary(run_id=store.start_run(command, lexicon.version, model.version), seen=len(sources))
        for knr, name, county in municipalities or []:
            store.add_municipality(knr, name, county)
        analyse_and_store(store, sources, settings, summary, lexicon.version, model.version, quiet)
        finish(store, summary)
    summary.seconds = time.monotonic() - started
    return summary


def run_process(sources: list[DocumentSource], settings: Settings, command: str = "process",
                municipalities: list[tuple[str, str | None, str | None]] | None = None,
                quiet: bool = False, runner: str = "threads", dask_address: str | None = None) -> RunSummary:
    """Run the flow on threads (settings.workers at once) or on Dask (local cluster or dask_address)."""
    task_runner = runner_for(runner, dask_address, settings.workers)
    return process_documents.with_options(task_runner=task_runner)(
        sources=sources, settings=settings, command=command, municipalities=municipalities, quiet=quiet)
