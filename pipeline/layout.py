"""Reading order from positioned text: words (or pdfium text runs) to lines, columns and paragraphs.

Pure functions on boxes ({"x0", "x1", "top", "bottom", "text"}, PDF points, top-down), shared by
the pdfplumber and the pdfium readers so that both read a page the same way.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

LINE_TOLERANCE = 3.0  # points: words whose tops differ less than this share a line
MARGIN_BAND = 0.09  # top and bottom share of the page height where running headers/footers live
# a short line set this much larger than the page's body text is a heading: it is set apart by
# blank lines, so that the text-based heading finder (pipeline/sections.py) and the paragraph
# splitter see it as a line of its own, as a reader sees it on the page
DISPLAY_RATIO = 1.2
DISPLAY_MAX_CHARS = 90

Box = dict[str, Any]


def group_lines(words: list[Box]) -> list[list[Box]]:
    """Boxes whose tops are within LINE_TOLERANCE form a line; lines top-down, boxes left to right."""
    lines: list[list[Box]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(w["top"] - lines[-1][0]["top"]) <= LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    for ln in lines:
        ln.sort(key=lambda w: w["x0"])
    return lines


def find_column_gap(lines: list[list[Box]], width: float) -> float | None:
    """The x of a gutter between two text columns, or None for a single-column page.

    A gutter is an x in the middle of the page that (almost) no word covers while many lines
    have words on both sides of it. Candidates are every 2 points across the middle 40%; each
    line adds its covered and spanned candidate ranges once (interval counting, not a scan of
    every word at every candidate).
    """
    if len(lines) < 4:  # prose lines almost all cross the middle: four that do not are a gutter
        return None
    xs: list[float] = []
    x = width * 0.3
    while x <= width * 0.7:
        xs.append(x)
        x += 2.0
    n = len(xs)
    crossing = [0] * (n + 1)  # difference arrays over the candidates
    both = [0] * (n + 1)
    for ln in lines:
        reach = 0  # candidates [.., reach) already counted for this line: words may overlap
        for w in ln:  # words sorted by x0: x0 - 1 < x < x1 + 1 covers candidates [lo, hi)
            lo = max(bisect_right(xs, w["x0"] - 1), reach)
            hi = bisect_left(xs, w["x1"] + 1)
            if hi > lo:
                crossing[lo] += 1
                crossing[hi] -= 1
                reach = hi
        lo, hi = bisect_right(xs, ln[0]["x1"]), bisect_left(xs, ln[-1]["x0"])  # x1 of first < x < x0 of last
        if hi > lo:
            both[lo] += 1
            both[hi] -= 1
    scored: list[tuple[float, float]] = []
    c = b = 0
    for i, x in enumerate(xs):
        c += crossing[i]
        b += both[i]
        # running headers, footers and full-width headings cross the gutter: allow a few
        if c <= 0.15 * len(lines) and b >= 0.3 * len(lines):
            scored.append((x, b - 3 * c))
    if not scored:
        return None
    top = max(score for _, score in scored)
    # the middle of the widest run of best positions: the first one may sit inside a column's ragged edge
    runs: list[list[float]] = []
    for x, score in scored:
        if score == top and runs and x - runs[-1][-1] <= 2.01:
            runs[-1].append(x)
        elif score == top:
            runs.append([x])
    widest = max(runs, key=len)
    return (widest[0] + widest[-1]) / 2


def _line_text(words: list[Box]) -> str:
    return " ".join(w["text"] for w in words)


def _size(line: list[Box]) -> float:
    if len(line) == 1:  # pdfium gives most lines as one run
        return line[0].get("size") or 0.0
    return max(w.get("size") or 0.0 for w in line)


def body_size(lines: list[list[Box]]) -> float:
    """The font size most of a page's characters are set in (0 when the reader gives no sizes)."""
    weights: dict[float, int] = {}
    for ln in lines:
        size = round(_size(ln), 1)
        if size:
            chars = len(ln[0]["text"]) if len(ln) == 1 else sum(len(w["text"]) for w in ln)
            weights[size] = weights.get(size, 0) + chars
    return max(weights, key=weights.__getitem__) if weights else 0.0


def is_display(line: list[Box], body: float) -> bool:
    """A heading by its type size: clearly larger than the body text, and short."""
    if body <= 0 or _size(line) < DISPLAY_RATIO * body:  # the common case, decided without joining text
        return False
    return len(_line_text(line)) <= DISPLAY_MAX_CHARS


def _with_paragraph_breaks(lines: list[list[Box]], body: float = 0.0) -> list[str]:
    """Line texts, with a blank line where the vertical gap is larger than normal leading, and
    around headings set in a larger size."""
    out: list[str] = []
    prev = None
    for ln in lines:
        if len(ln) == 1:
            top, bottom = ln[0]["top"], ln[0]["bottom"]
        else:
            top, bottom = min(w["top"] for w in ln), max(w["bottom"] for w in ln)
        display = is_display(ln, body)
        if prev is not None:
            height = max(prev[1] - prev[0], 1.0)
            if top - prev[1] > 0.7 * height or display:
                out.append("")
        out.append(_line_text(ln))
        if display:
            out.append("")
        prev = (top, bottom)
    return out


def in_margin(line: list[Box], height: float) -> bool:
    return line[0]["top"] < MARGIN_BAND * height or line[0]["bottom"] > (1 - MARGIN_BAND) * height


def order_lines(lines: list[list[Box]], gap: float | None, height: float = 842.0) -> list[str]:
    """Lines in reading order: a two-column band is read left column first, then right.

    Lines in the top and bottom margin bands (headers, footers) are never split into columns.
    """
    body = body_size([ln for ln in lines if not in_margin(ln, height)])
    if gap is None:
        return _with_paragraph_breaks(lines, body)
    out: list[str] = []
    left: list[list[Box]] = []
    right: list[list[Box]] = []

    def flush() -> None:
        if left or right:
            out.extend(_with_paragraph_breaks(left, body))
            out.append("")
            out.extend(_with_paragraph_breaks(right, body))
            out.append("")
            left.clear()
            right.clear()

    for ln in lines:
        if in_margin(ln, height) or any(w["x0"] < gap < w["x1"] for w in ln):
            flush()  # a full-width line (heading, header, footer) ends the column band
            out.extend(["", _line_text(ln), ""] if is_display(ln, body) else [_line_text(ln)])
            continue
        lw = [w for w in ln if w["x1"] <= gap]
        rw = [w for w in ln if w["x0"] >= gap]
        if lw:
            left.append(lw)
        if rw:
            right.append(rw)
    flush()
    return out
