"""Read PDF pages with pdfplumber into raw page texts in reading order.

Words are grouped into lines by position; a page with two text columns is read column by
column (full-width lines such as headings stay where they are); a wide vertical gap between
lines becomes a blank line, so paragraphs survive for context windows (pipeline/layout.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from .errors import CorruptPdf, EncryptedPdf, ImageOnlyPdf
from .layout import find_column_gap, group_lines, in_margin, order_lines

log = logging.getLogger(__name__)


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


def page_text(page: Any) -> str:
    """One pdfplumber page as raw text in reading order."""
    words = page.extract_words(x_tolerance=2, y_tolerance=2, keep_blank_chars=False, extra_attrs=["size"])
    if not words:
        return ""
    lines = group_lines(words)
    height = float(page.height)
    gap = find_column_gap([ln for ln in lines if not in_margin(ln, height)], float(page.width))
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
