"""One document from file (or stored pages) to mentions and frames: the unit of work of a run."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .detect import Hit, find_terms_in_pages
from .documents import ParsedDocument, read_document
from .frames import FrameLabels, train
from .isolation import ParseLimits, prestart, run_isolated
from .language import document_language
from .lexicon import cached_lexicon
from .metadata import PlanMeta, plan_meta
from .settings import Settings


@dataclass(frozen=True)
class DocumentSource:
    """A document to process and what is known of it before reading it."""

    path: Path
    kommunenummer: str | None = None
    kommune: str | None = None
    title: str | None = None
    source_url: str | None = None
    fetched_at: datetime | None = None


@dataclass
class DocumentResult:
    """Everything the store writes for one document."""

    doc_id: str
    source: DocumentSource
    sha256: str
    kind: str
    title: str | None
    meta: PlanMeta
    language: str
    pages: list[str]
    hits: list[Hit]
    labels: dict[int, FrameLabels]  # index into hits -> frames (core mentions only)
    lexicon_version: str
    model_version: str
    warnings: list[str] = field(default_factory=list)
    ocr_pages: dict[int, float] = field(default_factory=dict)  # page -> OCR confidence

    @property
    def core_count(self) -> int:
        """Number of core co-creation mentions."""
        return sum(1 for h in self.hits if h.kind == "core")


def file_sha256(path: Path) -> str:
    """sha256 of a file, read in blocks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def doc_id_for(sha256: str) -> str:
    """Documents are identified by their content: the same bytes are the same document."""
    return sha256[:16]


def mention_id_for(doc_id: str, hit: Hit) -> str:
    """A stable id: the same hit in the same document always has the same id."""
    return f"{doc_id}-{hit.page}-{hit.start}-{hit.end}"


@dataclass
class Derived:
    """What detection and framing make of a document's pages."""

    hits: list[Hit]
    labels: dict[int, FrameLabels]
    lexicon_version: str
    model_version: str


def derive(pages: list[str], lexicon_dir: Path, context_chars: int) -> Derived:
    """Mentions of the lexicon's terms in the pages, and the frames of the core ones."""
    lexicon = cached_lexicon(lexicon_dir / "cocreation.toml")
    model = train(lexicon_dir)
    hits = find_terms_in_pages(pages, lexicon, context_chars)
    core = [i for i, h in enumerate(hits) if h.kind == "core"]
    predicted = model.predict([(hits[i].sentence, hits[i].context) for i in core])
    return Derived(hits, dict(zip(core, predicted)), lexicon.version, model.version)


def read_and_derive(path: Path, *, max_pages: int, ocr_language: str | None, engine: str,
                    lexicon_dir: Path, context_chars: int) -> tuple[ParsedDocument, Derived]:
    """A document's whole analysis in one call: what a parse worker runs, so all cores do all of it."""
    doc = read_document(path, max_pages=max_pages, ocr_language=ocr_language, engine=engine)
    return doc, derive(doc.pages, lexicon_dir, context_chars)


def analyse_file(source: DocumentSource, settings: Settings) -> DocumentResult:
    """Parse, detect and classify one file (raises DocumentError for unreadable input)."""
    ocr_language = settings.ocr_language if settings.ocr and _ocr_ready(settings.ocr_language) else None
    job = dict(max_pages=settings.max_pages, ocr_language=ocr_language, engine=settings.pdf_engine,
               lexicon_dir=settings.lexicon_dir, context_chars=settings.context_chars)
    if settings.isolate_parsing:
        doc, found = run_isolated(read_and_derive, source.path, _limits(settings), settings.parse_workers, **job)
    else:
        doc, found = read_and_derive(source.path, **job)
    title = source.title or doc.title or source.path.stem
    first = "\n".join(doc.pages[:2])
    meta = plan_meta(title, source.path.name, first)
    return DocumentResult(doc_id=doc_id_for(doc.sha256), source=source, sha256=doc.sha256, kind=doc.kind,
                          title=title, meta=meta, language=doc.language, pages=doc.pages, hits=found.hits,
                          labels=found.labels, lexicon_version=found.lexicon_version,
                          model_version=found.model_version, warnings=doc.warnings, ocr_pages=doc.ocr_pages)


def _limits(settings: Settings) -> ParseLimits:
    return ParseLimits(settings.parse_timeout, settings.parse_memory_mb, settings.max_pages)


def prestart_workers(settings: Settings) -> None:
    """Start the analysis workers in the background while the caller sets up (Prefect, the store)."""
    if settings.isolate_parsing:
        prestart(_limits(settings), settings.parse_workers)


@lru_cache(maxsize=4)
def _ocr_ready(language: str) -> bool:
    from .ocr import tesseract_available

    return tesseract_available(language)


def rederive(previous: DocumentResult, settings: Settings) -> DocumentResult:
    """Mentions and frames again from stored pages, for a new lexicon or model version (no re-parse)."""
    found = derive(previous.pages, settings.lexicon_dir, settings.context_chars)
    previous.hits, previous.labels = found.hits, found.labels
    previous.lexicon_version, previous.model_version = found.lexicon_version, found.model_version
    previous.language = document_language(previous.pages)
    return previous


def now_utc() -> datetime:
    """Timestamps are stored in UTC, without zone (DuckDB TIMESTAMP)."""
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
