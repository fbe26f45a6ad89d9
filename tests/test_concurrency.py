"""Readers while a writer works, and a writer killed midway: two real processes each time."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"


def make_plans(folder: Path, copies: int, tag: str) -> int:
    """Distinct PDFs (a comment after %%EOF changes the bytes, not the text); returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for i in range(copies):
        for pdf in sorted(SAMPLE.glob("*.pdf")):
            (folder / f"{pdf.stem}_{tag}{i}.pdf").write_bytes(pdf.read_bytes() + f"\n%copy {tag}{i}\n".encode())
            n += 1
    shutil.copy(SAMPLE / "documents.csv", folder / "documents.csv")  # unknown names: municipality from prefix
    return n


def writer(folder: Path, db: Path, quiet: bool = True) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "pipeline.cli", "process", str(folder), "--db", str(db)] + (["--quiet"] if quiet else [])
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL if quiet else subprocess.PIPE,
                            text=True, start_new_session=True)


def snapshot(db: Path) -> tuple[int, int, int]:
    """(documents, finished runs, unfinished runs) as a reader sees them."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        done = con.execute("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL").fetchone()[0]
        running = con.execute("SELECT count(*) FROM runs WHERE finished_at IS NULL").fetchone()[0]
        return docs, done, running
    finally:
        con.close()


def test_readers_never_blocked_never_see_half_a_run(tmp_path):
    db = tmp_path / "planmine.duckdb"
    first = make_plans(tmp_path / "a", 3, "a")
    second = make_plans(tmp_path / "b", 2, "b")
    seen: set[tuple[int, int, int]] = set()
    reads = 0
    for folder in (tmp_path / "a", tmp_path / "b"):
        proc = writer(folder, db)
        while proc.poll() is None:
            if db.exists():
                seen.add(snapshot(db))  # any lock error or torn read fails the test right here
                reads += 1
            time.sleep(0.02)
        assert proc.returncode == 0
    seen.add(snapshot(db))
    assert reads > 20, "the reader did not overlap the writer"
    assert seen <= {(first, 1, 0), (first + second, 2, 0)}, seen


def dump(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "documents": con.execute("SELECT * EXCLUDE (fetched_at, processed_at, source_url) FROM documents "
                                     "ORDER BY ALL").fetchall(),
            **{t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
               for t in ("municipalities", "pages", "mentions", "mention_frames")},
        }
    finally:
        con.close()


def test_killed_processing_then_rerun_equals_one_clean_run(prefect_harness, tmp_path):
    from flows.process import run_process
    from pipeline.settings import Settings
    from pipeline.sources import collect_sources

    folder = tmp_path / "plans"
    make_plans(folder, 4, "k")
    killed_db = tmp_path / "killed.duckdb"
    proc = writer(folder, killed_db, quiet=False)
    deadline = time.monotonic() + 120
    assert proc.stderr is not None
    for line in proc.stderr:  # kill as soon as documents are being written
        if line.startswith("[") and "/" in line.split("]")[0]:
            break
        if time.monotonic() > deadline:
            pytest.fail("no progress from the writer")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not killed_db.exists(), "a killed run published a half-written database"
    sources, munis = collect_sources([folder])
    assert not run_process(sources, Settings(db_path=killed_db), municipalities=munis, quiet=True).failures
    clean_db = tmp_path / "clean.duckdb"
    run_process(sources, Settings(db_path=clean_db), municipalities=munis, quiet=True)
    assert dump(killed_db) == dump(clean_db)
    assert not list(tmp_path.glob(".*.work-*")), "the stale working copy was not cleaned up"
