"""Read one document file of any supported type into cleaned, page-numbered text."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EmptyFile, NoText, UnknownType
from .html import html_main_text
from .language import document_language
from .pdf import PdfPages, apply_ocr, read_pdf
from .textclean import clean_pages

log = logging.getLogger(__name__)
SUPPORTED_SUFFIXES = {".pdf", ".html", ".htm", ".txt", ".md"}
# page markers in plain-text conversions: <!-- side 3 -->, <!-- seksjon 2 -->, or a form feed
_PAGE_MARK = re.compile(r"<!--\s*(?:side|seksjon|page)\s+\d+\s*-->|\f", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass
class ParsedDocument:
    """A document's cleaned pages (page n is pages[n-1]) and what was learnt reading it."""

    path: Path
    sha256: str
    kind: str  # pdf, html or text
    pages: list[str]
    title: str | None
    language: str
    warnings: list[str] = field(default_factory=list)
    ocr_pages: dict[int, float] = field(default_factory=dict)  # page -> OCR confidence (0-1)


def sniff_type(data: bytes) -> str:
    """`pdf`, `html`, `text` or `unknown`, decided from the bytes (never from the file name)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    low = head[:200].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low or b"<body" in low:
        return "html"
    if data[:4] in (b"PK\x03\x04",) or b"\x00" in data[:4096]:
        return "unknown"
    try:
        data[:65536].decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < 65530:  # a cut multi-byte character at the edge is fine
            return "unknown"
    return "text"


def text_pages(text: str) -> tuple[str | None, list[str]]:
    """(title, raw pages) of a plain-text or Markdown conversion with optional page markers."""
    parts = _PAGE_MARK.split(text)
    title = None
    m = re.search(r"^#\s+(.+)$", parts[0], re.MULTILINE)
    if m:
        title = m.group(1).strip()
    if len(parts) > 1:
        parts = parts[1:]  # the block before the first marker is the file's own header
    return title, [_COMMENT.sub("", p) for p in parts]


def _read_pdf(path: Path, max_pages: int, ocr_language: str | None, engine: str) -> PdfPages:
    """pdfium first (fast); pdfplumber when pdfium cannot or should not, and to name any failure."""
    if engine == "pdfium":
        from .pdfium_reader import read_pdf_fast

        try:
            pages = read_pdf_fast(path, max_pages)
        except Exception as exc:  # pdfplumber reads it again and says precisely what is wrong, if anything
            log.info("%s: read with pdfplumber instead of pdfium (%s: %s)", path, type(exc).__name__, exc)
            pages = None
        if pages is not None:
            if ocr_language and pages.image_only_pages:
                apply_ocr(pages, path, ocr_language)
            return pages
    return read_pdf(path, max_pages=max_pages, ocr_language=ocr_language)


def read_document(path: Path, max_pages: int = 2000, ocr_language: str | None = None,
                  engine: str = "pdfium") -> ParsedDocument:
    """Read, extract and clean one file; raise a DocumentError naming the file when it cannot."""
    data = path.read_bytes()
    src = str(path)
    if not data.strip():
        raise EmptyFile(src, "the file is empty")
    sha = hashlib.sha256(data).hexdigest()
    kind = sniff_type(data)
    warnings: list[str] = []
    ocr_pages: dict[int, float] = {}
    if kind == "pdf":
        pdf = _read_pdf(path, max_pages, ocr_language, engine)
        raw, title, ocr_pages = pdf.pages, pdf.title, pdf.ocr_pages
        if pdf.image_only_pages:
            warnings.append(f"image-only pages without text (OCR not available): {pdf.image_only_pages[:20]}")
        if ocr_pages:
            warnings.append(f"pages read by OCR: {sorted(ocr_pages)[:20]}")
        if pdf.failed_pages:
            warnings.append(f"unreadable pages skipped: {pdf.failed_pages[:20]}")
        if pdf.truncated:
            warnings.append(f"read only the first {max_pages} pages (max_pages)")
    elif kind == "html":
        title, body = html_main_text(data.decode("utf-8", errors="replace"))
        raw = [body]
    elif kind == "text":
        title, raw = text_pages(data.decode("utf-8", errors="replace"))
    else:
        raise UnknownType(src, f"unsupported file type (supported: PDF, HTML, text/Markdown); starts with {data[:8]!r}")
    pages = clean_pages(raw)
    if not any(p.strip() for p in pages):
        raise NoText(src, "no text could be extracted")
    return ParsedDocument(path=path, sha256=sha, kind=kind, pages=pages, title=title,
                          language=document_language(pages), warnings=warnings, ocr_pages=ocr_pages)
