"""Tell bokmål, nynorsk and English apart by function words only found in one of them."""

from __future__ import annotations

import re
from collections import Counter

# Frequent words that belong to one written standard and not the other.
# (the articles en/et against nynorsk ein/eit are the most frequent tell; "også" is valid nynorsk too)
NB = frozenset("""en et ikke jeg hva hvordan hvor hvem hvilke hvis fra være noe mye flere disse bare
hele helt nå hverandre tjenester tjenesten innbyggere innbyggerne ønsker gjøre selv uten mens eget
egne hjem mennesker deres sammen tjeneste løsninger bedre derfor hver hvert sted stedet""".split())
NN = frozenset("""ikkje eg kva korleis kvar kven viss frå vere noko mykje fleire desse vert berre
heile kvarandre tenester tenesta innbyggjarar innbyggjarane ønskjer gjere sjølv utan medan hjå eige
eigne heim òg framtida menneske saman teneste løysingar dei ein eit betre difor kvart stad staden""".split())
# English words that are not also Norwegian words ("for", "to", "by", "be" are)
EN = frozenset("""the and of is with that this are will from which our their these those has have
been should would could services municipality who""".split())

_MARKER = {**{w: "en" for w in EN}, **{w: "nn" for w in NN}, **{w: "nb" for w in NB}}  # the sets are disjoint
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n\s*\n")


def language_shares(text: str) -> Counter[str]:
    """Words of text per language: each sentence votes with its marker words, weighted by its length."""
    shares: Counter[str] = Counter()
    for sentence in _SENTENCE_END.split(text.lower()):
        votes = [lang for w in _WORD.findall(sentence) if (lang := _MARKER.get(w))]
        if not votes:
            continue
        first = votes[0]
        if all(v == first for v in votes):  # the common case: one language, no counting needed
            shares[first] += len(sentence.split())
            continue
        ranked = Counter(votes).most_common()
        if ranked[0][1] > ranked[1][1]:
            shares[ranked[0][0]] += len(sentence.split())
    return shares


def _decide(shares: Counter[str], min_other: int) -> str:
    total = sum(shares.values())
    if not total:
        return "nb"
    ranked = shares.most_common()
    # a real second language, not a quoted sentence or two, makes the text mixed
    if len(ranked) > 1 and ranked[1][1] >= 0.2 * total and ranked[1][1] >= min_other:
        return "mixed"
    return ranked[0][0]


def detect_language(text: str) -> str:
    """`nb`, `nn`, `en` or `mixed` for one stretch of text (nb when nothing tells)."""
    return _decide(language_shares(text), min_other=30)


def document_language(pages: list[str]) -> str:
    """A document's language from the words of all its pages."""
    shares: Counter[str] = Counter()
    for page in pages:
        shares.update(language_shares(page))
    return _decide(shares, min_other=150)
