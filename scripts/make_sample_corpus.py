"""Write the embedded sample corpus (corpus/sample/) from scripts/sample_texts.py.

PDFs are laid out like municipal plans: a cover, a table of contents with dot leaders, a running
header (municipality, title) and footer ("Side N av M"), words hyphenated at line ends, a
two-column page and a ruled table. Output is byte-for-byte reproducible (reportlab invariant mode).

    .venv/bin/python scripts/make_sample_corpus.py [--out corpus/sample]
"""

from __future__ import annotations

import argparse
import csv
import html
import sys
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sample_texts  # noqa: E402

W, H = A4
MARGIN = 62.0
TOP = H - 90.0
BOTTOM = 70.0
BODY_FONT, BODY_SIZE, LEADING = "Helvetica", 10.5, 14.0
HEAD_FONT, HEAD_SIZE = "Helvetica-Bold", 14.0
VOWELS = set("aeiouyæøåéAEIOUYÆØÅ")


def _is_letter(c: str) -> bool:
    return c.isalpha()


def hyphen_points(word: str) -> list[int]:
    """Where a Norwegian word may be split: V|CV and VC|C, at least three letters on each side."""
    core = word.rstrip(".,;:!?»)")
    pts = []
    for i in range(3, len(core) - 2):
        a, b, c = core[i - 1], core[i], core[i + 1]
        if not (_is_letter(a) and _is_letter(b) and _is_letter(c)) or "-" in core:
            continue
        if (a in VOWELS and b not in VOWELS and c in VOWELS) or \
           (a not in VOWELS and b not in VOWELS and core[i - 2] in VOWELS):
            pts.append(i)
    return pts


def wrap(text: str, width: float, font: str = BODY_FONT, size: float = BODY_SIZE) -> list[str]:
    """Greedy line breaking that hyphenates a long word rather than leave a ragged gap."""
    lines: list[str] = []
    cur = ""
    words = text.split()
    i = 0
    while i < len(words):
        w = words[i]
        trial = (cur + " " + w) if cur else w
        if stringWidth(trial, font, size) <= width:
            cur = trial
            i += 1
            continue
        room = width - stringWidth(cur + " ", font, size) if cur else width
        split = [p for p in hyphen_points(w) if stringWidth(w[:p] + "-", font, size) <= room]
        if split and len(w) >= 8:
            p = split[-1]
            lines.append((cur + " " if cur else "") + w[:p] + "-")
            words[i] = w[p:]
            cur = ""
            continue
        if not cur:  # a word wider than the line (a URL, say) gets a line of its own
            cur = w
            i += 1
        lines.append(cur)
        cur = ""
    if cur:
        lines.append(cur)
    return lines


@dataclass
class Page:
    """Drawing operations of one page: (kind, x, y, payload)."""

    ops: list[tuple[str, float, float, object]] = field(default_factory=list)


def layout(doc: dict) -> tuple[list[Page], list[tuple[str, int]]]:
    """Pages of the document body and (heading, page number) pairs for the table of contents."""
    pages: list[Page] = []
    toc: list[tuple[str, int]] = []
    first_body_page = 3  # 1 cover, 2 contents
    text_w = W - 2 * MARGIN
    for heading, blocks in doc["sections"]:
        page = Page()
        pages.append(page)
        toc.append((heading, first_body_page + len(pages) - 1))
        y = TOP
        page.ops.append(("heading", MARGIN, y, heading))
        y -= 28
        for block in blocks:
            if isinstance(block, str):
                lines = wrap(block, text_w)
                if y - LEADING * len(lines) < BOTTOM and len(lines) * LEADING <= TOP - BOTTOM:
                    page, y = Page(), TOP  # a paragraph that fits on a page is not split
                    pages.append(page)
                for ln in lines:
                    if y < BOTTOM:  # a longer one flows on
                        page, y = Page(), TOP
                        pages.append(page)
                    page.ops.append(("text", MARGIN, y, ln))
                    y -= LEADING
                y -= 9
            elif block[0] == "table":
                rows = block[1]
                col_w = text_w / len(rows[0])
                row_h = 20.0
                if y - row_h * len(rows) < BOTTOM:
                    page, y = Page(), TOP
                    pages.append(page)
                page.ops.append(("table", MARGIN, y + 4, (rows, col_w, row_h)))
                y -= row_h * len(rows) + 16
            elif block[0] == "twocol":
                gutter = 26.0
                col_w = (text_w - gutter) / 2
                lines: list[str] = []
                for para in block[1]:
                    lines += wrap(para, col_w) + [""]
                while lines:  # balanced columns, page after page
                    capacity = int((y - BOTTOM) / LEADING)
                    if capacity < 2:
                        page, y = Page(), TOP
                        pages.append(page)
                        continue
                    take = lines[: 2 * capacity]
                    lines = lines[2 * capacity:]
                    half = (len(take) + 1) // 2
                    for col, chunk in enumerate((take[:half], take[half:])):
                        x = MARGIN + col * (col_w + gutter)
                        yy = y
                        for ln in chunk:
                            if ln:
                                page.ops.append(("text", x, yy, ln))
                            yy -= LEADING
                    y -= LEADING * half + 9
                    if lines:
                        page, y = Page(), TOP
                        pages.append(page)
    return pages, toc


