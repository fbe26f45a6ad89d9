"""Finding plans on a municipal site: links, sitemaps, how promising a link is, what a body is."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from .urls import normalise

# Words that lead to plans, bokmål and nynorsk; weights say how directly.
PLAN_WORDS = [
    (re.compile(r"samfunnsdel"), 10), (re.compile(r"samfunnsplan"), 8), (re.compile(r"kommuneplan"), 8),
    (re.compile(r"planstrategi"), 7), (re.compile(r"planprogram"), 6),
    (re.compile(r"planer og strategier|planar og strategiar|planer og styringsdokument|styringsdokument"), 6),
    (re.compile(r"\bplan(?:er|ar|ane|ene)?\b"), 3), (re.compile(r"strategi"), 2), (re.compile(r"\bhøring|høyring"), 1),
]
# Link spaces that never end (calendars, archives by date) or lead nowhere useful.
TRAP_WORDS = re.compile(r"kalender|calendar|arrangement|event|\bmonth=|\byear=|\bdate=|\bdato=|\bside=\d{2,}|"
                        r"logg[ -]?inn|login|nyhetsarkiv|print|facebook|twitter|linkedin|mailto|tel:")
SKIP_SUFFIX = re.compile(r"\.(?:jpe?g|png|gif|svg|webp|ico|css|js|mp4|mp3|zip|docx?|xlsx?|pptx?|ics|rss|xml)$", re.I)
PDF_HINT = re.compile(r"\.pdf$|/download|getfile|/_f/|/file/|/files/|/dokument", re.I)
WEBPUB_REF = re.compile(r"""["'(]((?:\.{0,2}/)?(?:[\w.\-]+/)*content/[\w.\-/]+\.json)["')]""")


def link_words(url: str, text: str = "") -> str:
    """URL path, query and link text as lower-case words (hyphens, slashes, underscores as spaces)."""
    parts = urlsplit(url)
    raw = unquote(parts.path + " " + parts.query).lower()
    return re.sub(r"[-_/.+]", " ", raw) + " " + " ".join(text.lower().split())


def plan_score(url: str, text: str = "") -> float:
    """How strongly a link promises a plan document (0 = not at all, < 0 = a known trap)."""
    words = link_words(url, text)
    if TRAP_WORDS.search(words) or TRAP_WORDS.search(url.lower()):
        return -10.0
    return float(sum(w for rx, w in PLAN_WORDS if rx.search(words)))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "base" and a.get("href"):
            self.base = a["href"]
        if tag == "a" and a.get("href"):
            self._href, self._text = a["href"], [a.get("title") or ""]

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join(" ".join(self._text).split())))
            self._href = None


def extract_links(html: str, base_url: str) -> list[tuple[str, str]]:
    """(absolute URL, link text) of every <a href> in order, duplicates kept once."""
    p = _Links()
    try:
        p.feed(html)
        p.close()
    except Exception:  # html.parser copes with most, but a link list is never worth a crash
        pass
    base = normalise(p.base, base_url) if p.base else base_url
    seen: set[str] = set()
    out = []
    for href, text in p.links:
        url = normalise(href, base or base_url)
        if url and url not in seen and not SKIP_SUFFIX.search(urlsplit(url).path):
            seen.add(url)
            out.append((url, text))
    return out


def parse_sitemap(xml: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index; empty on broken XML."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        return [], []
    locs = [el.text.strip() for el in root.iter() if el.tag.endswith("loc") and el.text]
    if root.tag.endswith("sitemapindex"):
        return [], locs
    return locs, []


def is_pdf(body: bytes) -> bool:
    """A PDF is what starts with %PDF- (within the first KiB), whatever the URL or header says."""
    return b"%PDF-" in body[:1024]


def is_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head


def disposition_filename(header: str | None) -> str | None:
    """The file name of a Content-Disposition header (filename* preferred), without any path."""
    if not header:
        return None
    m = re.search(r"filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)", header)
    name = unquote(m.group(1)) if m else None
    if not name:
        m = re.search(r'filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;]+)', header)
        name = (m.group(1) or m.group(2)).strip() if m else None
    return re.split(r"[\\/]", name)[-1] if name else None


def webpub_refs(html: str, base_url: str) -> list[str]:
    """JSON files under a `content/` path that a web-publication shell loads its sections from."""
    out: list[str] = []
    for ref in WEBPUB_REF.findall(html):
        url = normalise(ref, base_url)
        if url and url not in out:
            out.append(url)
    return out


def json_refs(data: object, base_url: str) -> list[str]:
    """Further content/*.json files named inside a JSON document (an index of sections)."""
    found: list[str] = []

    def walk(v: object) -> None:
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, str) and v.endswith(".json") and "content/" in v:
            url = normalise(v, base_url)
            if url and url not in found:
                found.append(url)

    walk(data)
    return found


_TITLE_KEYS = {"title", "tittel", "heading", "overskrift", "name", "navn", "header"}


def json_text(data: object) -> tuple[str | None, str]:
    """(title, text) of a JSON section: headings and prose values, HTML fragments stripped."""
    from .html import html_main_text

    title: str | None = None
    lines: list[str] = []

    def walk(v: object, key: str = "") -> None:
        nonlocal title
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, k.lower())
        elif isinstance(v, list):
            for x in v:
                walk(x, key)
        elif isinstance(v, str):
            s = v.strip()
            if not s or s.endswith(".json") or re.fullmatch(r"[\w\-]+", s) and key not in _TITLE_KEYS:
                return
            if "<" in s and ">" in s:
                s = html_main_text(f"<html><body><main>{s}</main></body></html>")[1]
            if key in _TITLE_KEYS:
                title = title or s
                lines.append(s)
            elif len(s) >= 20:
                lines.append(s)

    walk(data)
    return title, "\n\n".join(lines)


def load_json(body: bytes) -> object | None:
    """Parsed JSON, or None when the body is not JSON."""
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
