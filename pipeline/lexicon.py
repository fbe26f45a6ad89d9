"""Load the versioned term lexicon (lexicons/cocreation.toml) into compiled matchers."""

from __future__ import annotations

import hashlib
import re
import re._constants as sre_constants  # the stdlib's own regex parser: what a pattern requires
import re._parser as sre_parser
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_WORDCHARS = r"[^\W_]"


@dataclass(frozen=True)
class Concept:
    """One lexicon entry: a canonical id, its kind and its compiled surface-form pattern."""

    id: str
    kind: str
    pattern: re.Pattern[str]
    exclude: re.Pattern[str] | None
    not_before: re.Pattern[str] | None
    sentence_guard: re.Pattern[str] | None
    # lowercase strings of which every match contains one; None: no such guarantee, always scan
    anchors: tuple[str, ...] | None = None

    def may_occur(self, lowered: str) -> bool:
        """False when the (lowercased) text cannot hold a match: a substring test, not a regex scan."""
        return self.anchors is None or any(a in lowered for a in self.anchors)


@dataclass(frozen=True)
class Lexicon:
    """All concepts of one lexicon file and the version every mention is stored with."""

    name: str
    version: str
    concepts: tuple[Concept, ...]


class LexiconError(ValueError):
    """The lexicon file is malformed (the message names the file and the entry)."""


def _compile(path: Path, cid: str, what: str, rx: str | list[str] | None, bounded: bool) -> re.Pattern[str] | None:
    if not rx:
        return None
    alts = [rx] if isinstance(rx, str) else list(rx)
    body = "|".join(f"(?:{a})" for a in alts)
    if bounded:
        body = f"(?<!{_WORDCHARS})(?:{body})(?!{_WORDCHARS})"
    try:
        return re.compile(body, re.IGNORECASE)
    except re.error as exc:
        raise LexiconError(f"{path}: concept {cid!r}: bad {what} regex: {exc}") from exc


def required_literal(rx: str) -> str | None:
    """The longest run (3+ characters) of plain letters every match of `rx` contains, lowercased."""
    try:
        tokens = sre_parser.parse(rx)
    except re.error:
        return None
    best = run = ""
    for op, arg in tokens:
        if op is sre_constants.LITERAL:
            run += chr(arg)
            continue
        best, run = max(best, run, key=len), ""
    best = max(best, run, key=len)
    return best.lower() if len(best) >= 3 else None


def _anchors(patterns: str | list[str]) -> tuple[str, ...] | None:
    found = [required_literal(rx) for rx in ([patterns] if isinstance(patterns, str) else patterns)]
    return None if any(a is None for a in found) else tuple(dict.fromkeys(a for a in found if a))


def load_lexicon(path: Path) -> Lexicon:
    """Read and compile a lexicon TOML file; the version carries a digest of the file."""
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: not valid TOML: {exc}") from exc
    head = data.get("lexicon", {})
    if "version" not in head:
        raise LexiconError(f"{path}: [lexicon] needs a version")
    concepts = []
    for entry in data.get("concept", []):
        cid = entry.get("id")
        kind = entry.get("kind")
        if not cid or kind not in ("core", "related") or not entry.get("patterns"):
            raise LexiconError(f"{path}: concept {entry!r} needs id, kind core|related and patterns")
        pattern = _compile(path, cid, "patterns", entry["patterns"], bounded=True)
        assert pattern is not None
        exclude = entry.get("exclude")
        concepts.append(Concept(
            id=cid, kind=kind, pattern=pattern,
            exclude=re.compile("|".join(f"(?:{e})" for e in exclude) + "$", re.IGNORECASE) if exclude else None,
            not_before=_compile(path, cid, "not_before", entry.get("not_before"), bounded=False),
            sentence_guard=_compile(path, cid, "sentence_guard", entry.get("sentence_guard"), bounded=False),
            anchors=_anchors(entry["patterns"]),
        ))
    digest = hashlib.sha256(raw).hexdigest()[:8]
    return Lexicon(name=head.get("name", path.stem), version=f"{head['version']}+{digest}",
                   concepts=tuple(concepts))


def cached_lexicon(path: Path) -> Lexicon:
    """load_lexicon, reused until the file changes (a run analyses many documents with one lexicon)."""
    return _cached(str(path.resolve()), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _cached(path: str, _mtime: int) -> Lexicon:
    return load_lexicon(Path(path))
