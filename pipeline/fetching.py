"""Polite HTTP fetching: robots.txt, per-host spacing, retries, redirects re-checked, hard limits.

Nothing partial leaves this module: a body is returned whole or not at all, with a named reason.
"""

from __future__ import annotations

import logging
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import httpx

from .analyse import now_utc
from .crawl_settings import CrawlSettings
from .politeness import HostClock, parse_retry_after, request_interval, retry_delay
from .robots import RobotsPolicy, allow_all, parse_robots
from .urls import host_of, is_restricted_address, normalise

log = logging.getLogger(__name__)
RETRY_STATUSES = {429, 500, 502, 503, 504}
Validators = Callable[[str], "tuple[str | None, str | None] | None"]


class FetchError(Exception):
    """A URL could not be fetched; `reason` is the stable id stored in `fetches.error`."""

    reason = "fetch-error"


class RobotsDisallowed(FetchError):
    reason = "robots-disallowed"


class HostUnavailable(FetchError):
    reason = "host-unavailable"


class TooLarge(FetchError):
    reason = "too-large"


class DeadlineExceeded(FetchError):
    reason = "deadline"


class RedirectRefused(FetchError):
    reason = "redirect-refused"


class TooManyRedirects(FetchError):
    reason = "too-many-redirects"


class TransportFailed(FetchError):
    reason = "transport"


class BadEncoding(FetchError):
    reason = "bad-encoding"


@dataclass
class Fetched:
    """The outcome of one URL: a whole body, a 304, an HTTP error status or a named failure."""

    url: str
    final_url: str
    status: int | None
    body: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    content_disposition: str | None = None
    location: str | None = None
    retry_after: str | None = None
    size: int = 0  # body bytes received (kept after the body itself is dropped)
    error: str | None = None
    message: str | None = None
    fetched_at: datetime = field(default_factory=now_utc)

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.body is not None


class BoundedDecoder:
    """gzip/deflate decoding that never holds more than `limit` decoded bytes (gzip bombs)."""

    def __init__(self, encoding: str, limit: int, url: str) -> None:
        enc = encoding.lower().strip()
        self.limit, self.url, self.size = limit, url, 0
        self._z = zlib.decompressobj(47) if enc in ("gzip", "x-gzip", "deflate") else None
        self._raw_deflate = enc == "deflate"

    def feed(self, chunk: bytes) -> bytes:
        if self._z is None:
            out = chunk
        else:
            try:
                out = self._z.decompress(chunk, self.limit - self.size + 1)
            except zlib.error:
                if not self._raw_deflate or self.size:
                    raise
                self._z = zlib.decompressobj(-15)  # deflate without zlib header, as some servers send
                out = self._z.decompress(chunk, self.limit - self.size + 1)
            if self._z.unconsumed_tail:
                self.size += len(out)
                raise TooLarge(f"decoded body exceeded max_body_bytes={self.limit} ({self.url})")
        self.size += len(out)
        if self.size > self.limit:
            raise TooLarge(f"body exceeded max_body_bytes={self.limit} after {self.size} bytes ({self.url})")
        return out


