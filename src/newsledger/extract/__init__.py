"""Per-article readers: entities, times, places, quantities, quotes, events.

:func:`extract_article` runs the readers in dependency order over one parsed
Doc and returns one ArticleExtraction. It is a pure function of (Doc, Article),
so it runs unchanged on Dask workers.
"""

from __future__ import annotations

import dataclasses
import importlib
from typing import TYPE_CHECKING

from newsledger.extract.base import Reader, sentence_index
from newsledger.records import Article, ArticleExtraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

# (ArticleExtraction field, "module:function") in the order readers run: a later
# reader sees what earlier ones found (quotes need entities, events need all).
READERS: tuple[tuple[str, str], ...] = (
    ("entities", "newsledger.extract.entities:read_entities"),
    ("times", "newsledger.extract.times:read_times"),
    ("places", "newsledger.extract.places:read_places"),
    ("quantities", "newsledger.extract.numbers:read_quantities"),
    ("quotes", "newsledger.extract.quotes:read_quotes"),
    ("events", "newsledger.extract.events:read_events"),
)


def _load(target: str) -> Reader | None:
    module, _, function = target.partition(":")
    try:
        return getattr(importlib.import_module(module), function)
    except ModuleNotFoundError as err:
        if err.name == module:  # reader not built yet: skip it, don't break others
            return None
        raise


def available_readers() -> list[tuple[str, Reader]]:
    found = []
    for field_name, target in READERS:
        reader = _load(target)
        if reader is not None:
            found.append((field_name, reader))
    return found


def extract_article(doc: "Doc", article: Article) -> ArticleExtraction:
    """Run every available reader over one article."""
    result = ArticleExtraction(article_id=article.id, sentences=sentence_index(doc).spans)
    extractors: list[str] = []
    for field_name, reader in available_readers():
        records = tuple(reader(doc, article, result))
        extractors.extend(sorted({r.evidence.extractor for r in records}))  # type: ignore[attr-defined]
        result = dataclasses.replace(result, **{field_name: records})
    return dataclasses.replace(result, extractors=tuple(dict.fromkeys(extractors)))


__all__ = ["READERS", "available_readers", "extract_article"]
