"""The AEB scorer: the owners' shingle metric, and a run over a tiny page set."""

from __future__ import annotations

import gzip
import json

import pytest

from newsledger.config import Settings
from newsledger.errors import DataMissing
from newsledger.evaluate.aeb import evaluate, metrics, shingle_match, tokens


@pytest.mark.parametrize(
    "true, pred, expected",
    [
        ("a b c d e", "a b c d e", (1.0, 0.0, 0.0)),
        ("a b c d e", "", (0.0, 0.0, 1.0)),
        ("", "a b c d", (0.0, 1.0, 0.0)),
        ("a b c d e", "a b c d x", (1 / 3, 1 / 3, 1 / 3)),
        ("", "", (0.0, 0.0, 0.0)),
        ("a b", "a b", (1.0, 0.0, 0.0)),  # shorter than a shingle: one short shingle
    ],
)
def test_shingle_match(true, pred, expected):
    assert shingle_match(true, pred) == pytest.approx(expected)


def test_metrics_are_means_of_page_values():
    m = metrics([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)])
    assert m["precision"] == pytest.approx(0.75)
    assert m["recall"] == pytest.approx(1.0)
    assert m["f1"] == pytest.approx(2 * 0.75 / 1.75)


def test_tokens():
    assert tokens("Don't stop—now, 2020!") == ["Don", "t", "stop", "now", "2020"]


def test_evaluate_small_set(tmp_path):
    one = ("Thousands of workers walked off the job at state factories in Minsk on Friday, joining protests "
           "against the disputed election.")  # fmt: skip
    two = "Police said more than 700 people had been detained overnight in the capital and other cities."
    (tmp_path / "html").mkdir()
    page = f"<html><body><nav>Home News Sport</nav><article><p>{one}</p><p>{two}</p></article></body></html>"
    with gzip.open(tmp_path / "html" / "p1.html.gz", "wt") as f:
        f.write(page)
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": one + "\n" + two, "url": "x"}}))
    report = evaluate(tmp_path, Settings(), limit=1)
    assert report.metrics["pages"] == 1
    assert report.metrics["f1"] == pytest.approx(1.0)
    assert report.metrics["accuracy"] == 1.0


def test_missing_data(tmp_path):
    with pytest.raises(DataMissing):
        evaluate(tmp_path, Settings())
