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
(versioned binary: compressed JSON header + numpy arrays).
"""

from __future__ import annotations

import io
import json
import zlib
from dataclasses import dataclass, field

import numpy as np

INDEX_FORMAT = 2
MAGIC = b"NLSTORYIDX"


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
    def to_bytes(self) -> bytes:
        """A versioned binary blob: a zlib-compressed JSON header (vocabulary,
        stories, per-article story/date/neighbours) plus the term vectors as
        concatenated numpy arrays (np.savez), so 100k articles save in seconds."""
        terms = [""] * len(self.vocab)
        for term, i in self.vocab.items():
            terms[i] = term
        ids = list(self.articles)
        states = [self.articles[a] for a in ids]
        header = {
            "format": INDEX_FORMAT,
            "terms": terms,
            "n_docs": self.n_docs,
            "ids": ids,
            "rows": [[a.story, a.date, list(a.neighbours), list(a.neighbour_sims), a.originator] for a in states],
            "stories": {sid: [list(s.members), s.label] for sid, s in self.stories.items()},
            "postings": {str(t): list(v) for t, v in self.postings.items()},
        }
        arrays = {
            "df": self.df[: len(terms)],
            "lengths": np.array([len(a.terms) for a in states], dtype=np.int64),
            "terms": np.concatenate([a.terms for a in states]) if states else np.zeros(0, np.int32),
            "tf": np.concatenate([a.tf for a in states]) if states else np.zeros(0, np.float32),
            "norms": np.array([a.norm for a in states], dtype=np.float64),
        }
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        head = zlib.compress(json.dumps(header, separators=(",", ":")).encode("utf-8"), 1)
        return MAGIC + len(head).to_bytes(8, "little") + head + buf.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> "StoryIndex":
        if not blob.startswith(MAGIC):
            raise ValueError("not a newsledger story index")
        n = int.from_bytes(blob[len(MAGIC) : len(MAGIC) + 8], "little")
        start = len(MAGIC) + 8
        header = json.loads(zlib.decompress(blob[start : start + n]).decode("utf-8"))
        if header.get("format") != INDEX_FORMAT:
            raise ValueError(f"story index format {header.get('format')!r}, expected {INDEX_FORMAT}")
        arrays = np.load(io.BytesIO(blob[start + n :]))
        offsets = np.concatenate([[0], np.cumsum(arrays["lengths"])])
        terms, tf, norms = arrays["terms"], arrays["tf"], arrays["norms"]
        articles = {}
        for i, (aid, row) in enumerate(zip(header["ids"], header["rows"])):
            lo, hi = offsets[i], offsets[i + 1]
            articles[aid] = ArticleState(
                story=row[0], date=row[1], terms=terms[lo:hi].copy(), tf=tf[lo:hi].copy(),
                neighbours=tuple(row[2]), neighbour_sims=tuple(row[3]), originator=row[4], norm=float(norms[i]),
            )
        reverse: dict[str, set[str]] = {}
        for aid, state in articles.items():
            for nb in state.neighbours:
                reverse.setdefault(nb, set()).add(aid)
        return cls(
            vocab={t: i for i, t in enumerate(header["terms"])},
            df=arrays["df"].astype(np.int64),
            n_docs=int(header["n_docs"]),
            articles=articles,
            stories={sid: StoryState(tuple(m), label) for sid, (m, label) in header["stories"].items()},
            postings={int(t): tuple(v) for t, v in header["postings"].items()},
            reverse={k: frozenset(v) for k, v in reverse.items()},
        )
