"""`run`: the whole job over some inputs into a ledger, incremental and idempotent.

Crash safety: each article is stored together with its extraction in one
transaction; linking happens after, for every article that has no story yet.
So a process killed anywhere leaves a consistent ledger, and running again
stores only what is missing and links whatever was left unlinked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

from newsledger.config import Settings
from newsledger.errors import InputError
from newsledger.pipeline.progress import Progress, Reporter
from newsledger.records import Article, Failure, RawArticle
from newsledger.store import Ledger


@dataclass
class RunSummary:
    inputs: int = 0
    articles_new: int = 0
    articles_known: int = 0
    failures: int = 0
    extracted: int = 0
    linked: int = 0
    totals: dict[str, int] = field(default_factory=dict)  # ledger-wide counts after the run

    @property
    def ok(self) -> bool:
        return self.failures == 0


def articles_from(items: Iterable[RawArticle | Failure], settings: Settings, summary: RunSummary, ledger: Ledger,
                  reporter: Reporter) -> Iterator[Article]:
    """Clean ingested items; every bad input becomes a recorded Failure, the rest go on."""
    from newsledger.clean import clean
    from newsledger.ingest import failure

    for item in items:
        summary.inputs += 1
        if isinstance(item, RawArticle):
            try:
                yield clean(item, settings)
                continue
            except InputError as err:
                item = failure(item.source, err)
        summary.failures += 1
        ledger.record_failure(item)
        reporter.on_failure(item)


def ingest_inputs(inputs: Sequence[str], settings: Settings, reporter: Reporter | None = None,
                  *, extract: bool = False) -> RunSummary:
    """Ingest and clean inputs (paths, URLs) into the ledger; with ``extract`` also parse and read them."""
    from newsledger.ingest import read_inputs

    return ingest_raw(read_inputs(inputs, settings), settings, reporter, extract=extract)


def ingest_raw(items: Iterable[RawArticle | Failure], settings: Settings, reporter: Reporter | None = None,
               *, extract: bool = False) -> RunSummary:
    """Like :func:`ingest_inputs`, for items already read (e.g. POSTed to the API)."""
    reporter = reporter or Reporter()
    summary = RunSummary()
    with Ledger(settings.db_path) as ledger:
        articles = articles_from(items, settings, summary, ledger, reporter)
        if extract:
            from newsledger.pipeline.extract_step import store_extracted

            store_extracted(articles, ledger, settings, summary, reporter)
        else:
            for article in articles:
                _count(summary, ledger.add_article(article))
                reporter.on_progress(Progress("ingest", summary.articles_new + summary.articles_known))
        summary.totals = _totals(ledger)
    return summary


def run(inputs: Sequence[str], settings: Settings, reporter: Reporter | None = None) -> RunSummary:
    """The main job: ingest → clean → parse → extract → link → corroborate → store."""
    from newsledger.ingest import read_inputs

    return run_raw(read_inputs(inputs, settings), settings, reporter)


def run_raw(items: Iterable[RawArticle | Failure], settings: Settings, reporter: Reporter | None = None) -> RunSummary:
    """The main job over items already read (RawArticle or Failure), e.g. from the API."""
    reporter = reporter or Reporter()
    summary = ingest_raw(items, settings, reporter, extract=True)
    with Ledger(settings.db_path) as ledger:
        from newsledger.pipeline.extract_step import extract_pending

        summary.extracted += extract_pending(ledger, settings, reporter)
        from newsledger.pipeline.link_step import link_pending

        summary.linked = link_pending(ledger, settings, reporter)
        summary.totals = _totals(ledger)
    return summary


def _count(summary: RunSummary, inserted: bool) -> None:
    if inserted:
        summary.articles_new += 1
    else:
        summary.articles_known += 1


def _totals(ledger: Ledger) -> dict[str, int]:
    tables = ("articles", "failures", "stories", "entities", "events", "claims", "discrepancies")
    return {t: ledger.count(t) for t in tables}
