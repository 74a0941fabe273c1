"""Event merging: mentions from different articles of one story that describe
the same event become one records.Event keeping every mention.

``merge_events(members, story_id, entity_of, groups) -> (events, event_of)``

* ``event_of``: ``{(article_id, mention_index): event_id}``; mention_index
  indexes ``ArticleExtraction.events``.

Two mentions are the same event when all of these hold (:func:`compatible`):

* same event type and same modality ('called for rallies' is not a rally)
  and both single or both summary events;
* times overlap (with :data:`TIME_SLACK_DAYS`), or one is undated;
* places agree: same GeoNames id, or one only names the country the other is
  in, or one has no place (but see vague mentions below);
* participants do not exclude each other: if both name actors, they share one.

Mentions are taken in a fixed order (article id, position) and each joins the
event whose every mention it is compatible with (complete link, so 'Minsk' and
'Gomel' deaths never chain into one event through an undated, placeless
mention); a vague mention (no place, or only a country) joins only an event
told at the same level of place (:func:`_home`): it must not count as a
confirmation of an event at a specific place. Mentions of one article merge
only when they are the same ACLED unit (same type, modality, place and day):
ACLED codes one event per type, location and day, and the reader emits one
mention per sentence (:func:`_joinable`).

Summary events ('6,700 arrested since Sunday') are not merged into single
events; each single event of a compatible type whose date lies in the
summary's span (and place in its country) lists it in ``summarised_by``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from typing import Mapping, Sequence

from newsledger.corroborate.independence import count_sources
from newsledger.records import Article, ArticleExtraction, Event, EventMention, MentionRef

Member = tuple[Article, ArticleExtraction]

# Day tolerance when comparing event dates: reports resolve 'overnight' or
# 'late on Thursday' to adjacent days. Not calibrated (no cross-document event
# data with dates in ../shared/data besides ECB+, which lacks them).
TIME_SLACK_DAYS = 1


@dataclasses.dataclass
class _Item:
    article: Article
    index: int
    mention: EventMention
    actors: frozenset[str]
    targets: frozenset[str]

    @property
    def ref(self) -> tuple[str, int]:
        return (self.article.id, self.index)


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _span(m: EventMention) -> tuple[dt.date, dt.date] | None:
    if m.is_summary and (m.summary_start or m.summary_end):
        a, b = _day(m.summary_start), _day(m.summary_end)
        if a or b:
            return (a or b, b or a)  # type: ignore[return-value]
    if m.time is None:
        return None
    a, b = _day(m.time.start), _day(m.time.end)
    if a is None:
        return None
    return (a, b or a)


def _times_overlap(x: EventMention, y: EventMention) -> bool:
    sx, sy = _span(x), _span(y)
    if sx is None or sy is None:
        return True
    slack = dt.timedelta(days=TIME_SLACK_DAYS)
    return sx[0] - slack <= sy[1] and sy[0] - slack <= sx[1]


def _places_agree(x: EventMention, y: EventMention) -> bool:
    px, py = x.place, y.place
    if px is None or py is None:
        return True
    if px.geonameid and px.geonameid == py.geonameid:
        return True
    if px.country_code and py.country_code and px.country_code != py.country_code:
        return False
    if "country" in (px.precision, py.precision):
        return True
    if px.geonameid and py.geonameid:
        return False
    return (px.name or px.text).casefold() == (py.name or py.text).casefold()


def compatible(a: _Item, b: _Item) -> bool:
    x, y = a.mention, b.mention
    if x.event_type != y.event_type or x.modality != y.modality or x.is_summary != y.is_summary:
        return False
    if a.actors and b.actors and not (a.actors & b.actors):
        return False
    return _times_overlap(x, y) and _places_agree(x, y)


def _items(members: Sequence[Member], entity_of: Mapping[tuple[str, int], str]) -> list[_Item]:
    out = []
    for article, extraction in sorted(members, key=lambda m: m[0].id):
        for i, m in enumerate(extraction.events):
            def ids(args):  # type: ignore[no-untyped-def]
                return frozenset(entity_of.get((article.id, a.cluster), a.name or a.text) for a in args)
            out.append(_Item(article, i, m, ids(m.actors), ids(m.targets)))
    # Mentions that name a specific place cluster first; vague ones (no place, or
    # only a country or region) are placed after, so they can only join an
    # event they fit unambiguously (see _home), whatever the article order.
    return sorted(out, key=lambda it: (_vague(it.mention), it.article.id, it.mention.evidence.start, it.index))


def _vague(m: EventMention) -> bool:
    return m.place is None or m.place.precision in (None, "country", "region", "admin1")


def merge_events(
    members: Sequence[Member],
    story_id: str | None,
    entity_of: Mapping[tuple[str, int], str],
    groups: Mapping[str, str],
) -> tuple[list[Event], dict[tuple[str, int], str]]:
    clusters: list[list[_Item]] = []
    for item in _items(members, entity_of):
        home = _home(item, clusters)
        if home is None:
            clusters.append([item])
        else:
            home.append(item)
    events = [_event(c, story_id, groups) for c in clusters]
    events = _link_summaries(events, clusters)
    event_of = {it.ref: ev.id for ev, c in zip(events, clusters) for it in c}
    return sorted(events, key=lambda e: e.id), event_of


def _home(item: _Item, clusters: list[list[_Item]]) -> list[_Item] | None:
    """The first cluster an item fits. A vague mention (no place, or only the
    country) joins only an event told at the same level of place: a report of
    'arrests in Belarus' does not confirm the arrests in Gomel."""
    fits = [c for c in clusters if all(_joinable(item, o) for o in c)]
    if _vague(item.mention):  # never confirms an event at a more specific place
        fits = [c for c in fits if all(_same_place(item.mention, o.mention) for o in c)]
    return fits[0] if fits else None


def _joinable(item: _Item, other: _Item) -> bool:
    """Mentions of two articles join when compatible; two mentions of one article
    only when they are the same ACLED unit (type, place and day): the reader
    emits one mention per sentence, and one article often tells an event twice."""
    if not compatible(item, other):
        return False
    if item.article.id != other.article.id:
        return True
    return _same_place(item.mention, other.mention) and _span(item.mention) == _span(other.mention)


def _same_place(x: EventMention, y: EventMention) -> bool:
    px, py = x.place, y.place
    if px is None or py is None:
        return px is py
    if px.geonameid or py.geonameid:
        return px.geonameid == py.geonameid
    return (px.name or px.text).casefold() == (py.name or py.text).casefold()


def _event(items: list[_Item], story_id: str | None, groups: Mapping[str, str]) -> Event:
    first = items[0].mention
    refs = tuple(MentionRef(it.article.id, it.mention.evidence.start, it.mention.evidence.end) for it in items)
    spans = [s for s in (_span(it.mention) for it in items) if s]
    places = [it.mention.place for it in items if it.mention.place is not None]
    place = max(places, key=_place_rank) if places else None
    n_articles, n_sources, origins = count_sources([it.article.id for it in items], groups)
    key = f"{story_id}|{first.event_type}|{refs[0].article_id}|{refs[0].start}"
    return Event(
        id="evt-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        story_id=story_id,
        event_type=first.event_type,
        modality=first.modality,
        mentions=refs,
        is_summary=first.is_summary,
        date_start=min(s[0] for s in spans).isoformat() if spans else None,
        date_end=max(s[1] for s in spans).isoformat() if spans else None,
        place_name=(place.name or place.text) if place else None,
        geonameid=place.geonameid if place else None,
        country_code=place.country_code if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        actors=tuple(sorted({a for it in items for a in it.actors})),
        targets=tuple(sorted({t for it in items for t in it.targets})),
        article_count=n_articles,
        independent_source_count=n_sources,
        originators=origins,
    )


_PRECISION_RANK = {"facility": 5, "city": 4, "admin2": 3, "admin1": 2, "country": 1, "region": 0}


def _place_rank(p) -> tuple:  # type: ignore[no-untyped-def]
    return (p.resolved, _PRECISION_RANK.get(p.precision or "", -1), p.confidence, -(p.geonameid or 0))


def _link_summaries(events: list[Event], clusters: list[list[_Item]]) -> list[Event]:
    summaries = [e for e in events if e.is_summary]
    out = []
    for e in events:
        if e.is_summary:
            out.append(e)
            continue
        covering = tuple(sorted(s.id for s in summaries if _covers(s, e)))
        out.append(dataclasses.replace(e, summarised_by=covering) if covering else e)
    return out


def _covers(summary: Event, single: Event) -> bool:
    if summary.event_type != single.event_type:
        return False
    if summary.country_code and single.country_code and summary.country_code != single.country_code:
        return False
    if summary.date_start and single.date_start:
        end = summary.date_end or summary.date_start
        return summary.date_start <= single.date_start <= end
    return True
