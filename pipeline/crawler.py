"""Crawl one municipal site for its plans: ranked, bounded, conditional; no database access here.

A plan is found as a PDF (whatever the URL or Content-Type claims), as an HTML page, as an HTML
plan split over child pages under one path, or as a web publication whose sections are JSON
files under `content/`. The last two are assembled into one Markdown document with
`<!-- seksjon N -->` markers, so every plan reaches the parser as one file.
"""

from __future__ import annotations

import heapq
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import docstore
from .analyse import now_utc
from .crawl_settings import CrawlSettings
from .discovery import (PDF_HINT, disposition_filename, extract_links, is_html, is_pdf, json_refs, json_text,
                        load_json, parse_sitemap, plan_score, webpub_refs)
from .fetching import Fetched, Fetcher, HostUnavailable
from .html import html_main_text
from .politeness import HostClock
from .urls import host_of, same_site

log = logging.getLogger(__name__)

PLAN_TITLE = re.compile(r"samfunnsdel|samfunnsplan|planstrategi|planprogram|kommuneplan(?:en|ens)?\b|temaplan|"
                        r"kommunedelplan", re.I)
INDEX_TITLE = re.compile(r"planer og strategier|planar og strategiar|oversikt over planer|alle planer", re.I)
MIN_PLAN_SCORE = 4.0       # a PDF is kept when its link, URL or file name scores at least this
MIN_SINGLE_PAGE_CHARS = 1500


@dataclass(frozen=True)
class Site:
    """One row of the sources CSV."""

    kommunenummer: str
    kommune: str | None
    start_url: str


@dataclass(frozen=True)
class KnownUrl:
    """What the last crawl stored about a URL: validators for conditional requests, the body's place."""

    etag: str | None
    last_modified: str | None
    sha256: str | None
    path: str | None


@dataclass
class FoundDocument:
    """A plan document found on a site; `changed` is False when it is the same as last time."""

    kommunenummer: str
    kommune: str | None
    url: str
    path: Path
    sha256: str
    title: str | None
    kind: str
    fetched_at: datetime
    changed: bool


@dataclass
class SiteResult:
    """Everything one site's crawl produced."""

    site: Site
    fetches: list[Fetched] = field(default_factory=list)
    state: dict[str, KnownUrl] = field(default_factory=dict)
    documents: list[FoundDocument] = field(default_factory=list)
    skipped: str | None = None
    requests: int = 0


@dataclass(order=True)
class _Item:
    priority: float
    seq: int
    url: str = field(compare=False)
    depth: int = field(compare=False)
    text: str = field(compare=False, default="")
    role: str = field(compare=False, default="page")  # page, sitemap, child, json


def _title_from(text: str, url: str, filename: str | None) -> str | None:
    text = re.sub(r"\(?\b(?:pdf|PDF)\b[^)]*\)?", "", text or "").strip(" -–|")
    if len(text) >= 8:
        return text
    if filename:
        return re.sub(r"[_\-]+", " ", filename.rsplit(".", 1)[0]).strip() or None
    return unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]) or None


