"""Callbacks through which the pipeline reports, so the library never prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from newsledger.records import Failure


@dataclass(frozen=True)
class Progress:
    stage: str  # "ingest", "extract", "link"
    done: int
    total: int | None = None


@dataclass
class Reporter:
    """What the caller wants to hear about. Defaults: nothing."""

    on_failure: Callable[[Failure], None] = lambda failure: None
    on_progress: Callable[[Progress], None] = lambda progress: None
