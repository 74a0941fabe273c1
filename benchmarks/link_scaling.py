"""How story linking's time and memory grow with the corpus: 1k, 10k, 100k articles.

    python benchmarks/link_scaling.py [--sizes 1000 10000 100000] [--batch 1000] [--data DIR]

Input: already-extracted records (LinkItems) made by replicating the 772 ECB+
documents: replica r shifts every date by r * 45 days (dates are spread over the
first 30 days) and renames every capitalised word by appending a replica
suffix, so replicas are different stories with their own names, not
duplicates. Articles arrive in date order in batches of ``--batch``, as in an
incremental run. Each size runs in a fresh subprocess; peak memory is the
process's maximum resident set size (ru_maxrss), which includes Python, numpy
and scipy (~100 MB before any article).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

_CAP = re.compile(r"\b([A-Z][a-z]+)\b")


def make_items(n: int, data: Path):
    from newsledger.evaluate.ecbplus import read_corpus
    from newsledger.link import LinkItem

    docs = read_corpus(data)
    base = dt.date(2020, 1, 1)
    items = []
    for i in range(n):
        r, k = divmod(i, len(docs))
        doc = docs[k]
        text = doc.text if r == 0 else _CAP.sub(lambda m: f"{m.group(1)}{_suffix(r)}", doc.text)
        date = base + dt.timedelta(days=45 * r + (k * 7919) % 30)
        items.append(LinkItem(article_id=f"{r:04d}-{doc.name}", text=text, date=date.isoformat()))
    return sorted(items, key=lambda it: (it.date, it.article_id))


def _suffix(r: int) -> str:
    letters = "bcdfghjklmnpqrstvwxz"
    out = ""
    while r:
        r, d = divmod(r, len(letters))
        out += letters[d]
    return out


def run_one(n: int, batch: int, data: Path) -> dict:
    from newsledger.link import StoryIndex, assign_stories

    items = make_items(n, data)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    index = StoryIndex()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    start = time.perf_counter()
    for s in range(0, n, batch):
        index, _ = assign_stories(index, items[s : s + batch])
    seconds = time.perf_counter() - start
    cpu = resource.getrusage(resource.RUSAGE_SELF).ru_utime - cpu0
    t0 = time.perf_counter()
    blob = index.to_bytes()
    save = time.perf_counter() - t0
    return {
        "articles": n,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "ms_per_article": round(1000 * seconds / n, 2),
        "cpu_ms_per_article": round(1000 * cpu / n, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_before_linking_mb": round(rss0 / 1024, 1),
        "stories": len(index.stories),
        "index_mb": round(len(blob) / 1e6, 1),
        "serialise_s": round(save, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.data is None:
        from newsledger.config import Settings

        args.data = Settings().data_dir / "ecbplus"
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.batch, args.data)))
        return
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--batch", str(args.batch), "--data", str(args.data)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        print(out, flush=True)


if __name__ == "__main__":
    main()
