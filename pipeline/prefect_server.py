"""Find or start the Prefect server that `planmine serve` registers its schedules with.

Schedules need a real server: Prefect's temporary in-process server never creates scheduled runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx


class ServerStartError(RuntimeError):
    """The Prefect server did not become healthy in time."""


def wait_healthy(api_url: str, timeout: float) -> None:
    """Poll <api>/health until it answers 200, or raise with the URL and the time waited."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{api_url}/health", timeout=2.0, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError as exc:
            last = str(exc)
        time.sleep(0.5)
    raise ServerStartError(f"Prefect server at {api_url} not healthy after {timeout:.0f} s ({last})")


def start_local_server(port: int, timeout: float = 120.0) -> tuple[subprocess.Popen, str]:  # type: ignore[type-arg]
    """Start `prefect server start` on 127.0.0.1:port; returns the process and its API URL."""
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "true"}
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"
    try:
        wait_healthy(api, timeout)
    except ServerStartError:
        proc.terminate()
        err = proc.stderr.read().decode("utf-8", "replace")[-2000:] if proc.stderr else ""
        raise ServerStartError(f"Prefect server on 127.0.0.1:{port} did not start: {err}") from None
    return proc, api
