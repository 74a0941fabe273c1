"""Incremental story clustering: which articles tell the same real-world story.

Public API (pure functions, no I/O)::

    item = LinkItem(article_id, text, title=None, date="2020-08-14",
                    entity_keys=("alexander lukashenko", ...), places=("minsk",),
                    originator="AFP")
    index, assignment = assign_stories(StoryIndex(), items)   # {article_id: story_id}
    index, more = assign_stories(index, later_items)          # incremental
    story_records(index)                                       # -> list[records.Story]
    inferred_dates(index, ids)                                 # undated -> (date, "inferred")
    blob = index.to_bytes(); StoryIndex.from_bytes(blob)       # persist between runs

``link_item(article, extraction)`` builds a LinkItem from pipeline records.

Method (shared-nearest-neighbour average linkage):

1. Each article becomes a TF-IDF vector of its words plus ``e_<name key>``
   tokens for its entities and places (features.py). Document frequencies grow
   with the index; a vector keeps its :data:`TERMS_KEPT` best terms.
2. Blocking (blocking.py): candidates are the articles that share one of the
   new article's :data:`BLOCKING_TERMS` most telling terms, via posting lists
   capped to the most recent :data:`POSTING_CAP` articles, and that lie within
   :data:`DATE_WINDOW_DAYS` when both are dated (undated articles are never
   excluded by date). Cost per article is bounded, so linking is near-linear.
3. Each article keeps its :data:`NEIGHBOURS` nearest candidates with cosine >=
   :data:`MIN_NEIGHBOUR_SIM`. Two articles are similar in proportion to the
   neighbours they share (Jarvis-Patrick shared-nearest-neighbour similarity):
   this adapts to dense topics, where many articles share vocabulary but only
   those about the same event share neighbours. Only direct neighbours (one
   lists the other) count as similar (:data:`INDIRECT_WEIGHT`): two events of
   the same kind otherwise chain through the articles that resemble both.
4. The new articles and every member of the stories they touch are clustered
   again by average linkage of that similarity (agglomerate.py), stopping
   below :data:`LINK_THRESHOLD`. A new article thus joins an existing story or
   starts one; and because neighbour lists of indexed articles improve as the
   corpus grows, a touched story may also split or absorb another one. Story
   ids stay stable: each resulting cluster keeps the id most of its old
   members had (biggest clusters choose first).

The returned assignment holds every new article and every indexed article
whose story changed: the caller upserts those rows and drops stories left
without members (``index.stories`` lists the live ones).

Order invariance: every step is a function of the batch as a set (document
frequencies are summed first, neighbour ties broken by article id, merges by
sorted keys), so shuffling a batch yields the same partition and story ids.
New story ids derive from the smallest article id of the story.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from newsledger.link import blocking
from newsledger.link.agglomerate import average_linkage
from newsledger.link.features import fallback_name_keys, name_key, sublinear, term_counts
from newsledger.link.state import ArticleState, StoryIndex, StoryState
from newsledger.records import Article, ArticleExtraction, Story

# Calibrated on ECB+ (../shared/data/ecbplus, 33 topics, 772 docs) with
# `python -m newsledger.evaluate.ecbplus --tune --splits 5`: each setting is judged
# by its mean sub-topic B3 F1 over thresholds +-0.04 around it (a plateau, not a
# peak), on all 33 topics: k=6 / floor 0.15 / threshold 0.06 (in-sample 0.963;
# the curve over thresholds 0.02-0.14 is 0.948 0.947 0.963 0.961 0.958 0.944 0.921).
# Held out (the same rule tuned on half the topics, scored on the other half):
# odd/even topics 0.960 / 0.960; 5 random two-fold topic splits: mean 0.958, min 0.943.
# See docs/accuracy.md.
NEIGHBOURS = 6  # k of the k-nearest-neighbour graph (searched 4-8)
MIN_NEIGHBOUR_SIM = 0.15  # cosine below which a candidate is no neighbour (0.1-0.2)
LINK_THRESHOLD = 0.06  # average shared-neighbour similarity to merge (0.02-0.4)
# Weight of the shared neighbours of two articles neither of which lists the
# other among its neighbours (1.0 = plain Jarvis-Patrick similarity). 0: only
# direct neighbours are similar, so two events of one kind no longer chain
# through the articles both resemble. Random two-fold topic splits of ECB+ (5
# seeds, plateau choice): held-out mean 0.952 at 1.0, 0.949 at 0.5, 0.958 at 0.
INDIRECT_WEIGHT = 0.0
# Not calibrated (ECB+ stories have <= 30 articles; capped or not differs by
# 0.002 B3 F1 there): an article shares
# neighbours with at most ~2k members of a big story, so averages use at most
# this many members per side.
SIZE_CAP = 2 * NEIGHBOURS + 2
# Terms kept per article vector. On ECB+ (full-norm cosines, one batch) keeping
# 100 / 300 / 500 terms gave sub-topic B3 F1 0.85 / 0.93 / 0.94 (500 = whole
# documents there): the signal is spread over many mid-weight terms.
TERMS_KEPT = 500
BLOCKING_TERMS = blocking.BLOCKING_TERMS
# Design choice, not calibrated (ECB+ is mostly undated): news stories about one
# event cluster within weeks; two dated articles further apart are never linked.
DATE_WINDOW_DAYS = 30
# New articles compared all-pairs with each other per sub-batch (the rest goes
# through blocking): bounds the quadratic part; larger inputs are cut in id order.
MAX_BATCH = 2000
# Entity / place keys weigh as much as this many word occurrences (not tuned).
ENTITY_REPEAT = 1


@dataclass(frozen=True, slots=True)
class LinkItem:
    """What the linker needs from one article. ``entity_keys`` are normalised
    name keys (one per mention, repeats allowed: frequency matters); when empty,
    names are read from capitalisation in ``text``."""

    article_id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO date or datetime; None when unknown
    entity_keys: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    originator: str | None = None


def link_item(article: Article, extraction: ArticleExtraction | None = None) -> LinkItem:
    """A LinkItem from pipeline records (entity keys and resolved place names)."""
    keys: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    if extraction is not None:
        keys = tuple(m.key or name_key(m.text) for m in extraction.entities if m.form in ("name", "surname", "acronym"))
        places = tuple(name_key(p.name or p.text) for p in extraction.places)
    date = article.published if article.published_how != "inferred" else None
    return LinkItem(article.id, article.text, article.title, date, keys, places, article.sources.originator)


def _ordinal(date: str | None) -> int | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def _story_id(first_member: str) -> str:
    return "story-" + hashlib.sha1(first_member.encode("utf-8")).hexdigest()[:16]


def _item_counts(item: LinkItem) -> Counter[str]:
    keys = list(item.entity_keys) or fallback_name_keys(item.text)
    keys += list(item.places)
    text = f"{item.title}\n{item.text}" if item.title else item.text
    return term_counts(text, [k for k in keys for _ in range(ENTITY_REPEAT)])


@dataclass
class _Batch:
    ids: list[str]
    dates: list[int | None]
    terms: list[np.ndarray]
    tf: list[np.ndarray]
    block: list[list[int]]
    originators: list[str | None]
    norms: list[float]


def assign_stories(
    index: StoryIndex, items: Sequence[LinkItem]
) -> tuple[StoryIndex, dict[str, str]]:
    """Place a batch of articles into stories. Returns the new index and
    ``{article_id: story_id}`` for every item plus every indexed article whose
    story changed (items already indexed keep their story: re-running the same
    input changes nothing). The index passed in is not modified."""
    unique = {it.article_id: it for it in items}
    assignment = {aid: index.articles[aid].story for aid in unique if aid in index.articles}
    fresh = [unique[aid] for aid in sorted(unique) if aid not in index.articles]
    if not fresh:
        return index, assignment
    new = _copy(index)
    # Batches are cut in article-id order, so the cut does not depend on input order.
    for start in range(0, len(fresh), MAX_BATCH):
        _assign(new, fresh[start : start + MAX_BATCH], assignment)
    return new, assignment


def _assign(index: StoryIndex, items: Sequence[LinkItem], assignment: dict[str, str]) -> None:
    batch = _featurise(index, items)
    sims = _similarities(index, batch)
    _update_neighbours(index, batch, sims)
    _recluster(index, batch, assignment)
    blocking.add_postings(index, batch.ids, batch.block)


def _copy(index: StoryIndex) -> StoryIndex:
    return StoryIndex(
        vocab=dict(index.vocab),
        df=index.df.copy(),
        n_docs=index.n_docs,
        articles=dict(index.articles),
        stories=dict(index.stories),
        postings=dict(index.postings),
        reverse=dict(index.reverse),
    )


def _featurise(index: StoryIndex, items: Sequence[LinkItem]) -> _Batch:
    counts = [_item_counts(it) for it in items]
    for c in counts:  # grow vocabulary and document frequencies for the whole batch first
        for term in sorted(c):
            if term not in index.vocab:
                index.vocab[term] = len(index.vocab)
    if len(index.vocab) > len(index.df):
        grown = np.zeros(max(len(index.vocab), 2 * len(index.df)), dtype=np.int64)
        grown[: len(index.df)] = index.df
        index.df = grown
    for c in counts:
        index.df[[index.vocab[t] for t in c]] += 1
    index.n_docs += len(items)
    batch = _Batch([], [], [], [], [], [], [])
    for it, c in zip(items, counts):
        tf = sublinear(c)
        ids = np.fromiter((index.vocab[t] for t in tf), dtype=np.int32, count=len(tf))
        vals = np.fromiter(tf.values(), dtype=np.float32, count=len(tf))
        weights = vals * _idf(index, ids)
        order = np.lexsort((ids, -weights))  # best first, ties by term id
        keep = order[:TERMS_KEPT]
        batch.ids.append(it.article_id)
        batch.dates.append(_ordinal(it.date))
        batch.terms.append(ids[keep])
        batch.tf.append(vals[keep])
        batch.block.append(ids[order[:BLOCKING_TERMS]].tolist())
        batch.originators.append(it.originator)
        batch.norms.append(float(np.sqrt(np.dot(weights, weights))) or 1.0)
    return batch


def _idf(index: StoryIndex, ids: np.ndarray) -> np.ndarray:
    df = index.df[ids].astype(np.float64)
    return (np.log((index.n_docs + 1) / (df + 1)) + 1.0).astype(np.float32)


def _matrix(
    index: StoryIndex, terms: list[np.ndarray], tf: list[np.ndarray], norms: list[float]
) -> sp.csr_matrix:
    """TF-IDF rows (current IDF) divided by each article's full-vector norm."""
    lengths = [len(t) for t in terms]
    indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    cols = np.concatenate(terms) if terms else np.zeros(0, dtype=np.int32)
    vals = (np.concatenate(tf) * _idf(index, cols)) if terms else np.zeros(0, dtype=np.float32)
    m = sp.csr_matrix((vals, cols, indptr), shape=(len(terms), max(len(index.vocab), 1)))
    return sp.diags(1.0 / np.asarray(norms, dtype=np.float64)) @ m


