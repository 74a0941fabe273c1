"""Throughput of ingest + clean + parse (+ the readers) against bare spaCy.

    .venv/bin/python benchmarks/pipeline_throughput.py [--limit N] [--json OUT]

Same texts, same model, one process. Reports articles/s, words/s, peak RSS,
and the ratios pipeline / bare parse (issue targets: readers ≤ 1.5× bare).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import benchmark_texts  # noqa: E402

from newsledger.config import Settings  # noqa: E402
from newsledger.nlp import load_nlp  # noqa: E402
from newsledger.records import RawArticle  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, fn, words: int, n: int) -> dict:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    secs = time.perf_counter() - start
    return {"stage": label, "seconds": round(secs, 2), "articles_per_s": round(n / secs, 1),
            "words_per_s": round(words / secs), "peak_rss_mb": round(peak_rss_mb())}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    settings = Settings()
    texts = benchmark_texts(settings)
    texts = texts[: args.limit] if args.limit else texts
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp(settings.models)
    from newsledger.clean import clean
    from newsledger.extract import extract_article

    # Warm-up: the first batch pays one-off allocations, and the first readers'
    # call loads their lexicons, gazetteer and models (measured separately).
    warm = [clean(RawArticle(source="warm", kind="text", data=t.encode()), settings) for t in texts[:5]]
    load_start = time.perf_counter()
    for doc, art in zip(nlp.pipe(a.text for a in warm), warm):
        extract_article(doc, art)
    readers_load_s = round(time.perf_counter() - load_start, 2)

    raws = [RawArticle(source=f"bench#{i}", kind="text", data=t.encode()) for i, t in enumerate(texts)]
    results = [timed("bare spaCy nlp.pipe", lambda: list(nlp.pipe(texts, batch_size=settings.nlp_batch_size)), words, len(texts))]
    articles = []
    results.append(timed("ingest + clean", lambda: articles.extend(clean(r, settings) for r in raws), words, len(texts)))

    def parse_clean() -> None:
        docs.extend(nlp.pipe((a.text for a in articles), batch_size=settings.nlp_batch_size))

    docs: list = []
    results.append(timed("parse (clean text)", parse_clean, words, len(texts)))
    results.append(timed("readers (extract_article)", lambda: [extract_article(d, a) for d, a in zip(docs, articles)], words, len(texts)))
    bare = results[0]["seconds"]
    full = sum(r["seconds"] for r in results[1:])
    summary = {
        "articles": len(texts), "words": words, "model": nlp.meta["name"] + "@" + nlp.meta["version"],
        "readers_first_call_s (loading lexicons, gazetteer, models; not in the stages)": readers_load_s,
        "stages": results,
        "ratio_ingest_clean_parse_to_bare": round((results[1]["seconds"] + results[2]["seconds"]) / bare, 3),
        "ratio_readers_to_bare": round(results[3]["seconds"] / bare, 3),
        "ratio_pipeline_to_bare": round(full / bare, 3),
    }
    text = json.dumps(summary, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text)


if __name__ == "__main__":
    main()
