"""Every UI page renders, has a JSON twin, escapes data and sends the CSP."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsledger.api.sample import HOSTILE_ARTICLE, HOSTILE_EVENT, HOSTILE_STORY, XSS
from newsledger.api.app import create_app
from newsledger.config import Settings
from newsledger.records import SCHEMA_VERSION

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(ui_db):
    with TestClient(create_app(Settings(db_path=ui_db, api_token=None, read_token=None))) as c:
        yield c


PAGES = [
    ("/", "index"),
    ("/stories/story-belarus-2020-08", "story"),
    ("/events/ev-arrests", "event"),
    ("/articles/art-afp-0814", "article"),
    ("/entities/ent-tikhanovskaya", "entity"),
    ("/entities", "entities"),
    ("/events?type=ARREST", "events"),
    ("/search?q=Minsk", "search"),
]


@pytest.mark.parametrize(("path", "name"), PAGES)
def test_page_and_json_twin(client, path, name):
    page = client.get(path, headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    base, _, query = path.partition("?")
    twin_path = ("/index" if base == "/" else base) + ".json" + (f"?{query}" if query else "")
    twin = client.get(twin_path)
    assert twin.status_code == 200 and twin.json()["schema_version"] == SCHEMA_VERSION
    by_accept = client.get(path, headers={"Accept": "application/json"})
    assert by_accept.json() == twin.json()
    assert f'href="{twin_path.replace("&", "&amp;")}"' in page.text  # the page links to its twin


def test_no_outside_assets(client):
    for path, _ in PAGES:
        html = client.get(path, headers=HTML).text
        assert "http://" not in html.replace("http://www.w3.org", "") or "themoscowtimes" in html
        assert 'src="http' not in html and 'href="//' not in html and "cdn" not in html.lower()
    assert client.get("/static/world-110m.json").status_code == 200


@pytest.mark.parametrize(
    "path", [f"/stories/{HOSTILE_STORY}", f"/events/{HOSTILE_EVENT}", f"/articles/{HOSTILE_ARTICLE}", "/"]
)
def test_hostile_text_is_escaped(client, path):
    html = client.get(path, headers=HTML).text
    assert "<script>window" not in html and "onerror=" not in html.replace("onerror=&#34;", "")
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html.lower()


def test_story_twin_carries_comparison_data(client):
    data = client.get("/stories/story-belarus-2020-08.json").json()
    assert data["story"]["originators"] == ["AFP", "Financial Times"]
    assert XSS not in str(client.get("/stories/story-belarus-2020-08.json").text)


@pytest.mark.parametrize("path", ["/stories/nope", "/events/nope", "/articles/nope", "/entities/nope"])
def test_missing_pages_are_404(client, path):
    assert client.get(path, headers=HTML).status_code == 404
    assert client.get(path + ".json").status_code == 404
