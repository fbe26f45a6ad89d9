"""Pure text cleaning of extracted pages: running headers/footers, page numbers,
table-of-contents leaders, line-end hyphenation and odd characters."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Lines that are only a page number: "12", "Side 3", "s. 4", "3 av 40", "Page 2 of 9", "- 7 -".
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—|]*(?:(?:side|sida|s\.|page|p\.)\s*)?\d{1,4}(?:\s*(?:av|/|of|til)\s*\d{1,4})?[\s\-–—|]*$",
    re.IGNORECASE,
)
# Table-of-contents lines: a title, dot (or ellipsis) leaders, a page number.
_TOC_LINE = re.compile(r"^.{2,}?(?:\s*(?:\.\s*){4,}|\s*…{2,}|\s*_{4,})\s*\d{1,4}\s*$")
_WORD_END_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u00ad\ufffe]$")
# The first word of the following line decides how a line-end hyphen is read.
_NEXT_WORD = re.compile(r"^\s*([^\s]+)")
# "helse- og omsorg": a suspended compound keeps its hyphen before these words.
_CONJUNCTIONS = {"og", "eller", "samt", "and", "or", "og/eller", "enn", "som", "til"}
# U+F0xx: list bullets of the Symbol and Wingdings fonts (private-use code points) become "•"
_CHAR_MAP = str.maketrans({"\uf0b7": "•", "\uf0a7": "•", "\uf0d8": "•", "\uf076": "•", "\uf0fc": "•",
                            "ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00a0": " ",
                            "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ", "\t": " "})
_TRANSLATED = re.compile("[" + "".join(map(chr, _CHAR_MAP)) + "]")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# glyphs a PDF font maps to no character come out of pdfminer as "(cid:N)"; 127 is the bullet
_CID = re.compile(r"\(cid:(\d+)\)")
_SPACES = re.compile(r" {2,}")

ZONE_LINES = 3  # lines at the top and bottom of a page where running headers/footers live


def normalise_chars(text: str) -> str:
    """Unicode NFC, ligatures split, odd spaces made plain, invisible marks dropped (not line-end ones)."""
    text = unicodedata.normalize("NFC", text)
    if _TRANSLATED.search(text):  # translate() copies every character: only when there is work
        text = text.translate(_CHAR_MAP)
    # A soft hyphen at a line end marks hyphenation: keep it for repair_hyphenation.
    # (pdfium marks a hyphen it recognised as such with \x02 or U+FFFE)
    text = re.sub("[\u00ad\ufffe\x02](?=\n)", "-", text)
    text = text.replace("\ufffe", "").replace("\x02", "")
    text = _CID.sub(lambda m: "•" if m.group(1) == "127" else "", text)
    return _INVISIBLE.sub("", text)


_NOT_LETTERS = re.compile(r"[^\w]+|[\d_]+")


def _shape(line: str) -> str:
    """A line's shape for repetition: its words only, so that mirrored headers on even and odd
    pages ("2 | Plan 2021-2040" and "Plan 2021-2040 | 3") are one shape."""
    return " ".join(_NOT_LETTERS.sub(" ", line.lower()).split())


def _zone(nonblank: list[int]) -> list[int]:
    """Indexes of the lines at a page's top and bottom where furniture can be (fewer on short pages)."""
    k = max(1, min(ZONE_LINES, len(nonblank) // 4))
    return nonblank[:k] + nonblank[-k:]


def running_lines(pages: list[list[str]], min_share: float = 0.3) -> set[str]:
    """Shapes of lines that repeat in the header/footer zone of many pages.

    30% rather than half: books alternate different headers on even and odd pages.
    """
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        zone = _zone([i for i, ln in enumerate(lines) if ln.strip()])
        counts.update({_shape(lines[i]) for i in zone})
    needed = max(2, int(len(pages) * min_share + 0.999))
    return {shape for shape, n in counts.items() if n >= needed and len(shape) > 1}


def _is_furniture(line: str, running: set[str]) -> bool:
    shape = _shape(line)
    return bool(_PAGE_NUMBER.match(line)) or (bool(shape) and shape in running)


def strip_page_furniture(lines: list[str], running: set[str]) -> list[str]:
    """Drop running headers/footers and page numbers from a page's top and bottom zones."""
    zone = set(_zone([i for i, ln in enumerate(lines) if ln.strip()]))
    keep = []
    for i, ln in enumerate(lines):
        if i in zone and _is_furniture(ln, running):
            continue
        keep.append(ln)
    return keep


def _is_toc_line(line: str) -> bool:
    line = line.strip()
    # the cheap test first: a contents entry ends in its page number
    return line[-1:].isdigit() and bool(_TOC_LINE.match(line))


def drop_toc_lines(lines: list[str]) -> list[str]:
    """Remove table-of-contents entries (title + dot leaders + page number)."""
    return [ln for ln in lines if not _is_toc_line(ln)]


def repair_hyphenation(lines: list[str]) -> list[str]:
    """Join words split at line ends: samska- + ping -> samskaping; keep 'helse- og omsorg'."""
    out = list(lines)
    i = 0
    while i < len(out) - 1:
        line = out[i].rstrip()
        nxt_i = i + 1
        if not (line.endswith(("-", "\u00ad", "\ufffe")) and _WORD_END_HYPHEN.search(line[-2:])):
            i += 1
            continue
        if not out[nxt_i].strip():
            # a word split across a column or paragraph break: the blank line sits between its halves
            if nxt_i + 1 < len(out) and out[nxt_i + 1][:1].islower():
                del out[nxt_i]
            else:
                i += 1
                continue
        m = _NEXT_WORD.match(out[nxt_i])
        assert m is not None
        word = m.group(1)
        stem = line[:-1]
        head = re.split(r"\s", stem)[-1]
        if word.lower().strip(".,;:") in _CONJUNCTIONS:
            out[i] = line  # suspended compound: "helse-" then "og omsorg" stays as is
            i += 1
            continue
        if word[:1].islower() and len(head) > 1:
            joined = stem + word  # ordinary hyphenation: drop the hyphen
        else:
            joined = stem + "-" + word  # "Nord-" + "Norge", "e-" + "post": a real hyphen
        out[i] = joined
        out[nxt_i] = out[nxt_i][m.end():].lstrip()
        if not out[nxt_i]:
            del out[nxt_i]
        # the joined line may itself end in a hyphen again: look at it once more
    return out


def tidy_lines(lines: list[str]) -> list[str]:
    """Collapse runs of spaces, strip line ends, keep at most one blank line in a row."""
    out: list[str] = []
    for ln in lines:
        ln = _SPACES.sub(" ", ln).strip()
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    while out and not out[-1]:
        out.pop()
    return out


def clean_pages(raw_pages: list[str]) -> list[str]:
    """Turn raw extracted page texts into the pipeline's page texts."""
    pages = [normalise_chars(p).split("\n") for p in raw_pages]
    running = running_lines(pages)
    cleaned = []
    for lines in pages:
        lines = strip_page_furniture(lines, running)
        lines = drop_toc_lines(lines)
        lines = repair_hyphenation(lines)
        cleaned.append("\n".join(tidy_lines(lines)))
    return cleaned
