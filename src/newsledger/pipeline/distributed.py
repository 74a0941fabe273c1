"""Extraction on Dask: the same pure per-batch function, run on workers.

Each worker process loads the spaCy pipeline once (``load_nlp`` caches per
process) and receives batches of Articles; results come back as soon as they
are done, with a bounded number of batches in flight so memory stays flat on
any corpus size.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterable, Iterator

from newsledger.config import Settings
from newsledger.records import Article, ArticleExtraction

# Batches in flight per worker: two keeps every worker busy while the
# scheduler ships the next batch, without queueing the whole corpus in memory.
IN_FLIGHT_PER_WORKER = 2


def _work(batch: list[Article], settings: Settings) -> list[tuple[Article, ArticleExtraction]]:
    from newsledger.pipeline.extract_step import extract_batch

    return list(zip(batch, extract_batch(batch, settings)))


@contextmanager
def dask_client(settings: Settings) -> Iterator[object]:
    from dask.distributed import Client, LocalCluster

    if settings.scheduler:
        with Client(settings.scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=settings.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def extract_on_dask(batches: Iterable[list[Article]], settings: Settings) -> Iterator[tuple[Article, ArticleExtraction]]:
    """Yield (article, extraction) pairs as workers finish batches (order not kept)."""
    from dask.distributed import as_completed

    with dask_client(settings) as client:
        limit = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))  # type: ignore[attr-defined]
        it = iter(batches)
        running = as_completed([client.submit(_work, b, settings, pure=False) for b in _take(it, limit)])  # type: ignore[attr-defined]
        for future in running:
            yield from future.result()
            for b in _take(it, 1):
                running.add(client.submit(_work, b, settings, pure=False))  # type: ignore[attr-defined]


def _take(it: Iterator[list[Article]], n: int) -> list[list[Article]]:
    out = []
    for _ in range(n):
        try:
            out.append(next(it))
        except StopIteration:
            break
    return out
