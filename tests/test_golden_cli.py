"""`planmine evaluate --golden`: scoring against a golden set of references, on a small corpus
written here (own sentences), so it runs without ../shared."""

import hashlib
import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

TEXTS = {
    "9901_testvik_samfunnsdel.md": "# Testvik: Samfunnsdel\n<!-- side 1 -->\nKommunen vil samskape tjenestene "
                                   "med brukere og pårørende i hjemmetjenesten.\n\nVerdiskaping i næringslivet er "
                                   "viktig.\n<!-- side 2 -->\nFrivilligsentralen og lag og foreninger skal "
                                   "samskape møteplasser i bygda.\n",
    "9902_fjellbygd_planstrategi.md": "# Fjellbygd: Planstrategi\n<!-- side 1 -->\nKommunen skal vere ein "
                                      "tilretteleggar for samskaping med frivilligheita.\n",
}


def golden_set(tmp_path: Path) -> tuple[Path, Path]:
    corpus, golden = tmp_path / "tekst", tmp_path / "golden"
    corpus.mkdir()
    golden.mkdir()
    rows = ["file\tstart\tend\tterm\tlabel\tframes\tnote"]
    labels = {"samskape": "service", "Verdiskaping": "", "samskaping": "municipal_role,civil_society"}
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
        for term, frames in labels.items():
            start = text.find(term)
            while start != -1:
                rows.append(f"{name}\t{start}\t{start + len(term)}\t{term}\t{'core' if frames else 'trap'}\t"
                            f"{frames or ''}\t")
                start = text.find(term, start + 1)
    # the second "samskape" (page 2) is left out of the golden set: one detection too many
    rows = [r for r in rows if not (r.startswith("9901") and "samskape" in r and int(r.split("\t")[1]) > 100)]
    (golden / "passages.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (golden / "corpus.sha256").write_text("".join(
        f"{hashlib.sha256((corpus / n).read_bytes()).hexdigest()}  {n}\n" for n in TEXTS))
    (golden / "languages.tsv").write_text("file\tlanguage\n9901_testvik_samfunnsdel.md\tnb\n"
                                          "9902_fjellbygd_planstrategi.md\tnn\n", encoding="utf-8")
    return corpus, golden


def test_scores_terms_frames_and_languages(tmp_path):
    corpus, golden = golden_set(tmp_path)
    res = CliRunner().invoke(app, ["evaluate", "--golden", str(corpus), "--golden-set", str(golden), "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["terms"]["golden"] == 2 and report["terms"]["detected"] == 3
    assert report["terms"]["recall"] == 1.0 and round(report["terms"]["precision"], 3) == 0.667
    assert report["frames"]["all"]["passages"] == 2
    assert report["language"] == {"right": 2, "total": 2}


def test_a_changed_corpus_file_is_refused_by_name(tmp_path):
    corpus, golden = golden_set(tmp_path)
    (corpus / "9902_fjellbygd_planstrategi.md").write_text("endret\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["evaluate", "--golden", str(corpus), "--golden-set", str(golden)])
    assert res.exit_code != 0
    assert "9902_fjellbygd_planstrategi.md" in res.output and "changed" in res.output
