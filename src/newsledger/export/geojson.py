"""GeoJSON (RFC 7946): one Feature per event, a Point where the event was
placed and ``geometry: null`` where it was not (nothing is silently dropped)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any, BinaryIO

from newsledger.export import EVENT_SCALARS
from newsledger.records import SCHEMA_VERSION
from newsledger.store.queries import export_rows

PROPERTIES = tuple(c for c in EVENT_SCALARS if c not in ("latitude", "longitude"))  # those are the geometry


def feature(event: dict[str, Any], claims: list[dict[str, Any]]) -> dict[str, Any]:
    lat, lon = event.get("latitude"), event.get("longitude")
    props = {k: event.get(k) for k in PROPERTIES}
    props["originators"] = "; ".join(event.get("originators") or [])
    props["claims"] = "; ".join(
        f"{c['attribute']}: {c['text']} ({c.get('originator') or '?'})" for c in claims
    )
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": event["id"], "geometry": geometry, "properties": props}


def write(conn: sqlite3.Connection, out: BinaryIO) -> int:
    # Streamed feature by feature: a 100k-event export never sits in memory as one dict.
    out.write(
        b'{"type":"FeatureCollection","newsledger_schema_version":"'
        + SCHEMA_VERSION.encode()
        + b'","features":['
    )
    n = 0
    for row in export_rows(conn):
        if n:
            out.write(b",\n")
        out.write(json.dumps(feature(row["event"], row["claims"]), ensure_ascii=False).encode("utf-8"))
        n += 1
    out.write(b"]}\n")
    return n