@dataclass
class _Sims:
    columns: list[str]  # batch ids then existing candidate ids
    matrix: sp.csr_matrix  # rows: batch items; columns: as above


def _similarities(index: StoryIndex, batch: _Batch) -> _Sims:
    existing = blocking.candidates(index, batch.block, set(batch.ids))
    ext = [index.articles[a] for a in existing]
    rows = _matrix(index, batch.terms, batch.tf, batch.norms)
    olds = _matrix(index, [a.terms for a in ext], [a.tf for a in ext], [a.norm for a in ext])
    cols = sp.vstack([rows, olds]).tocsr()
    sims = (rows @ cols.T).tocsr()
    dates = batch.dates + [a.date for a in ext]
    sims = _date_window(sims, batch.dates, dates)
    return _Sims(batch.ids + existing, sims)


def _date_window(sims: sp.csr_matrix, row_dates: list[int | None], col_dates: list[int | None]) -> sp.csr_matrix:
    coo = sims.tocoo()
    rd = np.array([d if d is not None else -1 for d in row_dates])[coo.row]
    cd = np.array([d if d is not None else -1 for d in col_dates])[coo.col]
    ok = (rd < 0) | (cd < 0) | (np.abs(rd - cd) <= DATE_WINDOW_DAYS)
    return sp.csr_matrix((coo.data[ok], (coo.row[ok], coo.col[ok])), shape=sims.shape)


