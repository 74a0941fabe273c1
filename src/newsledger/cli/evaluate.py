"""`newsledger evaluate DATASET`: score the shipped extractors on gold data."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from newsledger.cli.app import EXIT_FATAL, app, error_line
from newsledger.config import Settings
from newsledger.errors import NewsledgerError
from newsledger.evaluate import REGISTRY, scorer


class OutFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def evaluate(
    dataset: str = typer.Argument(..., help=f"One of: {', '.join(sorted(REGISTRY))}."),
    data: Optional[Path] = typer.Option(
        None, "--data", help="File or folder in the shared split's layout (default: the shared dev split)."
    ),
    fmt: OutFormat = typer.Option(OutFormat.text, "--format", help="text or json."),
    cv: Optional[int] = typer.Option(
        None, "--cv", help="K-fold cross-validation on the data (for models trained from a dev split)."
    ),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N items (quick checks)."),
) -> None:
    """Print accuracy metrics of the shipped extractor on a gold data set."""
    if dataset not in REGISTRY:
        error_line(f"unknown dataset {dataset!r}; choose from {', '.join(sorted(REGISTRY))}")
        raise typer.Exit(2)
    settings = Settings()
    path = data or settings.data_dir / REGISTRY[dataset][2]
    if not path.exists():
        error_line(f"NL-D001: evaluation data not found at {path} (pass --data)")
        raise typer.Exit(EXIT_FATAL)
    options = {k: v for k, v in {"cv": cv, "limit": limit}.items() if v is not None}
    try:
        report = scorer(dataset)(path, settings, **options)
    except NewsledgerError as err:
        error_line(err.line())
        raise typer.Exit(EXIT_FATAL) from err
    typer.echo(report.to_json() if fmt is OutFormat.json else report.to_text())
