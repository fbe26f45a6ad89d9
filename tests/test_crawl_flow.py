"""Real crawls of a hostile local site through the Prefect crawl flow into a real DuckDB file.

Assertions read the server's request log: what was never requested matters as much as what was.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from mockserver import MockServer, Site, SiteConfig

ROOT = Path(__file__).resolve().parent.parent

CRAWL_TOML = """[crawl]
min_delay = 0.0
request_timeout = 2.0
request_deadline = 1.5
max_body_bytes = 1000000
backoff_base = 0.05
max_retry_after = 2.0
max_pages_per_site = 60
corpus_dir = "{corpus}"
"""


def crawl_settings(corpus: Path):
    from pipeline.crawl_settings import load_crawl_settings

    cfg = corpus.parent / "crawl.toml"
    cfg.write_text(CRAWL_TOML.format(corpus=corpus), encoding="utf-8")
    return load_crawl_settings(cfg), cfg


def write_sources(path: Path, url: str, knr: str = "9999", name: str = "Testvik") -> Path:
    path.write_text(f"kommunenummer,kommune,start_url\n{knr},{name},{url}/\n", encoding="utf-8")
    return path


def crawl(sources: Path, db: Path, corpus: Path):
    from dataclasses import replace

    from flows.crawl import run_crawl
    from pipeline.settings import Settings

    settings, _ = crawl_settings(corpus)
    return run_crawl(sources, replace(Settings(db_path=db)), settings, quiet=True)


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def comparable(db: Path, base: str | None = None) -> dict[str, list[tuple]]:
    """What a crawl stored, without run ids and time stamps (and the test server's port as BASE)."""
    def portable(table: list[tuple]) -> list[tuple]:
        if base is None:
            return table
        # the sitemap's content holds the server's own address, so its digest differs per server
        return sorted(tuple(v.replace(base, "BASE") if isinstance(v, str) else v for v in row) for row in table
                      if not str(row[0]).endswith("/sitemap.xml"))

    return {k: portable(v) for k, v in _tables(db).items()}


def _tables(db: Path) -> dict[str, list[tuple]]:
    return {
        "documents": rows(db, "SELECT doc_id, kommunenummer, title, plan_type, status, source_url, sha256, language, "
                              "page_count FROM documents ORDER BY ALL"),
        "mentions": rows(db, "SELECT * FROM mentions ORDER BY ALL"),
        "frames": rows(db, "SELECT * FROM mention_frames ORDER BY ALL"),
        "fetches": rows(db, "SELECT url, status, error, sha256 FROM fetches ORDER BY ALL"),
        "state": rows(db, "SELECT url, etag, sha256 FROM crawl_state ORDER BY ALL"),
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    site = Site()
    offsite = Site()
    with MockServer(offsite) as off, MockServer(site) as srv:
        site.offsite = off.url.replace("127.0.0.1", "localhost") + "/"
        yield srv, off


@pytest.fixture(scope="module")
def crawled(prefect_harness, hostile, tmp_path_factory):
    srv, off = hostile
    tmp = tmp_path_factory.mktemp("crawl")
    sources = write_sources(tmp / "sources.csv", srv.url)
    first = crawl(sources, tmp / "planmine.duckdb", tmp / "corpus")
    first_log = list(srv.site.log)
    srv.site.log.clear()
    snapshot = comparable(tmp / "planmine.duckdb")
    second = crawl(sources, tmp / "planmine.duckdb", tmp / "corpus")
    return dict(tmp=tmp, first=first, second=second, first_log=first_log, second_log=list(srv.site.log),
                snapshot=snapshot, offsite_log=list(off.site.log), sources=sources)


def test_politeness_and_bounds_on_the_request_log(crawled):
    log = crawled["first_log"]
    paths = [e.path for e in log]
    assert not [p for p in paths if p.startswith("/intern/")], "robots.txt-disallowed paths were requested"
    assert not [p for p in paths if "print=" in p], "a robots wildcard rule was ignored"
    assert crawled["offsite_log"] == [], "an offsite link was followed"
    assert not [p for p in paths if p.startswith("/kalender")], "the calendar trap was entered"
    assert len([p for p in paths if p.startswith("/aktiviteter/")]) <= 3, "an endless archive was not bounded"
    assert len(log) <= 60 and crawled["first"].requests == len(log)
    assert paths[0] == "/robots.txt"
    assert all(e.headers["user-agent"].startswith("planmine/") for e in log)
    # server-side arrival times jitter (the server shares this process); over two intervals they cannot hide
    spans = [c.at - a.at for a, c in zip(log, log[2:])]
    assert min(spans) >= 0.09, "Crawl-delay: 0.05 was not honoured"
    planprogram = [e.status for e in log if e.path == "/dokumenter/planprogram.pdf"]
    assert planprogram == [503, 200], "503 with Retry-After should be retried once"
    retry_gap = [e.at for e in log if e.path == "/dokumenter/planprogram.pdf"]
    assert retry_gap[1] - retry_gap[0] >= 0.95, "Retry-After: 1 was not honoured"


def test_plans_found_in_all_forms_with_provenance(crawled):
    db = crawled["tmp"] / "planmine.duckdb"
    docs = rows(db, "SELECT source_url, plan_type, kommunenummer, sha256, fetched_at FROM documents ORDER BY source_url")
    by_path = {u.split("/", 3)[3]: (t, k) for u, t, k, _, _ in docs}
    assert set(by_path) == {"dokumenter/kommuneplanens-samfunnsdel-2024-2036.pdf", "api/fil?id=17",
                            "dokumenter/planprogram.pdf", "planer/samfunnsdelen/", "publikasjon/temaplan-helse/"}
    assert by_path["api/fil?id=17"][0] == "planstrategi"  # named only by Content-Disposition and link text
    assert by_path["planer/samfunnsdelen/"][0] == "samfunnsdel"
    assert all(k == "9999" for _, k in by_path.values())
    assert all(fetched is not None and len(sha) == 64 for *_, sha, fetched in docs)
    # the web publication's sections were read from its JSON files and processed
    web = rows(db, "SELECT count(*) FROM mentions m JOIN documents d USING (doc_id) "
                   "WHERE d.source_url LIKE '%temaplan-helse/' AND m.kind = 'core'")
    assert web[0][0] >= 2
    assert rows(db, "SELECT kommune FROM municipalities WHERE kommunenummer = '9999'") == [("Testvik",)]


def test_every_fetch_is_recorded_with_its_reason(crawled):
    db = crawled["tmp"] / "planmine.duckdb"
    errors = dict(rows(db, "SELECT regexp_extract(url, '/[^/]*$'), error FROM fetches WHERE error IS NOT NULL"))
    assert errors["/arealplan-stor.pdf"] == "too-large"          # Content-Length over the limit
    assert errors["/kommuneplan-vedlegg.pdf"] == "too-large"     # no length given, stopped while streaming
    assert errors["/kommuneplan-komprimert.pdf"] == "too-large"  # gzip bomb, stopped while decoding
    assert errors["/kommuneplan-treg.pdf"] == "deadline"         # slow drip
    assert errors["/kommuneplan-2010.pdf"] == "not-a-pdf"        # HTML login page behind a .pdf link
    assert errors["/videre-plan"] == "redirect-refused"          # redirect to a link-local address
    assert errors["/planutkast.pdf"] == "robots-disallowed"      # recorded, never requested
    ok = rows(db, "SELECT url, bytes, sha256, etag FROM fetches WHERE status = 200 AND url LIKE '%.pdf'")
    assert ok and all(b > 0 and len(s) == 64 and e for _, b, s, e in ok)


def test_nothing_partial_is_stored(crawled):
    import hashlib

    files = [p for p in (crawled["tmp"] / "corpus").rglob("*") if p.is_file()]
    assert files and not [p for p in files if p.name.startswith(".part-")]
    for p in files:
        assert hashlib.sha256(p.read_bytes()).hexdigest() == p.stem, f"{p} is not its own sha256"
    assert not [p for p in files if p.stat().st_size > 1_000_000]


def test_second_crawl_is_conditional_and_reprocesses_nothing(crawled):
    log = crawled["second_log"]
    second = crawled["second"]
    by_path = {e.path: e for e in log}
    for path in ("/dokumenter/kommuneplanens-samfunnsdel-2024-2036.pdf", "/api/fil?id=17", "/planer-og-strategier/",
                 "/publikasjon/temaplan-helse/content/kap1.json", "/dokumenter/planprogram.pdf"):
        assert by_path[path].headers.get("if-none-match"), f"{path} fetched without If-None-Match"
        assert by_path[path].status == 304
    assert second.run.processed == 0 and second.documents_changed == 0 and second.documents_found == 5
    db = crawled["tmp"] / "planmine.duckdb"
    after = comparable(db)
    for table in ("documents", "mentions", "frames", "state"):
        assert after[table] == crawled["snapshot"][table], table
    assert rows(db, "SELECT count(*) FROM fetches WHERE status = 304")[0][0] >= 10
    pdf_bytes = rows(db, "SELECT sum(f.bytes) FROM fetches f JOIN runs r USING (run_id) WHERE r.run_id = "
                         "(SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1) AND f.status = 304")
    assert pdf_bytes == [(0,)]


def test_unavailable_robots_skips_the_host(prefect_harness, tmp_path):
    site = Site(SiteConfig(robots_status=503))
    with MockServer(site) as srv:
        sources = write_sources(tmp_path / "s.csv", srv.url, "9998", "Stengtvik")
        summary = crawl(sources, tmp_path / "db.duckdb", tmp_path / "corpus")
    assert {e.path for e in site.log} == {"/robots.txt"}
    assert len(site.log) == 3  # the first try and max_retries=2
    assert summary.skipped_hosts and "host skipped this run" in summary.skipped_hosts[0]
    assert rows(tmp_path / "db.duckdb", "SELECT reason FROM failures") == [("host-unavailable",)]


def test_bad_sources_csv_is_a_usage_error(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    bad = tmp_path / "bad.csv"
    bad.write_text("kommunenummer,kommune,start_url\n18O4,Bodø,https://bodo.kommune.no/\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["crawl", "--sources", str(bad)])
    assert res.exit_code == 2 and "bad.csv:2" in res.output and "four digits" in res.output


def test_killed_crawl_then_rerun_equals_one_clean_crawl(prefect_harness, tmp_path):
    clean_site, killed_site = Site(), Site()
    with MockServer(clean_site) as clean_srv:
        clean = tmp_path / "clean"
        clean.mkdir()
        crawl(write_sources(clean / "s.csv", clean_srv.url), clean / "db.duckdb", clean / "corpus")
        reference = comparable(clean / "db.duckdb", clean_srv.url)
    with MockServer(killed_site) as srv:
        run = tmp_path / "killed"
        run.mkdir()
        sources = write_sources(run / "s.csv", srv.url)
        _, cfg = crawl_settings(run / "corpus")
        cmd = [sys.executable, "-m", "pipeline.cli", "crawl", "--sources", str(sources), "--db", str(run / "db.duckdb"),
               "--config", str(cfg), "--quiet"]
        proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env={**os.environ})
        deadline = time.monotonic() + 120
        while len(killed_site.log) < 12 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert proc.poll() is None, "the crawl ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert not (run / "db.duckdb").exists(), "a killed crawl published a half-written database"
        crawl(sources, run / "db.duckdb", run / "corpus")
        got = comparable(run / "db.duckdb", srv.url)
    for table in reference:
        assert set(got[table]) ^ set(reference[table]) == set(), table
