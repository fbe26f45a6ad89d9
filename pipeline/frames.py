"""Multi-label frame classifier for co-creation mentions: scikit-learn plus the cue lexicon.

Features are Snowball-stemmed words of the sentence, the same for its context paragraph
(prefixed `ctx:`), and one `cue:<frame>` feature per frame whose cue lexicon fires. A
one-vs-rest logistic regression scores each frame; `rhetorical` is kept only when no other
frame is given (codebook v1), and a mention with no frame at all is rhetorical.
"""

from __future__ import annotations

import csv
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.multiclass import OneVsRestClassifier

FRAMES = ("service", "democracy", "innovation", "civil_society", "necessity",
          "municipal_role", "partnership", "place", "rhetorical")
THRESHOLD = 0.5
_MODEL_SETTINGS = "C=4.0;threshold=0.5;tfidf-sublinear+binary-cues;v2"

_TOKENS = RegexpTokenizer(r"[^\W\d_]+(?:[-.][^\W\d_]+)*")
_STEM = SnowballStemmer("norwegian")


@dataclass(frozen=True)
class CueLexicon:
    """Compiled cue patterns per frame (lexicons/frames.toml)."""

    version: str
    cues: dict[str, re.Pattern[str]]
    unless: dict[str, re.Pattern[str]]

    def fired(self, text: str) -> dict[str, list[str]]:
        """Frame -> the cue words found in text (silenced where the frame's `unless` matches)."""
        out: dict[str, list[str]] = {}
        for frame, rx in self.cues.items():
            guard = self.unless.get(frame)
            if guard and guard.search(text):
                continue
            hits = sorted({m.group(0).lower() for m in rx.finditer(text)})
            if hits:
                out[frame] = hits
        return out


def load_cues(path: Path) -> CueLexicon:
    """Read the frame cue lexicon; every codebook frame must be present."""
    raw = path.read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    missing = [f for f in FRAMES if f not in data]
    if missing:
        raise ValueError(f"{path}: frames missing from the cue lexicon: {', '.join(missing)}")
    cues, unless = {}, {}
    for frame in FRAMES:
        alts = "|".join(f"(?:{c})" for c in data[frame]["cues"])
        cues[frame] = re.compile(rf"(?<![^\W_])(?:{alts})(?![^\W_])", re.IGNORECASE)
        if data[frame].get("unless"):
            unless[frame] = re.compile(data[frame]["unless"], re.IGNORECASE)
    version = data.get("frames", {}).get("version", "0")
    return CueLexicon(version=f"{version}+{hashlib.sha256(raw).hexdigest()[:8]}", cues=cues, unless=unless)


@dataclass(frozen=True)
class Example:
    """One annotated sentence of the training set."""

    text: str
    frames: tuple[str, ...]
    lang: str = "nb"
    context: str = ""


def load_examples(path: Path) -> list[Example]:
    """Read the annotated training sentences (TSV: frames, lang, text)."""
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh, delimiter="\t"), start=2):
            frames = tuple(f.strip() for f in row["frames"].split(",") if f.strip())
            bad = [f for f in frames if f not in FRAMES]
            if bad or not frames:
                raise ValueError(f"{path}:{i}: unknown or missing frame(s) {bad or frames}")
            out.append(Example(text=row["text"], frames=frames, lang=row.get("lang") or "nb"))
    return out


def _stems(text: str) -> list[str]:
    return [_STEM.stem(t.lower()) for t in _TOKENS.tokenize(text)]


def features(text: str, context: str) -> list[str]:
    """Word features of one mention: stems of the sentence, and of its paragraph prefixed ctx:."""
    return _stems(text) + ["ctx:" + s for s in _stems(context or text)]


def cue_features(text: str, context: str, cues: CueLexicon) -> dict[str, float]:
    """Binary cue indicators, kept apart from the word vector so a long sentence does not dilute them."""
    out = {f"cue:{f}": 1.0 for f in cues.fired(text)}
    out.update({f"ctxcue:{f}": 1.0 for f in cues.fired(context or text)})
    return out


