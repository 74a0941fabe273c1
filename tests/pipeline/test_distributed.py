"""Extraction on a real Dask LocalCluster gives exactly the local result."""

from __future__ import annotations

import pytest

from newsledger.config import Settings
from newsledger.pipeline.extract_step import _batches, extract_batch
from newsledger.records import Article

pytest.importorskip("dask.distributed")

TEXTS = [
    "Police detained 20 protesters in Minsk on Friday, the interior ministry said.",
    "Workers at the tractor plant walked out on Monday.",
    "At least two people were killed when gunmen attacked a village near Kaduna.",
    "The EU said it would discuss sanctions against Belarus.",
    "Thousands marched in Brussels on Sunday.",
]


def test_dask_matches_local():
    from newsledger.pipeline.distributed import extract_on_dask

    articles = [Article(id=f"d{i}", source=f"d{i}", text=t, published="2020-08-14") for i, t in enumerate(TEXTS)]
    settings = Settings(workers=2, nlp_batch_size=2)
    local = {a.id: x for a, x in zip(articles, extract_batch(articles, settings))}
    remote = dict((a.id, x) for a, x in extract_on_dask(_batches(articles, 2), settings))
    assert remote == local
