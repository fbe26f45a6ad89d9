"""Tell bokmål, nynorsk and English apart by function words only found in one of them."""

from __future__ import annotations

import re
from collections import Counter

# Frequent words that belong to one written standard and not the other.
NB = frozenset("""ikke jeg hva hvordan hvor hvem hvilke hvis fra være noe mye flere disse bare
hele nå hverandre tjenester tjenesten innbyggere innbyggerne ønsker gjøre selv uten mens eget
egne hjem også fremtiden fremtid mennesker deres sammen tjeneste løsninger""".split())
NN = frozenset("""ikkje eg kva korleis kvar kven viss frå vere noko mykje fleire desse vert berre
heile kvarandre tenester tenesta innbyggjarar innbyggjarane ønskjer gjere sjølv utan medan hjå eige
eigne heim òg framtida framtid menneske saman teneste løysingar dei ein eit""".split())
# English words that are not also Norwegian words ("for", "to", "by", "be" are)
EN = frozenset("""the and of is with that this are will from which our their these those has have
been should would could services municipality""".split())

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def marker_counts(text: str) -> Counter[str]:
    """How many bokmål, nynorsk and English marker words the text has."""
    counts: Counter[str] = Counter()
    for w in _WORD.findall(text.lower()):
        if w in NB:
            counts["nb"] += 1
        elif w in NN:
            counts["nn"] += 1
        elif w in EN:
            counts["en"] += 1
    return counts


def detect_language(text: str) -> str:
    """`nb`, `nn`, `en` or `mixed` for one stretch of text (nb when nothing tells)."""
    c = marker_counts(text)
    total = sum(c.values())
    if total < 3:
        return "nb"
    ranked = c.most_common()
    best, n_best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    # a real second language, not a few stray words, makes the text mixed
    if runner_up >= 10 and runner_up >= 0.3 * n_best:
        return "mixed"
    return best


def document_language(pages: list[str]) -> str:
    """A document's language: the pages' languages weighted by marker words."""
    weights: Counter[str] = Counter()
    for page in pages:
        c = marker_counts(page)
        if sum(c.values()) >= 5:
            weights[detect_language(page)] += sum(c.values())
    if not weights:
        return detect_language(" ".join(pages))
    total = sum(weights.values())
    ranked = weights.most_common()
    if ranked[0][0] == "mixed" or (len(ranked) > 1 and ranked[1][1] >= 0.2 * total):
        return "mixed"
    return ranked[0][0]
