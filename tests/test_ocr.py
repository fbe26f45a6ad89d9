"""Image-only pages: read by OCR and marked so when Tesseract is installed, flagged when it is not."""

from dataclasses import replace

import duckdb
import pytest

from pipeline.ocr import tesseract_available, text_from_tsv

TSV = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
       "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t96\tSamskaping\n5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t90\tskal\n"
       "5\t1\t1\t2\t1\t1\t0\t0\t1\t1\t60\tfolk\n4\t1\t1\t2\t1\t0\t0\t0\t1\t1\t-1\t\n")


def test_text_from_tesseract_tsv():
    read = text_from_tsv(TSV)
    assert read.text == "Samskaping skal\n\nfolk" and read.confidence == pytest.approx(0.82)


@pytest.mark.skipif(not tesseract_available("nor"), reason="tesseract with Norwegian is not installed")
def test_scanned_plan_is_read_by_ocr_and_marked(prefect_harness, bad_inputs, tmp_path):
    from flows.process import run_process
    from pipeline.settings import Settings
    from pipeline.sources import collect_sources

    sources, _ = collect_sources([bad_inputs["scanned_text"]], kommunenummer="9902")
    summary = run_process(sources, Settings(db_path=tmp_path / "db.duckdb"), quiet=True)
    assert summary.processed == 1 and not summary.failures
    con = duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True)
    ocr, confidence, text = con.execute("SELECT ocr, confidence, text FROM pages").fetchone()
    assert ocr is True and 0.5 < confidence < 1.0
    assert "Samskaping skal gje innbyggjarane" in " ".join(text.split())
    kwic = con.execute("SELECT keyword, ocr FROM kwic WHERE keyword ILIKE 'samskap%'").fetchall()
    assert kwic and all(flag for _, flag in kwic)
    assert con.execute("SELECT language FROM documents").fetchone() == ("nn",)
    con.close()


def test_without_ocr_a_scan_is_flagged_not_silently_empty(prefect_harness, bad_inputs, tmp_path):
    from flows.process import run_process
    from pipeline.settings import Settings
    from pipeline.sources import collect_sources

    sources, _ = collect_sources([bad_inputs["scanned_text"]], kommunenummer="9902")
    settings = replace(Settings(db_path=tmp_path / "db.duckdb"), ocr=False)
    summary = run_process(sources, settings, quiet=True)
    (failure,) = summary.failures
    assert failure.reason == "image-only-pdf" and "OCR is not available" in failure.message
