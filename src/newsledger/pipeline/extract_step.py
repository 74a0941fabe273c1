"""Parse and read articles in batches, storing each with its extraction."""

from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator

from newsledger.config import Settings
from newsledger.pipeline.progress import Progress, Reporter
from newsledger.records import Article, ArticleExtraction
from newsledger.store import Ledger


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def extract_batch(articles: list[Article], settings: Settings) -> list[ArticleExtraction]:
    """Pure: the same articles give the same extractions (what a Dask worker runs)."""
    from newsledger.extract import extract_article
    from newsledger.nlp import load_nlp, parse_texts

    nlp = load_nlp(settings.models)
    docs = parse_texts((a.text for a in articles), nlp, settings.nlp_batch_size)
    return [extract_article(doc, a) for doc, a in zip(docs, articles)]


def extracted(batches: Iterable[list[Article]], settings: Settings) -> Iterator[tuple[Article, ArticleExtraction]]:
    """(article, extraction) pairs, locally or on Dask workers (settings.workers / scheduler)."""
    if settings.workers > 1 or settings.scheduler:
        from newsledger.pipeline.distributed import extract_on_dask

        yield from extract_on_dask(batches, settings)
        return
    for batch in batches:
        yield from zip(batch, extract_batch(batch, settings))


def store_extracted(articles: Iterable[Article], ledger: Ledger, settings: Settings, summary, reporter: Reporter) -> None:  # type: ignore[no-untyped-def]
    """Extract only the articles not stored yet, then store each with its extraction."""

    def fresh_batches() -> Iterator[list[Article]]:
        seen: set[str] = set()
        for batch in _batches(articles, settings.nlp_batch_size):
            fresh = [a for a in batch if a.id not in seen and not ledger.has_article(a.id)]
            seen.update(a.id for a in fresh)
            summary.articles_known += len(batch) - len(fresh)
            if fresh:
                yield fresh

    done = 0
    for article, extraction in extracted(fresh_batches(), settings):
        if ledger.add_article(article, extraction):
            summary.articles_new += 1
            summary.extracted += 1
        else:
            summary.articles_known += 1
        done += 1
        reporter.on_progress(Progress("extract", done))


def extract_pending(ledger: Ledger, settings: Settings, reporter: Reporter) -> int:
    """Articles stored by `ingest` without an extraction get one now."""
    pending = ledger.articles_without_extraction()
    articles = (ledger.article(aid) for aid in pending)
    done = 0
    for _, extraction in extracted(_batches(articles, settings.nlp_batch_size), settings):  # type: ignore[arg-type]
        ledger.save_extraction(extraction)
        done += 1
        reporter.on_progress(Progress("extract", done, len(pending)))
    return done
