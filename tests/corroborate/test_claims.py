"""Killed / injured claims from the casualties the events reader attached
(EventMention.casualties): spans kept, role quantities not counted twice."""

from __future__ import annotations

import dataclasses

from ledger_records import article, extraction, mention, quantity

from newsledger.corroborate.claims import build_claims
from newsledger.records import RoleQuantity

TEXT = ("Officials confirmed two deaths. One man died in Minsk. Another died in custody. "
        "Police dispersed crowds.")


def _part(rq: RoleQuantity, value: float) -> RoleQuantity:
    q = rq.quantity
    ev = dataclasses.replace(q.evidence, extractor="casualties@1")
    return RoleQuantity(rq.role, dataclasses.replace(q, evidence=ev, low=value, high=value, hedge="exact"))


def _claims(casualties_on: int, parts, deaths_event: str = "e-death"):  # type: ignore[no-untyped-def]
    """One article: a DEATH mention with 'two', 'One man', 'Another' killed and a
    FORCE_AGAINST_PROTEST mention; ``parts(article, two)`` gives the casualties
    attached to mention ``casualties_on``."""
    a = article("afp", TEXT, "AFP")
    two = quantity(a, "two", 2, 2, "exact", "killed")
    one = quantity(a, "One man", 1, 1, "exact", "killed")
    another = quantity(a, "Another", 1, 1, "exact", "killed")
    events = [
        mention(a, "deaths", "DEATH", [two, one, another]),
        mention(a, "dispersed", "FORCE_AGAINST_PROTEST"),
    ]
    parts_here = parts(a, two) if parts else ()
    events[casualties_on] = dataclasses.replace(events[casualties_on], casualties=parts_here)
    x = extraction(a, events=tuple(events))
    event_of = {(a.id, 0): deaths_event, (a.id, 1): "e-force"}
    return build_claims([(a, x)], event_of, {}, {a.id: "AFP"})


def test_casualty_count_replaces_the_parts_it_sums() -> None:
    claims = _claims(1, lambda a, two: (_part(two, 2),))
    killed = [c for c in claims if c.attribute == "killed"]
    # the phrase 'two' was read by the deaths mention: the claim is that event's
    assert [(c.event_id, c.text, c.low, c.high) for c in killed] == [("e-death", "two", 2.0, 2.0)]
    assert killed[0].evidence.extractor == "casualties@1"
    assert TEXT[killed[0].evidence.start:killed[0].evidence.end] == "two"


def test_without_casualties_every_role_quantity_is_a_claim() -> None:
    claims = _claims(1, ())
    assert sorted(c.low for c in claims if c.attribute == "killed") == [1.0, 1.0, 2.0]


def test_casualty_count_read_elsewhere_goes_to_the_incident_event() -> None:
    # 'crowds' read as injured by the casualties reader only, no mention's role quantity
    claims = _claims(1, lambda a, two: (_part(quantity(a, "crowds", 3, 3, "exact", "injured"), 3),))
    injured = [c for c in claims if c.attribute == "injured"]
    assert [(c.event_id, c.text, c.low, c.evidence.article_id) for c in injured] == [
        ("e-force", "crowds", 3.0, "afp")]
    # the deaths event keeps its own counts: the casualties spoke for injured only
    assert sorted(c.low for c in claims if c.attribute == "killed") == [1.0, 1.0, 2.0]


def test_derived_count_keeps_its_phrase_and_value() -> None:
    # 'two deaths ... one man ...': 'two' as the injured phrase with a derived value
    claims = _claims(0, lambda a, two: (_part(dataclasses.replace(two, role="injured"), 1),))
    injured = [c for c in claims if c.attribute == "injured"]
    assert [(c.event_id, c.text, c.low) for c in injured] == [("e-death", "two", 1.0)]
