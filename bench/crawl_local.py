"""Crawl the hostile local test site twice through the crawl flow; print requests, bytes, wall time.

    .venv/bin/python bench/crawl_local.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="planmine-bench-"))

from pipeline.prefect_env import configure_prefect  # noqa: E402

configure_prefect()

from mockserver import MockServer, Site  # noqa: E402

from flows.crawl import run_crawl  # noqa: E402
from pipeline.crawl_settings import CrawlSettings  # noqa: E402
from pipeline.settings import Settings  # noqa: E402


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="planmine-crawl-bench-"))
    site = Site()
    with MockServer(Site()) as off, MockServer(site) as srv:
        site.offsite = off.url.replace("127.0.0.1", "localhost") + "/"
        (tmp / "s.csv").write_text(f"kommunenummer,kommune,start_url\n9999,Testvik,{srv.url}/\n", encoding="utf-8")
        crawl = CrawlSettings(min_delay=0.0, request_timeout=2, request_deadline=1.5, max_body_bytes=1_000_000,
                              backoff_base=0.05, max_retry_after=2, max_pages_per_site=60, corpus_dir=tmp / "corpus")
        settings = Settings(db_path=tmp / "planmine.duckdb")
        for label in ("first crawl", "second crawl (conditional)"):
            site.log.clear()
            t0 = time.monotonic()
            s = run_crawl(tmp / "s.csv", settings, crawl, quiet=True)
            wall = time.monotonic() - t0
            print(f"{label}: {len(site.log)} requests, {sum(1 for e in site.log if e.status == 304)} answered 304, "
                  f"{s.downloaded_bytes} bytes downloaded, {s.documents_found} plans found, "
                  f"{s.run.processed} processed, {wall:.1f} s wall (Crawl-delay 0.05 s, one 1 s Retry-After, "
                  f"one 1.5 s drip deadline)")


if __name__ == "__main__":
    main()
