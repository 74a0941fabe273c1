"""Flatten an ArticleExtraction into one row per mention (the ``mentions`` table),
so the UI can highlight evidence and the API can filter without parsing JSON."""

from __future__ import annotations

from typing import Iterator

from newsledger.records import ArticleExtraction

MentionRow = tuple[str, str, int, int, int, str | None, str | None, str]


def mention_rows(x: ArticleExtraction) -> Iterator[MentionRow]:
    aid = x.article_id
    for e in x.entities:
        yield _row(aid, "entity", e.evidence, e.label, e.key)
    for t in x.times:
        value = t.start if t.start == t.end else f"{t.start}/{t.end}"
        yield _row(aid, "time", t.evidence, t.precision, value)
    for p in x.places:
        yield _row(aid, "place", p.evidence, p.precision, str(p.geonameid) if p.geonameid else None)
    for q in x.quantities:
        yield _row(aid, "quantity", q.evidence, q.hedge, q.counts)
    for qt in x.quotes:
        yield _row(aid, "quote", qt.evidence, qt.kind, qt.speaker_name)
    for ev in x.events:
        yield _row(aid, "event", ev.evidence, ev.event_type, ev.modality)


def _row(aid: str, kind: str, ev, label: str | None, value: str | None) -> MentionRow:  # type: ignore[no-untyped-def]
    return (aid, kind, ev.start, ev.end, ev.sentence, label, value, ev.extractor)
