"""The fast PDF path: pdfplumber's own pdfium backend (pypdfium2) for text segments and boxes.

pdfium hands out text as positioned line segments; they go through the same line grouping,
column detection and reading order as pdfplumber's words (pipeline/pdf.py), at many times the
speed. Anything unusual (a broken or encrypted file, a ruled table across a gutter) is left to
pdfplumber, which stays the reference reader and names the reason for a failure.
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

from .layout import MARGIN_BAND, Box, find_column_gap, group_lines, in_margin, order_lines
from .pdf import PdfPages
from .pdf import page_text as plumber_page_text


class NeedsPdfplumber(Exception):
    """This document or page is better read by pdfplumber."""


Rect = tuple[float, float, float, float]  # left, bottom, right, top in PDF points (bottom-up)


def _rects(textpage: Any, first: int, last: int, box: tuple[ctypes.c_double, ...]) -> list[Rect]:
    """Boxes (left, bottom, right, top) of the text runs between two char indexes (box: out-parameters)."""
    n = pdfium_c.FPDFText_CountRects(textpage, first, last - first + 1)
    out = []
    left, bottom, right, top = box
    for i in range(n):
        pdfium_c.FPDFText_GetRect(textpage, i, left, top, right, bottom)
        out.append((left.value, bottom.value, right.value, top.value))
    return out


def _runs(rects: list[Rect]) -> list[Rect]:
    """Runs of one line joined where no wider gap than a word space parts them.

    A wider gap (a column gutter, a table cell) keeps runs apart for the column finder; text
    drawn word by word (as some writers do) becomes one run per stretch, not one per word.
    """
    out: list[Rect] = []
    for left, bottom, right, top in sorted(rects):
        if out:
            l0, b0, r0, t0 = out[-1]
            # boxes hug the glyphs ("." sits low, "H" stands tall): one line where they overlap
            if min(t0, top) > max(b0, bottom) and left - r0 <= 0.8 * max(t0 - b0, top - bottom):
                out[-1] = (l0, min(b0, bottom), max(r0, right), max(t0, top))
                continue
        out.append((left, bottom, right, top))
    return out


def _bounded_text(textpage: Any, rect: Rect, size_hint: int) -> str:
    """The text inside a box, whitespace collapsed (one pdfium call when the buffer is big enough)."""
    left, bottom, right, top = rect
    size = size_hint + 64
    while True:
        buffer = (ctypes.c_ushort * size)()
        n = pdfium_c.FPDFText_GetBoundedText(textpage, left, top, right, bottom, buffer, size)
        if n < size:
            break
        size *= 4
    text = ctypes.string_at(buffer, 2 * max(n, 0)).decode("utf-16-le", "ignore")
    return " ".join(text.rstrip("\x00").split())  # pdfium counts the NUL it ends the text with


# pdfium ends its lines with CRLF, except where it joined a word hyphenated at a line end: there
# the line ends after its hyphen mark (U+FFFE, or 0x02 in older builds)
_LINE_END = re.compile("\r\n|(?<=[\ufffe\x02])")


def _pdfium_lines(text: str) -> list[tuple[int, str]]:
    """(text index, line) of each visual line in a pdfium page text."""
    out = []
    pos = 0
    for m in _LINE_END.finditer(text):
        out.append((pos, text[pos:m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return out


def _segments(textpage: Any, height: float) -> list[Box]:
    """Positioned text runs of a page: pdfium's lines, split into runs only where they have gaps.

    pdfium's text of a whole page is one call; a line's box costs a few calls more. Bounded text
    per run (a search over the whole page each time) is only read for lines with a wide gap in them.
    """
    text = textpage.get_text_range()
    out: list[Box] = []
    box = tuple(ctypes.c_double() for _ in range(4))
    for start, line in _pdfium_lines(text):
        flat = " ".join(line.split())
        if not flat:
            continue
        lead = len(line) - len(line.lstrip())
        first = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, start + lead)
        last = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, start + len(line.rstrip()) - 1)
        rects = _rects(textpage, first, last, box) if 0 <= first <= last else []
        runs = _runs(rects) if len(rects) > 1 else rects
        if len(runs) == 1:
            boxes = [(*runs[0], flat)]
        else:
            boxes = [(*r, _bounded_text(textpage, r, len(line))) for r in runs]
        size = pdfium_c.FPDFText_GetFontSize(textpage, first)  # the line's first character's
        for left, bottom, right, top, words in boxes:
            if words:
                out.append({"x0": left, "x1": right, "top": height - top, "bottom": height - bottom, "text": words,
                            "size": size})
    return out


def _has_images(page: Any) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def page_text(page: Any) -> tuple[str, bool]:
    """(raw text in reading order, image-only?) of one pdfium page; NeedsPdfplumber for ruled tables in columns."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        segments = _segments(textpage, height)
    finally:
        textpage.close()
    if not segments:
        return "", _has_images(page)
    lines = group_lines(segments)
    gap = find_column_gap([ln for ln in lines if not in_margin(ln, height)], width)
    if gap is not None and _rules_across(page, gap, height):
        raise NeedsPdfplumber("drawn lines across the gutter: maybe a ruled table")
    return "\n".join(order_lines(lines, gap, height)), False


def _rules_across(page: Any, gap: float, height: float) -> bool:
    """A drawn path in the page body that spans the gutter: the 'columns' may be a ruled table.

    Rules in the header and footer bands (under a running header, say) do not count.
    """
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        in_body = bottom > MARGIN_BAND * height and top < (1 - MARGIN_BAND) * height
        if in_body and left < gap < right:
            return True
    return False


def read_pdf_fast(path: Path, max_pages: int = 2000) -> PdfPages:
    """Raw page texts via pdfium; NeedsPdfplumber (or a pdfium error) means: use pdfplumber instead."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        n = len(pdf)
        if n == 0:
            raise NeedsPdfplumber("no pages")
        title = (pdf.get_metadata_dict().get("Title") or "").strip() or None
        result = PdfPages(pages=[], title=title, truncated=n > max_pages)
        plumber = None
        try:
            for i in range(min(n, max_pages)):
                page = pdf[i]
                try:
                    text, image_only = page_text(page)
                except NeedsPdfplumber:
                    if plumber is None:
                        import pdfplumber

                        plumber = pdfplumber.open(path)
                    text, image_only = plumber_page_text(plumber.pages[i]), False
                    result.plumber_pages.append(i + 1)
                finally:
                    page.close()
                if image_only:
                    result.image_only_pages.append(i + 1)
                result.pages.append(text)
        finally:
            if plumber is not None:
                plumber.close()
        if not any(p.strip() for p in result.pages):
            raise NeedsPdfplumber("no text: let the reference reader decide why")
        return result
    finally:
        pdf.close()

