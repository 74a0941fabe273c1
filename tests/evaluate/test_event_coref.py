"""ECB+ event-coreference scorer: reading, alignment and the coreference metrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.evaluate.event_coref import b_cubed, ceaf_e, muc, pairwise, read_doc, scores

_XML = """<Document doc_name="9_1ecb.xml">
<token t_id="1" sentence="0" number="0">http://x.example/a</token>
<token t_id="2" sentence="1" number="0">Police</token>
<token t_id="3" sentence="1" number="1">arrested</token>
<token t_id="4" sentence="1" number="2">him</token>
<token t_id="5" sentence="1" number="3">.</token>
<token t_id="6" sentence="2" number="0">The</token>
<token t_id="7" sentence="2" number="1">arrest</token>
<token t_id="8" sentence="2" number="2">followed</token>
<token t_id="9" sentence="2" number="3">a</token>
<token t_id="10" sentence="2" number="4">raid</token>
<token t_id="11" sentence="2" number="5">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="7"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="10"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="4"><token_anchor t_id="4"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="5" instance_id="ACT1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><source m_id="2"/><target m_id="5"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""


def test_read_doc(tmp_path: Path) -> None:
    path = tmp_path / "9" / "9_1ecb.xml"
    path.parent.mkdir()
    path.write_text(_XML, encoding="utf-8")
    doc = read_doc(path)
    assert doc.text == "Police arrested him.\nThe arrest followed a raid."
    assert doc.subtopic == "9_ecb"
    got = [(doc.text[g.start : g.end], g.chain) for g in doc.gold]
    assert got == [("arrested", "ACT1"), ("arrest", "ACT1"), ("raid", "9_1ecb.xml:single:3")]
    only_first = read_doc(path, annotated={1})
    assert [doc.text[g.start : g.end] for g in only_first.gold] == ["arrested"]


@pytest.mark.parametrize(
    ("key", "response", "expected"),
    [
        # perfect
        (["a", "a", "b"], ["x", "x", "y"], (1.0, 1.0, 1.0)),
        # all singletons: B3 precision 1, recall (1/2+1/2+1)/3
        (["a", "a", "b"], ["1", "2", "3"], (1.0, 2 / 3, 0.8)),
    ],
)
def test_b_cubed(key, response, expected) -> None:
    assert b_cubed(key, response) == pytest.approx(expected)


def test_muc_and_ceafe() -> None:
    key, response = ["a", "a", "a", "b"], ["x", "x", "y", "y"]
    p, r, _ = muc(key, response)
    assert (p, r) == pytest.approx((1 / 2, 1 / 2))  # one of two response links right; 1 of 2 key links
    p, r, f = ceaf_e(["a", "a"], ["x", "x"])
    assert f == pytest.approx(1.0)


def test_pairwise_skips_same_document_pairs() -> None:
    key, response, docs = ["a", "a", "a"], ["x", "x", "y"], ["d1", "d1", "d2"]
    p, r, _ = pairwise(key, response, docs)
    assert (p, r) == (0.0, 0.0)  # the only merged pair is within d1


def test_scores_has_conll() -> None:
    s = scores(["a", "a", "b"], ["x", "x", "y"], ["d1", "d2", "d2"])
    assert s["conll_f1"] == pytest.approx(1.0) and s["events"] == 2
