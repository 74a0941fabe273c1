"""Real article texts for benchmarks: GVDB dev (400) and PolNeAR train+dev (924)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from newsledger.config import Settings

csv.field_size_limit(sys.maxsize)


def gvdb_texts(data: Path) -> list[str]:
    with open(data / "gvdb" / "dev.tsv", encoding="utf-8", newline="") as f:
        return [row["Full text"] for row in csv.DictReader(f, delimiter="\t")]


def polnear_texts(data: Path) -> list[str]:
    files = sorted((data / "polnear").glob("*/text/*.txt"))
    return [p.read_text(encoding="utf-8") for p in files]


def benchmark_texts(settings: Settings | None = None) -> list[str]:
    data = (settings or Settings()).data_dir
    return gvdb_texts(data) + polnear_texts(data)
