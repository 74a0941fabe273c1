"""Opening the SQLite ledger and applying named, ordered migrations.

One file, WAL journal (readers never block the writer, and a killed writer
leaves the last committed state), foreign keys on. Migrations are the files in
``migrations/`` applied in name order, each in its own transaction, and recorded
in the ``migrations`` table so they run once.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from importlib import resources
from pathlib import Path

from newsledger.errors import StoreError

# Writers wait this long for a lock before failing: covers a concurrent reader
# (API) checkpointing the WAL, measured at well under a second on this machine.
BUSY_TIMEOUT_MS = 10_000


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the ledger at ``path``."""
    path = str(path)
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        else:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
    except sqlite3.DatabaseError as err:
        raise StoreError(f"cannot open ledger {path}: {err}") from err
    return conn


def migration_files() -> list[tuple[str, str]]:
    folder = resources.files("newsledger.store") / "migrations"
    files = sorted((f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".sql"))
    return [(name.removesuffix(".sql"), sql) for name, sql in files]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations; returns the names applied now."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    applied = []
    for name, sql in migration_files():
        if name in done:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, now()))
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            conn.execute("ROLLBACK")
            raise StoreError(f"migration {name} failed: {err}") from err
        applied.append(name)
    return applied


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements (sqlite3.complete_statement
    keeps trigger bodies with inner semicolons whole)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if not buf and line.strip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
