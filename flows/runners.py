"""Which Prefect task runner a flow run uses: threads on this machine, or Dask."""

from __future__ import annotations

from prefect.task_runners import ThreadPoolTaskRunner

RUNNERS = ("threads", "dask")


def task_runner(runner: str = "threads", dask_address: str | None = None, workers: int = 4,
                dask_workers: int = 2):  # type: ignore[no-untyped-def]
    """A fresh task runner: `threads` (default), or Dask (a local cluster, or the one at dask_address)."""
    if dask_address or runner == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            address = dask_address if "://" in dask_address else f"tcp://{dask_address}"
            return DaskTaskRunner(address=address)
        # one thread per worker process: parsing is CPU-bound Python, processes give the cores
        return DaskTaskRunner(cluster_kwargs={"n_workers": dask_workers, "threads_per_worker": 1, "processes": True,
                                              "dashboard_address": None})
    if runner != "threads":
        raise ValueError(f"unknown runner {runner!r}: use threads or dask")
    return ThreadPoolTaskRunner(max_workers=workers)
