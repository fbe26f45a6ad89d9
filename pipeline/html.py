"""Main text of an HTML plan page, without navigation, menus, scripts and footers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg", "template",
         "button", "iframe", "select"}
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
          "table", "tr", "br", "blockquote", "figure", "figcaption", "dd", "dt", "dl", "hr", "td", "th"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area", "col", "embed", "param"}
# class/id/role values that mark page furniture on municipal sites
_FURNITURE = re.compile(r"(^|[\s_-])(nav|navbar|menu|meny|breadcrumbs?|brødsmule|cookie|footer|header|"
                        r"sidebar|skip|share|del-siden|search|søk)([\s_-]|$)", re.IGNORECASE)


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipping)
        self.parts: list[str] = []
        self.main_parts: list[str] | None = None
        self.main_depth: int | None = None
        self.title: str | None = None
        self.h1: str | None = None
        self._in_title = False
        self._in_h1 = False

    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        marker = " ".join([a.get("class", ""), a.get("id", ""), a.get("role", "")])
        skip = self._skipping() or tag in _SKIP or bool(_FURNITURE.search(marker)) or "hidden" in a
        if tag == "title":
            self._in_title = True
        if tag == "h1" and not skip:
            self._in_h1 = True
        if tag in _VOID:
            if tag in ("br", "hr") and not skip:
                self._emit("\n")
            return
        self.stack.append((tag, skip))
        if not skip and (tag in ("main", "article") or a.get("role") == "main") and self.main_depth is None:
            self.main_depth = len(self.stack)
            self.main_parts = []
        if tag in _BLOCK and not skip:
            self._emit("\n\n" if tag in ("p", "h1", "h2", "h3", "h4", "section", "article") else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in _VOID:
            return
        # tolerate unclosed tags: pop back to the matching opener
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                skipping = self.stack[i][1]
                if self.main_depth is not None and i + 1 == self.main_depth:
                    self.main_depth = -1  # main element closed: stop collecting into it
                del self.stack[i:]
                if tag in _BLOCK and not skipping:
                    self._emit("\n\n" if tag in ("p", "h1", "h2", "h3", "h4") else "\n")
                return

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data
            return
        if self._skipping():
            return
        if self._in_h1:
            self.h1 = (self.h1 or "") + data
        self._emit(data)

    def _emit(self, text: str) -> None:
        self.parts.append(text)
        if self.main_parts is not None and self.main_depth not in (None, -1):
            self.main_parts.append(text)


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    lines = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    return "\n".join(out).strip()


def html_main_text(html: str) -> tuple[str | None, str]:
    """(title, main text) of an HTML document; <main>/<article> wins over the whole body."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    main = _tidy("".join(parser.main_parts or []))
    body = _tidy("".join(parser.parts))
    text = main if len(main) >= 200 or (main and len(main) >= 0.3 * len(body)) else body
    title = (parser.h1 or parser.title or "").strip() or None
    return (" ".join(title.split()) if title else None), text
