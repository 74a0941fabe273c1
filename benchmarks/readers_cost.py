"""CPU time of each per-article reader against bare spaCy parsing.

    python benchmarks/readers_cost.py [--limit 200] [--data ../shared/data/gvdb/dev.tsv]

Parses the first --limit GVDB texts with `nlp.pipe`, then runs every reader of
`extract.available_readers()` in pipeline order over the parsed Docs (each
reader sees the records of the readers before it, as in `extract_article`),
timing each with `time.process_time` (CPU of this process, steadier than wall
time on a shared machine). Prints a Markdown table and one JSON line; the
budgets (issue 3: readers <= +50 % of the parse; issue 4: pipeline <= 1.5x
the bare parse) are docs/performance.md's.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import gvdb_texts  # noqa: E402

from newsledger.config import Settings  # noqa: E402
from newsledger.extract import available_readers  # noqa: E402
from newsledger.nlp import load_nlp  # noqa: E402
from newsledger.extract.base import sentence_index  # noqa: E402
from newsledger.records import Article, ArticleExtraction  # noqa: E402

WARM_UP_TEXTS = 3  # loads lexicons, gazetteer index and models before the clock


def _run_readers(readers, docs, articles) -> dict[str, float]:
    cost = {name: 0.0 for name, _ in readers}
    for doc, article in zip(docs, articles):
        result = ArticleExtraction(article_id=article.id, sentences=sentence_index(doc).spans)
        for name, reader in readers:
            t0 = time.process_time()
            records = tuple(reader(doc, article, result))
            cost[name] += time.process_time() - t0
            result = dataclasses.replace(result, **{name: records})
    return cost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--data", type=Path, default=Settings().data_dir)
    args = parser.parse_args()
    texts = gvdb_texts(args.data)[: args.limit]
    articles = [
        Article(id=str(i), source="bench", text=t, published="2016-01-01") for i, t in enumerate(texts)
    ]
    nlp = load_nlp()
    readers = available_readers()
    warm = list(nlp.pipe(texts[:WARM_UP_TEXTS]))
    _run_readers(readers, warm, articles[:WARM_UP_TEXTS])
    t0 = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.process_time() - t0
    cost = _run_readers(readers, docs, articles)
    total = sum(cost.values())
    print(f"{len(texts)} GVDB texts, {sum(map(len, texts)):,} chars, load average {os.getloadavg()[0]:.1f}")
    print("| stage | CPU s | % of bare parse |\n|---|---:|---:|")
    print(f"| bare parse (`nlp.pipe`) | {parse:.2f} | 100 |")
    for name, seconds in cost.items():
        print(f"| {name} | {seconds:.2f} | {100 * seconds / parse:.1f} |")
    print(f"| all readers | {total:.2f} | {100 * total / parse:.1f} |")
    print(json.dumps({"texts": len(texts), "parse_cpu_s": parse, "readers_cpu_s": cost,
                      "readers_over_parse": total / parse}))


if __name__ == "__main__":
    main()
