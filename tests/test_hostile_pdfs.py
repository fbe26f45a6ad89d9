"""Hostile PDFs: each is parsed in a worker process with limits; each fails with its own reason, alone."""

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from pipeline.errors import DocumentError
from pipeline.isolation import ParseLimits, ParsePool

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "corpus" / "sample" / "9902_nordoy_samfunnsdel_2023-2035.pdf"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from make_hostile_pdfs import make_all

    return make_all(tmp_path_factory.mktemp("hostile"))


def outcome(pool: ParsePool, path: Path) -> str:
    try:
        doc = pool.parse(path)
        return f"ok:{len(doc.pages)}"
    except DocumentError as exc:
        return exc.reason


def outcome_with(pool: ParsePool, path: Path, engine: str) -> str:
    try:
        return f"ok:{len(pool.parse(path, engine=engine).pages)}"
    except DocumentError as exc:
        return exc.reason


def test_a_hanging_parse_is_stopped_and_the_worker_replaced(hostile):
    # pdfplumber needs far longer than 2 s for a page of 250,000 glyphs: as good as a hang
    pool = ParsePool(1, ParseLimits(timeout=2.0, memory_mb=4096))
    try:
        assert outcome_with(pool, hostile["huge_page"], "pdfplumber") == "parse-timeout"
        assert outcome(pool, GOOD) == "ok:5"  # the pool goes on with a fresh worker
    finally:
        pool.close()


def test_memory_limit_stops_a_flate_bomb(hostile):
    pool = ParsePool(1, ParseLimits(timeout=30.0, memory_mb=512))
    try:
        assert outcome(pool, hostile["flate_bomb"]) == "memory-limit"
        assert outcome(pool, GOOD) == "ok:5"
    finally:
        pool.close()


def test_page_limit_reads_only_the_first_pages():
    pool = ParsePool(1, ParseLimits(timeout=30.0, memory_mb=2048, max_pages=2))
    try:
        doc = pool.parse(GOOD)
        assert len(doc.pages) == 2 and any("max_pages" in w for w in doc.warnings)
    finally:
        pool.close()


def test_hostile_batch_through_a_flow_run(prefect_harness, hostile, tmp_path):
    from flows.process import run_process
    from pipeline.settings import Settings
    from pipeline.sources import collect_sources

    settings = replace(Settings(db_path=tmp_path / "db.duckdb"), parse_timeout=4.0, parse_memory_mb=512)
    sources, _ = collect_sources(list(hostile.values()) + [GOOD], kommunenummer="9999")
    summary = run_process(sources, settings, quiet=True)
    reasons = {Path(f.source).name: f.reason for f in summary.failures}
    assert reasons[hostile["flate_bomb"].name] == "memory-limit"
    assert reasons[hostile["truncated_xref"].name] == "corrupt-pdf"
    assert reasons[hostile["encrypted_password"].name] == "encrypted-pdf"
    # pdfium reads the 250,000-glyph page in well under a second; pdfplumber alone would time out
    huge = reasons.get(hostile["huge_page"].name)
    assert huge in {None, "parse-timeout", "parse-crashed", "memory-limit"}
    # the circular page tree, the empty-password file and the good plan (and the huge page, when read)
    assert summary.processed == 3 + (huge is None)
    con = duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True)
    stored = dict(con.execute("SELECT file_name, page_count FROM documents").fetchall())
    assert {hostile["circular"].name, hostile["encrypted_empty"].name, GOOD.name} <= set(stored)
    assert con.execute("SELECT count(*) FROM failures").fetchone() == (3 + (huge is not None),)
    con.close()
