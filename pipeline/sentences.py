"""Sentence and paragraph spans in page text (Punkt with a Norwegian abbreviation list)."""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

# Written by hand: training Punkt on plan text learns wrong ones (e.g. "mars").
ABBREVIATIONS = """bl.a f.eks jf jfr ca dvs mv mfl m.m m.fl osv pga iht ift evt inkl ekskl nr kap pkt
tlf ref etc el eks vs hhv mht mtp s kl spl avd st sk dr prof t.o.m f.o.m o.l bl e.l ev fig tab vedr""".split()

_BREAK_LINE = re.compile(r"\n\s*\n")


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = {a.lower().rstrip(".") for a in ABBREVIATIONS}
    return PunktSentenceTokenizer(params)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of blank-line separated blocks, with headings split off their paragraph."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BREAK_LINE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        out.extend(_split_headings(text, s, e))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _split_headings(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a block after short lines without end punctuation that precede a capitalised line."""
    lines = text[start:end].split("\n")
    if len(lines) < 2:
        return [(start, end)]
    longest = max(len(ln) for ln in lines)
    cuts = [start]
    pos = start
    for ln, nxt in zip(lines, lines[1:]):
        pos += len(ln) + 1
        stripped = ln.strip()
        if (stripped and len(stripped) < 0.6 * longest and stripped[-1] not in ".,;:-–(" and
                nxt.strip()[:1].isupper()):
            cuts.append(pos)
    cuts.append(end)
    return [(a, b - 1 if b != end else b) for a, b in zip(cuts, cuts[1:])]


def sentence_spans(text: str, paragraphs: list[tuple[int, int]] | None = None,
                   near: list[int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of sentences; a sentence never crosses a paragraph or heading boundary.

    With `near` (offsets), only the paragraphs holding one of them are split: Punkt is the
    slowest step of detection, and a page's other paragraphs cannot change these sentences.
    """
    tok = _tokenizer()
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs if paragraphs is not None else paragraph_spans(text):
        if near is not None and not any(ps <= pos < pe for pos in near):
            continue
        block = text[ps:pe]
        for s, e in tok.span_tokenize(block):
            out.append((ps + s, ps + e))
    return out


def flat(text: str) -> str:
    """Text on one line: newlines and runs of spaces become single spaces."""
    return " ".join(text.split())
