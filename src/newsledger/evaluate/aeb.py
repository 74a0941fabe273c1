"""Boilerplate removal on the article-extraction-benchmark (scrapinghub, 181 pages).

The owners' metric (their evaluate.py): tokens are ``\\w+`` runs; per page the
multisets of 4-token shingles of the predicted and true ``articleBody`` give
tp/fp/fn, normalised by their sum so long pages weigh the same; precision and
recall are the means of the per-page precision and recall (pages with a
defined value), F1 their harmonic mean. 'accuracy' is the share of pages whose
token sequence equals the truth exactly. The micro variant (summed normalised
tp/fp/fn) is reported beside it.

The page goes through the real pipeline: bytes -> clean.clean (decoding,
trafilatura, block rules) -> Article.text. ``extractor='trafilatura'`` scores
bare ``trafilatura.extract(html, include_comments=False)`` for comparison.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Iterable

from newsledger.config import Settings
from newsledger.errors import DataMissing, InputError
from newsledger.evaluate.report import Report
from newsledger.records import RawArticle

SHINGLE_N = 4
WORST_SHOWN = 10

_TOKEN = re.compile(r"\w+", re.UNICODE)

TpFpFn = tuple[float, float, float]


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_N) -> Counter:
    toks = tokens(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def shingle_match(true: str, pred: str, n: int = SHINGLE_N) -> TpFpFn:
    """Per-page tp/fp/fn over shingle multisets, normalised to sum to 1."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics(pages: Iterable[TpFpFn]) -> dict[str, float]:
    """Owners' macro precision/recall/F1 plus the micro (summed) variant."""
    pages = list(pages)
    precision = statistics.mean([_precision(*x) for x in pages if x[0] + x[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*x) for x in pages if x[0] + x[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    tp, fp, fn = (sum(x[i] for x in pages) for i in range(3))
    micro_p = tp / (tp + fp) if tp + fp else 0.0
    micro_r = tp / (tp + fn) if tp + fn else 0.0
    micro_f1 = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    return {"f1": f1, "precision": precision, "recall": recall, "micro_f1": micro_f1}


# What can be scored: the pipeline, and its stages for the ablation in docs/accuracy.md.
EXTRACTORS = (
    "pipeline",  # clean.clean: decode, embeds out, precision/fallback extraction, block rules
    "trafilatura",  # trafilatura.extract(html, include_comments=False), as the benchmark owners run it
    "trafilatura-precision",  # the same with favor_precision=True
    "fallback",  # precision mode unless it lost most of the default's text (no block rules)
    "pipeline+embeds",  # the pipeline's body with embedded posts appended (the owners' truth keeps them)
)


def extract_body(html: bytes, settings: Settings, extractor: str = "pipeline") -> str:
    """The body text the chosen extractor reads from one page ('' when none)."""
    if extractor not in EXTRACTORS:
        raise ValueError(f"unknown extractor {extractor!r}; choose from {', '.join(EXTRACTORS)}")
    if extractor in ("trafilatura", "trafilatura-precision", "fallback"):
        import trafilatura

        page = html.decode("utf-8", errors="replace")
        precise = trafilatura.extract(page, include_comments=False, favor_precision=True) or ""
        if extractor == "trafilatura-precision":
            return precise
        default = trafilatura.extract(page, include_comments=False) or ""
        if extractor == "trafilatura":
            return default
        from newsledger.clean.html import choose_body

        return choose_body(precise, default)
    from newsledger.clean import clean

    try:
        article = clean(RawArticle(source="aeb", kind="html", data=html), settings)
    except InputError:
        return ""
    if extractor == "pipeline+embeds":
        return "\n".join([article.text, *(post.text for post in article.embeds)])
    return article.text


def evaluate(
    path: Path, settings: Settings | None = None, limit: int | None = None, extractor: str = "pipeline", **_: object
) -> Report:
    settings = settings or Settings()
    truth_file = Path(path) / "ground-truth.json"
    if not truth_file.exists():
        raise DataMissing(f"no ground-truth.json in {path}")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    pages: list[TpFpFn] = []
    exact = 0
    per_page: list[tuple[float, str]] = []
    for item_id in ids:
        with gzip.open(Path(path) / "html" / f"{item_id}.html.gz", "rb") as f:
            html = f.read()
        true = truth[item_id].get("articleBody", "") or ""
        pred = extract_body(html, settings, extractor)
        score = shingle_match(true, pred)
        pages.append(score)
        exact += tokens(true) == tokens(pred)
        page_f1 = 2 * score[0] / (2 * score[0] + score[1] + score[2]) if any(score) else 0.0
        per_page.append((page_f1, f"{item_id[:12]} {truth[item_id].get('url', '')}"))
    report = Report(dataset="aeb", data_path=str(path))
    report.metrics = {**metrics(pages), "accuracy": exact / len(ids) if ids else 0.0, "pages": float(len(ids))}
    worst = sorted(per_page)[:WORST_SHOWN]
    report.details["worst_pages"] = [f"F1={f:.3f} {what}" for f, what in worst]
    report.notes.append(f"extractor: {extractor}; metric: scrapinghub evaluate.py (4-token shingles, macro P/R)")
    return report


def main(argv: list[str] | None = None) -> None:
    """``python -m newsledger.evaluate.aeb [--extractor X] [--data DIR] [--limit N] [--format json]``:
    the same scorer as ``newsledger evaluate aeb``, with the stage ablation."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m newsledger.evaluate.aeb", description=main.__doc__)
    parser.add_argument("--extractor", choices=EXTRACTORS, default="pipeline")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    settings = Settings()
    report = evaluate(args.data or settings.data_dir / "article-extraction-benchmark", settings, args.limit,
                      extractor=args.extractor)  # fmt: skip
    print(report.to_json() if args.format == "json" else report.to_text())


if __name__ == "__main__":
    main()
