"""Sparse average-linkage agglomeration with frozen nodes.

Nodes are the new articles of a batch plus the existing stories they touch.
Edges carry the *sum* of pair similarities between two nodes' members; the
linkage of two clusters is that sum divided by the product of their effective
sizes (average linkage). Existing stories are "frozen": two of them never merge
(a story id, once given, is kept), but a new article or a cluster of new
articles can join one.

Deterministic: ties are broken by the sorted node keys, so the result does not
depend on the order the nodes or edges were given in.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass


@dataclass
class _Cluster:
    key: str  # smallest member key: stable tie-breaker
    size: int
    frozen: bool
    members: list[str]


def average_linkage(
    nodes: dict[str, tuple[int, bool]],
    edges: dict[tuple[str, str], float],
    threshold: float,
    size_cap: int,
) -> list[list[str]]:
    """Clusters of node keys.

    ``nodes`` maps key -> (size, frozen); ``edges`` maps an unordered key pair
    (either order, summed) -> summed similarity. Merges while the best average
    linkage is >= ``threshold``. Sizes are capped at ``size_cap`` when averaging,
    because an article's shared-neighbour similarity reaches at most a few
    members of a big story: without the cap a large story could never attract a
    new article however well it fits."""
    clusters = {k: _Cluster(k, size, frozen, [k]) for k, (size, frozen) in sorted(nodes.items())}
    nbr: dict[str, dict[str, float]] = {k: {} for k in clusters}
    for (a, b), w in edges.items():
        if a == b or a not in clusters or b not in clusters or w <= 0:
            continue
        nbr[a][b] = nbr[a].get(b, 0.0) + w
        nbr[b][a] = nbr[b].get(a, 0.0) + w

    def score(a: str, b: str) -> float:
        ca, cb = clusters[a], clusters[b]
        return nbr[a][b] / (min(ca.size, size_cap) * min(cb.size, size_cap))

    heap: list[tuple[float, str, str]] = []
    for a in clusters:
        for b in nbr[a]:
            if a < b and not (clusters[a].frozen and clusters[b].frozen):
                heapq.heappush(heap, (-score(a, b), a, b))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in clusters or b not in clusters or b not in nbr[a]:
            continue
        current = score(a, b)
        if abs(current + neg) > 1e-12:  # stale entry: sizes changed since pushed
            continue
        if current < threshold:
            break
        _merge(clusters, nbr, heap, a, b, score)
    return [sorted(c.members) for c in sorted(clusters.values(), key=lambda c: c.key)]


def _merge(clusters, nbr, heap, a, b, score) -> None:  # type: ignore[no-untyped-def]
    ca, cb = clusters.pop(a), clusters.pop(b)
    key = min(ca.key, cb.key)
    merged = _Cluster(key, ca.size + cb.size, ca.frozen or cb.frozen, ca.members + cb.members)
    weights: dict[str, float] = {}
    for old in (a, b):
        for other, w in nbr.pop(old).items():
            if other in (a, b):
                continue
            weights[other] = weights.get(other, 0.0) + w
            del nbr[other][old]
    clusters[key] = merged
    nbr[key] = weights
    for other, w in weights.items():
        nbr[other][key] = w
        if not (merged.frozen and clusters[other].frozen):
            lo, hi = sorted((key, other))
            heapq.heappush(heap, (-score(lo, hi), lo, hi))
