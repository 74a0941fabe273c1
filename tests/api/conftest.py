"""A small realistic ledger (newsledger.api.sample) and apps over it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsledger.api.app import create_app
from newsledger.api.ingest import IngestSummary
from newsledger.api.sample import build
from newsledger.config import Settings

TOKEN = "write-secret"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("ledger") / "sample.db")


class FakeIngest:
    """Stands in for the pipeline: records what the endpoint hands it."""

    def __init__(self) -> None:
        self.calls: list = []

    def __call__(self, raws, settings):
        self.calls.append(list(raws))
        return IngestSummary(articles_new=len(raws), totals={"articles": 2 + len(raws)})


@pytest.fixture()
def fake_ingest():
    return FakeIngest()


@pytest.fixture()
def client(sample_db, fake_ingest):
    app = create_app(Settings(db_path=sample_db, api_token=TOKEN, read_token=None), ingest=fake_ingest)
    with TestClient(app) as c:
        yield c


@pytest.fixture()
def open_client(sample_db):
    """No token configured at all: writes disabled."""
    app = create_app(Settings(db_path=sample_db, api_token=None, read_token=None))
    with TestClient(app) as c:
        yield c
