"""The Typer application and options shared by every command.

Commands live in sibling modules (one group each) and register themselves on
``app``; they stay thin: parse options, call the library, format the result.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from newsledger.config import Settings

app = typer.Typer(
    name="newsledger",
    help="Turn news articles into a verified, source-attributed ledger of events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Exit codes: 0 all good; 1 some inputs failed (the rest were processed);
# 2 usage error (Typer's own); 3 nothing could be done (missing model, bad DB).
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_FATAL = 3

DB_OPTION = typer.Option(Path("newsledger.db"), "--db", help="SQLite ledger file (created if missing).")


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def settings_for(db: Path) -> Settings:
    return Settings(db_path=db)


def error_line(message: str) -> None:
    """One clear line on stderr: the contract for every failure shown to users."""
    print(message, file=sys.stderr)


@app.callback()
def _root() -> None:
    """Turn news articles into a verified, source-attributed ledger of events."""
