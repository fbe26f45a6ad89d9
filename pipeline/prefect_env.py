"""Prefect settings planmine needs on a quiet, offline machine (set before Prefect is imported)."""

from __future__ import annotations

import os

DEFAULTS = {
    # the temporary server's first start migrates its database and can exceed the 20 s default
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    # no telemetry: there is no internet, and its errors would clutter the output
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}


def configure_prefect() -> None:
    """Apply planmine's Prefect defaults where the user has not set them."""
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
