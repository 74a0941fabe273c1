"""View-model helpers for the web UI: evidence highlighting, the offline map,
the timeline, and the source-comparison table. Pure functions over the JSON
the store queries return; templates only lay them out (and autoescape)."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

WORLD = Path(__file__).parent / "static" / "world-110m.json"

# Map framing: the view spans at least this many degrees (a single city is
# shown with its country and neighbours) and keeps a 16:9 frame.
MIN_SPAN_DEG = 12.0
PAD_FRACTION = 0.35
ASPECT = 16 / 9


# --------------------------------------------------------------------------- highlighting


@dataclass
class Segment:
    text: str
    classes: str = ""
    title: str = ""


def highlight(text: str, spans: list[dict[str, Any]], offset: int = 0) -> list[Segment]:
    """Cut ``text`` into segments; each covered segment lists the kinds of the
    spans over it (``span["start"]``/``["end"]`` are offsets into the article,
    ``offset`` is where ``text`` starts in it). Overlaps nest naturally: a
    segment covered by two spans carries both kinds."""
    n = len(text)
    clipped = []
    for s in spans:
        a, b = max(0, s["start"] - offset), min(n, s["end"] - offset)
        if a < b:
            clipped.append((a, b, s))
    cuts = sorted({0, n, *(a for a, _, _ in clipped), *(b for _, b, _ in clipped)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        over = [s for sa, sb, s in clipped if sa <= a and sb >= b]
        if not over:
            out.append(Segment(text[a:b]))
            continue
        kinds = sorted({s["kind"] for s in over})
        classes = ["hl", *(f"k-{k}" for k in kinds)]
        if any(s.get("focus") for s in over):
            classes.append("focus")
        title = "; ".join(sorted({f"{s['kind']}: {s.get('label') or ''}".rstrip(": ") for s in over}))
        out.append(Segment(text[a:b], " ".join(classes), title))
    return out


# --------------------------------------------------------------------------- map


@dataclass
class Marker:
    x: float
    y: float
    r: float
    label: str
    href: str


@dataclass
class MapView:
    view_box: str
    paths: list[str] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    stroke: float = 0.0


@lru_cache(maxsize=1)
def _world() -> list[tuple[tuple[float, float, float, float], list[list[list[float]]]]]:
    countries = json.loads(WORLD.read_text(encoding="utf-8"))
    out = []
    for c in countries:
        lons = [p[0] for ring in c["rings"] for p in ring]
        lats = [p[1] for ring in c["rings"] for p in ring]
        out.append(((min(lons), min(lats), max(lons), max(lats)), c["rings"]))
    return out


def event_map(events: list[dict[str, Any]], href: str = "/events/{id}") -> MapView | None:
    """An SVG view of the located events on the world outline (equirectangular,
    x shrunk by cos(latitude) at the view's centre so shapes look right)."""
    located = [e for e in events if e.get("latitude") is not None and e.get("longitude") is not None]
    if not located:
        return None
    lats = [e["latitude"] for e in located]
    lons = [e["longitude"] for e in located]
    lat0 = (min(lats) + max(lats)) / 2
    k = max(0.2, math.cos(math.radians(lat0)))
    x0, x1 = min(lons) * k, max(lons) * k
    y0, y1 = -max(lats), -min(lats)
    w = max(x1 - x0, MIN_SPAN_DEG * k) * (1 + 2 * PAD_FRACTION)
    h = max(y1 - y0, MIN_SPAN_DEG / ASPECT) * (1 + 2 * PAD_FRACTION)
    w, h = max(w, h * ASPECT), max(h, w / ASPECT)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    vx, vy = cx - w / 2, cy - h / 2
    view = MapView(f"{vx:.2f} {vy:.2f} {w:.2f} {h:.2f}", stroke=w / 900)
    for (blon0, blat0, blon1, blat1), rings in _world():
        if blon1 * k < vx or blon0 * k > vx + w or -blat0 < vy or -blat1 > vy + h:
            continue
        view.paths.append(" ".join(_ring_path(ring, k) for ring in rings))
    # Several events at one place: one marker, sized by how many.
    groups: dict[tuple[float, float], list[dict[str, Any]]] = {}
    for e in located:
        groups.setdefault((round(e["latitude"], 2), round(e["longitude"], 2)), []).append(e)
    for (lat, lon), evs in groups.items():
        label = f"{evs[0].get('place_name') or ''}: " + ", ".join(
            f"{e['event_type']} ({e.get('date_start') or 'undated'})" for e in evs[:6]
        )
        r = w / 120 * math.sqrt(len(evs))
        view.markers.append(Marker(lon * k, -lat, r, label, href.format(id=evs[0]["id"])))
    return view


def _ring_path(ring: list[list[float]], k: float) -> str:
    return "M" + "L".join(f"{lon * k:.2f} {-lat:.2f}" for lon, lat in ring) + "Z"


# --------------------------------------------------------------------------- timeline


# Events dated further than this from the story's median day are background
# (e.g. a 2005 massacre recalled in a 2020 story) and listed apart, so they do
# not squeeze the story's own days into a sliver of the axis.
BACKGROUND_DAYS = 60


@dataclass
class TimelineChip:
    label: str  # event type label (with modality when not 'occurred')
    count: int
    href: str
    modality: str


@dataclass
class TimelineRow:
    start: str
    end: str
    x: float
    width: float
    chips: list[TimelineChip]
    called: bool = False  # every event of the row is announced / called for, not occurred


@dataclass
class Timeline:
    rows: list[TimelineRow]
    undated: list[dict[str, Any]]
    ticks: list[str]
    background: list[dict[str, Any]] = field(default_factory=list)


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def timeline(events: list[dict[str, Any]], story_id: str | None = None) -> Timeline:
    """One row per date span, on a 0..1000 axis over the story's days; each row
    lists its events grouped by type (a chip links to the event, or to the
    filtered event list when there are several)."""
    spans: dict[tuple[dt.date, dt.date], list[dict[str, Any]]] = {}
    undated = []
    for e in events:
        s = _day(e.get("date_start"))
        if s is None:
            undated.append(e)
            continue
        t = _day(e.get("date_end")) or s
        spans.setdefault((s, max(s, t)), []).append(e)
    if not spans:
        return Timeline([], undated, [])
    starts = sorted(s for (s, _), evs in spans.items() for _ in evs)
    median = starts[len(starts) // 2]
    background = [e for (s, t), evs in spans.items() if abs((s - median).days) > BACKGROUND_DAYS for e in evs]
    spans = {k: v for k, v in spans.items() if abs((k[0] - median).days) <= BACKGROUND_DAYS}
    first = min(s for s, _ in spans)
    last = max(t for _, t in spans)
    days = (last - first).days + 1
    rows = []
    for (s, t), evs in sorted(spans.items()):
        x = (s - first).days / days * 1000
        width = max(((t - s).days + 1) / days * 1000, 6)
        rows.append(
            TimelineRow(
                s.isoformat(),
                t.isoformat(),
                round(x, 1),
                round(width, 1),
                _chips(evs, s, t, story_id),
                all(e.get("modality") != "occurred" for e in evs),
            )
        )
    # Labels at even fractions of the axis, laid out with space-between.
    n_ticks = min(days, 5)
    ticks = [
        (first + dt.timedelta(days=round(i * (days - 1) / max(1, n_ticks - 1)))).isoformat()
        for i in range(n_ticks)
    ]
    return Timeline(rows, undated, ticks, sorted(background, key=lambda e: e.get("date_start") or ""))


def _chips(evs: list[dict[str, Any]], s: dt.date, t: dt.date, story_id: str | None) -> list[TimelineChip]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in evs:
        groups.setdefault((e["event_type"], e.get("modality") or "occurred"), []).append(e)
    chips = []
    for (etype, modality), group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(group) == 1:
            href = f"/events/{group[0]['id']}"
        else:
            query = {
                "type": etype,
                "modality": modality,
                "date_from": s.isoformat(),
                "date_to": t.isoformat(),
            }
            if story_id:
                query["story_id"] = story_id
            href = "/events?" + urlencode(query)
        chips.append(TimelineChip(event_type_label(etype), len(group), href, modality))
    return chips


# --------------------------------------------------------------------------- comparison


@dataclass
class CompareRow:
    kind: str  # "event", "group" (a heading) or "claim"
    event: dict[str, Any] | None = None
    attribute: str = ""
    label: str = ""  # what the row is about: the attribute, or the speaker of statements
    cells: list[list[dict[str, Any]]] = field(default_factory=list)  # per originator: claims (or a marker)
    status: str = ""  # agree | conflict | multi | single | ""
    sources: int = 0


@dataclass
class Comparison:
    originators: list[str]
    rows: list[CompareRow]  # events several sources report or disagree on, then loose claims
    single: list[CompareRow] = field(default_factory=list)  # events only one source reports


def comparison(story: dict[str, Any]) -> Comparison:
    """Claims × originators for a story: one header row per event (who
    reported it) and one row per attribute (what each source said); claims tied
    to no event follow, statements grouped by who made them."""
    originators = list(story.get("originators") or [])
    for c in story["claims"]:
        o = c.get("originator") or "unknown source"
        if o not in originators:
            originators.append(o)
    conflicting = {cid for d in story["discrepancies"] for cid in d["claim_ids"]}
    event_ids = {e["id"] for e in story["events"]}
    by_event: dict[str, dict[str, list[dict[str, Any]]]] = {}
    loose: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in story["claims"]:
        if c.get("event_id") in event_ids:
            by_event.setdefault(c["event_id"], {}).setdefault(c["attribute"], []).append(c)
        else:
            speaker = (c.get("speaker") or "unattributed") if c.get("kind") == "statement" else ""
            loose.setdefault((c["attribute"], speaker), []).append(c)
    blocks = [_event_block(ev, by_event.get(ev["id"], {}), originators, conflicting) for ev in story["events"]]
    # What the sources compare on comes first: events with a disagreement, then by
    # how many independent sources report them; the stable sort keeps the story's
    # date order within a rank. Events one source alone reports follow apart.
    blocks.sort(key=lambda b: (not _has_conflict(b), -b[0].sources))
    rows = [r for b in blocks if not _single(b) for r in b]
    single = [r for b in blocks if _single(b) for r in b]
    if loose:
        rows.append(CompareRow("group", label="Claims not tied to an event" if rows else "Claims"))
        grouped = [
            _claim_row(None, attribute, speaker or attribute, claims, originators, conflicting)
            for (attribute, speaker), claims in loose.items()
        ]
        # Conflicts first, then what several sources report, then the rest by name.
        rank = {"conflict": 0, "agree": 1, "multi": 1, "single": 2}
        rows += sorted(grouped, key=lambda r: (rank[r.status], -r.sources, r.attribute, r.label.lower()))
    return Comparison(originators, rows, single)


def _event_block(
    ev: dict[str, Any],
    claims_by_attribute: dict[str, list[dict[str, Any]]],
    originators: list[str],
    conflicting: set[str],
) -> list[CompareRow]:
    """An event's header row (who reported it) and one row per attribute."""
    reported = set(ev.get("originators") or [])
    cells = [[{"reported": o in reported}] for o in originators]
    rows = [CompareRow("event", ev, cells=cells, sources=ev.get("independent_source_count") or 0)]
    for attribute, claims in sorted(claims_by_attribute.items()):
        rows.append(_claim_row(ev, attribute, attribute, claims, originators, conflicting))
    return rows


def _has_conflict(block: list[CompareRow]) -> bool:
    return any(r.status == "conflict" for r in block)


def _single(block: list[CompareRow]) -> bool:
    """Reported by one originator and contradicted by none: nothing to compare."""
    reported = sum(1 for cell in block[0].cells if cell[0]["reported"])
    return reported < 2 and not _has_conflict(block)


def _claim_row(
    ev: dict[str, Any] | None,
    attribute: str,
    label: str,
    claims: list[dict[str, Any]],
    originators: list[str],
    conflicting: set[str],
) -> CompareRow:
    cells: list[list[dict[str, Any]]] = [[] for _ in originators]
    seen: set[tuple[str, str]] = set()
    for c in claims:
        o = c.get("originator") or "unknown source"
        key = (o, " ".join(c["text"].split()).lower())
        if key in seen and c["id"] not in conflicting:
            continue  # one source saying the same words twice is one claim on screen
        seen.add(key)
        cells[originators.index(o)].append({**c, "conflict": c["id"] in conflicting})
    sources = sum(1 for cell in cells if cell)
    if any(c["id"] in conflicting for c in claims):
        status = "conflict"
    elif sources >= 2:
        # Figures from two sources with no discrepancy recorded agree; statements
        # by one speaker in two sources are only reported twice, not 'agreeing'.
        status = "multi" if all(c.get("kind") == "statement" for c in claims) else "agree"
    else:
        status = "single"
    return CompareRow("claim", ev, attribute, label[:1].upper() + label[1:], cells, status, sources)


# Statements are shown by their content, cut to about two lines of a table cell.
STATEMENT_CHARS = 180


def claim_value(c: dict[str, Any], entities: Mapping[str, Any] | None = None) -> str:
    """A claim as an analyst reads it: the text, with its hedge where not exact;
    an actor or target named by its entity ('Alexander Lukashenko (“he”)') when
    the words alone do not say who (``entities``: id -> name or {"name": ...})."""
    if c.get("kind") in ("actor", "target") and entities:
        return _actor_value(c, entities)
    if c.get("kind") == "statement":
        text = " ".join(c["text"].split())  # the content; ``value`` holds the whole sentence
        return text if len(text) <= STATEMENT_CHARS else text[: STATEMENT_CHARS - 1].rstrip() + "…"
    text = c["text"] or c.get("value") or "—"
    hedge = (c.get("hedge") or "").replace("_", " ")
    # The hedge only when the wording does not already say it ('at least 6,700').
    extra = f" · {hedge}" if hedge and hedge != "exact" and hedge not in text.lower() else ""
    if c.get("kind") == "date" and c.get("value") and c["value"] not in text:
        extra += f" · {c['value']}"  # the resolved date beside the words ('on Friday · 2020-08-14')
    return f"{text}{extra}"


def source_rows(story: dict[str, Any]) -> list[dict[str, Any]]:
    """Per originator: articles, who carried them, claims, claims in conflict."""
    conflicting = {cid for d in story["discrepancies"] for cid in d["claim_ids"]}
    rows: dict[str, dict[str, Any]] = {}
    for a in story["articles"]:
        row = rows.setdefault(
            a.get("originator") or "unknown source",
            {"articles": 0, "claims": 0, "conflicts": 0, "carried_by": []},
        )
        row["articles"] += 1
        carrier = a.get("publisher") or a.get("outlet")
        if carrier and carrier not in row["carried_by"]:
            row["carried_by"].append(carrier)
    for c in story["claims"]:
        row = rows.setdefault(
            c.get("originator") or "unknown source",
            {"articles": 0, "claims": 0, "conflicts": 0, "carried_by": []},
        )
        row["claims"] += 1
        row["conflicts"] += c["id"] in conflicting
    return [{"name": name, **row} for name, row in rows.items()]


@lru_cache(maxsize=None)
def event_type_label(code: str) -> str:
    """The ontology's label of an event-type code ('ARREST' → 'Arrests'), or the
    code made readable when the ontology does not know it."""
    try:
        from newsledger.extract.ontology import load_ontology

        onto = load_ontology()
        if code in onto:
            return onto[code].label
    except (ImportError, OSError, ValueError, KeyError):
        pass
    return code.replace("_", " ").capitalize()


def _actor_value(c: dict[str, Any], entities: Mapping[str, Any]) -> str:
    text = " ".join((c.get("text") or "").split())
    found = entities.get(c.get("value") or "")
    name = found.get("name") if isinstance(found, Mapping) else found
    if not name or set(text.lower().split()) <= set(name.lower().split()):
        return text or name or "—"  # 'Lukashenko' of 'Alexander Lukashenko' says who already
    return f"{name} (\u201c{text}\u201d)"
