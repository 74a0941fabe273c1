"""CPU time of the entity and time readers against bare spaCy parsing.

    python benchmarks/entity_time_readers.py [--limit 200] [--data ../shared/data/gvdb/dev.tsv]

Prints one JSON line; docs/performance.md ('Entity and time readers') records it.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

from newsledger.config import Settings
from newsledger.extract.entities import place_lookup, read_entities
from newsledger.extract.times import read_times
from newsledger.nlp import load_nlp
from newsledger.records import Article


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--data", type=Path, default=Settings().data_dir / "gvdb" / "dev.tsv")
    args = parser.parse_args()
    csv.field_size_limit(sys.maxsize)
    with args.data.open(encoding="utf-8", newline="") as fh:
        texts = [row["Full text"] for row in csv.DictReader(fh, delimiter="\t")][: args.limit]
    nlp = load_nlp()
    place_lookup()
    list(nlp.pipe(texts[:5]))  # warm up
    t0 = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.process_time() - t0
    articles = [
        Article(id=str(i), source="bench", text=t, published="2016-01-01") for i, t in enumerate(texts)
    ]
    for doc, art in zip(docs[:5], articles[:5]):  # warm caches: gazetteer, dateparser
        list(read_entities(doc, art, None))
        list(read_times(doc, art, None))
    t0 = time.process_time()
    mentions = sum(len(list(read_entities(d, a, None))) for d, a in zip(docs, articles))
    ents = time.process_time() - t0
    t0 = time.process_time()
    times = sum(len(list(read_times(d, a, None))) for d, a in zip(docs, articles))
    tim = time.process_time() - t0
    print(
        json.dumps(
            {
                "articles": len(texts),
                "chars": sum(map(len, texts)),
                "parse_cpu_s": round(parse, 2),
                "entities_cpu_s": round(ents, 2),
                "times_cpu_s": round(tim, 2),
                "entities_pct_of_parse": round(100 * ents / parse, 1),
                "times_pct_of_parse": round(100 * tim / parse, 1),
                "mentions": mentions,
                "time_expressions": times,
            }
        )
    )


if __name__ == "__main__":
    main()
