"""The crawler's policies as pure functions, driven by tables (no server needed)."""

import gzip
import zlib
from datetime import datetime, timezone

import pytest

from pipeline.discovery import (disposition_filename, extract_links, is_pdf, json_refs, json_text, parse_sitemap,
                                plan_score, webpub_refs)
from pipeline.fetching import BoundedDecoder, TooLarge
from pipeline.politeness import HostClock, parse_retry_after, request_interval, retry_delay
from pipeline.robots import parse_robots
from pipeline.urls import is_restricted_address, normalise, same_site, site_of


@pytest.mark.parametrize("min_delay, crawl_delay, cap, expected", [
    (1.0, None, 30, 1.0), (1.0, 5, 30, 5.0), (1.0, 0.2, 30, 1.0), (1.0, 600, 30, 30.0),
])
def test_request_interval(min_delay, crawl_delay, cap, expected):
    assert request_interval(min_delay, crawl_delay, cap) == expected


@pytest.mark.parametrize("header, expected", [
    ("120", 120.0), (None, None), ("soon", None), ("Wed, 09 Dec 2026 10:00:30 GMT", 30.0),
])
def test_parse_retry_after(header, expected):
    now = datetime(2026, 12, 9, 10, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after(header, now) == expected


@pytest.mark.parametrize("attempt, retry_after, expected", [(1, None, 2.0), (2, None, 4.0), (3, None, 8.0),
                                                           (1, 7.0, 7.0), (1, 999.0, 120.0)])
def test_retry_delay(attempt, retry_after, expected):
    assert retry_delay(attempt, 2.0, retry_after, 120.0) == expected


def test_host_clock_spaces_requests_per_host():
    t = [0.0]
    slept = []
    clock = HostClock(sleep=lambda s: (slept.append(s), t.__setitem__(0, t[0] + s)), now=lambda: t[0])
    clock.wait_turn("a", 1.0)
    clock.wait_turn("a", 1.0)
    clock.wait_turn("b", 1.0)  # another host does not wait for a
    clock.push_back("a", 10.0)
    clock.wait_turn("a", 1.0)
    assert slept == [1.0, 10.0]


ROBOTS = """User-agent: *
Disallow: /intern/
Disallow: /*?print=
Crawl-delay: 3

User-agent: planmine
Disallow: /sok/
Crawl-delay: 2
Sitemap: https://www.testvik.kommune.no/sitemap.xml
"""


@pytest.mark.parametrize("agent, url, allowed", [
    ("planmine", "https://www.testvik.kommune.no/sok/plan", False),
    ("planmine", "https://www.testvik.kommune.no/intern/x", True),  # our own group replaces '*'
    ("otherbot", "https://www.testvik.kommune.no/intern/x", False),
    ("otherbot", "https://www.testvik.kommune.no/planer?print=1", False),
    ("otherbot", "https://www.testvik.kommune.no/planer/", True),
])
def test_robots_rules(agent, url, allowed):
    assert parse_robots(ROBOTS, agent).allowed(url) is allowed


def test_robots_delay_and_sitemaps():
    p = parse_robots(ROBOTS, "planmine")
    assert p.crawl_delay == 2.0 and p.sitemaps == ["https://www.testvik.kommune.no/sitemap.xml"]
    assert parse_robots(ROBOTS, "otherbot").crawl_delay == 3.0


@pytest.mark.parametrize("url, site", [
    ("https://www.bodo.kommune.no/planer", "bodo.kommune.no"),
    ("https://innsyn.bodo.kommune.no/x", "bodo.kommune.no"),
    ("https://www.vefsn.no/", "vefsn.no"),
    ("http://127.0.0.1:8080/a", "127.0.0.1:8080"),
])
def test_site_of(url, site):
    assert site_of(url) == site


def test_same_site_and_normalise():
    assert same_site("https://innsyn.bodo.kommune.no/x", "https://www.bodo.kommune.no/")
    assert not same_site("https://www.narvik.kommune.no/", "https://www.bodo.kommune.no/")
    assert normalise("../b.pdf#side=3", "HTTPS://WWW.Bodo.kommune.no:443/planer/a/") == \
        "https://www.bodo.kommune.no/planer/b.pdf"
    assert normalise("mailto:post@bodo.kommune.no") is None and normalise("javascript:void(0)") is None


@pytest.mark.parametrize("host, restricted", [
    ("127.0.0.1", True), ("10.1.2.3", True), ("192.168.0.1", True), ("169.254.169.254", True),
    ("::1", True), ("8.8.8.8", False),
])
def test_restricted_addresses(host, restricted):
    assert is_restricted_address(host) is restricted


@pytest.mark.parametrize("url, text, positive", [
    ("https://k.no/planer-og-strategier/", "Planer og strategier", True),
    ("https://k.no/dokument/123", "Kommuneplanens samfunnsdel 2024–2036", True),
    ("https://k.no/planar-og-strategiar/", "", True),
    ("https://k.no/kalender?month=2026-01", "Neste måned", False),
    ("https://k.no/arrangementer/konsert", "Konsert", False),
])
def test_plan_score(url, text, positive):
    assert (plan_score(url, text) > 0) is positive


def test_samfunnsdel_ranks_above_generic_plan_pages():
    assert plan_score("https://k.no/a", "Kommuneplanens samfunnsdel") > plan_score("https://k.no/b", "Planer")


@pytest.mark.parametrize("header, name", [
    ('attachment; filename="planstrategi-2024.pdf"', "planstrategi-2024.pdf"),
    ("attachment; filename*=UTF-8''samfunnsdel%20h%C3%B8ring.pdf", "samfunnsdel høring.pdf"),
    ('attachment; filename="../../etc/passwd"', "passwd"),
    (None, None),
])
def test_disposition_filename(header, name):
    assert disposition_filename(header) == name


def test_links_sitemaps_and_publications():
    html = ("<base href='https://k.no/planer/'><a href='samfunnsdel.pdf'>Samfunnsdelen <b>PDF</b></a>"
            "<a href='bilde.jpg'>Bilde</a><a href='#top'>Til toppen</a>")
    assert extract_links(html, "https://k.no/x") == [("https://k.no/planer/samfunnsdel.pdf", "Samfunnsdelen PDF"),
                                                    ("https://k.no/planer/", "Til toppen")]
    pages, nested = parse_sitemap(b'<urlset><url><loc>https://k.no/a</loc></url></urlset>')
    assert pages == ["https://k.no/a"] and nested == []
    assert parse_sitemap(b"<not xml") == ([], [])
    shell = "<script>load('content/index.json')</script>"
    assert webpub_refs(shell, "https://pub.k.no/plan/") == ["https://pub.k.no/plan/content/index.json"]
    assert json_refs({"s": [{"src": "content/k1.json"}]}, "https://pub.k.no/plan/") == ["https://pub.k.no/plan/content/k1.json"]
    title, text = json_text({"heading": "Mål", "body": "<p>Vi skal samskape tjenestene med brukerne.</p>"})
    assert title == "Mål" and "samskape tjenestene" in text and "<p>" not in text
    assert is_pdf(b"\n%PDF-1.7 ...")
    assert not is_pdf(b"<html>" + b" " * 2000 + b"<p>Last ned %PDF-filen</p></html>")


def test_bounded_decoder_stops_gzip_bomb_without_inflating_it():
    bomb = gzip.compress(b"\0" * 20_000_000)
    dec = BoundedDecoder("gzip", 1_000_000, "http://t/")
    with pytest.raises(TooLarge, match="max_body_bytes=1000000"):
        for i in range(0, len(bomb), 4096):
            dec.feed(bomb[i:i + 4096])
    assert dec.size <= 1_000_001


def test_bounded_decoder_passes_normal_bodies():
    data = b"%PDF-1.4 " * 1000
    for enc, payload in (("", data), ("gzip", gzip.compress(data)), ("deflate", zlib.compress(data))):
        dec = BoundedDecoder(enc, 1_000_000, "http://t/")
        assert b"".join(dec.feed(payload[i:i + 100]) for i in range(0, len(payload), 100)) == data
