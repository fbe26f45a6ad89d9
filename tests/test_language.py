"""Bokmål, nynorsk, English and mixed documents told apart (own example sentences)."""

import pytest

from pipeline.language import detect_language, document_language

NB = ("Kommunen skal være en god plass å bo for alle innbyggere. Vi ønsker flere tjenester der folk bor, "
      "og det er ikke alltid lett å få til. Hvordan vi gjør dette, blir viktig fremover.")
NN = ("Kommunen skal vere ein god stad å bu for alle innbyggjarar. Me ønskjer fleire tenester der folk bur, "
      "og det er ikkje alltid lett å få til. Korleis me gjer dette, vert viktig framover.")
EN = ("The municipality will work with residents and volunteers. These services should be designed with "
      "the people who use them, and this is the aim of the plan.")


@pytest.mark.parametrize("text, lang", [(NB, "nb"), (NN, "nn"), (EN, "en")])
def test_single_language(text, lang):
    assert detect_language(text) == lang


def test_document_with_nb_and_nn_halves_is_mixed():
    assert document_language([NB * 6, NN * 6]) == "mixed"


def test_one_english_paragraph_does_not_make_a_plan_mixed():
    assert document_language([NB * 4, EN]) == "nb"


def test_document_language_follows_majority():
    assert document_language([NN * 3, NN * 3, NN * 2, "Ja."]) == "nn"