def _top(pairs: Iterable[tuple[float, str]]) -> list[tuple[float, str]]:
    """Best NEIGHBOURS of (sim, id) pairs above the floor; ties by id."""
    good = [(s, a) for s, a in pairs if s >= MIN_NEIGHBOUR_SIM]
    good.sort(key=lambda p: (-round(p[0], 6), p[1]))
    return good[:NEIGHBOURS]


def _update_neighbours(index: StoryIndex, batch: _Batch, sims: _Sims) -> None:
    """Neighbours of the new articles, and new articles into old ones' lists."""
    offered: dict[str, list[tuple[float, str]]] = {}
    n = len(batch.ids)
    m = sims.matrix
    for r, aid in enumerate(batch.ids):
        lo, hi = m.indptr[r], m.indptr[r + 1]
        row = list(zip(m.indices[lo:hi].tolist(), m.data[lo:hi].tolist()))
        best = _top((s, sims.columns[c]) for c, s in row if c != r)
        index.articles[aid] = ArticleState(
            story="",
            date=batch.dates[r],
            terms=batch.terms[r],
            tf=batch.tf[r],
            originator=batch.originators[r],
            norm=batch.norms[r],
        )
        _set_neighbours(index, aid, best)
        for c, s in row:
            if c >= n:
                offered.setdefault(sims.columns[c], []).append((s, aid))
    rescored = _rescore(index, sorted(offered))
    for aid in sorted(offered):
        _set_neighbours(index, aid, _top(rescored[aid] + offered[aid]))


