"""Parse and detection on real Norwegian plan texts (../shared/corpus; skipped when absent).

The texts are third-party: nothing of them is copied here, the tests read them at run time.
"""

import csv
import re
from pathlib import Path

import pytest

from pipeline.detect import find_terms
from pipeline.documents import read_document
from pipeline.errors import DocumentError
from pipeline.lexicon import load_lexicon
from pipeline.metadata import plan_meta

ROOT = Path(__file__).resolve().parent.parent
STATUS = {"vedtatt": "vedtatt", "høringsutkast": "horing", "utkast": "forslag", "rapport": "unknown"}
PLAN_TYPES = {"samfunnsdel", "planstrategi", "planprogram", "arealdel"}


@pytest.fixture(scope="module")
def documents(shared_corpus):
    rows = list(csv.DictReader((shared_corpus / "manifest.csv").open(encoding="utf-8")))
    docs = {}
    for r in rows:
        path = shared_corpus / "tekst" / f"{r['fil']}.md"
        if not path.exists():
            continue  # some documents are held back for evaluation
        try:
            docs[r["fil"]] = (r, read_document(path))
        except DocumentError:
            docs[r["fil"]] = (r, None)
    return docs


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(ROOT / "lexicons" / "cocreation.toml")


def test_nearly_every_real_text_parses(documents):
    failed = [k for k, (_, d) in documents.items() if d is None]
    assert len(documents) >= 50
    assert len(failed) <= 0.05 * len(documents), failed  # the few that fail are empty scans


def test_no_core_term_lost_in_cleaning(documents, lexicon, shared_corpus):
    """Every 'samskap' the raw file holds is found again as a core hit after cleaning."""
    for key, (_, doc) in documents.items():
        if doc is None:
            continue
        raw = (shared_corpus / "tekst" / f"{key}.md").read_text(encoding="utf-8").replace("\u00ad", "")
        raw = raw.split("<!--", 1)[-1]  # skip the file's own header block
        expected = len(re.findall(r"samskap", raw, re.IGNORECASE))
        hits = [h for n, t in enumerate(doc.pages, 1) for h in find_terms(t, lexicon, n)
                if h.concept == "samskaping"]
        assert len(hits) >= expected, key


def test_running_headers_removed(documents, shared_corpus):
    """Raw pages that start with a page-numbered header ('12 | <title>') lose it in cleaning."""
    from pipeline.documents import text_pages

    checked = 0
    for key, (_, doc) in documents.items():
        if doc is None:
            continue
        _, raw = text_pages((shared_corpus / "tekst" / f"{key}.md").read_text(encoding="utf-8"))
        firsts = [next((ln.strip() for ln in p.split("\n") if ln.strip()), "") for p in raw]
        headers = [ln for ln in firsts if re.fullmatch(r"\d{1,3} \| .{5,}|.{5,} \| \d{1,3}", ln)]
        if len(headers) < max(3, len(raw) // 3):
            continue
        checked += 1
        left = [ln for ln in headers if any(ln in page.split("\n") for page in doc.pages)]
        assert not left, (key, left[:3])
    assert checked >= 2  # several real plans have such headers; the test must see them


def test_nynorsk_municipalities_read_as_nynorsk(documents):
    # Gol (3324) and Ål (3328) write nynorsk; Drammen (3301) and Lier (3312) bokmål
    langs = {k: d.language for k, (_, d) in documents.items() if d is not None}
    for key, lang in langs.items():
        if key.startswith(("3324_gol_samfunnsdel", "3324_gol_planstrategi", "3328_aal_kommuneplan")):
            assert lang == "nn", key
        if key.startswith(("3301_drammen_samfunnsdel", "3312_lier_samfunnsdel")):
            assert lang == "nb", key


def test_plan_metadata_against_manifest(documents):
    typed = decided = right_status = 0
    for key, (row, doc) in documents.items():
        if doc is None:
            continue
        meta = plan_meta(doc.title, f"{key}.md", "\n".join(doc.pages[:2]))
        want = row["dokumenttype"] if row["dokumenttype"] in PLAN_TYPES else "other"
        got = meta.plan_type if meta.plan_type in PLAN_TYPES else "other"
        typed += want == got
        if meta.status != "unknown":
            decided += 1
            right_status += meta.status == STATUS[row["status"]]
    n = sum(1 for _, d in documents.values() if d is not None)
    assert typed / n >= 0.95  # measured 0.99 (86 of 87)
    assert right_status / decided >= 0.90  # measured 0.93 (42 of 45); the rest say 'unknown'


def test_plan_period_read_from_the_text_itself(documents):
    """The period on a plan's first pages, with title and file name withheld (they would give it
    away), against the years in the municipality's own title in the manifest."""
    with_period = decided = right = 0
    for key, (row, doc) in documents.items():
        m = re.search(r"(20\d\d)\s*[-–]\s*(20\d\d)", row["tittel"])
        if doc is None or not m:
            continue
        with_period += 1
        meta = plan_meta(None, "plan.md", "\n".join(doc.pages[:2]))
        if meta.period_start is not None:
            decided += 1
            right += (meta.period_start, meta.period_end) == (int(m.group(1)), int(m.group(2)))
    print(f"\nplan period from the text: {decided} of {with_period} decided, {right} right")
    assert with_period >= 40
    assert decided / with_period >= 0.85  # measured 0.90 (52 of 58)
    assert right / decided >= 0.80  # measured 0.83 (43 of 52): first pages also cite earlier plans' periods
