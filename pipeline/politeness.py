"""How long to wait before the next request to a host: small pure functions and a per-host clock."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone


def request_interval(min_delay: float, crawl_delay: float | None, max_crawl_delay: float) -> float:
    """Seconds between two requests to one host: the host's Crawl-delay (capped), at least min_delay."""
    if crawl_delay is None:
        return min_delay
    return max(min_delay, min(crawl_delay, max_crawl_delay))


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


def retry_delay(attempt: int, backoff_base: float, retry_after: float | None, max_retry_after: float) -> float:
    """Wait before retry number `attempt` (1, 2, ...): Retry-After when given (capped), else exponential."""
    if retry_after is not None:
        return min(retry_after, max_retry_after)
    return backoff_base * (2 ** (attempt - 1))


class HostClock:
    """Spaces requests to each host; threads crawling the same host take turns."""

    def __init__(self, sleep: Callable[[float], None] = time.sleep, now: Callable[[], float] = time.monotonic) -> None:
        self._sleep = sleep
        self._now = now
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}

    def host_lock(self, host: str) -> threading.Lock:
        """One request at a time per host (one connection per host)."""
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def wait_turn(self, host: str, interval: float) -> None:
        """Sleep until `interval` seconds have passed since the last request to host started."""
        with self._lock:
            now = self._now()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + interval
        if start > now:
            self._sleep(start - now)

    def push_back(self, host: str, seconds: float) -> None:
        """The host asked us to wait (Retry-After): nobody may request it before then."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), self._now() + seconds)


_PROCESS_CLOCK: list[HostClock] = []


def process_clock() -> HostClock:
    """The clock shared by all crawls in this process (two sites on one host still take turns).

    A function, not a module-level object in task code: Dask pickles tasks, and locks do not pickle.
    """
    if not _PROCESS_CLOCK:
        _PROCESS_CLOCK.append(HostClock())
    return _PROCESS_CLOCK[0]
