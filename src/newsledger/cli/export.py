"""`newsledger export`: the ledger's events as JSONL, ACLED-layout CSV, Parquet or GeoJSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from newsledger.cli.app import DB_OPTION, EXIT_FATAL, app, error_line
from newsledger.errors import NewsledgerError
from newsledger.export import FORMATS, write_export


@app.command()
def export(
    fmt: FORMATS = typer.Option(..., "--format", help="jsonl, csv-acled, parquet or geojson."),
    out: Optional[Path] = typer.Option(None, "--out", help="Output file (default: standard output)."),
    db: Path = DB_OPTION,
) -> None:
    """Write every event of the ledger in one export format."""
    if not db.exists():
        error_line(f"NL-S001: no ledger at {db} (pass --db)")
        raise typer.Exit(EXIT_FATAL)
    if fmt is FORMATS.parquet and out is None and sys.stdout.isatty():
        error_line("parquet is binary: pass --out FILE")
        raise typer.Exit(2)
    from newsledger.store.db import connect

    try:
        conn = connect(db, readonly=True)
    except NewsledgerError as err:
        error_line(err.line())
        raise typer.Exit(EXIT_FATAL) from err
    try:
        if out is None:
            n = write_export(conn, fmt.value, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with out.open("wb") as fh:
                n = write_export(conn, fmt.value, fh)
    finally:
        conn.close()
    typer.echo(f"exported {n} events as {fmt.value}" + (f" to {out}" if out else ""), err=True)
