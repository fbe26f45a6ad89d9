"""Score planmine against the hand-labelled golden set on real plan texts.

The golden set (`tests/golden/`) holds references only: file name, character offsets and labels
(guideline: `tests/golden/GUIDELINE.md`); the texts are read from the corpus folder at run time.
Used by the quality gate (`tests/test_golden.py`) and by `planmine evaluate --golden`.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .detect import Hit, find_terms
from .documents import read_document
from .errors import DocumentError
from .frames import FrameScore, macro_f1, score_labels, train
from .lexicon import load_lexicon

# Decisions about the frame model were made looking only at these municipalities' passages (dev);
# the others' (test) are only scored.
DEV_MUNICIPALITIES = frozenset({"3305", "3336"})
_MARK = re.compile(r"<!--\s*(?:side|seksjon|page)\s+\d+\s*-->|\f", re.IGNORECASE)

Key = tuple[str, int, str]  # file, page, term (lowercase)


class GoldenError(ValueError):
    """The corpus does not match the golden set (a changed or missing file)."""


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a golden-set TSV file."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def page_of(raw: str, offset: int) -> int:
    """Page number (1-based segment after the first marker) of a raw-file offset, as text_pages counts."""
    return sum(1 for m in _MARK.finditer(raw) if m.end() <= offset) or 1


def changed_files(corpus: Path, golden_dir: Path) -> list[str]:
    """Corpus files whose bytes differ from those the labels were made on (absent files are skipped)."""
    changed = []
    for line in (golden_dir / "corpus.sha256").read_text().splitlines():
        digest, name = line.split("  ", 1)
        path = corpus / name
        if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            changed.append(name)
    return changed


def passages(corpus: Path, golden_dir: Path) -> list[dict[str, str]]:
    """The golden passages whose file is in the corpus, each with its page; the offsets are checked."""
    rows = [r for r in read_tsv(golden_dir / "passages.tsv") if (corpus / r["file"]).exists()]
    raws = {name: (corpus / name).read_text(encoding="utf-8") for name in {r["file"] for r in rows}}
    for r in rows:
        raw = raws[r["file"]]
        if raw[int(r["start"]):int(r["end"])] != r["term"]:
            raise GoldenError(f"{r['file']}: no {r['term']!r} at {r['start']}-{r['end']}: re-label it")
        r["page"] = str(page_of(raw, int(r["start"])))
    return rows


def detect_corpus(corpus: Path, lexicon_dir: Path) -> tuple[dict[Key, list[Hit]], Counter[tuple[str, int, str]]]:
    """Core hits by (file, page, term) and related-concept counts by (file, page, concept)."""
    lexicon = load_lexicon(lexicon_dir / "cocreation.toml")
    core: dict[Key, list[Hit]] = defaultdict(list)
    related: Counter[tuple[str, int, str]] = Counter()
    for path in sorted(corpus.glob("*.md")):
        try:
            doc = read_document(path)
        except DocumentError:
            continue
        for n, text in enumerate(doc.pages, start=1):
            for h in find_terms(text, lexicon, page=n):
                if h.kind == "core":
                    core[(path.name, n, h.term.lower())].append(h)
                else:
                    related[(path.name, n, h.concept)] += 1
    return core, related


@dataclass
class FramedPassage:
    """A golden core passage matched to planmine's hit: what the model reads and what the reader gave."""

    file: str
    sentence: str
    context: str
    gold: tuple[str, ...]

    @property
    def split(self) -> str:
        return "dev" if self.file[:4] in DEV_MUNICIPALITIES else "test"


def framed_passages(gold: list[dict[str, str]], core: dict[Key, list[Hit]]) -> list[FramedPassage]:
    """Core golden passages paired with the detected hits, in file order (the n-th of a key with the n-th)."""
    out = []
    seen: Counter[Key] = Counter()
    for r in sorted((r for r in gold if r["label"] == "core"), key=lambda r: (r["file"], int(r["start"]))):
        key = (r["file"], int(r["page"]), r["term"].lower())
        hits, k = core.get(key, []), seen[key]
        seen[key] += 1
        if k < len(hits):
            out.append(FramedPassage(r["file"], hits[k].sentence, hits[k].context, tuple(r["frames"].split(","))))
    return out


def score_frames(framed: list[FramedPassage], lexicon_dir: Path) -> tuple[dict[str, list[FrameScore]], dict[str, int]]:
    """Per-frame scores and passage counts of the model on the passages, for "all", "dev" and "test"."""
    predicted = [lab.frames for lab in train(lexicon_dir).predict([(p.sentence, p.context) for p in framed])]
    scores, counts = {}, {}
    for part in ("all", "dev", "test"):
        idx = [i for i, p in enumerate(framed) if part == "all" or p.split == part]
        scores[part] = score_labels([framed[i].gold for i in idx], [predicted[i] for i in idx])
        counts[part] = len(idx)
    return scores, counts


@dataclass
class GoldenReport:
    """Term detection, framing and language against the golden set."""

    term_precision: float
    term_recall: float
    golden_mentions: int
    detected_mentions: int
    frames: dict[str, list[FrameScore]] = field(default_factory=dict)  # "all", "dev", "test"
    passages: dict[str, int] = field(default_factory=dict)
    language_right: int = 0
    language_total: int = 0

    @property
    def term_f1(self) -> float:
        p, r = self.term_precision, self.term_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def macro(self, part: str = "all") -> float:
        """Macro-F1 of the frames over a split."""
        return macro_f1(self.frames[part])


def term_scores(gold: list[dict[str, str]], core: dict[Key, list[Hit]]) -> tuple[float, float, int, int]:
    """Precision, recall, golden and detected counts of core-term mentions (per file, page and term)."""
    want = Counter((r["file"], int(r["page"]), r["term"].lower()) for r in gold if r["label"] == "core")
    got = Counter({k: len(v) for k, v in core.items()})
    tp = sum((want & got).values())
    n_got, n_want = sum(got.values()), sum(want.values())
    return (tp / n_got if n_got else 0.0), (tp / n_want if n_want else 0.0), n_want, n_got


def evaluate_golden(corpus: Path, golden_dir: Path, lexicon_dir: Path) -> GoldenReport:
    """The whole evaluation: raises GoldenError when the corpus is not the one the labels were made on."""
    changed = changed_files(corpus, golden_dir)
    if changed:
        raise GoldenError(f"{len(changed)} corpus file(s) changed since they were labelled: {', '.join(changed[:5])}")
    gold = passages(corpus, golden_dir)
    core, _ = detect_corpus(corpus, lexicon_dir)
    precision, recall, n_want, n_got = term_scores(gold, core)
    report = GoldenReport(precision, recall, n_want, n_got)
    report.frames, report.passages = score_frames(framed_passages(gold, core), lexicon_dir)
    languages = {r["file"]: r["language"] for r in read_tsv(golden_dir / "languages.tsv")}
    for name, want in languages.items():
        if (corpus / name).exists():
            report.language_total += 1
            try:
                report.language_right += read_document(corpus / name).language == want
            except DocumentError:
                pass
    return report
