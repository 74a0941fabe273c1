"""Tokens: writes need Settings.api_token (disabled without one); reads need
Settings.read_token only when it is set."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from newsledger.api.app import create_app
from newsledger.config import Settings

TOKEN = "write-secret"  # as in tests/api/conftest.py

INGEST = "/api/v1/articles"
ARTICLE = {
    "text": "Police detained 12 students in Minsk on Monday.",
    "title": "Arrests",
    "url": "https://x.test/a",
}


def test_writes_disabled_without_configured_token(open_client):
    r = open_client.post(INGEST, json=ARTICLE, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403
    assert "NEWSLEDGER_TOKEN" in r.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"X-Newsledger-Token": "wrong"},
        {"Cookie": f"newsledger_token={TOKEN}"},
    ],
)
def test_writes_refused_without_the_token(client, fake_ingest, headers):
    r = client.post(INGEST, json=ARTICLE, headers=headers)
    assert r.status_code == 401
    assert fake_ingest.calls == []


def test_one_article_with_token(client, fake_ingest):
    r = client.post(INGEST, json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    assert r.json()["received"] == 1 and r.json()["articles_new"] == 1
    (raw,) = fake_ingest.calls[0]
    assert (
        raw.data.decode() == ARTICLE["text"]
        and raw.url == ARTICLE["url"]
        and raw.content_type == "text/plain"
    )


def test_jsonl_batch_with_token(client, fake_ingest):
    body = "\n".join(
        json.dumps({**ARTICLE, "html": "<p>x</p>", "text": None, "url": f"https://x.test/{i}"})
        for i in range(3)
    )
    r = client.post(
        INGEST, content=body, headers={"X-Newsledger-Token": TOKEN, "Content-Type": "application/x-ndjson"}
    )
    assert r.status_code == 201, r.text
    assert [raw.content_type for raw in fake_ingest.calls[0]] == ["text/html"] * 3


@pytest.mark.parametrize("body", [b"", b"{not json", b'{"title": "no body"}', b"\xff\xfe", b"[1, 2]"])
def test_bad_bodies_are_400(client, body):
    r = client.post(
        INGEST, content=body, headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    )
    assert r.status_code == 400, r.text


def test_read_token_protects_reads_and_pages(sample_db):
    app = create_app(Settings(db_path=sample_db, api_token=TOKEN, read_token="reader"))
    with TestClient(app) as c:
        assert c.get("/api/v1/events").status_code == 401
        assert c.get("/api/v1/events", headers={"Authorization": "Bearer reader"}).status_code == 200
        assert c.get("/api/v1/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        for path in ("/api/v1/events/ev-deaths", "/api/v1/stories", "/api/v1/events?type=ARREST"):
            assert c.get(path).status_code == 401, path
            assert c.get(path, headers={"Authorization": "Bearer reader"}).status_code == 200, path
        page = c.get("/", headers={"Accept": "text/html"}, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login"
        assert (
            c.post(
                "/login", content=b"token=bad", headers={"Content-Type": "application/x-www-form-urlencoded"}
            ).status_code
            == 401
        )
        ok = c.post(
            "/login",
            content=b"token=reader",
            follow_redirects=False,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert ok.status_code == 303
        assert c.get("/", headers={"Accept": "text/html"}).status_code == 200  # cookie set by /login
