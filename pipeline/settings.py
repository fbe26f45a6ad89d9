"""One settings object, passed in explicitly; every field is documented in README."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Paths and limits for a planmine run (defaults in README, section Settings)."""

    db_path: Path = field(default_factory=lambda: PROJECT_ROOT / "outputs" / "planmine.duckdb")
    lexicon_dir: Path = field(default_factory=lambda: PROJECT_ROOT / "lexicons")
    sample_dir: Path = field(default_factory=lambda: PROJECT_ROOT / "corpus" / "sample")
    # parallel document analyses in one flow run (threads; the DuckDB writer stays single)
    workers: int = 4
    # a document with more pages than this is read up to the limit and flagged
    max_pages: int = 2000
    # characters of context stored with each mention, on each side of its sentence
    context_chars: int = 300
    # how many times a failing document task is retried by Prefect
    task_retries: int = 1
    # parse each document in a worker process with these limits (False: in the task's own process)
    isolate_parsing: bool = True
    parse_timeout: float = 120.0   # seconds per document
    parse_memory_mb: int = 2048    # address space of a parse worker
    parse_workers: int = 0         # parse worker processes; 0 = one per core
    # "pdfium": pdfplumber's pdfium backend where it gives the same text, pdfplumber elsewhere;
    # "pdfplumber": pdfplumber for every page
    pdf_engine: str = "pdfium"
    # OCR image-only PDF pages with Tesseract when it is installed with this language
    ocr: bool = True
    ocr_language: str = "nor"