class SiteCrawl:
    """State of one site's crawl; run() does the work."""

    def __init__(self, site: Site, settings: CrawlSettings, known: dict[str, KnownUrl],
                 clock: HostClock | None = None) -> None:
        self.site, self.s, self.known = site, settings, known
        self.fetcher = Fetcher(settings, site.start_url, clock)
        self.result = SiteResult(site=site)
        self.frontier: list[_Item] = []
        self.seen: set[str] = set()
        self.seq = 0
        self.bodies: dict[str, bytes] = {}
        self.roots: dict[str, tuple[str | None, list[str]]] = {}   # multi-page HTML plans
        self.webpubs: dict[str, tuple[str | None, list[str]]] = {}  # shells and their JSON sections
        self.json_root: dict[str, str] = {}  # JSON section -> its shell page (paths inside are relative to it)

    # -- frontier ---------------------------------------------------------------------------
    def push(self, url: str, depth: int, priority: float, text: str = "", role: str = "page") -> None:
        if url in self.seen or depth > self.s.max_depth:
            return
        self.seq += 1
        heapq.heappush(self.frontier, _Item(-priority, self.seq, url, depth, text, role))

    def _enqueue_links(self, links: list[tuple[str, str]], depth: int) -> None:
        for url, text in links:
            if not same_site(url, self.site.start_url):
                continue  # other sites are never requested
            score = plan_score(url, text)
            if score < 0 or (score == 0 and depth >= 2):
                continue
            self.push(url, depth + 1, score * 10 - depth * 5, text)

    # -- fetching ---------------------------------------------------------------------------
    def _validators(self, url: str) -> tuple[str | None, str | None] | None:
        k = self.known.get(url)
        if k and k.path and Path(k.path).exists():
            return (k.etag, k.last_modified)
        return None

    def _get(self, url: str) -> tuple[Fetched, bytes | None]:
        res = self.fetcher.fetch(url, self._validators)
        self.result.fetches.append(res)
        body: bytes | None = None
        if res.status == 304:
            k = self.known.get(res.final_url)
            if k and k.path:
                body = Path(k.path).read_bytes()
                self.result.state[url] = self.result.state[res.final_url] = k
        elif res.ok and res.body is not None:
            body = res.body
            suffix = ".pdf" if is_pdf(body) else (".html" if is_html(body) else ".bin")
            sha, path = docstore.put(self.s.corpus_dir, body, suffix)
            self.result.state[url] = self.result.state[res.final_url] = KnownUrl(res.etag, res.last_modified, sha,
                                                                                 str(path))
            res.body = None  # it is on disk now: a crawl's memory must not grow with the sites it has seen
        return res, body

    def _changed(self, url: str, sha: str) -> bool:
        k = self.known.get(url)
        return k is None or k.sha256 != sha

    # -- the crawl --------------------------------------------------------------------------
    def run(self) -> SiteResult:
        start = self.site.start_url
        try:
            policy = self.fetcher.policy(start)
        except HostUnavailable as exc:
            self.result.skipped = str(exc)
            self.result.fetches = self.fetcher.robots_fetches + [
                Fetched(url=start, final_url=start, status=None, error=exc.reason, message=str(exc))]
            self.result.requests = self.fetcher.requests
            self.fetcher.close()
            return self.result
        self.push(start, 0, 1000)
        origin = f"{urlsplit(start).scheme}://{host_of(start)}"
        for sm in policy.sitemaps or [f"{origin}/sitemap.xml"]:
            if same_site(sm, start):
                self.push(sm, 1, 500, role="sitemap")
        try:
            while self.frontier and self.fetcher.requests < self.s.max_pages_per_site:
                item = heapq.heappop(self.frontier)
                if item.url in self.seen:
                    continue
                self.seen.add(item.url)
                res, body = self._get(item.url)
                if body is None:
                    continue
                self._handle(item, res, body)
            self._assemble()
        finally:
            self.result.requests = self.fetcher.requests
            self.result.fetches = self.fetcher.robots_fetches + self.result.fetches
            self.fetcher.close()
        return self.result

    def _handle(self, item: _Item, res: Fetched, body: bytes) -> None:
        if item.role == "sitemap":
            pages, nested = parse_sitemap(body)
            for sm in nested:
                if same_site(sm, self.site.start_url):
                    self.push(sm, item.depth, 400, role="sitemap")
            self._enqueue_links([(u, "") for u in pages], 0)
            return
        if item.role == "json":
            self.bodies[item.url] = body
            root = self.json_root.get(item.url, item.url)
            for ref in json_refs(load_json(body), root):
                self.json_root.setdefault(ref, root)
                self.push(ref, item.depth, 900, role="json")
            return
        if is_pdf(body):
            self._pdf(item, res, body)
            return
        if not is_html(body):
            return
        if urlsplit(item.url).path.lower().endswith(".pdf") or (item.role == "page" and PDF_HINT.search(item.text)):
            # a login or error page behind a document link: not a PDF, and not a page worth reading
            res.error, res.message = "not-a-pdf", f"a PDF link returned HTML, not a PDF ({item.url})"
            return
        self._html(item, res, body)

    def _pdf(self, item: _Item, res: Fetched, body: bytes) -> None:
        name = disposition_filename(res.content_disposition)
        score = plan_score(item.url, f"{item.text} {name or ''}")
        if score < MIN_PLAN_SCORE and item.role != "child":
            log.info("PDF without plan words skipped: %s", item.url)
            return
        sha = self.result.state[item.url].sha256 or ""
        path = Path(self.result.state[item.url].path or "")
        if any(d.sha256 == sha for d in self.result.documents):
            return  # the same file under a second link (often an old URL that redirects)
        self.result.documents.append(FoundDocument(
            self.site.kommunenummer, self.site.kommune, item.url, path, sha, _title_from(item.text, item.url, name),
            "pdf", res.fetched_at, self._changed(item.url, sha)))

    def _html(self, item: _Item, res: Fetched, body: bytes) -> None:
        html = body.decode("utf-8", "replace")
        base = res.final_url
        links = extract_links(html, base)
        self.bodies[item.url] = body
        refs = webpub_refs(html, base)
        if refs and item.role == "page":
            title, _ = html_main_text(html)
            self.webpubs[item.url] = (title, refs)
            for ref in refs:
                self.json_root.setdefault(ref, item.url)
                self.push(ref, item.depth, 900, role="json")
            return
        if item.role == "child":
            return
        title, main = html_main_text(html)
        if title and PLAN_TITLE.search(title) and not INDEX_TITLE.search(title):
            prefix = urlsplit(item.url).path.rstrip("/") + "/"
            children = [u for u, _ in links if host_of(u) == host_of(item.url) and urlsplit(u).path.startswith(prefix)
                        and urlsplit(u).path != prefix]
            if len(children) >= 2:
                self.roots[item.url] = (title, children)
                for child in children:
                    self.push(child, item.depth, 800, role="child")
                return
            if len(main) >= MIN_SINGLE_PAGE_CHARS:
                k = self.result.state[item.url]
                self.result.documents.append(FoundDocument(
                    self.site.kommunenummer, self.site.kommune, item.url, Path(k.path or ""), k.sha256 or "", title,
                    "html", res.fetched_at, self._changed(item.url, k.sha256 or "")))
        self._enqueue_links(links, item.depth)

    # -- assembly ---------------------------------------------------------------------------
    def _store_assembled(self, url: str, title: str | None, sections: list[str], kind: str) -> None:
        sections = [s for s in sections if s.strip()]
        if not sections:
            return
        text = f"# {title or url}\n\n" + "".join(f"<!-- seksjon {i} -->\n\n{s}\n\n" for i, s in enumerate(sections, 1))
        sha, path = docstore.put(self.s.corpus_dir, text.encode("utf-8"), ".md")
        previous = self.known.get(f"assembled:{url}")
        self.result.state[f"assembled:{url}"] = KnownUrl(None, None, sha, str(path))
        self.result.documents.append(FoundDocument(
            self.site.kommunenummer, self.site.kommune, url, path, sha, title, kind, now_utc(),
            previous is None or previous.sha256 != sha))

    def _assemble(self) -> None:
        for url, (title, children) in self.roots.items():
            root_text = html_main_text(self.bodies[url].decode("utf-8", "replace"))[1]
            sections = [root_text] if len(root_text) >= 200 else []
            for child in children:
                if child in self.bodies:
                    sections.append(html_main_text(self.bodies[child].decode("utf-8", "replace"))[1])
            self._store_assembled(url, title, sections, "html-multipage")
        for url, (title, refs) in self.webpubs.items():
            order: list[str] = []
            todo = list(refs)
            while todo:  # sections in the order the index names them
                ref = todo.pop(0)
                if ref in order or ref not in self.bodies:
                    continue
                order.append(ref)
                todo = json_refs(load_json(self.bodies[ref]), url) + todo
            sections = []
            for ref in order:
                sec_title, text = json_text(load_json(self.bodies[ref]))
                if text and text != sec_title:
                    sections.append(text)
                elif sec_title and not title:
                    title = sec_title
            self._store_assembled(url, title, sections, "webpub")


def crawl_site(site: Site, settings: CrawlSettings, known: dict[str, KnownUrl],
               clock: HostClock | None = None) -> SiteResult:
    """Crawl one site within its budget and return its fetches, validators and plan documents."""
    return SiteCrawl(site, settings, known, clock).run()
