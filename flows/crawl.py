"""The crawl flow: every site concurrently (a task per municipality), then one writer stores the
fetches and processes new or changed documents like `planmine process`."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NONE
from prefect.futures import as_completed

from flows.runners import task_runner as runner_for
from flows.process import Failure, RunSummary, analyse_and_store, finish
from pipeline.analyse import DocumentSource
from pipeline.crawl_settings import CrawlSettings
from pipeline.crawler import KnownUrl, Site, SiteResult, crawl_site
from pipeline.frames import train
from pipeline.lexicon import cached_lexicon
from pipeline.politeness import process_clock
from pipeline.settings import Settings
from pipeline.sources import read_municipalities, read_sources_csv
from pipeline.store import open_store
from pipeline.urls import same_site

MUNICIPALITIES_CSV = Path(__file__).resolve().parent.parent / "corpus" / "municipalities.csv"


@dataclass
class CrawlSummary:
    """What one crawl did, per site and in all."""

    run: RunSummary
    sites: int = 0
    skipped_hosts: list[str] = field(default_factory=list)
    requests: int = 0
    downloaded_bytes: int = 0
    not_modified: int = 0
    documents_found: int = 0
    documents_changed: int = 0
    seconds: float = 0.0


@task(name="crawl-site", cache_policy=NONE, task_run_name="crawl {site.kommunenummer} {site.start_url}")
def crawl_site_task(site: Site, crawl: CrawlSettings, known: dict[str, KnownUrl]) -> SiteResult:
    """Crawl one municipality's site (no database access: results go back to the flow)."""
    return crawl_site(site, crawl, known, process_clock())


@flow(name="planmine-crawl", log_prints=False, validate_parameters=False)
def crawl_and_process(sources_csv: Path, settings: Settings, crawl: CrawlSettings, quiet: bool = False) -> CrawlSummary:
    """Crawl the sources CSV's sites, store provenance of every fetch, process new or changed plans."""
    started = time.monotonic()
    sites = [Site(knr, name, url) for knr, name, url in read_sources_csv(sources_csv)]
    names = {k: (n, f) for k, n, f in read_municipalities(MUNICIPALITIES_CSV)} if MUNICIPALITIES_CSV.exists() else {}
    lexicon = cached_lexicon(settings.lexicon_dir / "cocreation.toml")
    model = train(settings.lexicon_dir)
    with open_store(settings.db_path) as store:
        run = RunSummary(run_id=store.start_run("crawl", lexicon.version, model.version))
        summary = CrawlSummary(run=run, sites=len(sites))
        known_all = store.known_urls()
        for site in sites:
            official = names.get(site.kommunenummer, (None, None))
            store.add_municipality(site.kommunenummer, site.kommune or official[0], official[1])
        futures = {}
        for site in sites:
            known = {u: KnownUrl(*v) for u, v in known_all.items()
                     if same_site(u.removeprefix("assembled:"), site.start_url)}
            futures[crawl_site_task.submit(site, crawl, known)] = site
        sources: list[DocumentSource] = []
        for done, fut in enumerate(as_completed(list(futures)), start=1):
            site = futures.pop(fut)
            try:
                res: SiteResult = fut.result()
            except Exception as exc:  # a crawler bug must not lose the other sites
                run.failures.append(Failure(site.start_url, "crawl-error", f"{type(exc).__name__}: {exc}"))
                continue
            store.record_fetches(run.run_id, site.kommunenummer, res.fetches, res.state)
            summary.requests += res.requests
            summary.downloaded_bytes += sum(f.size for f in res.fetches)
            summary.not_modified += sum(1 for f in res.fetches if f.status == 304)
            summary.documents_found += len(res.documents)
            if res.skipped:
                summary.skipped_hosts.append(res.skipped)
                run.failures.append(Failure(site.start_url, "host-unavailable", res.skipped))
            for doc in res.documents:
                if doc.changed:
                    summary.documents_changed += 1
                    sources.append(DocumentSource(path=doc.path, kommunenummer=doc.kommunenummer, kommune=doc.kommune,
                                                  title=doc.title, source_url=doc.url, fetched_at=doc.fetched_at))
            if not quiet:
                print(f"[{done}/{len(sites)}] {site.kommunenummer} {site.start_url}: {res.requests} requests, "
                      f"{len(res.documents)} plans ({sum(d.changed for d in res.documents)} new or changed)"
                      + (f" - SKIPPED: {res.skipped}" if res.skipped else ""), file=sys.stderr, flush=True)
        run.seen = len(sources)
        analyse_and_store(store, sources, settings, run, lexicon.version, model.version, quiet)
        finish(store, run)
    summary.seconds = time.monotonic() - started
    run.seconds = summary.seconds
    return summary


def run_crawl(sources_csv: Path, settings: Settings, crawl: CrawlSettings, quiet: bool = False,
              runner: str = "threads", dask_address: str | None = None) -> CrawlSummary:
    """Run the crawl flow: up to crawl.site_concurrency sites at once on threads, or on Dask."""
    task_runner = runner_for(runner, dask_address, max(crawl.site_concurrency, settings.workers))
    return crawl_and_process.with_options(task_runner=task_runner)(
        sources_csv=sources_csv, settings=settings, crawl=crawl, quiet=quiet)
