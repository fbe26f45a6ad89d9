"""The fast pdfium path against pdfplumber on layouts that writers produce: text drawn word by
word (one text object per word) in two columns, and a heading and header across them."""

from pathlib import Path

import pdfplumber
import pytest

from pipeline.pdf import page_text as plumber_page_text
from pipeline.pdfium_reader import read_pdf_fast

LEFT = ["Kommunen vil samskape tjenestene", "med brukere og pårørende i alle", "deler av helse og omsorg for å gi",
        "bedre hjelp der folk bor i dag."]
RIGHT = ["Frivilligsentralen er en arena", "for lag og foreninger som vil", "skape møteplasser i bygdene",
         "sammen med kommunen og andre."]


@pytest.fixture(scope="module")
def word_by_word_pdf(tmp_path_factory) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path_factory.mktemp("pdfium") / "words.pdf"
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 8)
    c.drawString(62, 792, "Testvik kommune")
    c.drawRightString(533, 792, "Kommuneplanens samfunnsdel")
    c.setFont("Helvetica-Bold", 14)
    c.drawString(62, 740, "2 Samskaping i praksis")
    c.setFont("Helvetica", 10.5)
    for col, lines in ((62, LEFT), (310, RIGHT)):
        for k, line in enumerate(lines * 3):
            x, y = col, 700 - 14 * k
            for word in line.split():  # one text object per word, as some PDF writers do
                c.drawString(x, y, word)
                x += stringWidth(word + " ", "Helvetica", 10.5)
    c.showPage()
    c.save()
    return path


def test_word_by_word_columns_read_like_pdfplumber(word_by_word_pdf):
    fast = read_pdf_fast(word_by_word_pdf).pages[0]
    with pdfplumber.open(word_by_word_pdf) as pdf:
        reference = plumber_page_text(pdf.pages[0])
    assert fast.split() == reference.split()


def test_word_by_word_columns_keep_reading_order(word_by_word_pdf):
    lines = [ln for ln in read_pdf_fast(word_by_word_pdf).pages[0].splitlines() if ln]
    assert lines[0] == "Testvik kommune Kommuneplanens samfunnsdel"
    assert lines[1] == "2 Samskaping i praksis"
    assert lines[2:14] == LEFT * 3 and lines[14:26] == RIGHT * 3
