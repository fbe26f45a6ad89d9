"""Plan type, status and period of a plan document from its title, file name and first pages."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

PLAN_TYPES = ("samfunnsdel", "planstrategi", "planprogram", "arealdel", "temaplan", "other")
STATUSES = ("vedtatt", "horing", "forslag", "unknown")

# Order matters: "Planprogram for kommuneplanens samfunnsdel" is a planprogram, and a
# "Kunnskapsgrunnlag for samfunnsdelen" is background, not the plan.
_TYPE_RULES = [
    ("other", re.compile(r"kunnskapsgrunnlag|statistikk|rapport|oversikt|analyse|profil|framskriving|trender|"
                         r"bakgrunn|særutskrift|levekår|moglegheitsstudie|mulighetsstudie", re.I)),
    ("planprogram", re.compile(r"planprogram", re.I)),
    ("planstrategi", re.compile(r"planstrategi", re.I)),
    ("arealdel", re.compile(r"arealdel|arealplan(?!legging)", re.I)),
    ("samfunnsdel", re.compile(r"samfunnsdel|samfunnsplan|kommuneplanens\s+samfunns|\bkommuneplan\b", re.I)),
    ("temaplan", re.compile(r"temaplan|kommunedelplan|handlingsplan|strategi|\bplan\b|\w+plan\b", re.I)),
]
# Titles and file names say their status plainly; in the text only cover phrases count, since
# body text is full of "forslag til tiltak" and "høring av ...".
_TITLE_STATUS = [
    ("horing", re.compile(r"høring|høyring|horing|hoyring|offentlig ettersyn", re.I)),
    ("forslag", re.compile(r"forslag|utkast|framlegg|\bdraft\b", re.I)),
    ("vedtatt", re.compile(r"vedtatt|vedteke|vedtekne|\bvedtak\b", re.I)),
]
_COVER_STATUS = [
    ("horing", re.compile(r"høringsutkast|høyringsutkast|høringsutgave|høyringsutgåve|til offentlig ettersyn|"
                          r"(?:sendt|lagt ut|ute) på (?:høring|høyring)", re.I)),
    ("forslag", re.compile(r"\butkast\b|forslag til (?:kommuneplan|planstrategi|samfunnsdel|planprogram)|\bdraft\b", re.I)),
    ("vedtatt", re.compile(r"vedtatt (?:av|i) kommunestyret|vedteke (?:av|i) kommunestyret|vedtatt \d|vedteke \d|"
                           r"kommunestyrets vedtak|\b(?:k|ks)-?sak\s+\d", re.I)),
]
COVER_CHARS = 1500
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:-|–|—|til|to)\s*((?:19|20)\d{2})(?!\d)")
_SHORT_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–]\s*(\d{2})(?!\d)")
_END_YEAR = re.compile(r"(?:mot|fram\s+mot|frem\s+mot|til|towards)\s+((?:20)\d{2})(?!\d)|(?<!\d)(20[3-9]\d)(?!\d)", re.I)


@dataclass(frozen=True)
class PlanMeta:
    """What kind of plan a document is."""

    plan_type: str
    status: str
    period_start: int | None
    period_end: int | None


def _norm_name(file_name: str) -> str:
    return re.sub(r"[_+]", " ", file_name)


def plan_type(title: str, file_name: str, first_pages: str) -> str:
    """One of PLAN_TYPES; the title decides before the file name, which decides before the text."""
    for text in (title, _norm_name(file_name), first_pages[:3000]):
        for name, rx in _TYPE_RULES:
            if rx.search(text or ""):
                return name
    return "other"


def plan_status(title: str, file_name: str, first_pages: str) -> str:
    """One of STATUSES: from the title or file name, else from phrases on the cover."""
    for text, rules in ((title, _TITLE_STATUS), (_norm_name(file_name), _TITLE_STATUS),
                        (first_pages[:COVER_CHARS], _COVER_STATUS)):
        for name, rx in rules:
            if rx.search(text or ""):
                return name
    return "unknown"


def _periods(text: str) -> list[tuple[int, int]]:
    """Every plausible plan period in text ("2021-2033", "2021–33", "2021 til 2033"), in order."""
    found = []
    for m in _PERIOD.finditer(text):
        if int(m.group(1)) < int(m.group(2)) <= int(m.group(1)) + 40:
            found.append((m.start(), int(m.group(1)), int(m.group(2))))
    for m in _SHORT_PERIOD.finditer(text):
        start = int(m.group(1))
        end = start // 100 * 100 + int(m.group(2))
        if start < end <= start + 40:
            found.append((m.start(), start, end))
    return [(a, b) for _, a, b in sorted(found)]


def plan_period(title: str, file_name: str, first_pages: str) -> tuple[int | None, int | None]:
    """(start, end) years of the plan period, None where unknown.

    The title or file name decides when it has one; in the text, the period named most often
    on the first pages (the earliest on a tie): a plan's first pages also cite the plans before it.
    """
    for text in (title, _norm_name(file_name)):
        periods = _periods(text or "")
        if periods:
            return periods[0]
    periods = _periods(first_pages[:3000])
    if periods:
        return Counter(periods).most_common(1)[0][0]  # most_common keeps first-seen order on ties
    for text in (title, _norm_name(file_name)):
        m = _END_YEAR.search(text or "")
        if m:
            return None, int(m.group(1) or m.group(2))
    return None, None


def plan_meta(title: str | None, file_name: str, first_pages: str) -> PlanMeta:
    """All plan metadata at once."""
    t = title or ""
    start, end = plan_period(t, file_name, first_pages)
    return PlanMeta(plan_type(t, file_name, first_pages), plan_status(t, file_name, first_pages), start, end)
