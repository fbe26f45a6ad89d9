"""Turn paths given on the command line into DocumentSources, with municipality and provenance.

A folder may hold `documents.csv` (file, kommunenummer, kommune, title, source_url) naming each
file's municipality and origin, and `municipalities.csv` (kommunenummer, kommune, fylke).
Otherwise a file name that starts with a four-digit number (`9901_...`) names the municipality.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from pathlib import Path

from .analyse import DocumentSource
from .documents import SUPPORTED_SUFFIXES

_KNR_PREFIX = re.compile(r"^(\d{4})[_\- ]")
_KNR = re.compile(r"^\d{4}$")


class SourceError(ValueError):
    """A path or manifest given by the user is wrong (the message names it)."""


def check_kommunenummer(value: str, where: str) -> str:
    """A municipality number is four digits, leading zero kept."""
    value = value.strip()
    if not _KNR.match(value):
        raise SourceError(f"{where}: kommunenummer must be four digits (e.g. 0301), got {value!r}")
    return value


def read_municipalities(path: Path) -> list[tuple[str, str | None, str | None]]:
    """(kommunenummer, kommune, fylke) rows of a municipalities CSV."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [(check_kommunenummer(r["kommunenummer"], str(path)), r.get("kommune") or None, r.get("fylke") or None)
            for r in rows]


def _manifest(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / "documents.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if rows and "file" not in rows[0]:
        raise SourceError(f"{path}: needs a 'file' column")
    return {r["file"]: r for r in rows}


def _source_for(path: Path, manifest: dict[str, dict[str, str]]) -> DocumentSource:
    row = manifest.get(path.name, {})
    knr = row.get("kommunenummer") or None
    if knr:
        knr = check_kommunenummer(knr, str(path.parent / "documents.csv"))
    else:
        m = _KNR_PREFIX.match(path.name)
        knr = m.group(1) if m else None
    return DocumentSource(path=path, kommunenummer=knr, kommune=row.get("kommune") or None,
                          title=row.get("title") or None, source_url=row.get("source_url") or None)


def collect_sources(paths: list[Path], kommunenummer: str | None = None,
                    kommune: str | None = None) -> tuple[list[DocumentSource], list[tuple[str, str | None, str | None]]]:
    """Documents under the given files and folders, and the municipalities their manifests list.

    Files named directly are always tried (an unsupported one fails with a clear reason); in
    folders only files with a supported suffix are taken.
    """
    if kommunenummer:
        kommunenummer = check_kommunenummer(kommunenummer, "--municipality")
    sources: list[DocumentSource] = []
    municipalities: list[tuple[str, str | None, str | None]] = []
    for p in paths:
        if not p.exists():
            raise SourceError(f"{p}: no such file or folder")
        if p.is_dir():
            folders = sorted({f.parent for f in p.rglob("*") if f.is_file()} | {p})
            for folder in folders:
                if (folder / "municipalities.csv").exists():
                    municipalities += read_municipalities(folder / "municipalities.csv")
                manifest = _manifest(folder)
                for f in sorted(folder.iterdir()):
                    if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and not f.name.startswith("."):
                        sources.append(_source_for(f, manifest))
        else:
            sources.append(_source_for(p, _manifest(p.parent)))
    if kommunenummer:
        sources = [replace(s, kommunenummer=kommunenummer, kommune=kommune or s.kommune) for s in sources]
        municipalities.append((kommunenummer, kommune, None))
    return sources, municipalities


def read_sources_csv(path: Path) -> list[tuple[str, str | None, str]]:
    """(kommunenummer, kommune, start_url) rows of a sources CSV; errors name the file and line."""
    from .urls import normalise

    if not path.exists():
        raise SourceError(f"{path}: no such file")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"kommunenummer", "start_url"} - set(reader.fieldnames or [])
        if missing:
            raise SourceError(f"{path}: header needs kommunenummer,kommune,start_url (missing {', '.join(sorted(missing))})")
        out = []
        for line, row in enumerate(reader, start=2):
            knr = check_kommunenummer(row.get("kommunenummer") or "", f"{path}:{line}")
            url = normalise(row.get("start_url") or "")
            if url is None:
                raise SourceError(f"{path}:{line}: start_url must be an http(s) URL, got {row.get('start_url')!r}")
            out.append((knr, (row.get("kommune") or "").strip() or None, url))
    return out
