"""store.queries: list totals and filters stay exact however the ledger is rewritten
(the facet counts and span bound of migration 008 are kept by triggers)."""

from __future__ import annotations

import json

import pytest

from newsledger.records import Entity, Event, MentionRef, Story
from newsledger.store import Ledger, queries
from newsledger.store.queries import EventFilter

from .test_ledger import _article


def _event(eid: str, story: str, etype: str, country: str | None, modality: str, sources: int,
           start: str = "2020-08-10", end: str | None = None, actor: str | None = None) -> Event:
    return Event(id=eid, story_id=story, event_type=etype, modality=modality, country_code=country,
                 date_start=start, date_end=end or start, mentions=(MentionRef(f"a-{story}", 0, 6),),
                 actors=(actor,) if actor else (), article_count=sources, independent_source_count=sources)


def _story(ledger: Ledger, sid: str) -> None:
    ledger.add_article(_article(f"a-{sid}"))
    ledger.write_links({}, [Story(id=sid, article_ids=(f"a-{sid}",))], {f"a-{sid}": (sid, None)})


@pytest.fixture()
def ledger(tmp_path):
    with Ledger(tmp_path / "q.db") as led:
        led.upsert_entities([Entity(id="ent1", name="Riot police", label="ORG", aliases=("OMON",))])
        for sid in ("s1", "s2"):
            _story(led, sid)
        led.replace_story_ledger("s1", [
            _event("e1", "s1", "ARREST", "BY", "occurred", 2, actor="ent1"),
            _event("e2", "s1", "PROTEST", "BY", "occurred", 1, "2020-08-01", "2020-08-20"),
            _event("e3", "s1", "ARREST", None, "denied", 3, "2020-09-01"),
        ], [], [])
        led.replace_story_ledger("s2", [_event("e4", "s2", "STRIKE", "RU", "planned", 1, "2021-01-05")], [], [])
        yield led


FILTERS = [
    EventFilter(),
    EventFilter(event_type="ARREST"),
    EventFilter(country="by"),
    EventFilter(modality="occurred", min_sources=2),
    EventFilter(event_type="ARREST", min_sources=3),
    EventFilter(summary=False),
    EventFilter(actor="omon"),
    EventFilter(actor="ent1", modality="denied"),
    EventFilter(actor="nobody"),
    EventFilter(date_from="2020-08-15"),
    EventFilter(date_from="2020-08-15", date_to="2020-08-31", country="BY"),
]


def _truth(ledger: Ledger, flt: EventFilter) -> list[str]:
    """The filter's meaning, checked in Python over every stored event."""
    actor_is_ent1 = bool(flt.actor) and flt.actor.casefold() in {"ent1", "omon"}  # its id or its alias
    out = []
    for e in ledger.events():
        end = e.date_end or e.date_start
        if ((flt.event_type and e.event_type != flt.event_type)
                or (flt.country and e.country_code != flt.country.upper())
                or (flt.modality and e.modality != flt.modality)
                or (flt.min_sources is not None and e.independent_source_count < flt.min_sources)
                or (flt.summary is not None and e.is_summary != flt.summary)
                or (flt.actor and not (actor_is_ent1 and "ent1" in e.actors))
                or (flt.date_from and end < flt.date_from)
                or (flt.date_to and e.date_start > flt.date_to + "\uffff")):
            continue
        out.append(e.id)
    return sorted(out)


def _check(ledger: Ledger) -> None:
    queries._COUNTS.clear()
    for flt in FILTERS:
        page = queries.events(ledger.conn, flt, limit=500)
        ids = sorted(json.loads(r)["id"] for r in page.items)
        assert (ids, page.total) == (_truth(ledger, flt), len(ids)), flt


def test_totals_exact_after_writes(ledger):
    _check(ledger)


def test_totals_exact_after_replacing_and_moving_events(ledger):
    # Same ids rewritten with other facets (INSERT OR REPLACE), and an event moved to another story.
    ledger.replace_story_ledger("s1", [
        _event("e1", "s1", "PROTEST", "BY", "occurred", 1),
        _event("e3", "s1", "ARREST", "UA", "occurred", 2, "2019-01-01", "2020-12-31"),
    ], [], [])
    ledger.replace_story_ledger("s2", [_event("e2", "s2", "STRIKE", "RU", "planned", 4)], [], [])
    _check(ledger)
    # A long event raises the span bound, so 'ends on or after' still finds it.
    assert queries.max_span_days(ledger.conn) >= 730


def test_totals_exact_after_story_cascade_delete(ledger):
    ledger.conn.execute("DELETE FROM stories WHERE id = 's1'")
    _check(ledger)
    assert queries.events(ledger.conn, EventFilter(event_type="ARREST")).total == 0
