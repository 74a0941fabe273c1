"""Cost of the places and numbers readers relative to bare spaCy parsing.

    python benchmarks/places_numbers.py [--limit N]

Parses the GVDB dev texts (real shooting reports, ~1,300 characters each) with
the shipped pipeline, then times read_places and read_quantities over the
parsed Docs. Issue 3 budget: all readers together <= 50% of parse time.
"""

from __future__ import annotations

import argparse
import time

from newsledger.config import Settings
from newsledger.extract.gazetteer import Gazetteer
from newsledger.extract.numbers import read_quantities
from newsledger.extract.places import read_places
from newsledger.nlp import load_nlp
from newsledger.records import Article, ArticleExtraction

from corpus import gvdb_texts  # type: ignore[import-not-found]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=400)
    args = parser.parse_args()
    settings = Settings()
    texts = gvdb_texts(settings.data_dir)[: args.limit]
    nlp = load_nlp()
    gaz = Gazetteer.load(settings)
    list(nlp.pipe(texts[:8]))  # warm up
    # CPU seconds of this process: the machine is shared, so wall time is noisy
    started = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=settings.nlp_batch_size))
    parse = time.process_time() - started
    articles = [Article(id=str(i), source="bench", text=t) for i, t in enumerate(texts)]
    empty = [ArticleExtraction(article_id=a.id) for a in articles]
    timings = {}
    for name, reader in (("places", lambda d, a, f: read_places(d, a, f, gazetteer=gaz)),
                         ("numbers", read_quantities)):
        started = time.process_time()
        count = sum(len(list(reader(d, a, f))) for d, a, f in zip(docs, articles, empty))
        timings[name] = (time.process_time() - started, count)
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles, {chars / 1e6:.2f} M chars; "
          f"parse {parse:.1f} CPU s ({len(texts) / parse:.1f} docs per CPU s)")
    for name, (seconds, count) in timings.items():
        print(f"{name:8} {seconds:6.2f} CPU s  = {100 * seconds / parse:5.1f}% of parse  ({count} records)")
    total = sum(s for s, _ in timings.values())
    print(f"both     {total:6.2f} CPU s  = {100 * total / parse:5.1f}% of parse")


if __name__ == "__main__":
    main()
