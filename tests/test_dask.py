"""Processing and crawling on a real local Dask cluster (2 worker processes) give the same database."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mockserver import MockServer, Site
from pipeline.cli import app
from test_crawl_flow import comparable, crawl_settings, write_sources
from test_process_flow import dump

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as c:
        yield c.scheduler_address.removeprefix("tcp://")


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_process_on_dask_equals_default_runner(prefect_harness, cluster, tmp_path):
    threads, dask = tmp_path / "threads.duckdb", tmp_path / "dask.duckdb"
    assert invoke("process", str(SAMPLE), "--db", str(threads), "-q").exit_code == 0
    res = invoke("process", str(SAMPLE), "--db", str(dask), "--dask-address", cluster, "-q")
    assert res.exit_code == 0, res.output
    assert dump(dask) == dump(threads)


def test_crawl_on_dask_equals_default_runner(prefect_harness, cluster, tmp_path):
    from dataclasses import replace

    from flows.crawl import run_crawl
    from pipeline.settings import Settings

    results = {}
    for runner in ("threads", "dask"):
        site = Site()
        with MockServer(site) as srv:
            site.offsite = "http://localhost:9/"
            folder = tmp_path / runner
            folder.mkdir()
            settings, _ = crawl_settings(folder / "corpus")
            summary = run_crawl(write_sources(folder / "s.csv", srv.url), replace(Settings(db_path=folder / "db.duckdb")),
                                settings, quiet=True, dask_address=cluster if runner == "dask" else None)
            assert summary.documents_found == 5 and summary.run.processed == 5
            results[runner] = comparable(folder / "db.duckdb", srv.url)
    assert results["dask"] == results["threads"]


def test_merge_of_two_machines_equals_one_database(prefect_harness, tmp_path):
    """Two machines each process half of the plans; merged, they equal one machine doing all."""
    import shutil

    halves = [tmp_path / "m1", tmp_path / "m2"]
    for h in halves:
        h.mkdir()
    for i, pdf in enumerate(sorted(SAMPLE.glob("*.pdf"))):
        shutil.copy(pdf, halves[i % 2] / pdf.name)
    for h in halves:
        shutil.copy(SAMPLE / "documents.csv", h / "documents.csv")
        shutil.copy(SAMPLE / "municipalities.csv", h / "municipalities.csv")
        assert invoke("process", str(h), "--db", str(h / "db.duckdb"), "-q").exit_code == 0
    whole = tmp_path / "whole.duckdb"
    assert invoke("process", *map(str, halves), "--db", str(whole), "-q").exit_code == 0
    central = tmp_path / "central.duckdb"
    for _ in range(2):  # merging twice changes nothing
        res = invoke("merge", str(halves[0] / "db.duckdb"), str(halves[1] / "db.duckdb"), "--db", str(central))
        assert res.exit_code == 0
    assert dump(central) == dump(whole)
