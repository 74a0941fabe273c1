"""kill -9 in the middle of a batch leaves a consistent ledger, and re-running
finishes the rest with no duplicates and nothing lost (a real subprocess)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Enough inputs that the ingest is still running when the test kills it.
N_ARTICLES = 1500
# How many stored articles to wait for before the kill: mid-batch, not at the start.
KILL_AFTER = 100


def _write_corpus(folder: Path) -> None:
    folder.mkdir()
    for i in range(N_ARTICLES):
        body = (
            f"Article number {i} about the strike at plant {i % 17}.\n\n"
            f"Workers at factory {i} walked out on Monday, union leader {i} said. "
            f"Police detained {i % 50 + 1} people near gate {i}."
        )
        (folder / f"a{i:05d}.txt").write_text(f"Strike report {i}\n\n{body}\n", encoding="utf-8")


def _count(db: Path) -> int:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT count(*) FROM articles").fetchone()[0]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsledger.cli.__main__", *args]


def test_kill_9_then_rerun(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "l.db"
    _write_corpus(corpus)
    proc = subprocess.Popen(_cli("ingest", str(corpus), "--db", str(db)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and _safe_count(db) >= KILL_AFTER:
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail(f"ingest finished before it could be killed: {proc.stderr.read().decode()[-500:]}")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = _count(db)
    assert KILL_AFTER <= partial < N_ARTICLES

    done = subprocess.run(_cli("ingest", str(corpus), "--db", str(db)), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _count(db) == N_ARTICLES
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0] == N_ARTICLES
        assert c.execute("SELECT count(*) FROM failures").fetchone()[0] == 0


def _safe_count(db: Path) -> int:
    try:
        return _count(db)
    except sqlite3.Error:
        return 0
