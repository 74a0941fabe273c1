"""Exports of the ledger's events in the formats analysts' tools read:
JSON Lines (full records), CSV in ACLED's column layout, Parquet, GeoJSON.

Library first: :func:`write_export` writes one format to a binary stream;
``newsledger export`` and ``GET /api/v1/export/{format}`` are thin over it."""

from __future__ import annotations

import io
import sqlite3
from enum import Enum
from typing import BinaryIO


class FORMATS(str, Enum):
    jsonl = "jsonl"
    csv_acled = "csv-acled"
    parquet = "parquet"
    geojson = "geojson"

    @property
    def extension(self) -> str:
        return {"jsonl": "jsonl", "csv-acled": "csv", "parquet": "parquet", "geojson": "geojson"}[self.value]


# The event's scalar fields, in column order, shared by the tabular exports
# (Parquet columns; GeoJSON properties, which carry latitude and longitude in
# the geometry instead).
EVENT_SCALARS = (
    "id",
    "story_id",
    "event_type",
    "modality",
    "is_summary",
    "date_start",
    "date_end",
    "place_name",
    "geonameid",
    "country_code",
    "latitude",
    "longitude",
    "article_count",
    "independent_source_count",
)

MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "csv-acled": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "geojson": "application/geo+json",
}


def write_export(conn: sqlite3.Connection, fmt: str, out: BinaryIO) -> int:
    """Write every event of the ledger in ``fmt`` to ``out``; returns the event count."""
    from newsledger.export import acled, geojson, jsonl, parquet

    writers = {
        "jsonl": jsonl.write,
        "csv-acled": acled.write,
        "parquet": parquet.write,
        "geojson": geojson.write,
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(writers)}")
    return writers[fmt](conn, out)


def export_bytes(conn: sqlite3.Connection, fmt: str) -> bytes:
    buf = io.BytesIO()
    write_export(conn, fmt, buf)
    return buf.getvalue()


__all__ = ["EVENT_SCALARS", "FORMATS", "MEDIA_TYPES", "export_bytes", "write_export"]
