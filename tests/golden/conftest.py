"""Makes tests/corroborate/ledger_records.py (hand-built records) importable."""

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parents[1] / "corroborate")
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
