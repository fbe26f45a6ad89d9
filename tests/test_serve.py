"""`planmine serve` starts a real Prefect server on loopback and the nightly crawl gets scheduled."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _poll(fn, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = fn()
            if value:
                return value
        except httpx.HTTPError:
            pass
        time.sleep(1.0)
    pytest.fail(f"timed out waiting for {what}")


def test_serve_schedules_nightly_crawl_in_oslo_time():
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=tempfile.mkdtemp(prefix="planmine-serve-"),
               PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="2")  # schedule promptly in the test
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        client = httpx.Client(base_url=api, timeout=5.0, trust_env=False)
        found = _poll(lambda: (lambda ds: ds if {d["name"] for d in ds} == {"nightly", "on-demand"} else None)(
            client.post("/deployments/filter", json={}).json()), 150, "both deployments")
        deployment = next(d for d in found if d["name"] == "nightly")
        schedule = deployment["schedules"][0]["schedule"]
        assert schedule["cron"] == "0 2 * * *" and schedule["timezone"] == "Europe/Oslo"
        query = {"flow_runs": {"deployment_id": {"any_": [deployment["id"]]}, "state": {"type": {"any_": ["SCHEDULED"]}}},
                 "sort": "EXPECTED_START_TIME_ASC"}
        runs = _poll(lambda: client.post("/flow_runs/filter", json=query).json(), 90, "scheduled runs")
        starts = [datetime.fromisoformat(r["expected_start_time"].replace("Z", "+00:00")).astimezone(ZoneInfo("Europe/Oslo"))
                  for r in runs]
        assert all((s.hour, s.minute) == (2, 0) for s in starts)
        assert len({s.date() for s in starts}) == len(starts) >= 2  # one run per night, several nights ahead
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
