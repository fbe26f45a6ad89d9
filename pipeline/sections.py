"""Section headings in cleaned page text, so a mention can say which chapter it sits in."""

from __future__ import annotations

import re

_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+[A-ZÆØÅ][^\n]{1,90}$")
# photo credits, figure and table captions and chart labels stand alone too, but title nothing
_CAPTION = re.compile(r"^(?:foto|kilde|figur|fig\.|tabell|kart|illustrasjon|bilde|graf|diagram)\b|%|\d{3,}", re.I)
_WORDS = re.compile(r"[^\W\d_]{2,}")


def is_heading(line: str, prev_blank: bool, next_line: str) -> bool:
    """A line that titles what follows: numbered ('3.2 Samskaping'), or short, capitalised, alone."""
    s = line.strip()
    if not s or len(s) > 90 or s[-1] in ".,;:!?)-–»\"'" or not _WORDS.search(s) or _CAPTION.search(s):
        return False
    if _NUMBERED.match(s):
        return True
    if not s[0].isupper() or len(s.split()) > 10:
        return False
    nxt = next_line.strip()
    # an unnumbered title stands on its own line, before a longer line or a blank one
    return prev_blank and (not nxt or len(nxt) > len(s) + 15)


def headings(text: str) -> list[tuple[int, str]]:
    """(offset, heading) of each heading line of a page, in order."""
    out = []
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines):
        prev_blank = i == 0 or not lines[i - 1].strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if is_heading(line, prev_blank, nxt):
            out.append((pos, " ".join(line.split())))
        pos += len(line) + 1
    return out


def section_at(page_headings: list[tuple[int, str]], offset: int, carried: str | None) -> str | None:
    """The heading in force at offset: the last one above it on the page, else the one carried over."""
    current = carried
    for start, title in page_headings:
        if start > offset:
            break
        current = title
    return current