class Featurizer:
    """Stemmed TF-IDF of words next to unnormalised binary cue indicators."""

    def __init__(self, cues: CueLexicon) -> None:
        from sklearn.feature_extraction import DictVectorizer

        self.cues = cues
        self.words = TfidfVectorizer(analyzer=lambda pair: features(pair[0], pair[1]), sublinear_tf=True)
        self.flags = DictVectorizer()

    def fit_transform(self, items: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
        from scipy.sparse import hstack

        w = self.words.fit_transform(items)
        f = self.flags.fit_transform([cue_features(t, c, self.cues) for t, c in items])
        return hstack([w, f]).tocsr()

    def transform(self, items: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
        from scipy.sparse import hstack

        w = self.words.transform(items)
        f = self.flags.transform([cue_features(t, c, self.cues) for t, c in items])
        return hstack([w, f]).tocsr()

    def get_feature_names_out(self) -> np.ndarray:
        return np.concatenate([self.words.get_feature_names_out(), self.flags.get_feature_names_out()])


@dataclass
class FrameModel:
    """A fitted frame classifier and the version stored with every label it gives."""

    cues: CueLexicon
    vectorizer: "Featurizer"
    classifier: OneVsRestClassifier
    version: str
    frames: tuple[str, ...] = FRAMES
    feature_names: np.ndarray = field(default_factory=lambda: np.array([]))

    def scores(self, items: list[tuple[str, str]]) -> np.ndarray:
        """Probabilities, one row per (sentence, context), one column per frame."""
        return self.classifier.predict_proba(self.vectorizer.transform(items))

    def predict(self, items: list[tuple[str, str]]) -> list["FrameLabels"]:
        """Labels with scores and explanations for each (sentence, context)."""
        if not items:
            return []
        X = self.vectorizer.transform(items)
        probs = self.classifier.predict_proba(X)
        out = []
        for row, (text, context), xrow in zip(probs, items, X):
            frames = decide(row)
            fired = self.cues.fired(text)
            why = {f: self._explain(f, xrow, fired.get(f, [])) for f in frames}
            out.append(FrameLabels(frames=frames, scores={f: round(float(p), 4) for f, p in zip(FRAMES, row)},
                                   evidence=why))
        return out

    def _explain(self, frame: str, xrow: object, cue_words: list[str]) -> str:
        est = self.classifier.estimators_[FRAMES.index(frame)]
        coef = est.coef_[0]
        x = xrow.toarray()[0]  # type: ignore[attr-defined]
        contrib = coef * x
        top = [self.feature_names[j] for j in np.argsort(contrib)[::-1][:5] if contrib[j] > 0]
        parts = []
        if cue_words:
            parts.append("cues: " + ", ".join(cue_words))
        if top:
            parts.append("features: " + ", ".join(top))
        return "; ".join(parts) or "no other frame applies"


@dataclass
class FrameLabels:
    """The frames of one mention, every frame's score, and why each label was given."""

    frames: list[str]
    scores: dict[str, float]
    evidence: dict[str, str]


def decide(probs: np.ndarray, threshold: float = THRESHOLD) -> list[str]:
    """Codebook rule: frames over the threshold; rhetorical only alone, and when nothing else fits."""
    chosen = [f for f, p in zip(FRAMES, probs) if p >= threshold and f != "rhetorical"]
    return chosen or ["rhetorical"]


def _fit(examples: list[Example], cues: CueLexicon) -> tuple[Featurizer, OneVsRestClassifier]:
    vec = Featurizer(cues)
    X = vec.fit_transform([(e.text, e.context) for e in examples])
    Y = np.array([[f in e.frames for f in FRAMES] for e in examples], dtype=int)
    clf = OneVsRestClassifier(LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000))
    clf.fit(X, Y)
    return vec, clf


def model_version(training: Path, cue_path: Path) -> str:
    """A version that changes whenever the training data, the cues or the model settings change."""
    h = hashlib.sha256(training.read_bytes() + cue_path.read_bytes() + _MODEL_SETTINGS.encode())
    return f"frames-1.0+{h.hexdigest()[:10]}"


def train(lexicon_dir: Path) -> FrameModel:
    """Fit the classifier on the annotated sentences in lexicon_dir."""
    return _train_cached(str(lexicon_dir.resolve()), _mtimes(lexicon_dir))


def _mtimes(lexicon_dir: Path) -> tuple[float, float]:
    return ((lexicon_dir / "frames_training.tsv").stat().st_mtime, (lexicon_dir / "frames.toml").stat().st_mtime)


@lru_cache(maxsize=4)
def _train_cached(lexicon_dir: str, _stamp: tuple[float, float]) -> FrameModel:
    d = Path(lexicon_dir)
    cues = load_cues(d / "frames.toml")
    examples = load_examples(d / "frames_training.tsv")
    vec, clf = _fit(examples, cues)
    return FrameModel(cues=cues, vectorizer=vec, classifier=clf,
                      version=model_version(d / "frames_training.tsv", d / "frames.toml"),
                      feature_names=vec.get_feature_names_out())


@dataclass
class FrameScore:
    """Precision, recall and F1 of one frame, with its number of true examples."""

    frame: str
    precision: float
    recall: float
    f1: float
    support: int


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_labels(gold: list[tuple[str, ...]], pred: list[list[str]]) -> list[FrameScore]:
    """Per-frame precision/recall/F1 of predicted against gold label sets."""
    out = []
    for f in FRAMES:
        tp = sum(1 for g, p in zip(gold, pred) if f in g and f in p)
        fp = sum(1 for g, p in zip(gold, pred) if f not in g and f in p)
        fn = sum(1 for g, p in zip(gold, pred) if f in g and f not in p)
        out.append(FrameScore(f, *_prf(tp, fp, fn), support=tp + fn))
    return out


def cross_validate(lexicon_dir: Path, folds: int = 5, seed: int = 0) -> tuple[list[FrameScore], list[FrameScore]]:
    """K-fold cross-validated scores of the model and, for comparison, of the cue lexicon alone."""
    cues = load_cues(lexicon_dir / "frames.toml")
    examples = load_examples(lexicon_dir / "frames_training.tsv")
    gold = [e.frames for e in examples]
    pred: list[list[str]] = [[] for _ in examples]
    for train_idx, test_idx in KFold(folds, shuffle=True, random_state=seed).split(examples):
        vec, clf = _fit([examples[i] for i in train_idx], cues)
        X = vec.transform([(examples[i].text, examples[i].context) for i in test_idx])
        for i, row in zip(test_idx, clf.predict_proba(X)):
            pred[i] = decide(row)
    cue_pred = []
    for e in examples:
        fired = [f for f in cues.fired(e.text) if f != "rhetorical"]
        cue_pred.append(fired or ["rhetorical"])
    return score_labels(gold, pred), score_labels(gold, cue_pred)


def macro_f1(scores: list[FrameScore]) -> float:
    """Unweighted mean F1 over the frames that have examples."""
    vals = [s.f1 for s in scores if s.support]
    return sum(vals) / len(vals) if vals else 0.0
