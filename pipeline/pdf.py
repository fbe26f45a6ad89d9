"""Read PDF pages with pdfplumber into raw page texts in reading order.

Words are grouped into lines by position; a page with two text columns is read column by
column (full-width lines such as headings stay where they are); a wide vertical gap between
lines becomes a blank line, so paragraphs survive for context windows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from .errors import CorruptPdf, EncryptedPdf, ImageOnlyPdf

log = logging.getLogger(__name__)

LINE_TOLERANCE = 3.0  # points: words whose tops differ less than this share a line
MARGIN_BAND = 0.09  # top and bottom share of the page height where running headers/footers live


@dataclass
class PdfPages:
    """Raw page texts of one PDF plus what the reader noticed."""

    pages: list[str]
    title: str | None = None
    image_only_pages: list[int] = field(default_factory=list)
    ocr_pages: dict[int, float] = field(default_factory=dict)  # page -> OCR confidence (0-1)
    plumber_pages: list[int] = field(default_factory=list)  # pages the pdfium path left to pdfplumber
    failed_pages: list[int] = field(default_factory=list)
    truncated: bool = False


def _group_lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(w["top"] - lines[-1][0]["top"]) <= LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    for ln in lines:
        ln.sort(key=lambda w: w["x0"])
    return lines


def find_column_gap(lines: list[list[dict[str, Any]]], width: float) -> float | None:
    """The x of a gutter between two text columns, or None for a single-column page.

    A gutter is an x in the middle of the page that (almost) no word covers while many lines
    have words on both sides of it.
    """
    if len(lines) < 4:  # prose lines almost all cross the middle: four that do not are a gutter
        return None
    scored: list[tuple[float, float]] = []
    x = width * 0.3
    while x <= width * 0.7:
        crossing = sum(1 for ln in lines if any(w["x0"] - 1 < x < w["x1"] + 1 for w in ln))
        both = sum(1 for ln in lines if ln[0]["x1"] < x and ln[-1]["x0"] > x)
        # running headers, footers and full-width headings cross the gutter: allow a few
        if crossing <= 0.15 * len(lines) and both >= 0.3 * len(lines):
            scored.append((x, both - 3 * crossing))
        x += 2.0
    if not scored:
        return None
    top = max(score for _, score in scored)
    # the middle of the widest run of best positions: the first one may sit inside a column's ragged edge
    runs: list[list[float]] = []
    for x, score in scored:
        if score == top and runs and x - runs[-1][-1] <= 2.01:
            runs[-1].append(x)
        elif score == top:
            runs.append([x])
    widest = max(runs, key=len)
    return (widest[0] + widest[-1]) / 2


def _line_text(words: list[dict[str, Any]]) -> str:
    return " ".join(w["text"] for w in words)


def _with_paragraph_breaks(lines: list[list[dict[str, Any]]]) -> list[str]:
    """Line texts, with a blank line where the vertical gap is larger than normal leading."""
    out: list[str] = []
    prev = None
    for ln in lines:
        top = min(w["top"] for w in ln)
        bottom = max(w["bottom"] for w in ln)
        if prev is not None:
            height = max(prev[1] - prev[0], 1.0)
            if top - prev[1] > 0.7 * height:
                out.append("")
        out.append(_line_text(ln))
        prev = (top, bottom)
    return out


def _in_margin(line: list[dict[str, Any]], height: float) -> bool:
    return line[0]["top"] < MARGIN_BAND * height or line[0]["bottom"] > (1 - MARGIN_BAND) * height


def order_lines(lines: list[list[dict[str, Any]]], gap: float | None, height: float = 842.0) -> list[str]:
    """Lines in reading order: a two-column band is read left column first, then right.

    Lines in the top and bottom margin bands (headers, footers) are never split into columns.
    """
    if gap is None:
        return _with_paragraph_breaks(lines)
    out: list[str] = []
    left: list[list[dict[str, Any]]] = []
    right: list[list[dict[str, Any]]] = []

    def flush() -> None:
        if left or right:
            out.extend(_with_paragraph_breaks(left))
            out.append("")
            out.extend(_with_paragraph_breaks(right))
            out.append("")
            left.clear()
            right.clear()

    for ln in lines:
        if _in_margin(ln, height) or any(w["x0"] < gap < w["x1"] for w in ln):
            flush()  # a full-width line (heading, header, footer) ends the column band
            out.append(_line_text(ln))
            continue
        lw = [w for w in ln if w["x1"] <= gap]
        rw = [w for w in ln if w["x0"] >= gap]
        if lw:
            left.append(lw)
        if rw:
            right.append(rw)
    flush()
    return out


def page_text(page: Any) -> str:
    """One pdfplumber page as raw text in reading order."""
    words = page.extract_words(x_tolerance=2, y_tolerance=2, keep_blank_chars=False)
    if not words:
        return ""
    lines = _group_lines(words)
    height = float(page.height)
    gap = find_column_gap([ln for ln in lines if not _in_margin(ln, height)], float(page.width))
    if gap is not None and page.find_tables():
        # A ruled table has a gutter too; only prose columns are re-ordered.
        gap = None
    return "\n".join(order_lines(lines, gap, height))


def caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """True when exc is, wraps or was raised during an exception of `kind`.

    pdfplumber re-raises pdfminer's errors as PdfminerException(original).
    """
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind) or any(isinstance(a, kind) for a in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _open_error(src: str, exc: Exception, what: str) -> Exception:
    if caused_by(exc, PDFPasswordIncorrect):
        return EncryptedPdf(src, "encrypted PDF: a password is needed to read it")
    return CorruptPdf(src, f"{what} ({type(exc).__name__}: {exc})")


def read_pdf(path: Path, max_pages: int = 2000, ocr_language: str | None = None) -> PdfPages:
    """Extract raw page texts of the PDF at `path` (errors name the file and the reason).

    Image-only pages are OCR-ed when `ocr_language` is given (Tesseract installed), else flagged.
    """
    src = str(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many types for broken files
        raise _open_error(src, exc, "not a readable PDF") from exc
    with pdf:
        try:
            n = len(pdf.pages)
        except Exception as exc:
            raise _open_error(src, exc, "cannot read the page tree") from exc
        result = PdfPages(pages=[], truncated=n > max_pages)
        meta_title = (pdf.metadata or {}).get("Title")
        if isinstance(meta_title, bytes):
            meta_title = meta_title.decode("utf-8", "ignore")
        result.title = str(meta_title).strip() if meta_title else None
        for i, page in enumerate(pdf.pages[:max_pages], start=1):
            try:
                text = page_text(page)
                if not text.strip() and page.images:
                    result.image_only_pages.append(i)
            except Exception as exc:  # one damaged page must not lose the others
                if caused_by(exc, MemoryError):
                    raise MemoryError(f"page {i}: {exc}") from exc  # a limit, not damage: the document fails
                log.warning("%s: page %d unreadable: %s", src, i, exc)
                result.failed_pages.append(i)
                text = ""
            result.pages.append(text)
            page.close()  # frees pdfplumber's per-page caches on long documents
    if n == 0:
        raise CorruptPdf(src, "the PDF has no pages")
    if ocr_language:
        apply_ocr(result, path, ocr_language)
    if not any(p.strip() for p in result.pages):
        if result.image_only_pages:
            why = (f"and OCR (tesseract -l {ocr_language}) read no text" if ocr_language
                   else "and OCR is not available (install tesseract-ocr-nor)")
            raise ImageOnlyPdf(src, f"no text layer on any of {n} pages (scanned images) {why}")
        if result.failed_pages:
            raise CorruptPdf(src, f"none of {n} pages could be read")
    return result


def apply_ocr(result: PdfPages, path: Path, language: str) -> None:
    """Replace image-only pages by their OCR text (kept flagged when OCR reads nothing)."""
    from .ocr import ocr_page

    for i in list(result.image_only_pages):
        read = ocr_page(path, i - 1, language)
        if read.text.strip():
            result.pages[i - 1] = read.text
            result.ocr_pages[i] = round(read.confidence, 3)
            result.image_only_pages.remove(i)