def _rescore(index: StoryIndex, ids: list[str]) -> dict[str, list[tuple[float, str]]]:
    """Current-IDF cosines of indexed articles with their kept neighbours: the
    sims stored when a neighbour was found used the IDF of a smaller corpus."""
    pairs = [(a, n) for a in ids for n in index.articles[a].neighbours if n in index.articles]
    out: dict[str, list[tuple[float, str]]] = {a: [] for a in ids}
    if not pairs:
        return out
    left = [index.articles[a] for a, _ in pairs]
    right = [index.articles[n] for _, n in pairs]
    lm = _matrix(index, [x.terms for x in left], [x.tf for x in left], [x.norm for x in left])
    rm = _matrix(index, [x.terms for x in right], [x.tf for x in right], [x.norm for x in right])
    sims = np.asarray(lm.multiply(rm).sum(axis=1)).ravel()
    for (a, n), sim in zip(pairs, sims.tolist()):
        out[a].append((sim, n))
    return out


def _set_neighbours(index: StoryIndex, aid: str, best: list[tuple[float, str]]) -> None:
    """Replace an article's neighbour list and keep the reverse map in step."""
    old = index.articles[aid]
    neighbours = tuple(a for _, a in best)
    for gone in set(old.neighbours) - set(neighbours):
        index.reverse[gone] = index.reverse.get(gone, frozenset()) - {aid}
    for added in set(neighbours) - set(old.neighbours):
        index.reverse[added] = index.reverse.get(added, frozenset()) | {aid}
    index.articles[aid] = dataclasses.replace(
        old, neighbours=neighbours, neighbour_sims=tuple(round(s, 6) for s, _ in best)
    )


def _neighbourhood(index: StoryIndex, aid: str) -> set[str]:
    return {aid, *index.articles[aid].neighbours}


def _shared(index: StoryIndex, aid: str) -> Counter[str]:
    """Shared-neighbour counts of ``aid`` with every article it shares one with,
    times :data:`INDIRECT_WEIGHT` when neither of the two lists the other."""
    shared: Counter[str] = Counter()
    for m in _neighbourhood(index, aid):
        for other in index.reverse.get(m, frozenset()) | {m}:
            if other != aid and other in index.articles:
                shared[other] += 1
    if INDIRECT_WEIGHT == 1.0:
        return shared
    direct = set(index.articles[aid].neighbours) | index.reverse.get(aid, frozenset())
    return Counter(
        {o: (n if o in direct else INDIRECT_WEIGHT * n) for o, n in shared.items() if o in direct or INDIRECT_WEIGHT > 0}
    )


def _recluster(index: StoryIndex, batch: _Batch, assignment: dict[str, str]) -> None:
    """Cluster the new articles together with every member of the stories they
    touch, then give each resulting cluster a story id (see module docstring)."""
    new_ids = set(batch.ids)
    counts = {aid: _shared(index, aid) for aid in batch.ids}
    touched = sorted({index.articles[o].story for c in counts.values() for o in c if o not in new_ids})
    region = new_ids | {m for sid in touched for m in index.stories[sid].members}
    edges = _region_edges(index, region, counts)
    clusters = average_linkage({a: (1, False) for a in region}, edges, LINK_THRESHOLD, SIZE_CAP)
    previous = {a: index.articles[a].story for a in region if a not in new_ids}
    for sid in touched:
        del index.stories[sid]
    for members, sid in _name_clusters(index, clusters, previous):
        index.stories[sid] = StoryState(tuple(members))
        for aid in members:
            if previous.get(aid) != sid:
                index.articles[aid] = dataclasses.replace(index.articles[aid], story=sid)
                assignment[aid] = sid


