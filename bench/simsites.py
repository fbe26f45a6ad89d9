"""Simulated municipal websites for the scale benchmark: one site per loopback address.

    python bench/simsites.py N PORT          # serves N sites on PORT until killed (addresses: site_ip)

Each site has a robots.txt, a home page, a plans page, two plan PDFs (the sample corpus's, with
bytes that make them the site's own) and an HTML plan page; every response waits 20-120 ms, as a
municipal CMS does. ETag/If-None-Match give 304s. Prints "ready" when all sockets listen.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "sample"
PDFS = [p.read_bytes() for p in sorted(SAMPLE.glob("*.pdf"))]
HTML_PLAN = ("<p>Kommunen vil samskape tjenestene med innbyggerne, frivillige og næringslivet, og være "
             "tilrettelegger for nye møteplasser i lokalsamfunnet.</p>") * 12


def site_ip(i: int) -> str:
    """The loopback address of site i: 127.0.1.2, 127.0.1.3, ... (250 per /24)."""
    return f"127.0.{1 + i // 250}.{2 + i % 250}"


def page(title: str, body: str) -> bytes:
    return (f"<!DOCTYPE html><html lang='nb'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<nav class='meny'><a href='/'>Forside</a></nav><main><h1>{title}</h1>{body}</main></body></html>").encode()


def site_content(n: int) -> dict[str, tuple[str, bytes]]:
    a, b = PDFS[n % len(PDFS)], PDFS[(n + 3) % len(PDFS)]
    return {
        "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /sok/\n"),
        "/": ("text/html", page(f"Kommune {n}", "<a href='/planer-og-strategier/'>Planer og strategier</a> "
                                               "<a href='/sok/'>Søk</a> <a href='/kontakt/'>Kontakt</a>")),
        "/planer-og-strategier/": ("text/html", page("Planer og strategier", (
            "<a href='/dok/samfunnsdel.pdf'>Kommuneplanens samfunnsdel (PDF)</a> "
            "<a href='/dok/planstrategi.pdf'>Planstrategi (PDF)</a> "
            "<a href='/planer/temaplan-frivillighet/'>Temaplan for frivillighet</a>"))),
        "/dok/samfunnsdel.pdf": ("application/pdf", a + f"\n%site {n} a\n".encode()),
        "/dok/planstrategi.pdf": ("application/pdf", b + f"\n%site {n} b\n".encode()),
        "/planer/temaplan-frivillighet/": ("text/html", page(f"Temaplan for frivillighet {n}", HTML_PLAN)),
        "/kontakt/": ("text/html", page("Kontakt", "<p>Sentralbord</p>")),
    }


def handler(n: int):  # type: ignore[no-untyped-def]
    content = site_content(n)
    etags = {path: '"' + hashlib.sha256(body).hexdigest()[:16] + '"' for path, (_, body) in content.items()}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        lines = head.decode("latin-1").split("\r\n")
        path = lines[0].split(" ")[1].split("?")[0]
        headers = {k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
        await asyncio.sleep(random.uniform(0.02, 0.12))
        if path in content:
            ctype, body = content[path]
            if headers.get("if-none-match") == etags[path]:
                status, body = "304 Not Modified", b""
            else:
                status = "200 OK"
            extra = f"ETag: {etags[path]}\r\n"
        else:
            status, ctype, body, extra = "404 Not Found", "text/html", page("Ikke funnet", ""), ""
        writer.write(f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n{extra}"
                     "Connection: close\r\n\r\n".encode() + body)
        try:
            await writer.drain()
        finally:
            writer.close()

    return handle


async def main(count: int, port: int) -> None:
    servers = [await asyncio.start_server(handler(i), site_ip(i), port, backlog=64) for i in range(count)]
    print("ready", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
