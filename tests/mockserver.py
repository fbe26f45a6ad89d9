"""A hostile local municipal website for crawler tests (127.0.0.1, port 0), with a request log.

It serves plans as a PDF, as an octet-stream download with a Content-Disposition name, as an
HTML plan over child pages and as a JSON-filled web publication; and the traps: robots.txt
rules, an endless calendar, redirects (one to a link-local address), a 503 then 200, a login
page behind a .pdf link, an oversized download (declared and undeclared), a slow drip and a
gzip bomb. ETag/Last-Modified validators give 304 on conditional requests.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "sample"
LAST_MODIFIED = "Mon, 02 Dec 2024 08:00:00 GMT"


@dataclass
class Logged:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    at: float
    status: int = 0


@dataclass
class SiteConfig:
    """Knobs of the hostile site."""

    robots: str | None = None          # None: the default rules below
    robots_status: int = 200
    crawl_delay: float = 0.05
    drip_seconds: float = 0.25         # pause between single bytes of the slow download
    big_bytes: int = 3_000_000
    fail_first: set[str] = field(default_factory=lambda: {"/dokumenter/planprogram.pdf"})


def _page(title: str, body: str) -> bytes:
    return (f"<!DOCTYPE html><html lang='nb'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<header><nav class='meny'><a href='/'>Forside</a> <a href='/kalender?month=2026-01'>Kalender</a></nav>"
            f"</header><main><h1>{title}</h1>{body}</main><footer>Testvik kommune</footer></body></html>").encode()


LONG_PARAGRAPH = ("<p>Testvik kommune vil samskape med innbyggerne, frivillige og næringslivet. Kommunen skal være "
                  "tilrettelegger, og lag og foreninger skal få enkel tilgang til lokaler. </p>") * 6


@lru_cache(maxsize=1)
def _bomb() -> bytes:
    """50 MB of zeros in about 50 KB of gzip."""
    return gzip.compress(b"%PDF-1.4\n" + b"\0" * 50_000_000, compresslevel=9)


class Site:
    """Routes and request log of one hostile site."""

    def __init__(self, config: SiteConfig | None = None) -> None:
        self.config = config or SiteConfig()
        self.log: list[Logged] = []
        self.lock = threading.Lock()
        self.served_once: set[str] = set()
        self.base = ""
        self.samfunnsdel = (SAMPLE / "9901_fjordvik_samfunnsdel_2024-2036.pdf").read_bytes()
        self.planstrategi = (SAMPLE / "9901_fjordvik_planstrategi_2024-2027.pdf").read_bytes()
        self.planprogram = (SAMPLE / "9905_vestmark_planprogram_samfunnsdel_2025.pdf").read_bytes()

    def robots(self) -> str:
        if self.config.robots is not None:
            return self.config.robots
        return ("User-agent: *\nDisallow: /intern/\nDisallow: /*?print=\n"
                f"Crawl-delay: {self.config.crawl_delay}\nSitemap: {self.base}/sitemap.xml\n")

    def route(self, path: str, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes | None]:
        c = self.config
        if path == "/robots.txt":
            return c.robots_status, {"Content-Type": "text/plain"}, self.robots().encode()
        if path == "/sitemap.xml":
            urls = ["/", "/planer-og-strategier/", "/intern/skjult-plan.pdf", "/kalender?month=2026-03"]
            body = "".join(f"<url><loc>{self.base}{u}</loc></url>" for u in urls)
            return 200, {"Content-Type": "application/xml"}, (
                f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>').encode()
        if path == "/":
            return 200, {}, _page("Testvik kommune", (
                "<a href='/planer-og-strategier/'>Planer og strategier</a> <a href='/politikk/'>Politikk</a> "
                "<a href='/intern/rapport'>Intern</a> <a href='/aktiviteter/2026/01/'>Aktiviteter</a> "
                f"<a href='{self.offsite}'>Nabokommunen</a> <a href='/gammel-samfunnsdel'>Gammel lenke til samfunnsdelen</a> "
                "<a href='/videre-plan'>Plan hos partner</a> <a href='/kontakt'>Kontakt</a>"))
        if path == "/politikk/":
            return 200, {}, _page("Politikk", "<a href='/planer-og-strategier/'>Planer</a> <a href='/'>Hjem</a>")
        if path.startswith("/aktiviteter/"):  # an endless archive without trap words in its URLs
            parts = [p for p in path.split("/") if p]
            year, month = int(parts[1]), int(parts[2])
            nxt = f"/aktiviteter/{year + (month // 12)}/{month % 12 + 1:02d}/"
            return 200, {}, _page(f"Aktiviteter {year}-{month}", f"<a href='{nxt}'>Neste måned</a>")
        if path == "/kalender":
            month = query.get("month", ["2026-01"])[0]
            y, m = map(int, month.split("-"))
            nxt = f"{y + m // 12}-{m % 12 + 1:02d}"
            return 200, {}, _page(f"Kalender {month}", f"<a href='/kalender?month={nxt}'>Neste</a>")
        if path == "/gammel-samfunnsdel":
            return 301, {"Location": "/dokumenter/kommuneplanens-samfunnsdel-2024-2036.pdf"}, b""
        if path == "/videre-plan":
            return 302, {"Location": "http://169.254.169.254/latest/meta-data/plan.pdf"}, b""
        if path == "/planer-og-strategier/":
            links = [
                ("/dokumenter/kommuneplanens-samfunnsdel-2024-2036.pdf", "Kommuneplanens samfunnsdel 2024–2036 (PDF)"),
                ("/api/fil?id=17", "Planstrategi 2024–2027"),
                ("/dokumenter/kommuneplan-2010.pdf", "Kommuneplan 2010 (PDF)"),
                ("/planer/samfunnsdelen/", "Samfunnsdelen på nett"),
                ("/publikasjon/temaplan-helse/", "Temaplan helse og omsorg (nettpublikasjon)"),
                ("/dokumenter/planprogram.pdf", "Planprogram for kommuneplanen (PDF)"),
                ("/dokumenter/arealplan-stor.pdf", "Kommuneplanens arealdel, kart (PDF)"),
                ("/dokumenter/kommuneplan-vedlegg.pdf", "Kommuneplan vedlegg (PDF)"),
                ("/dokumenter/kommuneplan-treg.pdf", "Kommuneplan, treg server (PDF)"),
                ("/dokumenter/kommuneplan-komprimert.pdf", "Kommuneplan komprimert (PDF)"),
                ("/intern/planutkast.pdf", "Internt planutkast (PDF)"),
                ("/planer-og-strategier/?print=1", "Skriv ut planoversikten"),
            ]
            return 200, {}, _page("Planer og strategier", " ".join(f"<a href='{u}'>{t}</a>" for u, t in links))
        if path == "/dokumenter/kommuneplanens-samfunnsdel-2024-2036.pdf":
            return 200, {"Content-Type": "application/pdf"}, self.samfunnsdel
        if path == "/api/fil":
            return 200, {"Content-Type": "application/octet-stream",
                         "Content-Disposition": 'attachment; filename="planstrategi-2024-2027.pdf"'}, self.planstrategi
        if path == "/dokumenter/kommuneplan-2010.pdf":
            return 200, {"Content-Type": "application/pdf"}, _page("Logg inn", "<form>Brukernavn</form>")
        if path == "/dokumenter/planprogram.pdf":
            if path in c.fail_first and path not in self.served_once:
                self.served_once.add(path)
                return 503, {"Retry-After": "1"}, b"busy"
            return 200, {"Content-Type": "application/pdf"}, self.planprogram
        if path == "/dokumenter/arealplan-stor.pdf":
            return 200, {"Content-Type": "application/pdf", "X-Big": "declared"}, b"%PDF-1.4\n" + b"0" * c.big_bytes
        if path == "/dokumenter/kommuneplan-vedlegg.pdf":
            return 200, {"Content-Type": "application/pdf", "X-Stream": "chunked"}, b"%PDF-1.4\n" + b"1" * c.big_bytes
        if path == "/dokumenter/kommuneplan-treg.pdf":
            return 200, {"Content-Type": "application/pdf", "X-Drip": "1"}, self.planprogram
        if path == "/dokumenter/kommuneplan-komprimert.pdf":
            return 200, {"Content-Type": "application/pdf", "Content-Encoding": "gzip"}, _bomb()
        if path == "/planer/samfunnsdelen/":
            return 200, {}, _page("Kommuneplanens samfunnsdel 2025–2037", (
                "<ol><li><a href='/planer/samfunnsdelen/1-innledning'>Innledning</a></li>"
                "<li><a href='/planer/samfunnsdelen/2-samskaping'>Samskaping i Testvik</a></li></ol>"))
        if path == "/planer/samfunnsdelen/1-innledning":
            return 200, {}, _page("Innledning", "<p>Samfunnsdelen viser hvor Testvik skal i årene som kommer.</p>" * 3)
        if path == "/planer/samfunnsdelen/2-samskaping":
            return 200, {}, _page("Samskaping i Testvik", LONG_PARAGRAPH)
        if path == "/publikasjon/temaplan-helse/":
            shell = ("<!DOCTYPE html><html><head><title>Temaplan helse og omsorg 2025–2029</title>"
                     "<script>window.__CONTENT__ = 'content/index.json';</script></head>"
                     "<body><div id='app'>Laster ...</div></body></html>")
            return 200, {}, shell.encode()
        if path == "/publikasjon/temaplan-helse/content/index.json":
            return 200, {"Content-Type": "application/json"}, json.dumps({
                "title": "Temaplan helse og omsorg 2025–2029",
                "sections": [{"id": "kap1", "src": "content/kap1.json"}, {"id": "kap2", "src": "content/kap2.json"}],
            }).encode()
        if path == "/publikasjon/temaplan-helse/content/kap1.json":
            return 200, {"Content-Type": "application/json"}, json.dumps({
                "heading": "Mål for helse og omsorg",
                "body": "<p>Brukere og pårørende skal samskape tjenestene i hjemmetjenesten sammen med kommunen.</p>",
            }, ensure_ascii=False).encode()
        if path == "/publikasjon/temaplan-helse/content/kap2.json":
            return 200, {"Content-Type": "application/json"}, json.dumps({
                "heading": "Frivillighet",
                "body": "<p>Frivilligsentralen og lag og foreninger er viktige partnere i samskapingen om aktiviteter.</p>",
            }, ensure_ascii=False).encode()
        return 404, {}, _page("Fant ikke siden", "<p>Siden finnes ikke.</p>")

    offsite = ""


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            entry = Logged("GET", self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
            with site.lock:
                site.log.append(entry)
            status, headers, body = site.route(parts.path, parse_qs(parts.query))
            body = body or b""
            if status == 200 and "Content-Encoding" not in headers:
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED, **headers}
                if self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
            entry.status = status
            self.send_response(status)
            headers.setdefault("Content-Type", "text/html; charset=utf-8")
            drip = headers.pop("X-Drip", None)
            chunked = headers.pop("X-Stream", None)
            headers.pop("X-Big", None)
            for k, v in headers.items():
                self.send_header(k, v)
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    for i in range(0, len(body), 65536):
                        chunk = body[i:i + 65536]
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                if drip:
                    for i in range(len(body)):  # one byte at a time: never a read timeout, never done
                        self.wfile.write(body[i:i + 1])
                        self.wfile.flush()
                        time.sleep(site.config.drip_seconds)
                else:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up mid-body (size limits, deadlines) are what the tests provoke


class MockServer:
    """A running hostile site; `url` is its base, `site.log` what it saw."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.httpd = _QuietServer(("127.0.0.1", 0), _handler(site))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        site.base = self.url
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "MockServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