class Fetcher:
    """Fetches URLs of one crawl politely; share one HostClock between fetchers of one run."""

    def __init__(self, settings: CrawlSettings, start_url: str, clock: HostClock | None = None,
                 client: httpx.Client | None = None) -> None:
        self.s = settings
        self.clock = clock or HostClock()
        self.client = client or httpx.Client(headers={"User-Agent": settings.user_agent}, trust_env=False,
                                             follow_redirects=False, timeout=settings.request_timeout)
        self.robots: dict[str, RobotsPolicy] = {}
        self.robots_fetches: list[Fetched] = []  # robots.txt requests, recorded like any other fetch
        self.unavailable: dict[str, str] = {}
        start_host = urlsplit(start_url).hostname or ""
        # internal addresses are reachable only when the start URL itself is one (tests, intranets)
        self.allowed_internal = {start_host} if is_restricted_address(start_host) else set()
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    # -- robots ----------------------------------------------------------------------------
    def policy(self, url: str) -> RobotsPolicy:
        """The robots policy of url's host, fetched once per run; HostUnavailable on 5xx/unreachable."""
        host = host_of(url)
        if host in self.unavailable:
            raise HostUnavailable(self.unavailable[host])
        if host not in self.robots:
            parts = urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            try:
                res = self._fetch_following(robots_url, None, check_robots=False)
            except FetchError as exc:
                res = Fetched(url=robots_url, final_url=robots_url, status=None, error=exc.reason, message=str(exc))
            self.robots_fetches.append(Fetched(url=res.url, final_url=res.final_url, status=res.status,
                                               error=res.error, message=res.message, fetched_at=res.fetched_at))
            if res.status == 200 and res.body is not None:
                self.robots[host] = parse_robots(res.body.decode("utf-8", "replace"), self.s.robots_agent)
                # the delay is learnt from robots.txt itself: it applies from that request on
                self.clock.push_back(host, self._interval(url))
            elif res.status is not None and 400 <= res.status < 500:
                self.robots[host] = allow_all(self.s.robots_agent)
            else:
                why = res.message or f"HTTP {res.status}"
                self.unavailable[host] = f"robots.txt unavailable ({why}): host skipped this run ({robots_url})"
                raise HostUnavailable(self.unavailable[host])
        return self.robots[host]

    # -- fetching --------------------------------------------------------------------------
    def fetch(self, url: str, validators: Validators | None = None) -> Fetched:
        """GET url; `validators(u)` gives the (etag, last_modified) to send for u, also after redirects."""
        try:
            return self._fetch_following(url, validators, check_robots=True)
        except FetchError as exc:
            return Fetched(url=url, final_url=url, status=None, error=exc.reason, message=str(exc))

    def _check_hop(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise RedirectRefused(f"only http and https are followed, not {parts.scheme!r} ({url})")
        host = parts.hostname or ""
        if host not in self.allowed_internal and is_restricted_address(host):
            raise RedirectRefused(f"refusing internal address {host} ({url})")

    def _fetch_following(self, url: str, validators: Validators | None, check_robots: bool) -> Fetched:
        current = url
        for _hop in range(self.s.max_redirects + 1):
            self._check_hop(current)
            if check_robots and not self.policy(current).allowed(current):
                raise RobotsDisallowed(f"robots.txt disallows {current}")
            res = self._request(current, validators(current) if validators else None)
            if res.status in (301, 302, 303, 307, 308) and res.location:
                nxt = normalise(res.location, current)
                if nxt is None:
                    raise RedirectRefused(f"bad redirect target {res.location!r} ({current})")
                current = nxt
                continue
            res.url, res.final_url = url, current
            return res
        raise TooManyRedirects(f"more than max_redirects={self.s.max_redirects} redirects ({url})")

    def _interval(self, url: str) -> float:
        policy = self.robots.get(host_of(url))
        return request_interval(self.s.min_delay, policy.crawl_delay if policy else None, self.s.max_crawl_delay)

    def _request(self, url: str, validators: tuple[str | None, str | None] | None) -> Fetched:
        host = host_of(url)
        headers = {}
        if validators:
            if validators[0]:
                headers["If-None-Match"] = validators[0]
            if validators[1]:
                headers["If-Modified-Since"] = validators[1]
        attempt = 0
        while True:
            attempt += 1
            with self.clock.host_lock(host):
                self.clock.wait_turn(host, self._interval(url))
                self.requests += 1
                try:
                    res = self._once(url, headers)
                    failure = None
                except (httpx.TimeoutException, DeadlineExceeded) as exc:
                    res, failure = None, DeadlineExceeded(f"{type(exc).__name__}: {exc} ({url})")
                except httpx.TransportError as exc:
                    res, failure = None, TransportFailed(f"{type(exc).__name__}: {exc} ({url})")
                except zlib.error as exc:
                    raise BadEncoding(f"corrupt compressed body: {exc} ({url})") from exc
            retryable = failure is not None or (res is not None and res.status in RETRY_STATUSES)
            if not retryable or attempt > self.s.max_retries:
                if failure is not None:
                    raise failure
                assert res is not None
                return res
            wait = retry_delay(attempt, self.s.backoff_base, parse_retry_after(res.retry_after) if res else None,
                               self.s.max_retry_after)
            self.clock.push_back(host, wait)
            log.info("retrying %s in %.1f s (attempt %d)", url, wait, attempt + 1)

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        deadline = time.monotonic() + self.s.request_deadline
        with self.client.stream("GET", url, headers={**headers, "Accept-Encoding": "gzip, deflate"}) as r:
            common = dict(url=url, final_url=url, status=r.status_code, etag=r.headers.get("etag"),
                          last_modified=r.headers.get("last-modified"), content_type=r.headers.get("content-type"),
                          content_disposition=r.headers.get("content-disposition"))
            if r.status_code in (301, 302, 303, 307, 308):
                return Fetched(**common, location=r.headers.get("location"))
            if r.status_code in RETRY_STATUSES:
                return Fetched(**common, error=f"http-{r.status_code}", message=f"HTTP {r.status_code} ({url})",
                               retry_after=r.headers.get("retry-after"))
            if r.status_code != 200:
                return Fetched(**common, error=None if r.status_code == 304 else f"http-{r.status_code}",
                               message=None if r.status_code == 304 else f"HTTP {r.status_code} ({url})")
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.s.max_body_bytes:
                raise TooLarge(f"Content-Length {declared} exceeds max_body_bytes={self.s.max_body_bytes} ({url})")
            decoder = BoundedDecoder(r.headers.get("content-encoding", ""), self.s.max_body_bytes, url)
            body = bytearray()
            for chunk in r.iter_raw():
                body += decoder.feed(chunk)
                if time.monotonic() > deadline:
                    raise DeadlineExceeded(f"body not complete within request_deadline={self.s.request_deadline} s "
                                           f"({len(body)} bytes so far, {url})")
            return Fetched(**common, body=bytes(body), size=len(body))
