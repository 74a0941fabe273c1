"""ECB+ reader, B-cubed metric, and shuffle invariance on real documents."""

from __future__ import annotations

import random

import pytest

from newsledger.evaluate.ecbplus import bcubed, read_corpus
from newsledger.link.stories import LinkItem, StoryIndex, assign_stories


@pytest.mark.parametrize(
    ("pred", "gold", "f1"),
    [
        (["a", "a", "b"], ["x", "x", "y"], 1.0),
        (["a", "a", "a"], ["x", "x", "y"], 2 * (5 / 9) / (5 / 9 + 1)),
        (["a", "b", "c"], ["x", "x", "x"], 2 * (1 / 3) / (1 / 3 + 1)),
    ],
)
def test_bcubed(pred: list[str], gold: list[str], f1: float) -> None:
    assert bcubed(pred, gold)[2] == pytest.approx(f1)


def test_real_topics_shuffle_invariant(shared_data) -> None:
    path = shared_data / "ecbplus"
    if not path.exists():
        pytest.skip("ECB+ not available")
    docs = read_corpus(path, limit=2)
    assert docs and all(d.text and not d.text.startswith("http") for d in docs)
    items = [LinkItem(d.name, d.text) for d in docs]
    _, reference = assign_stories(StoryIndex(), items)
    random.Random(7).shuffle(items)
    _, again = assign_stories(StoryIndex(), items)
    assert again == reference


def test_choose_prefers_a_plateau_to_a_lone_peak() -> None:
    from newsledger.evaluate.ecbplus import THRESHOLDS, choose, plateau

    n = len(THRESHOLDS)
    peaky = [0.5] * n
    peaky[3] = 0.99  # one lucky threshold
    flat = [0.5] * n
    for i in range(8, 13):
        flat[i] = 0.95
    curves = {(5, 0.15): peaky, (6, 0.15): flat}
    assert plateau(flat, 0) == -1.0 and plateau(flat, 10) == pytest.approx(0.95)
    assert choose(curves, "peak") == (5, 0.15, THRESHOLDS[3])
    assert choose(curves, "plateau") == (6, 0.15, THRESHOLDS[10])
