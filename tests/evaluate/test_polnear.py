"""PolNeAR scorer: brat reading, annotator choice, exact and overlap matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.evaluate.polnear import (
    GoldAttribution,
    Tally,
    load_gold,
    parse_ann,
    score_spans,
    trim,
)

TEXT = 'Officials said that "we will win, " he added in a statement.'
ANN = """T1\tSource 0 9\tOfficials
T2\tCue 10 14\tsaid
T3\tContent 15 35\tthat "we will win, "
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tDiscuss 0 4\tOffi
T6\tContent 15 19;20 35\tthat "we will win, "
E2\tAttribution:T4 Content:T6
broken line
"""


def test_parse_ann_reads_relations_and_discontinuous_spans() -> None:
    got = parse_ann(ANN, TEXT)
    assert got[0] == GoldAttribution(((0, 9),), ((10, 14),), ((15, 35),))
    assert got[1] == GoldAttribution(None, None, ((15, 35),))  # whitespace gap joined


@pytest.mark.parametrize(
    ("frags", "expected"),
    [([(0, 10)], ((0, 9),)), ([(9, 15)], ((10, 14),)), ([(9, 10)], ()), ([(20, 21), (0, 3)], ((0, 3), (20, 21)))],
)
def test_trim(frags, expected) -> None:  # type: ignore[no-untyped-def]
    assert trim(TEXT, frags) == expected


@pytest.mark.parametrize(
    ("pred", "gold", "exact", "overlap"),
    [
        ({((0, 9),)}, {((0, 9),)}, (1, 1), (1, 1)),
        ({((0, 4),)}, {((0, 9),)}, (0, 0), (1, 1)),  # 'Offi' touches the word 'Officials'
        ({((10, 14),)}, {((0, 9),)}, (0, 0), (0, 0)),
        ({((0, 9),), ((10, 14),)}, {((0, 9),)}, (1, 1), (1, 1)),
        (set(), {((0, 9),)}, (0, 0), (0, 0)),
    ],
)
def test_score_spans(pred, gold, exact, overlap) -> None:  # type: ignore[no-untyped-def]
    e, o = score_spans(TEXT, pred, gold)
    assert (e.correct_pred, e.matched_gold) == exact
    assert (o.correct_pred, o.matched_gold) == overlap
    assert e.predicted == o.predicted == len(pred) and e.gold == len(gold)


def test_prf() -> None:
    assert Tally(4, 5, 2, 2).prf() == pytest.approx((0.5, 0.4, 2 * 0.5 * 0.4 / 0.9))
    assert Tally().prf() == (0.0, 0.0, 0.0)


def test_load_gold_scores_one_annotator_deterministically(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_zz99.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "a_aa11.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "text" / "b.txt").write_text("no annotations", encoding="utf-8")
    docs = load_gold(tmp_path)
    assert [(d.stem, d.annotator) for d in docs] == [("a", "aa11")]
    assert docs[0].spans("Source") == {((0, 9),)}
    assert docs[0].spans("Content") == {((15, 35),)}


def test_overlap_needs_a_shared_word_not_just_adjacency() -> None:
    text = "alpha beta gamma"
    e, o = score_spans(text, {((0, 5),)}, {((6, 10),)})
    assert (o.correct_pred, o.matched_gold) == (0, 0)
    e, o = score_spans(text, {((0, 8),)}, {((6, 16),)})
    assert (o.correct_pred, o.matched_gold) == (1, 1)


def test_trim_joins_fragments_split_at_whitespace() -> None:
    text = "“One. Two,” he said. “Three.”"
    assert trim(text, [(0, 5), (6, 11)]) == ((0, 11),)
    assert trim(text, [(0, 11), (21, 29)]) == ((0, 11), (21, 29))


def test_offsets_past_the_text_are_clipped() -> None:
    assert trim("short", [(2, 99)]) == ((2, 5),)
    assert trim("short", [(50, 99)]) == ()
