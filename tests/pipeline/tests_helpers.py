"""Run the real CLI in a subprocess."""

from __future__ import annotations

import subprocess
import sys


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsledger", *args], capture_output=True, text=True, timeout=timeout)