def _header_footer(c: Canvas, doc: dict, n: int, total: int) -> None:
    c.setFont("Helvetica", 8)
    c.drawString(MARGIN, H - 50, f"{doc['kommune']} kommune")
    c.drawRightString(W - MARGIN, H - 50, doc["title"])
    c.line(MARGIN, H - 56, W - MARGIN, H - 56)
    c.line(MARGIN, 48, W - MARGIN, 48)
    c.drawCentredString(W / 2, 36, f"Side {n} av {total}")


def write_pdf(doc: dict, path: Path) -> None:
    """Render one document to a PDF file."""
    pages, toc = layout(doc)
    total = 2 + len(pages)
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(doc["title"])
    c.setAuthor(f"{doc['kommune']} kommune")
    # cover
    c.setFont("Helvetica-Bold", 24)
    c.drawString(MARGIN, H - 260, doc["cover"][0])
    c.setFont("Helvetica-Bold", 18)
    c.drawString(MARGIN, H - 300, doc["cover"][1])
    c.setFont("Helvetica", 12)
    c.drawString(MARGIN, H - 330, doc["cover"][2])
    c.showPage()
    # contents, with dot leaders
    _header_footer(c, doc, 2, total)
    c.setFont(HEAD_FONT, HEAD_SIZE)
    c.drawString(MARGIN, TOP, "Innhold")
    c.setFont(BODY_FONT, BODY_SIZE)
    y = TOP - 30
    for heading, page_no in toc:
        label, num = heading, str(page_no)
        dots_w = W - 2 * MARGIN - stringWidth(label + " " + " " + num, BODY_FONT, BODY_SIZE)
        dots = "." * max(4, int(dots_w / stringWidth(".", BODY_FONT, BODY_SIZE)) - 2)
        c.drawString(MARGIN, y, f"{label} {dots}")
        c.drawRightString(W - MARGIN, y, num)
        y -= LEADING + 4
    c.showPage()
    for i, page in enumerate(pages, start=3):
        _header_footer(c, doc, i, total)
        for kind, x, y, payload in page.ops:
            if kind == "heading":
                c.setFont(HEAD_FONT, HEAD_SIZE)
                c.drawString(x, y, str(payload))
            elif kind == "text":
                c.setFont(BODY_FONT, BODY_SIZE)
                c.drawString(x, y, str(payload))
            elif kind == "table":
                rows, col_w, row_h = payload  # type: ignore[misc]
                for r, row in enumerate(rows):
                    top = y - r * row_h
                    c.setFont(HEAD_FONT if r == 0 else BODY_FONT, 9.5)
                    for k, cell in enumerate(row):
                        c.rect(x + k * col_w, top - row_h, col_w, row_h)
                        c.drawString(x + k * col_w + 5, top - row_h + 6, cell)
        c.showPage()
    c.save()


def write_html(doc: dict, path: Path) -> None:
    """A web-published plan: the text in <main>, surrounded by a municipal site's furniture."""
    esc = html.escape
    parts = [
        "<!DOCTYPE html>", '<html lang="nb">', "<head>", '<meta charset="utf-8">',
        f"<title>{esc(doc['title'])} | {esc(doc['kommune'])} kommune</title>", "</head>", "<body>",
        '<div class="cookie-banner">Vi bruker informasjonskapsler for å forbedre nettsiden. <button>Godta</button></div>',
        f'<header class="site-header"><a href="/">{esc(doc["kommune"])} kommune</a>'
        '<nav class="main-menu"><ul><li><a href="/helse">Helse og omsorg</a></li><li><a href="/skole">Skole og '
        'barnehage</a></li><li><a href="/planer">Planer og strategier</a></li><li><a href="/politikk">Politikk'
        "</a></li></ul></nav></header>",
        '<nav class="breadcrumbs"><a href="/">Forside</a> › <a href="/planer">Planer og strategier</a> › Samfunnsdelen</nav>',
        "<main><article>", f"<h1>{esc(doc['title'])}</h1>",
    ]
    for heading, blocks in doc["sections"]:
        parts.append(f"<section><h2>{esc(heading)}</h2>")
        for block in blocks:
            parts.append(f"<p>{esc(block)}</p>")
        parts.append("</section>")
    parts += [
        "</article></main>",
        '<aside class="sidebar"><h2>Relaterte sider</h2><ul><li><a href="/planer/arealdel">Arealdelen</a></li></ul></aside>',
        f'<footer class="site-footer"><p>{esc(doc["kommune"])} kommune, Rådhusveien 1. Sentralbord 12 34 56 78.</p>'
        "<p>Personvern og informasjonskapsler</p></footer>",
        "<script>window.dataLayer = [];</script>", "</body>", "</html>",
    ]
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "corpus" / "sample")
    args = ap.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    docs = sample_texts.PDF_DOCUMENTS + sample_texts.HTML_DOCUMENTS
    for doc in sample_texts.PDF_DOCUMENTS:
        write_pdf(doc, out / doc["file"])
    for doc in sample_texts.HTML_DOCUMENTS:
        write_html(doc, out / doc["file"])
    with (out / "municipalities.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["kommunenummer", "kommune", "fylke"])
        w.writerows(sample_texts.MUNICIPALITIES)
    with (out / "documents.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "kommunenummer", "kommune", "title", "source_url"])
        for doc in docs:
            slug = doc["kommune"].lower().replace("ø", "o").replace("å", "a").replace("æ", "ae")
            w.writerow([doc["file"], doc["kommunenummer"], doc["kommune"], doc["title"],
                        f"https://www.{slug}.kommune.example/planer/{doc['file']}"])
    print(f"wrote {len(docs)} documents to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
