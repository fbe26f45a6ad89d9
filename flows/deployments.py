"""Deployments served by `planmine serve`: the nightly crawl (cron, Europe/Oslo) and on-demand
processing that analysts trigger from the Prefect UI. Parameters are plain strings so they can
be edited in the UI; relative paths are taken from the project folder."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from prefect import flow
from prefect.schedules import Cron

from pipeline.crawl_settings import load_crawl_settings
from pipeline.settings import PROJECT_ROOT, Settings
from pipeline.sources import collect_sources

NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "Europe/Oslo"
DEFAULT_SOURCES = "corpus/sources/nordland.csv"


def _path(value: str) -> Path:
    p = Path(value).expanduser()
    return p if p.is_absolute() else PROJECT_ROOT / p


@flow(name="planmine-nightly-crawl", log_prints=True)
def nightly_crawl(sources_csv: str = DEFAULT_SOURCES, db: str = "outputs/planmine.duckdb",
                  config: str | None = None) -> dict:
    """Crawl the sources CSV's sites and process what is new or changed (the scheduled job)."""
    from flows.crawl import run_crawl

    crawl = load_crawl_settings(_path(config) if config else None)
    summary = run_crawl(_path(sources_csv), Settings(db_path=_path(db)), crawl, quiet=True)
    print(f"{summary.sites} sites, {summary.requests} requests, {summary.documents_changed} new or changed plans, "
          f"{len(summary.run.failures)} failures")
    return {"run_id": summary.run.run_id, "sites": summary.sites, "requests": summary.requests,
            "documents_changed": summary.documents_changed, "failures": [asdict(f) for f in summary.run.failures]}


@flow(name="planmine-process-paths", log_prints=True)
def process_paths(paths: list[str], municipality: str | None = None, db: str = "outputs/planmine.duckdb") -> dict:
    """Process files or folders already on the server's disk (triggered by analysts in the UI)."""
    from flows.process import run_process

    sources, municipalities = collect_sources([_path(p) for p in paths], municipality)
    summary = run_process(sources, Settings(db_path=_path(db)), municipalities=municipalities, quiet=True)
    print(f"{summary.processed} processed, {summary.skipped} unchanged, {len(summary.failures)} failed")
    return {"run_id": summary.run_id, "processed": summary.processed, "skipped": summary.skipped,
            "failures": [asdict(f) for f in summary.failures]}


def deployments(sources_csv: str = DEFAULT_SOURCES, cron: str = NIGHTLY_CRON, timezone: str = TIMEZONE) -> list:
    """The deployments `planmine serve` serves."""
    return [
        nightly_crawl.to_deployment(
            name="nightly", schedules=[Cron(cron, timezone=timezone)], parameters={"sources_csv": sources_csv},
            tags=["planmine", "crawl"], description="Crawl municipal websites for plans every night."),
        process_paths.to_deployment(
            name="on-demand", tags=["planmine", "process"],
            description="Process plan files or folders on this machine into the results database."),
    ]
