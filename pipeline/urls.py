"""URL policy: normal form, which site a URL belongs to, and which addresses are off limits."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

# Second-level names under which Norwegian municipalities and counties register their domains:
# bodo.kommune.no is a site of its own, not part of kommune.no.
SHARED_SUFFIXES = {"kommune.no", "fylke.no", "fylkeskommune.no", "herad.no", "co.uk", "gov.uk", "com.au"}


def normalise(url: str, base: str | None = None) -> str | None:
    """Absolute http(s) URL without fragment, host lower-cased, default port dropped; else None."""
    try:
        joined = urljoin(base, url.strip()) if base else url.strip()
        joined, _ = urldefrag(joined)
        parts = urlsplit(joined)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    port = parts.port
    netloc = host if port is None or (parts.scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def host_of(url: str) -> str:
    """host[:port] of a URL, the unit of politeness (one connection, one delay)."""
    return urlsplit(url).netloc.lower()


def site_of(url: str) -> str:
    """The registrable domain of a URL (IP addresses: the address and port)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        ipaddress.ip_address(host)
        return parts.netloc.lower()
    except ValueError:
        pass
    labels = host.split(".")
    if host in ("localhost",):
        return parts.netloc.lower()
    if len(labels) >= 3 and ".".join(labels[-2:]) in SHARED_SUFFIXES:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def same_site(url: str, start_url: str) -> bool:
    """True when url is on the start URL's site (same registrable domain, any subdomain)."""
    return site_of(url) == site_of(start_url)


def is_restricted_address(host: str) -> bool:
    """True when host is or resolves to a private, loopback, link-local or otherwise internal address."""
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None)
        except OSError:
            return False  # unresolvable: the request itself will fail and say so
        addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    return any(a.is_private or a.is_loopback or a.is_link_local or a.is_reserved or a.is_multicast
               or a.is_unspecified for a in addresses)
