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
    from drawn_pdf import draw_page
    from reportlab.pdfbase.pdfmetrics import stringWidth

    items = [("Helvetica", 8, 62, 792, "Testvik kommune"),
             ("Helvetica", 8, 533 - stringWidth("Kommuneplanens samfunnsdel", "Helvetica", 8), 792,
              "Kommuneplanens samfunnsdel"),
             ("Helvetica-Bold", 14, 62, 740, "2 Samskaping i praksis")]
    for col, lines in ((62, LEFT), (310, RIGHT)):
        for k, line in enumerate(lines * 3):
            x, y = col, 700 - 14 * k
            for word in line.split():  # one text object per word, as some PDF writers do
                items.append(("Helvetica", 10.5, x, y, word))
                x += stringWidth(word + " ", "Helvetica", 10.5)
    return draw_page(tmp_path_factory.mktemp("pdfium") / "words.pdf", items)


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


def test_text_drawn_glyph_by_glyph_reads_as_words(tmp_path):
    """Some writers place every glyph on its own: the runs of a line join into one."""
    from drawn_pdf import draw_page
    from reportlab.pdfbase.pdfmetrics import stringWidth

    items = []
    for k, line in enumerate(LEFT):
        x = 62.0
        for ch in line:
            if ch != " ":
                items.append(("Helvetica", 10.5, x, 700 - 14 * k, ch))
            x += stringWidth(ch, "Helvetica", 10.5)
    path = draw_page(tmp_path / "glyphs.pdf", items)
    fast = read_pdf_fast(path).pages[0]
    with pdfplumber.open(path) as pdf:
        reference = plumber_page_text(pdf.pages[0])
    assert [ln for ln in fast.splitlines() if ln] == LEFT
    assert fast.split() == reference.split()
