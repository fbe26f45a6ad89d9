"""Cleaning of extracted page text: the things a reader of plan PDFs trips over."""

import pytest

from pipeline.textclean import clean_pages, drop_toc_lines, normalise_chars, repair_hyphenation


@pytest.mark.parametrize("lines, expected", [
    (["Vi satser på samska-", "ping i alle sektorer."], ["Vi satser på samskaping", "i alle sektorer."]),
    (["bedre helse-", "og omsorgstjenester"], ["bedre helse-", "og omsorgstjenester"]),
    (["tiltak i Nord-", "Norge og Sør-Norge"], ["tiltak i Nord-Norge", "og Sør-Norge"]),
    (["send en e-", "post til oss"], ["send en e-post", "til oss"]),
    (["innbygger-", "samskaping."], ["innbyggersamskaping."]),
    (["slutt på linja-", ""], ["slutt på linja-", ""]),
    (["aktivt lokal-", "", "demokrati i kolonne to"], ["aktivt lokaldemokrati", "i kolonne to"]),
    (["Nord-", "", "Norge er stort"], ["Nord-", "", "Norge er stort"]),
    (["samskapings\u00ad", "arena"], ["samskapingsarena"]),
])
def test_repair_hyphenation(lines, expected):
    assert repair_hyphenation(normalise_chars("\n".join(lines)).split("\n")) == expected


def test_running_header_footer_and_page_numbers_removed():
    pages = [f"Fjordvik kommune   Samfunnsdel 2024\nTekst på side {n} om planen.\nSide {n} av 4" for n in range(1, 5)]
    cleaned = clean_pages(pages)
    assert cleaned == [f"Tekst på side {n} om planen." for n in range(1, 5)]


def test_body_line_repeated_once_is_kept():
    pages = ["Topp\nSamskaping er viktig.\n1", "Topp\nAnnen tekst.\n2", "Topp\nSamskaping er viktig.\n3", "Topp\nMer.\n4"]
    assert "Samskaping er viktig." in clean_pages(pages)[0]


def test_toc_lines_dropped():
    lines = ["Innhold", "1 Innledning ........................ 3", "2 Samskaping . . . . . . . 7", "Vanlig tekst."]
    assert drop_toc_lines(lines) == ["Innhold", "Vanlig tekst."]


def test_odd_characters_normalised():
    assert normalise_chars("ﬁre\u00a0ting\u200b") == "fire ting"


def test_symbol_font_bullets_become_bullets():
    """Word lists set in Symbol or Wingdings come out as private-use code points."""
    from pipeline.textclean import normalise_chars

    assert normalise_chars("\uf0b7 Samskaping med frivillige\n\uf0a7 Dugnad") == "• Samskaping med frivillige\n• Dugnad"
