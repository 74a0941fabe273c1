"""Blocking: which indexed articles a new article is compared with.

An inverted index maps a term id to the most recent articles that have it among
their :data:`BLOCKING_TERMS` most telling (highest TF-IDF) terms. A new article
is compared only with the union of its own blocking terms' posting lists, so
each article costs at most ``BLOCKING_TERMS * POSTING_CAP`` comparisons however
large the index grows: linking is near-linear in the corpus size. Capping a
posting list to its most recent entries is a time window in disguise: news
stories are told within days, so the recent holders of a rare name are the
articles that matter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from newsledger.link.state import StoryIndex

# How many of an article's best terms it is findable by (and searches with).
# Not tuned separately: on ECB+ linked in shuffled batches of 50 (everything
# outside the batch found through blocking) sub-topic B3 F1 is 0.946 against
# 0.960 in one batch (all pairs); that gap includes incremental effects too.
BLOCKING_TERMS = 12
# Most recent holders kept per term. Bounds the cost per new article; not
# calibrated on ECB+ (no term there has more than ~150 holders). 200 keeps the
# 100k benchmark under a few minutes on one core.
POSTING_CAP = 200


def candidates(index: "StoryIndex", blocks: Sequence[Sequence[int]], exclude: set[str]) -> list[str]:
    """Sorted ids of indexed articles sharing a blocking term with any new one."""
    found: set[str] = set()
    for terms in blocks:
        for t in terms:
            found.update(index.postings.get(t, ()))
    return sorted(found - exclude)


def add_postings(index: "StoryIndex", ids: Sequence[str], blocks: Iterable[Sequence[int]]) -> None:
    """Append new articles to their blocking terms' posting lists (sorted ids,
    so the result is order-invariant), keeping the last POSTING_CAP."""
    added: dict[int, list[str]] = {}
    for aid, terms in zip(ids, blocks):
        for t in terms:
            added.setdefault(t, []).append(aid)
    for t, new in added.items():
        merged = index.postings.get(t, ()) + tuple(sorted(new))
        index.postings[t] = merged[-POSTING_CAP:]
