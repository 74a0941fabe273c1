"""JSON Lines: one event per line with its claims, as records.py defines them."""

from __future__ import annotations

import json
import sqlite3
from typing import BinaryIO

from newsledger.records import SCHEMA_VERSION
from newsledger.store.queries import export_rows


def write(conn: sqlite3.Connection, out: BinaryIO) -> int:
    n = 0
    for row in export_rows(conn):
        line = {
            "schema_version": SCHEMA_VERSION,
            "event": row["event"],
            "story_label": row["story_label"],
            "claims": row["claims"],
        }
        out.write((json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))
        n += 1
    return n
