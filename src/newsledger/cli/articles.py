"""`newsledger ingest`, `newsledger articles`, `newsledger show`."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import List

import typer

from newsledger.cli.app import DB_OPTION, EXIT_FATAL, EXIT_SOME_FAILED, TableFormat, app, error_line, settings_for
from newsledger.cli.progress import cli_reporter
from newsledger.errors import NewsledgerError
from newsledger.pipeline import ingest_inputs
from newsledger.records import Article, to_json
from newsledger.store import Ledger


@app.command()
def ingest(
    inputs: List[str] = typer.Argument(..., help="Files, folders (recursive), JSONL, feeds or http(s) URLs."),
    db: Path = DB_OPTION,
    parse: bool = typer.Option(False, "--parse/--no-parse", help="Also parse and read the articles now."),
) -> None:
    """Ingest and clean articles into the ledger (no linking; see `run`)."""
    settings = settings_for(db)
    try:
        with cli_reporter("ingest") as reporter:
            summary = ingest_inputs(inputs, settings, reporter, extract=parse)
    except NewsledgerError as err:
        error_line(err.line())
        raise typer.Exit(EXIT_FATAL) from err
    typer.echo(
        f"{summary.articles_new} new, {summary.articles_known} already stored, {summary.failures} failed"
        f" — ledger holds {summary.totals['articles']} articles"
    )
    if summary.failures:
        raise typer.Exit(EXIT_SOME_FAILED)


ARTICLE_COLUMNS = ("id", "published", "published_how", "originator", "publisher", "title")


def article_row(a: Article) -> dict[str, str]:
    return {
        "id": a.id,
        "published": a.published or "",
        "published_how": a.published_how,
        "originator": a.sources.originator or "",
        "publisher": a.sources.publisher or "",
        "title": a.title or "",
    }


@app.command()
def articles(
    db: Path = DB_OPTION,
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", help="table, json or csv."),
    limit: int = typer.Option(0, "--limit", help="At most N articles (0 = all)."),
) -> None:
    """List the stored articles."""
    with _open(db) as ledger:
        found = ledger.articles(limit or None)
    if fmt is TableFormat.json:
        typer.echo(json.dumps([{**article_row(a), "source": a.source, "url": a.url, "outlet": a.outlet,
                                "authors": list(a.authors)} for a in found], indent=2, ensure_ascii=False))
    else:
        print_rows([article_row(a) for a in found], ARTICLE_COLUMNS, fmt)


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def show(
    article_id: str = typer.Argument(..., help="Article id (a unique prefix is enough)."),
    db: Path = DB_OPTION,
    fmt: ShowFormat = typer.Option(ShowFormat.text, "--format", help="text or json."),
) -> None:
    """Show one article: clean text, metadata, originator, removed blocks."""
    with _open(db) as ledger:
        article = _find(ledger, article_id)
    if fmt is ShowFormat.json:
        typer.echo(json.dumps(to_json(article), indent=2, ensure_ascii=False))
        return
    typer.echo(format_article(article))


def format_article(a: Article) -> str:
    s = a.sources
    lines = [
        f"id:         {a.id}",
        f"title:      {a.title or '-'}",
        f"byline:     {a.byline or '-'}",
        f"published:  {a.published or '-'} ({a.published_how})",
        f"url:        {a.url or '-'}",
        f"originator: {s.originator or '-'} ({s.originator_kind})",
        f"publisher:  {s.publisher or '-'} ({s.publisher_kind})",
        f"source:     {a.source}",
        "",
        a.text,
        "",
    ]
    for block in a.removed:
        lines.append(f"[removed {block.kind}] {block.text}")
    for post in a.embeds:
        lines.append(f"[embedded post by {post.author or '?'} {post.handle or ''}] {post.text}")
    return "\n".join(lines)


def _find(ledger: Ledger, prefix: str) -> Article:
    rows = ledger.conn.execute("SELECT id FROM articles WHERE id LIKE ? || '%' LIMIT 2", (prefix,)).fetchall()
    if len(rows) != 1:
        error_line(f"no article matches {prefix!r}" if not rows else f"article id {prefix!r} is ambiguous")
        raise typer.Exit(EXIT_SOME_FAILED)
    return ledger.article(rows[0][0])  # type: ignore[return-value]


def _open(db: Path) -> Ledger:
    if not db.exists():
        error_line(f"no ledger at {db} (run `newsledger ingest` or `newsledger run` first)")
        raise typer.Exit(EXIT_FATAL)
    return Ledger(db)


def print_rows(rows: list[dict[str, object]], columns: tuple[str, ...], fmt: TableFormat) -> None:
    """Print rows as an aligned table, CSV, or JSON."""
    if fmt is TableFormat.json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt is TableFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        widths = {c: min(max([len(c)] + [len(str(r.get(c, ""))) for r in rows]), 60) for c in columns}
        typer.echo("  ".join(c.ljust(widths[c]) for c in columns))
        for r in rows:
            typer.echo("  ".join(str(r.get(c, ""))[: widths[c]].ljust(widths[c]) for c in columns))


@app.command()
def failures(
    db: Path = DB_OPTION,
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", help="table, json or csv."),
) -> None:
    """List the inputs that failed, with their error code and message."""
    with _open(db) as ledger:
        rows = [{"at": f.at, "code": f.code, "source": f.source, "message": f.message} for f in ledger.failures()]
    print_rows(rows, ("at", "code", "source", "message"), fmt)  # type: ignore[arg-type]
