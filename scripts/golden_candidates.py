"""List candidate passages for the golden set from ../shared/corpus (prints text for the reader;
the golden set itself stores only file names, offsets and labels).

    .venv/bin/python scripts/golden_candidates.py core|trap|related [LIMIT]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "buskerud" / "tekst"
PATTERNS = {
    "core": r"\w*(?:samskap|medskap|samprodu|samskab)\w*|kommune\s?3[.,]0|co-?creat\w*|co-?produc\w*|"
            r"samarbeidsdrevne?t?\s+innovasjon",
    "trap": r"verdiskaping\w*|samhandlingsreform\w*|nærmiljøanlegg\w*|medvirkning til\b|medverknad til\b",
    "related": r"medvirkning\w*|medverknad\w*|frivillighet\w*|frivilligheit\w*|dugnad\w*|bolyst\w*|bulyst\w*|"
               r"partnerskap\w*|innbyggerdialog\w*|nærdemokrati\w*|sosial innovasjon|tillitsbaser\w*",
}
_MARK = re.compile(r"<!--\s*(?:side|seksjon)\s+(\d+)\s*-->")


def page_at(text: str, pos: int) -> int:
    pages = [(m.start(), int(m.group(1))) for m in _MARK.finditer(text)]
    current = 1
    for start, n in pages:
        if start > pos:
            break
        current = n
    return current


def main() -> None:
    kind = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    rx = re.compile(PATTERNS[kind], re.IGNORECASE)
    n = 0
    for f in sorted(CORPUS.glob("*.md")):
        text = f.read_text(encoding="utf-8")
        body_start = _MARK.search(text).start() if _MARK.search(text) else 0
        for m in rx.finditer(text, body_start):
            s = max(text.rfind("\n", 0, m.start()), m.start() - 260)
            e = min(text.find("\n", m.end()) if text.find("\n", m.end()) > 0 else len(text), m.end() + 200)
            ctx = " ".join(text[s:e].split())
            print(f"{f.name}\t{m.start()}\t{m.end()}\t{m.group(0)}\tp{page_at(text, m.start())}\t{ctx}")
            n += 1
            if n >= limit:
                return


if __name__ == "__main__":
    main()
