"""Hostile and arbitrary input never makes the read/ingest helpers raise
anything but their documented errors."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.api.ingest import BadBody, parse_body
from newsledger.store.queries import fts_query
from newsledger.web.render import highlight


@given(st.text())
@settings(max_examples=100, deadline=None)
def test_fts_query_is_always_valid_fts5(q):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    match = fts_query(q)
    if match:
        conn.execute("SELECT * FROM t WHERE t MATCH ?", (match,)).fetchall()


@given(st.binary(max_size=300), st.sampled_from(["application/json", "application/x-ndjson", ""]))
@settings(max_examples=100, deadline=None)
def test_parse_body_raises_only_badbody(body, content_type):
    try:
        raws = parse_body(body, content_type)
    except BadBody:
        return
    assert raws and all(r.data for r in raws)


spans = st.lists(
    st.fixed_dictionaries(
        {
            "start": st.integers(-5, 60),
            "end": st.integers(-5, 60),
            "kind": st.sampled_from(["event", "claim", "entity"]),
        }
    ),
    max_size=8,
)


@given(st.text(max_size=50), spans, st.integers(0, 10))
@settings(max_examples=100, deadline=None)
def test_highlight_keeps_the_text(text, spans_, offset):
    segments = highlight(text, spans_, offset)
    assert "".join(s.text for s in segments) == text
