"""The incremental story index: what must be kept between runs to place new
articles into existing stories, and its serialisation.

A :class:`StoryIndex` holds, per linked article, its story, date, a truncated
term vector (term ids + sublinear tf) and its nearest neighbours; per term, the
document frequency and a posting list of the most recent articles that have it
among their most telling terms (the blocking index); per story, its members.

It is immutable by convention: :func:`newsledger.link.stories.assign_stories`
returns a new index and leaves the one passed in untouched (containers are
copied, per-article arrays are shared and never written).

Persist with :meth:`StoryIndex.to_bytes` / :meth:`StoryIndex.from_bytes`
(zlib-compressed JSON, versioned).
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

INDEX_FORMAT = 1


@dataclass(frozen=True, slots=True)
class ArticleState:
    story: str
    date: int | None  # proleptic ordinal of the publication date
    terms: np.ndarray  # int32 term ids, the article's TERMS_KEPT best terms
    tf: np.ndarray  # float32 sublinear tf of those terms
    neighbours: tuple[str, ...] = ()  # nearest articles, best first
    neighbour_sims: tuple[float, ...] = ()
    originator: str | None = None
    # L2 norm of the article's full TF-IDF vector when it was indexed: cosines
    # divide by it, so dropping low-weight terms lowers a cosine only by those
    # terms' share instead of inflating every similarity.
    norm: float = 1.0


@dataclass(frozen=True, slots=True)
class StoryState:
    members: tuple[str, ...]
    label: str = ""


@dataclass
class StoryIndex:
    """Everything the linker keeps between batches. Build empty with ``StoryIndex()``."""

    vocab: dict[str, int] = field(default_factory=dict)
    df: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    n_docs: int = 0
    articles: dict[str, ArticleState] = field(default_factory=dict)
    stories: dict[str, StoryState] = field(default_factory=dict)
    postings: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # reverse neighbours: article -> articles that list it among their neighbours
    reverse: dict[str, frozenset[str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.articles)

    def story_of(self, article_id: str) -> str | None:
        state = self.articles.get(article_id)
        return state.story if state else None

    # ------------------------------------------------------------------ #
    def to_json(self) -> dict[str, Any]:
        terms = [""] * len(self.vocab)
        for term, i in self.vocab.items():
            terms[i] = term
        return {
            "format": INDEX_FORMAT,
            "terms": terms,
            "df": self.df[: len(terms)].tolist(),
            "n_docs": self.n_docs,
            "articles": {
                aid: [
                    a.story,
                    a.date,
                    a.terms.tolist(),
                    [round(float(x), 4) for x in a.tf],
                    list(a.neighbours),
                    [round(float(x), 5) for x in a.neighbour_sims],
                    a.originator,
                    round(float(a.norm), 5),
                ]
                for aid, a in self.articles.items()
            },
            "stories": {sid: [list(s.members), s.label] for sid, s in self.stories.items()},
            "postings": {str(t): list(ids) for t, ids in self.postings.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "StoryIndex":
        if data.get("format") != INDEX_FORMAT:
            raise ValueError(f"story index format {data.get('format')!r}, expected {INDEX_FORMAT}")
        articles = {
            aid: ArticleState(
                story=row[0],
                date=row[1],
                terms=np.asarray(row[2], dtype=np.int32),
                tf=np.asarray(row[3], dtype=np.float32),
                neighbours=tuple(row[4]),
                neighbour_sims=tuple(row[5]),
                originator=row[6],
                norm=row[7],
            )
            for aid, row in data["articles"].items()
        }
        reverse: dict[str, set[str]] = {}
        for aid, state in articles.items():
            for n in state.neighbours:
                reverse.setdefault(n, set()).add(aid)
        return cls(
            vocab={t: i for i, t in enumerate(data["terms"])},
            df=np.asarray(data["df"], dtype=np.int64),
            n_docs=int(data["n_docs"]),
            articles=articles,
            stories={sid: StoryState(tuple(m), label) for sid, (m, label) in data["stories"].items()},
            postings={int(t): tuple(ids) for t, ids in data["postings"].items()},
            reverse={k: frozenset(v) for k, v in reverse.items()},
        )

    def to_bytes(self) -> bytes:
        return zlib.compress(json.dumps(self.to_json(), separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def from_bytes(cls, blob: bytes) -> "StoryIndex":
        return cls.from_json(json.loads(zlib.decompress(blob).decode("utf-8")))
