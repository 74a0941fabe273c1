"""`newsledger extract` (no database) and `newsledger schema`."""

from __future__ import annotations

import json
from enum import Enum
from typing import List

import typer

from newsledger.cli.app import EXIT_FATAL, EXIT_SOME_FAILED, app, error_line
from newsledger.config import Settings
from newsledger.errors import NewsledgerError
from newsledger.records import Failure, json_schema, to_json


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Files, folders, JSONL, feeds or URLs."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", help="jsonl (one object per line) or json (indented)."),
) -> None:
    """Read articles and print what was found in each, with character offsets (no ledger)."""
    from newsledger.pipeline.extract_files import extract_inputs

    failed = 0
    try:
        for item in extract_inputs(inputs, Settings()):
            if isinstance(item, Failure):
                failed += 1
                error_line(f"{item.code}: {item.source}: {item.message}")
                continue
            indent = 2 if fmt is ExtractFormat.json else None
            typer.echo(json.dumps(to_json(item), ensure_ascii=False, indent=indent))
    except NewsledgerError as err:
        error_line(err.line())
        raise typer.Exit(EXIT_FATAL) from err
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def schema() -> None:
    """Print the JSON Schema of `newsledger extract` output (see docs/schema.md)."""
    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))
