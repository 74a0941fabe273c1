"""docs/cli.md is generated from the commands' own --help and must stay current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cli_docs_are_current(tmp_path):
    out = tmp_path / "cli.md"
    typer_bin = Path(sys.executable).parent / "typer"
    subprocess.run([str(typer_bin), "newsledger.cli", "utils", "docs", "--name", "newsledger",
                    "--title", "newsledger command line", "--output", str(out)], check=True, capture_output=True)
    committed = (ROOT / "docs" / "cli.md").read_text()
    assert committed.startswith(out.read_text()), "docs/cli.md is stale: run `make docs`"
