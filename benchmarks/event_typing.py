"""Event typing throughput: the shipped typing model over CASE 2021 snippets.

    python benchmarks/event_typing.py [--data ../shared/data/case2021-task2/dev.tsv] [--repeat 3]

The whole per-snippet path of `newsledger evaluate case2021` without --cv: the
parse when the model uses one, MiniLM embeddings when installed (the default),
TF-IDF, cue features and the linear model; models loaded before the clock.
Prints snippets/s wall and per CPU-second for each repeat (CPU time is the
steadier figure on a shared machine) and the 1-minute load average, as a
Markdown table. The target (issue 4) is >= 50 snippets/s on CPU. Speed only:
the shipped model was trained on this split, so no accuracy is printed here.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from newsledger.config import Settings
from newsledger.extract import event_types, minilm
from newsledger.extract.training.event_types import parse_spans, read_case
from newsledger.nlp import load_nlp

WARM_UP_SNIPPETS = 8  # first calls build the TF-IDF analyzer and touch every weight


def _one_pass(model: event_types.TypingModel, texts: list[str]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    spans = parse_spans(texts) if model.uses_parse else None
    model.predict(texts, spans)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Settings().data_dir / "case2021-task2" / "dev.tsv"
    parser.add_argument("--data", type=Path, default=default)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [row[1] for row in read_case(args.data)]
    model = event_types.load_model()
    if model.uses_parse:
        load_nlp()
    _one_pass(model, texts[:WARM_UP_SNIPPETS])
    kind = "MiniLM" if model.uses_embeddings else "lexical"
    print(f"{len(texts)} snippets, {kind} model (MiniLM available: {minilm.available()}), "
          f"parse: {model.uses_parse}")
    print("| run | snippets/s wall | snippets per CPU-s | load avg |\n|---|---:|---:|---:|")
    for run in range(1, args.repeat + 1):
        wall, cpu = _one_pass(model, texts)
        print(f"| {run} | {len(texts) / wall:.1f} | {len(texts) / cpu:.1f} | {os.getloadavg()[0]:.1f} |")


if __name__ == "__main__":
    main()
