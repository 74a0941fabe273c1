"""Shared fixtures. Heavy things (the spaCy pipeline) load once per session,
lazily, never at import time."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
SEED_AFP = SEEDS / "000_e526bacf11f4bff6.txt"  # AFP via The Moscow Times
SEED_FT = SEEDS / "002_65a26e85b6e81f08.txt"  # Financial Times via an aggregator


@pytest.fixture(scope="session")
def nlp():
    from newsledger.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    from newsledger.config import Settings

    path = Settings().data_dir
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture(scope="session")
def seed_paths() -> tuple[Path, Path]:
    return SEED_AFP, SEED_FT
