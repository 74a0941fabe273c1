"""Shared plumbing for readers: evidence spans and sentence indices.

A reader is a generator ``read(doc, article, found) -> Iterator[Record]``: it
gets the parsed Doc (parsed from ``article.text``, so Doc character offsets are
offsets into the clean text), the Article, and the ArticleExtraction built so
far by the readers that ran before it. It never mutates the Doc.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Callable, Iterator

from newsledger.records import Article, ArticleExtraction, Evidence, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

Reader = Callable[["Doc", Article, ArticleExtraction], Iterator[object]]


class SentenceIndex:
    """Maps a character offset to the index of the sentence holding it."""

    def __init__(self, doc: "Doc") -> None:
        self.spans = tuple(Span(s.start_char, s.end_char) for s in doc.sents)
        self._starts = [s.start for s in self.spans]

    def of(self, char: int) -> int:
        return max(bisect_right(self._starts, char) - 1, 0)


def sentence_index(doc: "Doc") -> SentenceIndex:
    """One SentenceIndex per Doc, cached in ``doc.user_data`` (not a Doc mutation
    that any reader can observe: only this helper reads that key)."""
    key = "newsledger.sentence_index"
    cached = doc.user_data.get(key)
    if cached is None:
        cached = doc.user_data[key] = SentenceIndex(doc)
    return cached


def evidence(doc: "Doc", article: Article, start: int, end: int, extractor: str) -> Evidence:
    return Evidence(
        article_id=article.id,
        start=start,
        end=end,
        sentence=sentence_index(doc).of(start),
        extractor=extractor,
    )
