"""The results database: one writer that works on a private copy and publishes it atomically.

Readers (`planmine sql`, notebooks) open the published file read-only and never meet the
writer's lock; a run that dies midway leaves the published file as it was, so a rerun gives
the same database as one clean run.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from .analyse import DocumentResult, DocumentSource, doc_id_for, mention_id_for, now_utc
from .metadata import PlanMeta
from .schema import TABLES, VIEWS

log = logging.getLogger(__name__)


class StoreBusy(RuntimeError):
    """Another planmine run is writing this database."""


def connect_readonly(db_path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published database (fails clearly when there is none)."""
    if not db_path.exists():
        raise FileNotFoundError(f"no results database at {db_path}: run `planmine run` or `planmine process` first")
    return duckdb.connect(str(db_path), read_only=True)


@dataclass
class Stored:
    """What the database knows of a document already."""

    doc_id: str
    lexicon_version: str
    model_version: str


class Store:
    """Write access to a private working copy of the results database."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        con.execute(TABLES)
        con.execute(VIEWS)

    # -- runs -----------------------------------------------------------------------------
    def start_run(self, command: str, lexicon_version: str, model_version: str) -> str:
        run_id = uuid.uuid4().hex[:12]
        self.con.execute("INSERT INTO runs (run_id, started_at, lexicon_version, model_version, status, command) "
                         "VALUES (?, ?, ?, ?, 'running', ?)", [run_id, now_utc(), lexicon_version, model_version, command])
        return run_id

    def finish_run(self, run_id: str, status: str, seen: int, processed: int, skipped: int, failed: int) -> None:
        self.con.execute("UPDATE runs SET finished_at = ?, status = ?, documents_seen = ?, documents_processed = ?, "
                         "documents_skipped = ?, documents_failed = ? WHERE run_id = ?",
                         [now_utc(), status, seen, processed, skipped, failed, run_id])

    def record_failure(self, run_id: str, source: str, reason: str, message: str) -> None:
        self.con.execute("INSERT INTO failures VALUES (?, ?, ?, ?, ?)", [run_id, source, reason, message, now_utc()])

    # -- municipalities -------------------------------------------------------------------
    def add_municipality(self, kommunenummer: str, kommune: str | None, fylke: str | None = None) -> None:
        """Add a municipality, or fill in a name/county that was unknown."""
        self.con.execute(
            "INSERT INTO municipalities VALUES (?, ?, ?) ON CONFLICT (kommunenummer) DO UPDATE SET "
            "kommune = coalesce(excluded.kommune, municipalities.kommune), "
            "fylke = coalesce(excluded.fylke, municipalities.fylke)", [kommunenummer, kommune, fylke])

    # -- crawling -------------------------------------------------------------------------
    def known_urls(self) -> dict[str, tuple[str | None, str | None, str | None, str | None]]:
        """url -> (etag, last_modified, sha256, stored path) from earlier crawls."""
        rows = self.con.execute("SELECT url, etag, last_modified, sha256, path FROM crawl_state").fetchall()
        return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}

    def record_fetches(self, run_id: str, kommunenummer: str, fetches: list, state: dict) -> None:  # type: ignore[type-arg]
        """One row per fetch; the newest validators and body of each URL kept for the next crawl."""
        rows = [(run_id, kommunenummer, f.url, f.final_url, f.status, f.size,
                 f.etag, f.last_modified, state[f.url].sha256 if f.url in state and f.status in (200, 304) else None,
                 f.content_type, f.fetched_at, f.error, f.message) for f in fetches]
        if rows:
            self.con.executemany("INSERT INTO fetches VALUES (" + ", ".join("?" * 13) + ")", rows)
        now = now_utc()
        for url, k in state.items():
            self.con.execute("INSERT OR REPLACE INTO crawl_state VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [url, kommunenummer, k.etag, k.last_modified, k.sha256, k.path, now])

    # -- documents ------------------------------------------------------------------------
    def stored(self, sha256: str) -> Stored | None:
        row = self.con.execute("SELECT doc_id, lexicon_version, model_version FROM documents WHERE doc_id = ?",
                               [doc_id_for(sha256)]).fetchone()
        return Stored(*row) if row else None

    def load_result(self, doc_id: str, source: DocumentSource) -> DocumentResult:
        """A stored document with its pages, for re-deriving mentions without re-parsing."""
        row = self.con.execute("SELECT sha256, kind, title, plan_type, status, period_start, period_end, language, "
                               "warnings FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        assert row is not None
        rows = self.con.execute("SELECT text, ocr, confidence, page FROM pages WHERE doc_id = ? ORDER BY page",
                                [doc_id]).fetchall()
        pages = [t for t, *_ in rows]
        ocr_pages = {n: c for _, o, c, n in rows if o}
        return DocumentResult(doc_id=doc_id, source=source, sha256=row[0], kind=row[1], title=row[2],
                              meta=PlanMeta(row[3], row[4], row[5], row[6]), language=row[7], pages=pages, hits=[],
                              labels={}, lexicon_version="", model_version="", warnings=json.loads(row[8] or "[]"),
                              ocr_pages=ocr_pages)

    def update_provenance(self, doc_id: str, source: DocumentSource) -> None:
        """An unchanged document seen again: keep its analysis and owner, refresh where it was found."""
        self.con.execute("UPDATE documents SET kommunenummer = coalesce(kommunenummer, ?), "
                         "source_url = coalesce(?, source_url), fetched_at = coalesce(?, fetched_at) WHERE doc_id = ?",
                         [source.kommunenummer, source.source_url, source.fetched_at, doc_id])

    def write(self, r: DocumentResult) -> None:
        """Replace everything stored for this document in one transaction."""
        con = self.con
        src = r.source
        if src.kommunenummer:
            self.add_municipality(src.kommunenummer, src.kommune)
        words = sum(len(p.split()) for p in r.pages)
        doc_row = [r.doc_id, src.kommunenummer, r.title, r.meta.plan_type, r.meta.status, r.meta.period_start,
                   r.meta.period_end, src.source_url or src.path.resolve().as_uri(), r.sha256, r.language,
                   len(r.pages), src.fetched_at or now_utc(), now_utc(), src.path.name, r.kind, words,
                   r.lexicon_version, r.model_version, json.dumps(r.warnings, ensure_ascii=False)]
        numbers = range(1, len(r.pages) + 1)
        pages = pd.DataFrame({"doc_id": r.doc_id, "page": numbers, "text": r.pages,
                              "ocr": [n in r.ocr_pages for n in numbers],
                              "confidence": [r.ocr_pages.get(n, 1.0) for n in numbers]})
        ids = [mention_id_for(r.doc_id, h) for h in r.hits]
        mentions = pd.DataFrame({
            "mention_id": ids, "doc_id": r.doc_id, "page": [h.page for h in r.hits],
            "char_start": [h.start for h in r.hits], "char_end": [h.end for h in r.hits],
            "term": [h.term for h in r.hits], "concept": [h.concept for h in r.hits],
            "kind": [h.kind for h in r.hits], "sentence": [h.sentence for h in r.hits],
            "context": [h.context for h in r.hits], "section": [h.section for h in r.hits]},
            columns=["mention_id", "doc_id", "page", "char_start", "char_end", "term", "concept", "kind", "sentence",
                     "context", "section"])
        frame_rows = [(ids[i], f, lab.scores[f], r.model_version, lab.evidence.get(f, ""))
                      for i, lab in sorted(r.labels.items()) for f in lab.frames]
        frames = pd.DataFrame(frame_rows, columns=["mention_id", "frame", "score", "model_version", "evidence"])
        con.execute("BEGIN TRANSACTION")
        try:
            _delete_documents(con, "SELECT ?", [r.doc_id])
            con.execute("INSERT INTO documents VALUES (" + ", ".join("?" * len(doc_row)) + ")", doc_row)
            con.register("_pages", pages)
            con.register("_mentions", mentions)
            con.register("_frames", frames)
            con.execute("INSERT INTO pages (doc_id, page, text, ocr, confidence) "
                        "SELECT doc_id, page, text, ocr, confidence FROM _pages")
            con.execute("INSERT INTO mentions BY NAME SELECT * FROM _mentions")
            con.execute("INSERT INTO mention_frames SELECT * FROM _frames")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            for name in ("_pages", "_mentions", "_frames"):
                con.unregister(name)


def _delete_documents(con: duckdb.DuckDBPyConnection, doc_ids_sql: str, params: list[object]) -> None:
    """Remove everything stored for the documents the subquery names (frames, mentions, pages, row)."""
    con.execute("DELETE FROM mention_frames WHERE mention_id IN "
                f"(SELECT mention_id FROM mentions WHERE doc_id IN ({doc_ids_sql}))", params)
    for table in ("mentions", "pages", "documents"):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN ({doc_ids_sql})", params)


def merge_from(store: Store, other: Path) -> tuple[int, int]:
    """Fold another planmine database into this one: its newer documents (with pages, mentions,
    frames) replace or add to ours, runs, fetches and failures are added once. Returns
    (documents taken, documents already current)."""
    con = store.con
    con.execute(f"ATTACH '{str(other).replace(chr(39), chr(39) * 2)}' AS src (READ_ONLY)")
    try:
        newer = [r[0] for r in con.execute(
            "SELECT s.doc_id FROM src.documents s LEFT JOIN documents d USING (doc_id) "
            "WHERE d.doc_id IS NULL OR s.processed_at > d.processed_at").fetchall()]
        total = con.execute("SELECT count(*) FROM src.documents").fetchone()[0]
        con.execute("BEGIN TRANSACTION")
        con.execute("INSERT INTO municipalities SELECT * FROM src.municipalities ON CONFLICT (kommunenummer) DO UPDATE "
                    "SET kommune = coalesce(municipalities.kommune, excluded.kommune), "
                    "fylke = coalesce(municipalities.fylke, excluded.fylke)")
        if newer:
            con.execute("CREATE TEMP TABLE _take AS SELECT unnest(?::VARCHAR[]) AS doc_id", [newer])
            _delete_documents(con, "SELECT doc_id FROM _take", [])
            for table in ("mentions", "pages", "documents"):
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM src.{table} WHERE doc_id IN (SELECT doc_id FROM _take)")
            con.execute("INSERT INTO mention_frames SELECT f.* FROM src.mention_frames f JOIN src.mentions m "
                        "USING (mention_id) WHERE m.doc_id IN (SELECT doc_id FROM _take)")
            con.execute("DROP TABLE _take")
        con.execute("INSERT INTO runs SELECT * FROM src.runs ON CONFLICT DO NOTHING")
        for table in ("fetches", "failures"):
            con.execute(f"INSERT INTO {table} SELECT * FROM src.{table} EXCEPT SELECT * FROM {table}")
        con.execute("INSERT INTO crawl_state SELECT * FROM src.crawl_state ON CONFLICT (url) DO UPDATE SET "
                    "etag = excluded.etag, last_modified = excluded.last_modified, sha256 = excluded.sha256, "
                    "path = excluded.path, updated_at = excluded.updated_at WHERE excluded.updated_at > crawl_state.updated_at")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute("DETACH src")
    return len(newer), total - len(newer)


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)


@contextmanager
def open_store(db_path: Path, wait: bool = True) -> Iterator[Store]:
    """Writer access: lock, copy the published file, yield, then publish the copy atomically.

    When the body raises (or the process dies), the published database stays as it was.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock_file = db_path.with_name(db_path.name + ".lock").open("a")
    try:
        flags = fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB
        try:
            fcntl.flock(lock_file, flags)
        except BlockingIOError as exc:
            raise StoreBusy(f"{db_path} is being written by another planmine run") from exc
        for stale in db_path.parent.glob(f".{db_path.name}.work-*"):
            stale.unlink(missing_ok=True)  # left by a run that was killed; we hold the lock now
        work = db_path.with_name(f".{db_path.name}.work-{os.getpid()}")
        if db_path.exists():
            shutil.copyfile(db_path, work)
        con = duckdb.connect(str(work))
        try:
            store = Store(con)
            yield store
            con.execute("CHECKPOINT")
        except BaseException:
            con.close()
            _remove(work)
            raise
        con.close()
        os.replace(work, db_path)  # readers see the old file or the new one, never a mix
        _remove(work)
    finally:
        lock_file.close()  # releases the flock
