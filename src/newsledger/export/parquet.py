"""Parquet: one row per event, typed columns, list columns for actors and
originators, and the claims as a JSON string column."""

from __future__ import annotations

import json
import sqlite3
from typing import BinaryIO

from newsledger.export import EVENT_SCALARS
from newsledger.store.queries import export_rows

SCALARS = EVENT_SCALARS


def _schema():  # type: ignore[no-untyped-def]
    import pyarrow as pa

    types = {
        "is_summary": pa.bool_(),
        "geonameid": pa.int64(),
        "latitude": pa.float64(),
        "longitude": pa.float64(),
        "article_count": pa.int64(),
        "independent_source_count": pa.int64(),
    }
    fields = [pa.field(name, types.get(name, pa.string())) for name in SCALARS]
    fields += [
        pa.field("actors", pa.list_(pa.string())),
        pa.field("targets", pa.list_(pa.string())),
        pa.field("originators", pa.list_(pa.string())),
        pa.field("story_label", pa.string()),
        pa.field("claims_json", pa.string()),
    ]
    return pa.schema(fields)


def write(conn: sqlite3.Connection, out: BinaryIO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for row in export_rows(conn):
        ev = row["event"]
        item = {k: ev.get(k) for k in SCALARS}
        item.update(
            actors=list(ev.get("actors") or []),
            targets=list(ev.get("targets") or []),
            originators=list(ev.get("originators") or []),
            story_label=row["story_label"],
            claims_json=json.dumps(row["claims"], ensure_ascii=False),
        )
        rows.append(item)
    pq.write_table(pa.Table.from_pylist(rows, schema=_schema()), out)
    return len(rows)
