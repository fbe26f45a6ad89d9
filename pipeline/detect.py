"""Find lexicon terms in page text, with sentence and context for each hit."""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass

from .lexicon import Lexicon
from .sections import headings, section_at
from .sentences import flat, paragraph_spans, sentence_spans


@dataclass(frozen=True)
class Hit:
    """One term occurrence; start/end are character offsets into the page text."""

    page: int
    start: int
    end: int
    term: str
    concept: str
    kind: str
    sentence: str
    context: str
    section: str | None = None

    def as_json(self) -> dict[str, object]:
        """The `planmine detect` line for this hit (the contract's keys first)."""
        d = asdict(self)
        return {k: d[k] for k in ("page", "start", "end", "term", "concept", "kind", "sentence", "context", "section")}


def _enclosing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    starts = [s for s, _ in spans]
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return None


def raw_matches(text: str, lexicon: Lexicon) -> list[tuple[int, int, str, str]]:
    """(start, end, concept id, kind) of every pattern match surviving exclude/not_before guards."""
    found = []
    lowered = text.lower()
    for c in lexicon.concepts:
        if not c.may_occur(lowered):  # most pages hold few of the terms: skip the regex scan
            continue
        for m in c.pattern.finditer(text):
            if c.exclude and c.exclude.match(m.group(0)):
                continue
            if c.not_before and c.not_before.match(text, m.end()):
                continue
            found.append((m.start(), m.end(), c.id, c.kind))
    # one hit per stretch of text: earliest first, core before related, longer first
    found.sort(key=lambda f: (f[0], f[3] != "core", -(f[1] - f[0])))
    kept: list[tuple[int, int, str, str]] = []
    for f in found:
        if kept and f[0] < kept[-1][1]:
            continue
        kept.append(f)
    return kept


def context_window(text: str, sent: tuple[int, int], paragraphs: list[tuple[int, int]], chars: int) -> str:
    """The paragraph around a sentence (with its neighbours when it is a lone short line), clipped."""
    i = next((k for k, (s, e) in enumerate(paragraphs) if s <= sent[0] < e), None)
    if i is None:
        lo, hi = sent
    else:
        lo, hi = paragraphs[i]
        if hi - lo < 150 and sent[0] <= lo and sent[1] >= hi - 1:  # a heading or one-line paragraph
            lo = paragraphs[max(i - 1, 0)][0]
            hi = paragraphs[min(i + 1, len(paragraphs) - 1)][1]
    lo = max(lo, sent[0] - chars)
    hi = min(hi, sent[1] + chars)
    return flat(text[lo:hi])


def find_terms(text: str, lexicon: Lexicon, page: int = 1, context_chars: int = 300,
               carried_section: str | None = None, titles: list[tuple[int, str]] | None = None) -> list[Hit]:
    """All lexicon hits on one page of text; `carried_section` is the heading in force at its top
    (`titles`: the page's headings, when the caller has them already)."""
    matches = raw_matches(text, lexicon)
    if not matches:
        return []
    paras = paragraph_spans(text)
    sents = sentence_spans(text, paras, near=[m[0] for m in matches])
    guards = {c.id: c.sentence_guard for c in lexicon.concepts if c.sentence_guard}
    titles = headings(text) if titles is None else titles
    hits = []
    for start, end, cid, kind in matches:
        sent = _enclosing(sents, start) or (start, end)
        sentence = flat(text[sent[0]:max(sent[1], end)])
        guard = guards.get(cid)
        if guard and guard.search(sentence):
            continue
        hits.append(Hit(page=page, start=start, end=end, term=text[start:end], concept=cid, kind=kind,
                        sentence=sentence, context=context_window(text, sent, paras, context_chars),
                        section=section_at(titles, start, carried_section)))
    return hits


def find_terms_in_pages(pages: list[str], lexicon: Lexicon, context_chars: int = 300) -> list[Hit]:
    """Hits of a whole document, each with the section heading in force where it stands."""
    out: list[Hit] = []
    carried: str | None = None
    for n, text in enumerate(pages, start=1):
        titles = headings(text)
        out += find_terms(text, lexicon, page=n, context_chars=context_chars, carried_section=carried, titles=titles)
        if titles:
            carried = titles[-1][1]
    return out
