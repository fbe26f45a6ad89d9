"""The analyst's side: views, exports in every format read back, and the HTML report."""

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.frames import FRAMES

VIEWS = {"municipality_summary", "kwic", "current_samfunnsdel", "municipality_stats", "county_stats",
         "mentions_by_frame", "term_frequencies", "plan_generations"}


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(prefect_harness, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("analyst") / "planmine.duckdb"
    assert invoke("run", "--db", str(path), "--quiet").exit_code == 0
    return path


def q(db: Path, sql: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_views_answer_the_analysts_questions(db):
    names = {r[0] for r in q(db, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert VIEWS <= names
    for core, words, per10k in q(db, "SELECT core_mentions, words, mentions_per_10k_words FROM municipality_stats "
                                     "WHERE words > 0"):
        assert per10k == round(10000 * core / words, 2)
    shares = q(db, "SELECT " + " + ".join(f"share_{f}" for f in FRAMES) + " FROM municipality_stats WHERE core_mentions > 0")
    assert all(abs(s - 1) < 0.01 for (s,) in shares)
    assert q(db, "SELECT municipalities, with_samfunnsdel, mentioning_cocreation FROM county_stats") == [(5, 4, 3)]
    changes = dict(q(db, "SELECT concept, change FROM plan_generations WHERE kommunenummer = '9901'"))
    assert changes["samskaping"] == "appeared" and changes["samproduksjon"] == "disappeared"
    assert changes["frivillighet"] == "kept"
    top = q(db, "SELECT term, mentions FROM term_frequencies LIMIT 1")[0]
    assert top[0] == "samskaping" and top[1] == q(db, "SELECT count(*) FROM mentions WHERE lower(term) = 'samskaping'")[0][0]
    framed = q(db, "SELECT count(*) FROM mentions_by_frame")[0][0]
    assert framed == q(db, "SELECT count(*) FROM mention_frames")[0][0]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_every_view_as_files(db, tmp_path, fmt):
    res = invoke("export", "--format", fmt, "--db", str(db), "--out", str(tmp_path))
    assert res.exit_code == 0
    for view in VIEWS:
        path = tmp_path / f"{view}.{fmt}"
        n = q(db, f"SELECT count(*) FROM {view}")[0][0]
        back = pd.read_csv(path) if fmt == "csv" else duckdb.sql(f"SELECT * FROM '{path}'").df()
        assert len(back) == n, view
    kwic = pd.read_csv(tmp_path / "kwic.csv") if fmt == "csv" else None
    if kwic is not None:
        assert {"left_context", "keyword", "right_context"} <= set(kwic.columns) and "Nordøy" in set(kwic["kommune"])


def test_export_xlsx_workbook_with_a_sheet_per_view(db, tmp_path):
    assert invoke("export", "--format", "xlsx", "--db", str(db), "--out", str(tmp_path)).exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "planmine.xlsx", read_only=True)
    assert VIEWS <= set(wb.sheetnames)
    sheet = wb["municipality_summary"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("kommunenummer", "kommune") and len(rows) == 6


def test_qdpx_read_back_by_an_independent_reader(db, tmp_path):
    from pyrefiqda import RefiProject

    assert invoke("export", "--format", "qdpx", "--db", str(db), "--out", str(tmp_path)).exit_code == 0
    qdpx = tmp_path / "planmine.qdpx"
    with zipfile.ZipFile(qdpx) as z:
        assert "project.qde" in z.namelist()
    project = RefiProject.load(qdpx, extract_dir=str(tmp_path / "x"))
    codes = {c.guid: c.name for c in project.code_book.codes.code}
    assert sorted(codes.values()) == sorted(FRAMES)
    expected = {(t, p, tuple(sorted(fr))) for t, p, fr in q(db, (
        "SELECT m.term, m.page, list(f.frame) FROM mentions m JOIN mention_frames f USING (mention_id) "
        "GROUP BY m.mention_id, m.term, m.page"))}
    seen = set()
    docs_with_frames = q(db, "SELECT count(DISTINCT m.doc_id) FROM mentions m JOIN mention_frames f USING (mention_id)")
    assert len(project.sources.text_source) == docs_with_frames[0][0]
    for src in project.sources.text_source:
        text = RefiProject.resolve_source_path(src.plain_text_path, tmp_path / "x").read_text(encoding="utf-8")
        for sel in src.plain_text_selection:
            quoted = text[sel.start_position:sel.end_position]
            term, page = re.fullmatch(r"(.+) \(s\. (\d+)\)", sel.name).groups()
            assert term in quoted, (sel.name, quoted)
            assert text.rfind("--- side ", 0, sel.start_position) == text.rfind(f"--- side {page} ---", 0, sel.start_position)
            seen.add((term, int(page), tuple(sorted(codes[c.code_ref.target_guid] for c in sel.coding))))
    assert seen == expected
    assert {c.name for c in project.cases.case} >= {"9901 Fjordvik", "9902 Nordøy"}


def test_report_is_self_contained_norwegian_html(db, tmp_path):
    res = invoke("report", "--db", str(db), "--out", str(tmp_path))
    assert res.exit_code == 0
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<strong>3 av 4</strong>" in page
    table = page.split("<table id='kommuner'>", 1)[1].split("</table>", 1)[0]
    assert (table.count('class="ja"'), table.count('class="nei"'), table.count('class="ukjent"')) == (3, 1, 1)
    for label in ("Kommunene", "Plangenerasjoner", "De tydeligste passasjene per ramme", "kom til", "forsvant"):
        assert label in page
    assert not re.search(r"<script|<link|<img|@import|url\(|src=", page), "the report must not load anything"
    assert page.count('class="bar"') == 5 and page.count('class="cell"') == 5 * len(FRAMES)
    assert 'href="https://www.fjordvik.kommune.example/planer/9901_fjordvik_samfunnsdel_2024-2036.pdf#page=' in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (scripts/bootstrap.py --test installs it)")
def test_report_renders_in_headless_chromium(db, tmp_path):
    from PIL import Image

    invoke("report", "--db", str(db), "--out", str(tmp_path))
    url = (tmp_path / "report.html").as_uri()
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,2600"]
    dom = subprocess.run(flags + ["--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    assert dom.count('class="bar"') == 5 and 'id="chart-frames"' in dom
    shot = tmp_path / "report.png"
    subprocess.run(flags + [f"--screenshot={shot}", url], capture_output=True, timeout=120)
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 2600)
    # the bar chart's blue must be on the page: the charts were drawn, not just present in the markup
    blue = image.tobytes().count(bytes((31, 120, 180)))
    assert blue > 2000, f"only {blue} pixels of the bar colour"
