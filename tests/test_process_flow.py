"""Real Prefect flow runs into a real DuckDB file: contents, idempotence, bad input, safe SQL."""

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.frames import FRAMES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"
TABLES = ("municipalities", "documents", "pages", "mentions", "mention_frames")
SAMPLE_DOCS = len((SAMPLE / "documents.csv").read_text(encoding="utf-8").strip().splitlines()) - 1


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows without the time stamps and run ids that differ between runs."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
        out["documents"] = con.execute("SELECT * EXCLUDE (fetched_at, processed_at) FROM documents ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_db(prefect_harness, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("run") / "planmine.duckdb"
    result = invoke("run", "--db", str(db), "--quiet")
    assert result.exit_code == 0, result.output
    return db


def test_run_fills_contract_tables_and_views(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    summary = {r[0]: r for r in con.execute("SELECT * FROM municipality_summary").fetchall()}
    assert set(summary) == {"9901", "9902", "9903", "9904", "9905"}
    assert summary["9904"][4] is False and summary["9904"][3] == 0  # the plan without co-creation
    assert summary["9902"][4] is True and summary["9901"][4] is True
    assert summary["9905"][4] is None  # only a planprogram: the question has no answer
    docs = con.execute("SELECT plan_type, status, language, page_count FROM documents ORDER BY doc_id").fetchall()
    assert len(docs) == SAMPLE_DOCS and {d[2] for d in docs} == {"nb", "nn"}
    assert ("samfunnsdel", "horing") in {(d[0], d[1]) for d in docs}
    frames = {f for (f,) in con.execute("SELECT DISTINCT frame FROM mention_frames").fetchall()}
    assert frames == set(FRAMES)  # the sample is written to carry every frame of the codebook
    # every core mention has at least one frame, with the model version and its evidence
    assert con.execute("SELECT count(*) FROM mentions m WHERE kind = 'core' AND NOT EXISTS "
                       "(SELECT 1 FROM mention_frames f WHERE f.mention_id = m.mention_id)").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM mention_frames WHERE model_version IS NULL OR evidence = ''").fetchone() == (0,)
    # offsets point into pages.text
    bad = con.execute("SELECT count(*) FROM mentions m JOIN pages p USING (doc_id, page) "
                      "WHERE substr(p.text, m.char_start + 1, m.char_end - m.char_start) <> m.term").fetchone()
    assert bad == (0,)
    kwic = con.execute("SELECT left_context, keyword, right_context FROM kwic WHERE keyword = 'Kommune 3.0'").fetchall()
    assert kwic and kwic[0][0].endswith("Fjordvik vil ta steget mot")
    runs = con.execute("SELECT status, documents_processed, lexicon_version, model_version FROM runs").fetchall()
    assert runs[0][:2] == ("ok", SAMPLE_DOCS) and runs[0][2] and runs[0][3]
    con.close()


def test_second_run_changes_nothing_but_adds_a_run(sample_db, tmp_path):
    before = dump(sample_db)
    result = invoke("process", str(SAMPLE), "--db", str(sample_db), "--quiet")
    assert result.exit_code == 0
    assert f"0 processed, {SAMPLE_DOCS} unchanged" in result.output
    assert dump(sample_db) == before
    con = duckdb.connect(str(sample_db), read_only=True)
    assert con.execute("SELECT count(*) FROM runs").fetchone()[0] >= 2
    con.close()


def test_bad_inputs_reported_run_goes_on_nothing_lost(sample_db, bad_inputs, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(sample_db, db)
    before = dump(db)
    folder = tmp_path / "in"
    folder.mkdir()
    failing = {k: p for k, p in bad_inputs.items() if k != "scanned_text"}  # OCR may read that one
    for p in failing.values():
        shutil.copy(p, folder / p.name)
    (folder / "9999_ok.md").write_text("# Testby: Temaplan\n\n<!-- side 1 -->\nTestby vil samskape med frivillige.\n",
                                       encoding="utf-8")
    paths = [str(folder / p.name) for p in failing.values()] + [str(folder / "9999_ok.md")]
    result = invoke("process", *paths, "--municipality", "9999", "--kommune", "Testby", "--db", str(db), "--quiet")
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.startswith("FAILED")]
    reasons = {"tom.pdf": "empty-file", "avkuttet.pdf": "corrupt-pdf", "passord.pdf": "encrypted-pdf",
               "skannet.pdf": "image-only-pdf", "plan.docx": "unknown-type"}
    for name, reason in reasons.items():
        (line,) = [ln for ln in lines if f"/{name}:" in ln]
        assert line.endswith(f"[{reason}]")
    assert len(lines) == len(reasons)  # the login page behind .pdf is read as the HTML it is
    after = dump(db)
    for table in TABLES:
        assert set(before[table]) <= set(after[table])
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT kommune FROM municipalities WHERE kommunenummer = '9999'").fetchone() == ("Testby",)
    assert con.execute("SELECT count(*) FROM documents WHERE kommunenummer = '9999'").fetchone() == (2,)
    assert con.execute("SELECT count(*) FROM failures").fetchone() == (5,)
    assert con.execute("SELECT status FROM runs ORDER BY started_at DESC LIMIT 1").fetchone() == ("partial",)
    con.close()


def test_sql_is_read_only_and_bounded(sample_db, tmp_path):
    ok = invoke("sql", "SELECT kommune, mentions_cocreation FROM municipality_summary", "--db", str(sample_db),
                "--format", "csv")
    assert ok.exit_code == 0 and "Nordøy,True" in ok.stdout
    for query in ("DELETE FROM mentions", "CREATE TABLE x (a INT)",
                  f"COPY mentions TO '{tmp_path / 'x.csv'}'", "SELECT * FROM read_csv('/etc/passwd')"):
        res = invoke("sql", query, "--db", str(sample_db))
        assert res.exit_code == 1, query
    assert not (tmp_path / "x.csv").exists()
    capped = invoke("sql", "SELECT * FROM range(50)", "--db", str(sample_db), "--max-rows", "10", "--format", "json")
    assert len(capped.stdout.splitlines()) == 10 and "max_rows=10" in capped.output
    slow = invoke("sql", "SELECT count(*) FROM range(100000000000) a", "--db", str(sample_db), "--timeout", "0.5")
    assert slow.exit_code == 1 and "timeout=0.5" in slow.output


def test_changed_lexicon_rederives_without_reparsing(prefect_harness, sample_db, tmp_path):
    from dataclasses import replace

    from flows.process import run_process
    from pipeline.lexicon import load_lexicon
    from pipeline.settings import Settings
    from pipeline.sources import collect_sources

    db = tmp_path / "lex.duckdb"
    shutil.copy(sample_db, db)
    lexdir = tmp_path / "lexicons"
    shutil.copytree(ROOT / "lexicons", lexdir)
    lex = lexdir / "cocreation.toml"
    before = load_lexicon(lex).version
    lex.write_text(lex.read_text(encoding="utf-8") + "\n# edited: the version's digest changes\n", encoding="utf-8")
    after = load_lexicon(lex).version
    assert after != before
    settings = replace(Settings(db_path=db), lexicon_dir=lexdir)
    sources, munis = collect_sources([SAMPLE])
    summary = run_process(sources, settings, municipalities=munis, quiet=True)
    assert summary.processed == SAMPLE_DOCS and not summary.failures
    con = duckdb.connect(str(db), read_only=True)
    assert {v for (v,) in con.execute("SELECT DISTINCT lexicon_version FROM documents").fetchall()} == \
        {v for v in [con.execute("SELECT lexicon_version FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()[0]]}
    assert con.execute("SELECT DISTINCT lexicon_version FROM documents").fetchall() == [(after,)]
    con.close()
    assert dump(db)["mentions"] == dump(sample_db)["mentions"]  # same text, same lexicon rules
