"""View-model helpers: highlighting, map framing, timeline, source comparison."""

from __future__ import annotations

import pytest

from newsledger.web import render


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("abc", [], [("abc", "")]),
        (
            "police arrested 20",
            [{"start": 7, "end": 15, "kind": "event"}],
            [("police ", ""), ("arrested", "hl k-event"), (" 20", "")],
        ),
        # Overlapping spans nest: the shared part carries both kinds.
        (
            "at least 20 people",
            [{"start": 0, "end": 11, "kind": "claim"}, {"start": 9, "end": 18, "kind": "quantity"}],
            [("at least ", "hl k-claim"), ("20", "hl k-claim k-quantity"), (" people", "hl k-quantity")],
        ),
        # Spans outside the text (stale offsets) are clipped, never raise.
        (
            "short",
            [{"start": 3, "end": 99, "kind": "entity"}, {"start": 50, "end": 60, "kind": "time"}],
            [("sho", ""), ("rt", "hl k-entity")],
        ),
        ("focus", [{"start": 0, "end": 5, "kind": "event", "focus": True}], [("focus", "hl k-event focus")]),
    ],
)
def test_highlight(text, spans, expected):
    segments = render.highlight(text, spans)
    assert [(s.text, s.classes) for s in segments] == expected
    assert "".join(s.text for s in segments) == text


def test_highlight_with_passage_offset():
    segs = render.highlight("arrested 20", [{"start": 100, "end": 108, "kind": "event"}], offset=100)
    assert [(s.text, s.classes) for s in segs] == [("arrested", "hl k-event"), (" 20", "")]


def test_map_frames_the_located_events():
    assert render.event_map([{"id": "e", "event_type": "X"}]) is None  # nothing located: no map, no guess
    view = render.event_map(
        [
            {"id": "a", "event_type": "ARREST", "latitude": 53.9, "longitude": 27.57},
            {"id": "b", "event_type": "STRIKE", "latitude": 53.9, "longitude": 27.57},
        ]
    )
    assert len(view.markers) == 1 and "/events/a" == view.markers[0].href  # one place, one marker
    assert 5 < len(view.paths) < 60  # Belarus and its neighbours, not the whole world


def test_timeline_groups_by_span_and_sets_background_apart():
    t = render.timeline(
        [
            {"id": "2", "event_type": "ARREST", "modality": "occurred", "date_start": "2020-08-14"},
            {"id": "3", "event_type": "ARREST", "modality": "occurred", "date_start": "2020-08-14"},
            {"id": "4", "event_type": "PROTEST_CALL", "modality": "called_for", "date_start": "2020-08-14"},
            {
                "id": "1",
                "event_type": "ARREST",
                "modality": "occurred",
                "date_start": "2020-08-09",
                "date_end": "2020-08-14",
            },
            {"id": "old", "event_type": "ATTACK", "modality": "occurred", "date_start": "2005-05-13"},
            {"id": "u", "event_type": "X"},
        ],
        story_id="s1",
    )
    assert [(r.start, r.end) for r in t.rows] == [("2020-08-09", "2020-08-14"), ("2020-08-14", "2020-08-14")]
    assert t.rows[0].x == 0 and t.rows[0].width == 1000
    chips = t.rows[1].chips
    assert [(c.count, c.modality) for c in chips] == [(2, "occurred"), (1, "called_for")]
    assert chips[0].href.startswith("/events?type=ARREST") and "story_id=s1" in chips[0].href
    assert chips[1].href == "/events/4"
    assert [e["id"] for e in t.background] == ["old"] and [e["id"] for e in t.undated] == ["u"]
    assert t.ticks[0] == "2020-08-09" and t.ticks[-1] == "2020-08-14"


def _claim(cid, originator, attribute="killed", kind="count", text="2", event_id="e1", speaker=None):
    return {
        "id": cid,
        "originator": originator,
        "attribute": attribute,
        "kind": kind,
        "text": text,
        "event_id": event_id,
        "speaker": speaker,
        "evidence": {"article_id": "a"},
    }


