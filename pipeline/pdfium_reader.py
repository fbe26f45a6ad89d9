"""The fast PDF path: pdfplumber's own pdfium backend (pypdfium2) for text segments and boxes.

pdfium hands out text as positioned line segments; they go through the same line grouping,
column detection and reading order as pdfplumber's words (pipeline/pdf.py), at many times the
speed. Anything unusual (a broken or encrypted file, a ruled table across a gutter) is left to
pdfplumber, which stays the reference reader and names the reason for a failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

from .pdf import MARGIN_BAND, PdfPages, _group_lines, _in_margin, find_column_gap, order_lines
from .pdf import page_text as plumber_page_text


class NeedsPdfplumber(Exception):
    """This document or page is better read by pdfplumber."""


def _segments(textpage: Any, height: float) -> list[dict[str, Any]]:
    out = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = " ".join(text.replace("\r", " ").replace("\n", " ").split())
        if text:
            out.append({"x0": left, "x1": right, "top": height - top, "bottom": height - bottom, "text": text})
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
    lines = _group_lines(segments)
    gap = find_column_gap([ln for ln in lines if not _in_margin(ln, height)], width)
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

