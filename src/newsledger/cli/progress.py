"""A progress bar on stderr for long runs, and failure lines as they happen."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

from newsledger.pipeline.progress import Progress, Reporter
from newsledger.records import Failure

# Below this many items a bar is noise: show it only for long runs.
PROGRESS_MIN_ITEMS = 20


@contextmanager
def cli_reporter(label: str) -> Iterator[Reporter]:
    interactive = sys.stderr.isatty()
    state = {"shown": False}

    def on_failure(failure: Failure) -> None:
        _clear(state)
        print(f"{failure.code}: {failure.source}: {failure.message}", file=sys.stderr)

    def on_progress(p: Progress) -> None:
        if not interactive or p.done < PROGRESS_MIN_ITEMS:
            return
        total = f"/{p.total}" if p.total else ""
        print(f"\r{p.stage}: {p.done}{total} articles", end="", file=sys.stderr, flush=True)
        state["shown"] = True

    try:
        yield Reporter(on_failure=on_failure, on_progress=on_progress)
    finally:
        _clear(state)


def _clear(state: dict[str, bool]) -> None:
    if state["shown"]:
        print("\r\033[K", end="", file=sys.stderr, flush=True)
        state["shown"] = False
