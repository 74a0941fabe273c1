"""`newsledger stories`, `newsledger events`, `newsledger event ID`: read the ledger."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

from newsledger.cli.app import DB_OPTION, EXIT_SOME_FAILED, TableFormat, app, error_line
from newsledger.cli.articles import _open, print_rows
from newsledger.store import queries
from newsledger.store.queries import EventFilter

FORMAT_OPTION = typer.Option(TableFormat.table, "--format", help="table, json or csv.")
# Enough rows for a terminal; --limit raises it (the store caps a page anyway).
DEFAULT_ROWS = 100

STORY_COLUMNS = ("id", "article_count", "originator_count", "first_date", "last_date", "label")
EVENT_COLUMNS = ("id", "event_type", "modality", "summary", "date", "place", "country", "articles", "sources")


@app.command()
def stories(db: Path = DB_OPTION, fmt: TableFormat = FORMAT_OPTION,
            limit: int = typer.Option(DEFAULT_ROWS, "--limit", help="At most N stories.")) -> None:
    """List stories: article clusters with their sources and date range."""
    with _open(db) as ledger:
        page = queries.stories(ledger.conn, limit=limit)
    rows = [{**s, "originators": ", ".join(s.get("originators") or [])} for s in page.items]
    if fmt is TableFormat.json:
        typer.echo(json.dumps(page.items, indent=2, ensure_ascii=False))
    else:
        print_rows(rows, (*STORY_COLUMNS, "originators"), fmt)


@app.command()
def events(
    db: Path = DB_OPTION,
    fmt: TableFormat = FORMAT_OPTION,
    event_type: Optional[str] = typer.Option(None, "--type", help="Ontology code, e.g. ARREST."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO 3166 alpha-2 code, e.g. BY."),
    since: Optional[str] = typer.Option(None, "--since", help="ISO date: events ending on or after it."),
    until: Optional[str] = typer.Option(None, "--until", help="ISO date: events starting on or before it."),
    min_sources: Optional[int] = typer.Option(None, "--min-sources", help="At least N independent originators."),
    story: Optional[str] = typer.Option(None, "--story", help="Only events of this story."),
    limit: int = typer.Option(DEFAULT_ROWS, "--limit", help="At most N events."),
) -> None:
    """List events, filtered."""
    flt = EventFilter(event_type=event_type, country=country, date_from=since, date_to=until,
                      min_sources=min_sources, story_id=story)
    with _open(db) as ledger:
        page = queries.events(ledger.conn, flt, limit=limit, order="asc")
    found = [json.loads(r) for r in page.items]
    if fmt is TableFormat.json:
        typer.echo(json.dumps(found, indent=2, ensure_ascii=False))
    else:
        print_rows([event_row(e) for e in found], EVENT_COLUMNS, fmt)


def event_row(e: dict[str, Any]) -> dict[str, Any]:
    span = e.get("date_start") or ""
    if e.get("date_end") and e["date_end"] != e.get("date_start"):
        span = f"{span}..{e['date_end']}"
    return {
        "id": e["id"], "event_type": e["event_type"], "modality": e["modality"],
        "summary": "yes" if e.get("is_summary") else "", "date": span, "place": e.get("place_name") or "",
        "country": e.get("country_code") or "", "articles": e.get("article_count", 0),
        "sources": e.get("independent_source_count", 0),
    }


CLAIM_COLUMNS = ("attribute", "value", "hedge", "originator", "speaker", "article", "sentence")


@app.command()
def event(
    event_id: str = typer.Argument(..., help="Event id."),
    db: Path = DB_OPTION,
    fmt: TableFormat = FORMAT_OPTION,
) -> None:
    """One event: claims by source, discrepancies, evidence sentences."""
    with _open(db) as ledger:
        detail = queries.event(ledger.conn, event_id)
        sentences = {a["article_id"]: queries.sentence_spans(ledger.conn, a["article_id"])
                     for a in (detail or {}).get("evidence", [])}
    if detail is None:
        error_line(f"no event {event_id!r}")
        raise typer.Exit(EXIT_SOME_FAILED)
    if fmt is TableFormat.json:
        typer.echo(json.dumps(detail, indent=2, ensure_ascii=False))
        return
    if fmt is TableFormat.csv:
        print_rows([claim_row(c) for c in detail["claims"]], CLAIM_COLUMNS, fmt)
        return
    typer.echo(format_event(detail, sentences))


def claim_row(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "attribute": c["attribute"], "value": c.get("text") or c.get("value"), "hedge": c.get("hedge") or "",
        "originator": c.get("originator") or "?", "speaker": c.get("speaker") or "",
        "article": c["evidence"]["article_id"], "sentence": c["evidence"]["sentence"],
    }


def format_event(detail: dict[str, Any], sentences: dict[str, list[tuple[int, int]]]) -> str:
    e = detail["event"]
    row = event_row(e)
    lines = [
        f"{e['event_type']} ({e['modality']}{', summary' if e.get('is_summary') else ''})  {e['id']}",
        f"  when: {row['date'] or '?'}   where: {row['place'] or '?'} {row['country']}",
        f"  reported by {row['articles']} article(s), {row['sources']} independent source(s):"
        f" {', '.join(e.get('originators') or []) or '?'}",
        "",
        "claims:",
    ]
    lines += [f"  {r['attribute']:<12} {str(r['value']):<22} {r['hedge']:<10} {r['originator']:<18} {r['speaker']}"
              for r in map(claim_row, detail["claims"])]
    if detail["discrepancies"]:
        lines += ["", "discrepancies:"] + [f"  {d['attribute']}: {d['reason']}" for d in detail["discrepancies"]]
    lines += ["", "evidence:"]
    for art in detail["evidence"]:
        lines.append(f"  {art['originator'] or '?'} via {art['publisher'] or '?'} [{art['article_id']}]")
        offset, passage = art["passage_start"], art["passage"]
        shown = set()
        for span in art["spans"]:
            lo, hi = next(((a, b) for a, b in sentences.get(art["article_id"], []) if a <= span["start"] < b),
                          (span["start"], span["end"]))
            if (lo, hi) not in shown and offset <= lo and hi <= offset + len(passage):
                shown.add((lo, hi))
                lines.append(f"    “{passage[lo - offset:hi - offset].strip()}”")
    return "\n".join(lines)
