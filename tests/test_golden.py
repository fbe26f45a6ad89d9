"""Quality gate on real plan text: term detection and framing against the hand-labelled golden set.

Reads ../shared/corpus at run time (skips when absent) and only offsets and labels from the repo;
the scoring itself is pipeline/golden.py (also `planmine evaluate --golden`).
Run with -s to see the per-frame table.
"""

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from pipeline.documents import read_document
from pipeline.frames import FRAMES, macro_f1, score_labels
from pipeline.golden import (DEV_MUNICIPALITIES, changed_files, detect_corpus, framed_passages, passages, read_tsv,
                             score_frames, term_scores)

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
FLOORS = tomllib.loads((GOLDEN / "floors.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(shared_corpus):
    tekst = shared_corpus / "tekst"
    changed = changed_files(tekst, GOLDEN)
    assert not changed, f"{changed} changed since they were labelled: re-label them before trusting the gate"
    return tekst


@pytest.fixture(scope="module")
def detected(corpus):
    """(file, page, term) -> list of core hits, and related hits, over every corpus file."""
    return detect_corpus(corpus, ROOT / "lexicons")


@pytest.fixture(scope="module")
def gold(corpus):
    return passages(corpus, GOLDEN)


def test_golden_set_covers_what_the_issue_asks(gold):
    labels = Counter(r["label"] for r in gold)
    assert len(gold) >= 150 and labels["core"] >= 40 and labels["trap"] >= 50
    framed = Counter(f for r in gold if r["label"] == "core" for f in r["frames"].split(","))
    assert set(framed) == set(FRAMES), "every frame must occur in the golden set"


def test_term_mentions_against_golden(gold, detected):
    core, related = detected
    precision, recall, n_want, n_got = term_scores(gold, core)
    print(f"\ncore term mentions: precision {precision:.3f}, recall {recall:.3f} ({n_want} golden, {n_got} detected)")
    assert precision >= FLOORS["terms"]["core_precision"]
    assert recall >= FLOORS["terms"]["core_recall"]
    participation = [r for r in gold if r["label"] == "related"]
    found = sum(1 for r in participation if related[(r["file"], int(r["page"]), "medvirkning")] > 0)
    assert found / len(participation) >= FLOORS["terms"]["related_participation_recall"]


def test_frames_against_golden(gold, detected):
    core, _ = detected
    framed = framed_passages(gold, core)
    scores, counts = score_frames(framed, ROOT / "lexicons")
    macro = {part: macro_f1(s) for part, s in scores.items()}
    print(f"\nframes on {len(framed)} real passages the model never saw (trained only on lexicons/frames_training.tsv)")
    for s in scores["all"]:
        print(f"  {s.frame:<15} P {s.precision:.2f}  R {s.recall:.2f}  F1 {s.f1:.2f}  n={s.support}")
    print(f"  macro F1 {macro['all']:.3f}; dev ({counts['dev']} passages, municipalities "
          f"{sorted(DEV_MUNICIPALITIES)}) {macro['dev']:.3f}; test ({counts['test']}) {macro['test']:.3f}")
    assert len(framed) == sum(1 for r in gold if r["label"] == "core")
    assert counts["test"] >= 20
    assert macro["all"] >= FLOORS["frames"]["macro_f1"]
    assert macro["test"] >= FLOORS["frames"]["test_macro_f1"]
    below = {s.frame: round(s.f1, 3) for s in scores["all"] if s.f1 < FLOORS["frames"]["f1"][s.frame]}
    assert not below, f"frames under their floor: {below}"


def test_second_reading_agrees_with_the_first(gold):
    """Label reliability: the test split's passages read a second time, without the first labels
    at hand. Agreement (macro-F1 of one reading against the other) is the ceiling a model can be
    expected to reach against either."""
    second = {(r["file"], r["start"]): tuple(r["frames"].split(",")) for r in read_tsv(GOLDEN / "second_reading.tsv")}
    first = {(r["file"], r["start"]): tuple(r["frames"].split(",")) for r in gold if r["label"] == "core"}
    test_split = {k for k in first if k[0][:4] not in DEV_MUNICIPALITIES}
    assert set(second) == test_split, "the second reading covers exactly the test split"
    keys = sorted(second)
    scores = score_labels([first[k] for k in keys], [list(second[k]) for k in keys])
    exact = sum(set(first[k]) == set(second[k]) for k in keys)
    print(f"\nsecond reading of {len(keys)} test passages: macro-F1 {macro_f1(scores):.3f} against the first, "
          f"{exact} identical label sets")
    assert macro_f1(scores) >= FLOORS["frames"]["reading_agreement_macro_f1"]


def test_blind_language_reading_agrees_with_the_first():
    """Label reliability for languages: a second reading made blind (two excerpts of each text,
    neither planmine's label nor the first label in sight) against the labels the gate uses."""
    def read(name: str) -> dict[str, str]:
        return {r["file"]: r["language"] for r in read_tsv(GOLDEN / name)}

    first, blind = read("languages.tsv"), read("languages_blind.tsv")
    assert set(first) == set(blind)
    agree = sum(first[f] == blind[f] for f in first)
    print(f"\nblind language reading: {agree} of {len(first)} agree with the first")
    assert agree / len(first) >= FLOORS["language"]["blind_agreement"]


def test_document_language_against_golden(corpus):
    labels = {r["file"]: r["language"] for r in read_tsv(GOLDEN / "languages.tsv")}
    right = total = 0
    for name, want in labels.items():
        path = corpus / name
        if path.exists():
            total += 1
            right += read_document(path).language == want
    assert total >= 80 and right / total >= FLOORS["language"]["accuracy"]
