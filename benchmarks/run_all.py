"""Run every benchmark in turn (`make bench`). Each prints its own results; the
numbers in docs/performance.md come from these commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (script, arguments): the full-size runs quoted in docs/performance.md.
BENCHMARKS = (
    ("pipeline_throughput.py", []),
    ("readers_cost.py", []),
    ("event_typing.py", []),
    ("link_scaling.py", []),
    ("load_api.py", []),
)


def main() -> int:
    failed = 0
    for script, args in BENCHMARKS:
        path = HERE / script
        if not path.exists():
            print(f"== {script}: not present, skipped")
            continue
        print(f"== {script} {' '.join(args)}", flush=True)
        failed += subprocess.run([sys.executable, str(path), *args]).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