def test_comparison_rows():
    story = {
        "originators": ["AFP", "Financial Times"],
        "events": [
            {
                "id": "e1",
                "event_type": "DEATH",
                "originators": ["AFP", "Financial Times"],
                "independent_source_count": 2,
            }
        ],
        "claims": [
            _claim("c1", "AFP"),
            _claim("c2", "Financial Times", text="1"),
            _claim("c3", "AFP", "arrested", text="6,700"),
            _claim("c4", "Financial Times", "arrested", text="6,000"),
            _claim("s1", "AFP", "statement", "statement", "I am alive", None, "Alexander Lukashenko"),
            _claim(
                "s2", "Financial Times", "statement", "statement", "I'm alive", None, "Alexander Lukashenko"
            ),
            _claim("s3", "AFP", "statement", "statement", "I'm alive", None, "Alexander Lukashenko"),
            _claim("s4", "AFP", "statement", "statement", "I'm alive", None, "Alexander Lukashenko"),
        ],
        "discrepancies": [{"claim_ids": ["c1", "c2"]}],
    }
    cmp = render.comparison(story)
    assert cmp.originators == ["AFP", "Financial Times"]
    rows = [(r.kind, r.label, r.status, r.sources) for r in cmp.rows]
    assert rows == [
        ("event", "", "", 2),
        ("claim", "Arrested", "agree", 2),
        ("claim", "Killed", "conflict", 2),
        ("group", "Claims not tied to an event", "", 0),
        ("claim", "Alexander Lukashenko", "multi", 2),
    ]
    statements = cmp.rows[-1].cells
    assert [c["text"] for c in statements[0]] == [
        "I am alive",
        "I'm alive",
    ]  # the same words twice shown once


def _event(eid, originators, sources):
    return {"id": eid, "event_type": "ARREST", "originators": originators, "independent_source_count": sources}


@pytest.mark.parametrize(
    ("events", "claims", "main", "single"),
    [
        # Several sources first (most first, date order kept among equals);
        # one-source events go to the collapsed table.
        (
            [_event("a", ["AFP"], 1), _event("b", ["AFP", "FT"], 2), _event("c", ["AFP", "FT", "BBC"], 3)],
            [],
            ["c", "b"],
            ["a"],
        ),
        # A disagreement leads, even when fewer sources report the event.
        (
            [_event("a", ["AFP", "FT", "BBC"], 3), _event("b", ["AFP", "FT"], 2)],
            [_claim("x1", "AFP", event_id="b"), _claim("x2", "FT", text="5", event_id="b")],
            ["b", "a"],
            [],
        ),
        # One source contradicting a claim of a one-source event still compares.
        (
            [_event("a", ["AFP"], 1)],
            [_claim("x1", "AFP", event_id="a"), _claim("x2", "FT", text="5", event_id="a")],
            ["a"],
            [],
        ),
        # Different events, each told by a different single source: nothing to compare.
        ([_event("a", ["AFP"], 1), _event("b", ["FT"], 1)], [], [], ["a", "b"]),
    ],
)
def test_comparison_orders_and_splits_events(events, claims, main, single):
    conflicting = [c["id"] for c in claims] if len(claims) == 2 else []
    story = {"originators": ["AFP", "FT", "BBC"], "events": events, "claims": claims,
             "discrepancies": [{"claim_ids": conflicting}] if conflicting else []}
    cmp = render.comparison(story)
    assert [r.event["id"] for r in cmp.rows if r.kind == "event"] == main
    assert [r.event["id"] for r in cmp.single if r.kind == "event"] == single


@pytest.mark.parametrize(
    ("claim", "shown"),
    [
        ({"text": "At least 6,700", "hedge": "at_least"}, "At least 6,700"),
        ({"text": "hundreds", "hedge": "vague"}, "hundreds · vague"),
        ({"text": "20", "hedge": "exact"}, "20"),
        ({"text": "x" * 300, "kind": "statement"}, "x" * 179 + "…"),
    ],
)
def test_claim_value(claim, shown):
    assert render.claim_value(claim) == shown


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("he", "ent-1", "Alexander Lukashenko (\u201che\u201d)"),  # a pronoun says nothing alone
        ("Lukashenko", "ent-1", "Lukashenko"),  # the surname already names him
        ("Stephen", "ent-2", "Stephen"),  # 'he' inside 'Stephen' is no match: words, not letters
        ("who", "ent-3", "police (\u201cwho\u201d)"),
        ("crowds", None, "crowds"),  # no entity: the words as reported
        ("they", "ent-unknown", "they"),
    ],
)
def test_actor_claims_are_named_by_their_entity(text, value, expected):
    names = {"ent-1": {"name": "Alexander Lukashenko"}, "ent-2": "Stephen Fry", "ent-3": "police"}
    claim = {"kind": "actor", "attribute": "perpetrator", "text": text, "value": value}
    assert render.claim_value(claim, names) == expected

