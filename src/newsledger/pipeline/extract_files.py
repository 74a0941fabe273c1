"""Read inputs straight to ArticleOutput records, without a ledger."""

from __future__ import annotations

from typing import Iterable, Iterator

from newsledger.clean import clean_inputs
from newsledger.config import Settings
from newsledger.pipeline.extract_step import _batches, extract_batch
from newsledger.records import Article, ArticleOutput, Failure


def extract_inputs(inputs: Iterable[str], settings: Settings) -> Iterator[ArticleOutput | Failure]:
    """Every input becomes an ArticleOutput or a Failure, in input order per batch."""
    pending: list[Article] = []
    for item in clean_inputs(inputs, settings):
        if isinstance(item, Failure):
            yield item
            continue
        pending.append(item)
        if len(pending) >= settings.nlp_batch_size:
            yield from _outputs(pending, settings)
            pending = []
    yield from _outputs(pending, settings)


def _outputs(articles: list[Article], settings: Settings) -> Iterator[ArticleOutput]:
    for batch in _batches(articles, settings.nlp_batch_size):
        for article, extraction in zip(batch, extract_batch(batch, settings)):
            yield ArticleOutput.of(article, extraction)
