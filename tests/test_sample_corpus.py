"""The embedded sample corpus: what the issue asks of it, and that its PDFs parse like real plans."""

import csv
import json
import re
from pathlib import Path

import pdfplumber
import pytest

from pipeline.detect import find_terms
from pipeline.documents import read_document
from pipeline.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(ROOT / "lexicons" / "cocreation.toml")


@pytest.fixture(scope="module")
def parsed():
    return {p.name: read_document(p) for p in sorted(SAMPLE.iterdir()) if p.suffix in (".pdf", ".html")}


def test_generator_reproduces_committed_corpus(tmp_path):
    from make_sample_corpus import main

    main(["--out", str(tmp_path)])
    for p in sorted(SAMPLE.iterdir()):
        assert (tmp_path / p.name).read_bytes() == p.read_bytes(), f"{p.name} differs: rerun scripts/make_sample_corpus.py"


def test_corpus_shape():
    with (SAMPLE / "municipalities.csv").open(encoding="utf-8") as fh:
        munis = list(csv.DictReader(fh))
    with (SAMPLE / "documents.csv").open(encoding="utf-8") as fh:
        docs = list(csv.DictReader(fh))
    assert len(munis) >= 4 and all(re.fullmatch(r"99\d\d", m["kommunenummer"]) for m in munis)
    assert len(docs) >= 6 and {d["kommunenummer"] for d in docs} <= {m["kommunenummer"] for m in munis}
    assert any(d["file"].endswith(".html") for d in docs)


def test_languages_and_a_plan_without_cocreation(parsed, lexicon):
    langs = {name: d.language for name, d in parsed.items()}
    assert langs["9902_nordoy_samfunnsdel_2023-2035.pdf"] == "nn"
    assert sum(1 for v in langs.values() if v == "nb") >= 4
    core = {name: [h for n, t in enumerate(d.pages, 1) for h in find_terms(t, lexicon, n) if h.kind == "core"]
            for name, d in parsed.items()}
    assert core["9904_sjovollen_samfunnsdel_2022-2034.pdf"] == []
    assert sum(1 for v in core.values() if v) >= 5


def test_pdfs_have_the_hard_parts_of_real_plans():
    """Raw PDF text has hyphenated line ends, repeated headers and a TOC with dot leaders."""
    with pdfplumber.open(SAMPLE / "9901_fjordvik_samfunnsdel_2024-2036.pdf") as pdf:
        raw = [p.extract_text() for p in pdf.pages]
        tables = [p.find_tables() for p in pdf.pages]
    assert sum(1 for t in raw for ln in t.split("\n") if re.search(r"\w-$", ln)) >= 5
    assert sum(1 for t in raw if "Side " in t) == len(raw) - 1
    assert re.search(r"Innledning \.{5,}", raw[1])
    assert any(tables)


def test_parse_repairs_and_strips(parsed):
    doc = parsed["9901_fjordvik_samfunnsdel_2024-2036.pdf"]
    text = "\n".join(doc.pages)
    assert "Side " not in text and "....." not in text
    assert "Fjordvik kommune\n" not in text.split("\n", 3)[-1]  # header gone below the cover
    assert "samskapingsarenaer" in text and "samskapingslogg" in text  # split over lines in the PDF
    assert re.search(r"helse-\s+og omsorgstjenester", text)  # suspended compound kept
    assert "0–19 år 1 410 1 330 1 270" in text  # a table row stays a row


def test_two_column_page_in_reading_order(parsed):
    page = parsed["9901_fjordvik_samfunnsdel_2024-2036.pdf"].pages[4]
    flat = " ".join(page.split())
    first_left = flat.index("Fjordvik vil ta steget mot Kommune 3.0")
    end_left = flat.index("samskapingsprosjektene og hva de har gitt.")
    first_right = flat.index("Kommunen skal også være en arena der lag, foreninger")
    assert first_left < end_left < first_right
    assert "pådriver for samskaping med innbyggerne." in flat


def test_html_main_text_without_navigation(parsed):
    doc = parsed["9903_heibygd_samfunnsdel_2025-2037.html"]
    text = doc.pages[0]
    assert doc.title.startswith("Kommuneplanens samfunnsdel 2025–2037")
    assert "samskabelse" in text
    for furniture in ("informasjonskapsler", "Skole og barnehage", "Relaterte sider", "Sentralbord", "dataLayer"):
        assert furniture not in text


def test_cli_parse_and_detect_offsets_agree(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    pdf = str(SAMPLE / "9902_nordoy_samfunnsdel_2023-2035.pdf")
    pages = {d["page"]: d["text"] for d in map(json.loads, CliRunner().invoke(app, ["parse", pdf]).stdout.splitlines())}
    hits = [json.loads(line) for line in CliRunner().invoke(app, ["detect", pdf]).stdout.splitlines()]
    assert {h["kind"] for h in hits} == {"core", "related"}
    for h in hits:
        assert pages[h["page"]][h["start"]:h["end"]] == h["term"]
        assert set(h) >= {"page", "start", "end", "term", "concept", "kind", "sentence"}
