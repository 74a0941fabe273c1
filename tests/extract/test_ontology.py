"""The event ontology file: every type maps to ACLED (or OTHER) and PLOVER."""

from __future__ import annotations

import pytest

from newsledger.extract.ontology import acled_of, load_ontology, plover_of

CASE_LABELS = {
    "ABDUCT_DISSAP", "AGREEMENT", "AIR_STRIKE", "ARMED_CLASH", "ARREST", "ART_MISS_ATTACK", "ATTACK",
    "ATTRIB", "CHANGE_TO_GROUP_ACT", "CHEM_WEAP", "DIPLO", "DISR_WEAP", "FORCE_AGAINST_PROTEST",
    "GOV_REGAINS_TERIT", "GRENADE", "HQ_ESTABLISHED", "MAN_MADE_DISASTER", "MOB_VIOL", "NATURAL_DISASTER",
    "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER", "ORG_CRIME", "OTHER", "PEACE_PROTEST",
    "PROPERTY_DISTRUCT", "PROTEST_WITH_INTER", "REM_EXPLOS", "SEX_VIOL", "SUIC_BOMB", "VIOL_DEMONSTR",
}
EXTENSIONS = {
    "RELEASE", "TORTURE", "SANCTION", "STRIKE", "PROTEST_CALL", "STATEMENT", "ACCUSATION", "DENIAL",
    "ELECTION", "ELECTION_RESULT", "EXILE", "DEATH", "INJURY",
}
PLOVER_TYPES = {
    "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "DEMAND", "DISAPPROVE", "FIGHT",
    "INVESTIGATE", "MOBILIZE", "PROTEST", "REJECT", "RETREAT", "SANCTION", "SUPPORT", "THREATEN", "ACCUSE",
    "REQUEST", "OTHER",
}


def test_case_labels_and_extensions_present():
    onto = load_ontology()
    assert set(onto.codes(case2021_only=True)) == CASE_LABELS
    assert EXTENSIONS <= set(onto.codes())
    assert onto.version


@pytest.mark.parametrize("code", sorted(CASE_LABELS | EXTENSIONS))
def test_every_type_maps_to_plover_and_has_a_definition(code):
    onto = load_ontology()
    assert plover_of(code)[0] in PLOVER_TYPES
    assert len(onto[code].definition) > 30


@pytest.mark.parametrize(
    "code, acled",
    [
        ("PEACE_PROTEST", ("Protests", "Peaceful protest")),
        ("FORCE_AGAINST_PROTEST", ("Protests", "Excessive force against protesters")),
        ("VIOL_DEMONSTR", ("Riots", "Violent demonstration")),
        ("ARREST", ("Strategic developments", "Arrests")),
        ("STRIKE", ("Protests", "Peaceful protest")),
        ("TORTURE", ("Violence against civilians", "Attack")),
        ("DIPLO", None),
        ("SANCTION", None),
    ],
)
def test_acled_mapping(code, acled):
    assert acled_of(code) == acled


def test_unknown_code_is_other():
    assert acled_of("NOPE") is None
    assert plover_of("NOPE") == ("OTHER", None)
