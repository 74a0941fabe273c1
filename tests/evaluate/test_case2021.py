"""CASE 2021 scorer on a tiny hand-written TSV (the shared split is never copied)."""

from __future__ import annotations

import pytest

from newsledger.config import Settings
from newsledger.evaluate.case2021 import _score, evaluate

pytestmark = pytest.mark.slow

ROWS = [
    ("1", "A strong earthquake struck the coastal towns, destroying hundreds of homes.", "NATURAL_DISASTER"),
    ("2", "Police detained the opposition activist at his home on Monday.", "ARREST"),
    ("3", "Fighter jets bombed rebel positions near the town overnight.", "AIR_STRIKE"),
    ("4", "A suicide bomber blew himself up at the checkpoint.", "SUIC_BOMB"),
]


@pytest.fixture()
def tsv(tmp_path):
    path = tmp_path / "mini.tsv"
    lines = ["id\tEventSnippet\tSubType"] + ["\t".join(r) for r in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_shipped_model_on_unseen_file(tsv):
    report = evaluate(tsv, Settings(), use_embeddings=False)
    assert report.metrics["snippets"] == 4
    assert report.metrics["weighted_f1"] >= 0.75
    assert "focus_f1" in report.details and "confusions" in report.details


def test_limit(tsv):
    assert evaluate(tsv, Settings(), limit=2, use_embeddings=False).metrics["snippets"] == 2


def test_score_confusions():
    metrics, per_class, top = _score(["A", "A", "B"], ["A", "B", "B"])
    assert metrics["accuracy"] == pytest.approx(2 / 3)
    assert per_class["B"]["f1"] == pytest.approx(2 / 3)
    assert top == ["A -> B: 1"]



def test_shipped_model_never_scores_snippets_it_learned_from(tmp_path, shared_data):
    from newsledger.errors import DataMissing

    dev_row = (shared_data / "case2021-task2" / "dev.tsv").read_text(encoding="utf-8").splitlines()[1]
    novel = "99999\tRiot police fired tear gas at hundreds of students marching on parliament.\tPROTEST_WITH_INTER"
    header = "id\tEventSnippet\tSubType\n"
    mixed = tmp_path / "mixed.tsv"
    mixed.write_text(header + dev_row + "\n" + novel + "\n", encoding="utf-8")
    report = evaluate(mixed, Settings(data_dir=shared_data), use_embeddings=False)
    assert report.metrics["snippets"] == 1.0
    assert any("1 snippet(s)" in n for n in report.notes)
    only_dev = tmp_path / "dev_only.tsv"
    only_dev.write_text(header + dev_row + "\n", encoding="utf-8")
    with pytest.raises(DataMissing):
        evaluate(only_dev, Settings(data_dir=shared_data), use_embeddings=False)


def test_says_when_minilm_is_absent(tsv, monkeypatch):
    monkeypatch.setenv("NEWSLEDGER_EMBEDDINGS", "0")
    report = evaluate(tsv, Settings())
    assert report.metrics["embeddings"] == 0.0
    assert any("MiniLM" in n for n in report.notes)
