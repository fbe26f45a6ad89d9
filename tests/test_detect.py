"""Term detection: inflections, compounds, nynorsk, English and Danish forms, and the codebook traps."""

from pathlib import Path

import pytest

from pipeline.detect import find_terms
from pipeline.lexicon import LexiconError, load_lexicon

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(ROOT / "lexicons" / "cocreation.toml")


@pytest.mark.parametrize("sentence, term, concept", [
    ("Kommunen satser på samskaping.", "samskaping", "samskaping"),
    ("Samskapingen skal styrkes.", "Samskapingen", "samskaping"),
    ("Me vil styrkje samskapinga.", "samskapinga", "samskaping"),
    ("Vi vil samskape tilbudet.", "samskape", "samskaping"),
    ("Tilbudet er samskapt med brukerne.", "samskapt", "samskaping"),
    ("En samskapende kommune lytter.", "samskapende", "samskaping"),
    ("Ein samskapande kommune lyttar.", "samskapande", "samskaping"),
    ("Biblioteket blir en samskapingsarena.", "samskapingsarena", "samskaping"),
    ("Vi prøver innbyggersamskaping i bydelen.", "innbyggersamskaping", "samskaping"),
    ("Samskapningen tok tid.", "Samskapningen", "samskaping"),
    ("Et medskapende arbeid.", "medskapende", "medskaping"),
    ("Samproduksjon av tjenester gir mestring.", "Samproduksjon", "samproduksjon"),
    ("Vi satser på samarbeidsdrevet innovasjon.", "samarbeidsdrevet innovasjon", "samarbeidsdrevet innovasjon"),
    ("Målet er Kommune 3.0 innen 2030.", "Kommune 3.0", "kommune 3.0"),
    ("Vi ønsker kommune 3,0 og mer.", "kommune 3,0", "kommune 3.0"),
    ("Co-creation with residents matters.", "Co-creation", "co-creation"),
    ("We co-create services.", "co-create", "co-creation"),
    ("The co-production of services grows.", "co-production", "co-production"),
    ("A co-design workshop was held.", "co-design", "co-design"),
    ("Kommunen arbejder med samskabelse.", "samskabelse", "samskabelse"),
    ("Borgerne vil samskabe løsninger.", "samskabe", "samskabelse"),
])
def test_core_forms_found(lexicon, sentence, term, concept):
    core = [h for h in find_terms(sentence, lexicon) if h.kind == "core"]
    assert [(h.term, h.concept) for h in core] == [(term, concept)]
    h = core[0]
    assert sentence[h.start:h.end] == h.term


@pytest.mark.parametrize("sentence", [
    "Verdiskaping i havbruket er viktig.",
    "Filmen er en samproduksjon mellom to selskaper.",
    "Teateret satte opp en samproduksjon med kulturskolen.",
    "Samhandlingsreformen kom i 2012.",
    "Kommunen bygger nye nærmiljøanlegg.",
    "Medvirkning til korrupsjon er straffbart.",
    "Planen har et opplegg for medvirkning etter plan- og bygningsloven § 5-1.",
])
def test_traps_are_not_core_mentions(lexicon, sentence):
    assert [h for h in find_terms(sentence, lexicon) if h.kind == "core"] == []


def test_complicity_is_not_a_related_mention_either(lexicon):
    assert find_terms("Medvirkning til korrupsjon er straffbart.", lexicon) == []
    assert [h.concept for h in find_terms("Medvirkning i planarbeidet er viktig.", lexicon)] == ["medvirkning"]


def test_related_concepts_are_marked_related(lexicon):
    hits = find_terms("Frivilligheten og bolystteamet tar ansvar. Dugnad og partnerskap hjelper.", lexicon)
    assert {(h.concept, h.kind) for h in hits} == {("frivillighet", "related"), ("bolyst", "related"),
                                                   ("dugnad", "related"), ("partnerskap", "related")}


def test_sentence_and_context_around_hit(lexicon):
    text = ("Første avsnitt handler om noe annet.\n\nKommunen vil legge til rette. Derfor satser vi på\n"
            "samskaping med frivillige. Det gir resultater.\n\nSiste avsnitt.")
    (hit,) = find_terms(text, lexicon, page=4)
    assert hit.page == 4
    assert hit.sentence == "Derfor satser vi på samskaping med frivillige."
    assert "Kommunen vil legge til rette." in hit.context and "Siste avsnitt" not in hit.context


def test_abbreviation_does_not_end_sentence(lexicon):
    (hit,) = find_terms("Dette gjelder bl.a. samskaping med lag og foreninger, jf. kap. 3.", lexicon)
    assert hit.sentence.startswith("Dette gjelder bl.a. samskaping")


def test_broken_lexicon_names_file_and_entry(tmp_path):
    bad = tmp_path / "lex.toml"
    bad.write_text('[lexicon]\nversion = "1"\n[[concept]]\nid = "x"\nkind = "core"\npatterns = ["(unclosed"]\n')
    with pytest.raises(LexiconError, match=r"lex\.toml.*'x'"):
        load_lexicon(bad)


def test_lexicon_version_changes_with_content(tmp_path):
    src = (ROOT / "lexicons" / "cocreation.toml").read_text(encoding="utf-8")
    a = tmp_path / "a.toml"
    a.write_text(src, encoding="utf-8")
    b = tmp_path / "b.toml"
    b.write_text(src.replace("patterns = ['\\w*medskap\\w*']", "patterns = ['\\w*medskap\\w*', 'x']"), encoding="utf-8")
    assert load_lexicon(a).version != load_lexicon(b).version


def test_skipping_pages_without_a_terms_letters_finds_the_same_hits(lexicon):
    """The fast path (no regex scan where a concept's required letters are absent) loses nothing:
    every concept's shipped patterns yield a gate, and gated matching equals a full scan, in any case."""
    from dataclasses import replace

    from pipeline.detect import raw_matches
    from pipeline.lexicon import Lexicon

    assert all(c.anchors for c in lexicon.concepts), [c.id for c in lexicon.concepts if not c.anchors]
    ungated = Lexicon(lexicon.name, lexicon.version, tuple(replace(c, anchors=None) for c in lexicon.concepts))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "corpus" / "sample").iterdir())]
    texts += ["SAMSKAPING og Medvirkning, CO-CREATION, Kommune 3.0, BRUKARMEDVERKNAD, Sosiale innovasjoner"]
    for text in texts:
        assert raw_matches(text, lexicon) == raw_matches(text, ungated)
    assert len(raw_matches(texts[-1], lexicon)) == 6


@pytest.mark.parametrize("pattern, literal", [
    (r"\w*samskap\w*", "samskap"),
    (r"co-?creat(?:e|es|ed|ing|ion)", "creat"),
    (r"samarbeidsdrev(?:et|ne|en)\s+innovasjon\w*", "samarbeidsdrev"),
    (r"Kommune\s?3[.,]0", "kommune"),
    (r"(?:sam|med)skap\w*", "skap"),
    (r"ab|cd", None),      # an alternation at the top: nothing is required of every match
    (r"\w+", None),
])
def test_the_letters_a_pattern_requires(pattern, literal):
    from pipeline.lexicon import required_literal

    assert required_literal(pattern) == literal
