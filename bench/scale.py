"""Scale benchmark: N simulated municipal sites crawled and processed end to end, then again.

    .venv/bin/python bench/scale.py [N]          # default 357, every municipality of 2024

Prints sites per minute, pages per second, peak memory, and the second (nothing changed) run's
time and downloaded bytes. Real politeness settings are used (1 s between requests to a host).
"""

from __future__ import annotations

import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="planmine-scale-"))

from pipeline.prefect_env import configure_prefect  # noqa: E402

configure_prefect()

from simsites import site_ip  # noqa: E402

from flows.crawl import run_crawl  # noqa: E402
from pipeline.crawl_settings import CrawlSettings  # noqa: E402
from pipeline.settings import Settings  # noqa: E402

PORT = 18080


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 357
    tmp = Path(tempfile.mkdtemp(prefix="planmine-scale-"))
    munis = list(csv.DictReader((ROOT / "corpus" / "municipalities.csv").open(encoding="utf-8")))
    with (tmp / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["kommunenummer", "kommune", "start_url"])
        for i in range(n):
            w.writerow([munis[i % len(munis)]["kommunenummer"] if i < len(munis) else f"{9000 + i}",
                        munis[i % len(munis)]["kommune"], f"http://{site_ip(i)}:{PORT}/"])
    server = subprocess.Popen([sys.executable, str(ROOT / "bench" / "simsites.py"), str(n), str(PORT)],
                              stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None and server.stdout.readline().strip() == "ready"
    try:
        crawl = CrawlSettings(corpus_dir=tmp / "corpus", site_concurrency=64)
        settings = Settings(db_path=tmp / "planmine.duckdb")
        for label in ("first run", "second run (nothing changed)"):
            t0 = time.monotonic()
            s = run_crawl(tmp / "sources.csv", settings, crawl, quiet=True)
            wall = time.monotonic() - t0
            pages = s.run.pages
            print(f"{label}: {n} sites in {wall:.0f} s ({60 * n / wall:.0f} sites/min), {s.requests} requests, "
                  f"{s.downloaded_bytes / 1e6:.1f} MB downloaded, {s.not_modified} answered 304, "
                  f"{s.documents_found} plans found, {s.run.processed} processed ({pages} pages, "
                  f"{pages / wall:.1f} pages/s end to end), {len(s.run.failures)} failures, "
                  f"peak RSS {peak_rss_mb():.0f} MB", flush=True)
    finally:
        server.kill()


if __name__ == "__main__":
    main()
