"""The ECB+ reader behind `newsledger evaluate ner-repair` and the times scorer's helpers."""

from __future__ import annotations

import datetime as dt

from newsledger.evaluate.ner_repair import evaluate, read_document
from newsledger.evaluate.times import _url_date

ECB_XML = """<Document doc_name="t.xml" doc_id="1">
<token t_id="1" sentence="0" number="0">Lindsay</token>
<token t_id="2" sentence="0" number="1">Lohan</token>
<token t_id="3" sentence="0" number="2">checked</token>
<token t_id="4" sentence="0" number="3">into</token>
<token t_id="5" sentence="0" number="4">Betty</token>
<token t_id="6" sentence="0" number="5">Ford</token>
<token t_id="7" sentence="0" number="6">Center</token>
<token t_id="8" sentence="1" number="0">Police</token>
<token t_id="9" sentence="1" number="1">in</token>
<token t_id="10" sentence="1" number="2">Malibu</token>
<token t_id="11" sentence="1" number="3">said</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/></HUMAN_PART_PER>
<LOC_FAC m_id="2"><token_anchor t_id="5"/><token_anchor t_id="6"/><token_anchor t_id="7"/></LOC_FAC>
<HUMAN_PART_ORG m_id="3"><token_anchor t_id="8"/></HUMAN_PART_ORG>
<LOC_GEO m_id="4"><token_anchor t_id="10"/></LOC_GEO>
<HUMAN_PART_PER m_id="5" TAG_DESCRIPTOR="instance only" />
</Markables>
</Document>
"""


def test_read_document_keeps_named_markables(tmp_path):
    path = tmp_path / "1_1ecb.xml"
    path.write_text(ECB_XML, encoding="utf-8")
    doc = read_document(path)
    assert doc.text.splitlines() == ["Lindsay Lohan checked into Betty Ford Center", "Police in Malibu said"]
    got = [(s.text, s.cls) for s in doc.spans]
    # 'Lindsay' opens its sentence, so the named part is 'Lohan'; sentence-initial
    # 'Police' alone is not evidence of a name and is left out
    assert got == [("Lohan", "PER"), ("Betty Ford Center", "FAC"), ("Malibu", "PLACE")]


def test_evaluate_runs_on_a_folder(tmp_path):
    (tmp_path / "1").mkdir()
    (tmp_path / "1" / "1_1ecb.xml").write_text(ECB_XML, encoding="utf-8")
    report = evaluate(tmp_path)
    assert report.metrics["gold_named_markables"] == 3
    assert 0.0 <= report.metrics["repaired_accuracy"] <= 1.0


def test_url_date():
    assert _url_date("https://www.themoscowtimes.com/2020/08/14/belarus-a71151") == dt.date(2020, 8, 14)
    assert _url_date("http://homicide.latimes.com/post/jassely-lupoe/") is None


COREF_XML = """<Document doc_name="c.xml" doc_id="2">
<token t_id="1" sentence="0" number="0">Tara</token>
<token t_id="2" sentence="0" number="1">Reid</token>
<token t_id="3" sentence="0" number="2">entered</token>
<token t_id="4" sentence="0" number="3">rehab</token>
<token t_id="5" sentence="1" number="0">She</token>
<token t_id="6" sentence="1" number="1">thanked</token>
<token t_id="7" sentence="1" number="2">her</token>
<token t_id="8" sentence="1" number="3">fans</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="2"><token_anchor t_id="5"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="3"><token_anchor t_id="7"/><token_anchor t_id="8"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="9" TAG_DESCRIPTOR="t_reid" instance_id="HUM1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="HUM1"><source m_id="1" /><source m_id="2" /><target m_id="9" /></CROSS_DOC_COREF>
</Relations>
</Document>
"""


def test_read_chains_groups_markables_by_instance(tmp_path):
    from newsledger.evaluate.entity_coref import read_chains

    path = tmp_path / "c.xml"
    path.write_text(COREF_XML, encoding="utf-8")
    text, gold = read_chains(path)
    chains = {text[g.start : g.end]: g.chain for g in gold}
    assert chains["Tara Reid"] == chains["She"]
    assert "her fans" not in chains  # in no relation: not scored
