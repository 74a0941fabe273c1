"""Scorers for the gold data sets in ../shared/data.

Each data set has a module exposing ``evaluate(data: Path | None, settings,
**options) -> Report``. The registry maps the CLI name to that function, imported
lazily so that ``newsledger evaluate aeb`` does not load spaCy. A scorer never
learns from the data it scores.
"""

from __future__ import annotations

import importlib
from typing import Callable

from newsledger.evaluate.report import Report

# name -> (module, function, default path under the shared data folder)
REGISTRY: dict[str, tuple[str, str, str]] = {}


def register(name: str, module: str, function: str, default_path: str) -> None:
    REGISTRY[name] = (module, function, default_path)


def scorer(name: str) -> Callable[..., Report]:
    module, function, _ = REGISTRY[name]
    return getattr(importlib.import_module(module), function)


# Scorers added by each stage. Keep one line per data set.
register("aeb", "newsledger.evaluate.aeb", "evaluate", "article-extraction-benchmark")
register("polnear", "newsledger.evaluate.polnear", "evaluate", "polnear/dev")
register("gvdb", "newsledger.evaluate.gvdb", "evaluate", "gvdb/dev.tsv")
register("case2021", "newsledger.evaluate.case2021", "evaluate", "case2021-task2/dev.tsv")
register("ecbplus", "newsledger.evaluate.ecbplus", "evaluate", "ecbplus")
register("ner-repair", "newsledger.evaluate.ner_repair", "evaluate", "ecbplus")
register("times", "newsledger.evaluate.times", "evaluate", "gvdb/dev.tsv")
register("entity-coref", "newsledger.evaluate.entity_coref", "evaluate", "ecbplus")
register("event-coref", "newsledger.evaluate.event_coref", "evaluate", "ecbplus")

__all__ = ["REGISTRY", "Report", "register", "scorer"]