def _region_edges(
    index: StoryIndex, region: set[str], counts: Mapping[str, Counter[str]] | None = None
) -> dict[tuple[str, str], float]:
    """Shared-neighbour similarity of every pair of ``region`` that shares a neighbour."""
    counts = counts or {}
    edges: dict[tuple[str, str], float] = {}
    for aid in sorted(region):
        for other, count in (counts.get(aid) or _shared(index, aid)).items():
            if aid < other and other in region:
                edges[(aid, other)] = count / (NEIGHBOURS + 1)
    return edges


def similarity_graph(items: Sequence[LinkItem]) -> dict[tuple[str, str], float]:
    """The shared-neighbour similarities the linker clusters when ``items`` are
    linked in one batch into an empty index (for calibration: clustering them
    with ``average_linkage(..., LINK_THRESHOLD, SIZE_CAP)`` gives the partition
    ``assign_stories`` returns, so thresholds can be swept without re-linking).
    At most :data:`MAX_BATCH` items."""
    unique = {it.article_id: it for it in items}
    if len(unique) > MAX_BATCH:
        raise ValueError(f"similarity_graph takes at most {MAX_BATCH} items")
    index = StoryIndex()
    batch = _featurise(index, [unique[a] for a in sorted(unique)])
    _update_neighbours(index, batch, _similarities(index, batch))
    return _region_edges(index, set(batch.ids))


def _name_clusters(
    index: StoryIndex, clusters: list[list[str]], previous: dict[str, str]
) -> list[tuple[list[str], str]]:
    """Keep story ids stable: the biggest clusters first take the story most of
    their old members were in; others get an id from their smallest member."""
    used: set[str] = set()
    named = []
    for members in sorted(clusters, key=lambda c: (-len(c), c[0])):
        votes = Counter(previous[a] for a in members if a in previous)
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        sid = next((s for s, _ in ranked if s not in used), None)
        if sid is None:
            sid, n = _story_id(members[0]), 1
            while sid in used or sid in index.stories:
                sid, n = _story_id(f"{members[0]}#{n}"), n + 1
        used.add(sid)
        named.append((members, sid))
    return named


# A story label made from body text keeps this many words.
LABEL_WORDS = 12


def story_label(articles: Iterable[Article]) -> str:
    """A human label: the title of the earliest dated member that has one (ties
    by id), else the opening words of the earliest member's text."""
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))
    titled = next((a.title for a in ordered if a.title), None)
    if titled:
        return titled
    words = ordered[0].text.split()[:LABEL_WORDS] if ordered else []
    return " ".join(words) + (" …" if words else "")


def story_records(index: StoryIndex, story_ids: Iterable[str] | None = None) -> list[Story]:
    """records.Story for the given (default: all) stories, members sorted."""
    chosen = sorted(story_ids) if story_ids is not None else sorted(index.stories)
    out = []
    for sid in chosen:
        members = sorted(index.stories[sid].members)
        dates = sorted(d for d in (index.articles[a].date for a in members) if d is not None)
        origs = sorted({o for o in (index.articles[a].originator for a in members) if o})
        out.append(
            Story(
                id=sid,
                article_ids=tuple(members),
                label=index.stories[sid].label,
                first_date=dt.date.fromordinal(dates[0]).isoformat() if dates else None,
                last_date=dt.date.fromordinal(dates[-1]).isoformat() if dates else None,
                originators=tuple(origs),
            )
        )
    return out


def inferred_dates(index: StoryIndex, article_ids: Iterable[str]) -> dict[str, str]:
    """For undated articles: the date of the most similar dated article of the
    same story (neighbours first, else the story's earliest date). The caller
    stores it with ``published_how="inferred"``; never as a stated date."""
    out: dict[str, str] = {}
    for aid in article_ids:
        state = index.articles.get(aid)
        if state is None or state.date is not None:
            continue
        found = next(
            (index.articles[n].date for n in state.neighbours
             if n in index.articles and index.articles[n].story == state.story and index.articles[n].date is not None),
            None,
        )
        if found is None:
            dated = [index.articles[m].date for m in index.stories[state.story].members if index.articles[m].date is not None]
            found = min(dated) if dated else None
        if found is not None:
            out[aid] = dt.date.fromordinal(found).isoformat()
    return out


def partition(assignment: Mapping[str, str]) -> set[frozenset[str]]:
    """The clusters of an assignment, as a set of frozensets (for comparisons)."""
    groups: dict[str, set[str]] = {}
    for aid, sid in assignment.items():
        groups.setdefault(sid, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


__all__ = [
    "LinkItem", "StoryIndex", "assign_stories", "inferred_dates", "link_item", "partition", "story_records",
]
