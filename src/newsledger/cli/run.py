"""`newsledger run`: the main job."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from newsledger.cli.app import DB_OPTION, EXIT_FATAL, EXIT_SOME_FAILED, app, error_line, settings_for
from newsledger.cli.progress import cli_reporter
from newsledger.errors import NewsledgerError
from newsledger.pipeline import RunSummary, run as run_pipeline


@app.command()
def run(
    inputs: List[str] = typer.Argument(..., help="Files, folders (recursive), JSONL, feeds or http(s) URLs."),
    db: Path = DB_OPTION,
    workers: int = typer.Option(1, "--workers", min=1, help="Extract on a local Dask cluster of N processes."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Address of an existing Dask scheduler."),
) -> None:
    """Ingest → clean → parse → extract → link → corroborate → store, incrementally."""
    try:
        with cli_reporter("run") as reporter:
            summary = run_pipeline(inputs, settings_for(db).with_(workers=workers, scheduler=scheduler), reporter)
    except NewsledgerError as err:
        error_line(err.line())
        raise typer.Exit(EXIT_FATAL) from err
    typer.echo(format_summary(summary, db))
    if summary.failures:
        raise typer.Exit(EXIT_SOME_FAILED)


def format_summary(s: RunSummary, db: Path) -> str:
    t = s.totals
    return "\n".join(
        [
            f"this run: {s.inputs} inputs, {s.articles_new} new articles, {s.articles_known} already stored,"
            f" {s.failures} failed, {s.linked} linked",
            f"ledger {db}: {t.get('articles', 0)} articles, {t.get('failures', 0)} failures,"
            f" {t.get('stories', 0)} stories, {t.get('entities', 0)} entities, {t.get('events', 0)} events,"
            f" {t.get('claims', 0)} claims, {t.get('discrepancies', 0)} discrepancies",
        ]
    )
