"""Read endpoints of /api/v1 against the real app over a hand-built ledger."""

from __future__ import annotations

import pytest

from newsledger.records import SCHEMA_VERSION

V1 = "/api/v1"


def test_every_response_is_versioned(client):
    for path in ("/stats", "/stories", "/events", "/articles", "/entities", "/search?q=minsk"):
        body = client.get(V1 + path).json()
        assert body["schema_version"] == SCHEMA_VERSION, path


def test_stats(client):
    assert client.get(f"{V1}/stats").json()["counts"] == {
        "articles": 2,
        "stories": 1,
        "events": 6,
        "claims": 7,
        "discrepancies": 1,
        "entities": 6,
    }


def test_stories_list_and_detail(client):
    page = client.get(f"{V1}/stories").json()
    assert page["total"] == 1
    story = page["items"][0]
    assert story["originators"] == ["AFP", "Financial Times"]
    assert (story["article_count"], story["event_count"]) == (2, 6)
    detail = client.get(f"{V1}/stories/{story['id']}").json()
    assert {a["originator"] for a in detail["articles"]} == {"AFP", "Financial Times"}
    assert len(detail["claims"]) == 7 and len(detail["discrepancies"]) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"ev-arrests", "ev-deaths", "ev-strike", "ev-rally-call", "ev-departure", "ev-denial"}),
        ("type=ARREST", {"ev-arrests"}),
        ("country=lt", {"ev-departure"}),
        ("place=minsk", {"ev-deaths", "ev-strike"}),
        ("date_from=2020-08-14", {"ev-arrests", "ev-deaths", "ev-strike", "ev-rally-call"}),
        ("date_to=2020-08-11", {"ev-arrests", "ev-deaths", "ev-departure"}),
        ("date_from=2020-08-12&date_to=2020-08-13", {"ev-arrests", "ev-deaths", "ev-denial"}),
        ("actor=ent-tikhanovskaya", {"ev-rally-call", "ev-departure"}),
        ("actor=Sviatlana%20Tsikhanouskaya", {"ev-rally-call", "ev-departure"}),  # an alias
        ("modality=called_for", {"ev-rally-call"}),
        ("min_sources=2", {"ev-arrests", "ev-deaths"}),
        ("summary=true", {"ev-arrests"}),
        ("type=ARREST&min_sources=3", set()),
    ],
)
def test_event_filters(client, query, expected):
    page = client.get(f"{V1}/events?{query}").json()
    assert {e["id"] for e in page["items"]} == expected
    assert page["total"] == len(expected)


def test_pagination_totals_and_order(client):
    first = client.get(f"{V1}/events?limit=4").json()
    second = client.get(f"{V1}/events?limit=4&offset=4").json()
    assert first["total"] == second["total"] == 6
    assert len(first["items"]) == 4 and len(second["items"]) == 2
    dates = [e["date_start"] for e in first["items"] + second["items"]]
    assert dates == sorted(dates, reverse=True)  # newest first


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=501", "offset=-1", "date_from=yesterday", "min_sources=-1"]
)
def test_bad_parameters_are_422(client, query):
    r = client.get(f"{V1}/events?{query}")
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["query", query.split("=")[0]]  # FastAPI's shape


def test_events_parameters_documented(client):
    """/events and /events/{id} validate their parameters themselves (a cheaper
    path than FastAPI's per-parameter solving): the schema must still list them."""
    paths = client.get("/openapi.json").json()["paths"]
    params = {p["name"]: p for p in paths[f"{V1}/events"]["get"]["parameters"]}
    assert set(params) == {
        "type", "country", "place", "date_from", "date_to", "actor", "modality",
        "min_sources", "story_id", "summary", "limit", "offset",
    }
    assert params["limit"]["schema"]["maximum"] == 500 and params["limit"]["in"] == "query"
    assert "422" in paths[f"{V1}/events"]["get"]["responses"]
    detail = paths[f"{V1}/events/{{event_id}}"]["get"]["parameters"]
    assert [(p["name"], p["in"], p["required"]) for p in detail] == [("event_id", "path", True)]


def test_unknown_query_parameters_are_ignored(client):
    assert client.get(f"{V1}/events?colour=red&limit=2").json()["total"] == 6


def test_event_detail_has_claims_discrepancies_and_evidence(client):
    d = client.get(f"{V1}/events/ev-deaths").json()
    assert {c["originator"] for c in d["claims"]} == {"AFP", "Financial Times"}
    assert d["discrepancies"][0]["claim_ids"] == ["cl-dead-afp", "cl-dead-ft"]
    by_source = {e["originator"]: e for e in d["evidence"]}
    afp = by_source["AFP"]
    for span in afp["spans"]:
        start = span["start"] - afp["passage_start"]
        assert afp["passage"][start : start + len(span["text"])] == span["text"]
    assert {s["text"] for s in by_source["Financial Times"]["spans"]} == {"died", "one protester"}


def test_article_detail_has_text_removed_blocks_and_mentions(client):
    d = client.get(f"{V1}/articles/art-afp-0814").json()
    text = d["article"]["text"]
    assert d["story_id"] == "story-belarus-2020-08"
    assert [r["kind"] for r in d["article"]["removed"]] == ["caption", "related", "footer"]
    assert any(
        text[m["start"] : m["end"]] == "At least 6,700" for m in d["mentions"] if m["kind"] == "quantity"
    )


def test_articles_filter_by_originator(client):
    page = client.get(f"{V1}/articles?originator=financial%20times").json()
    assert [a["id"] for a in page["items"]] == ["art-ft-0814"]
    assert page["items"][0]["inferred_date"] == "2020-08-14"


def test_entities_aliases_across_scripts(client):
    page = client.get(f"{V1}/entities?q=Тихановская").json()
    assert [e["id"] for e in page["items"]] == ["ent-tikhanovskaya"]
    d = client.get(f"{V1}/entities/ent-tikhanovskaya").json()
    assert "Sviatlana Tsikhanouskaya" in d["aliases"]
    assert {e["originator"] for e in d["evidence"]} == {"AFP", "Financial Times"}
    assert {x["event"]["id"] for x in d["events"]} == {"ev-rally-call", "ev-departure"}


@pytest.mark.parametrize(
    ("q", "ids"),
    [
        ("rubber bullets", ["art-afp-0814"]),
        ("Karaev", ["art-ft-0814"]),
        ('"unbalanced (quote AND', []),
        ("Minsk", ["art-afp-0814", "art-ft-0814"]),
    ],
)
def test_full_text_search(client, q, ids):
    page = client.get(f"{V1}/search", params={"q": q}).json()
    assert sorted(h["id"] for h in page["items"]) == ids
    assert page["total"] == len(ids)


@pytest.mark.parametrize("path", ["/events/nope", "/stories/nope", "/articles/nope", "/entities/nope"])
def test_missing_is_404_json(client, path):
    r = client.get(V1 + path)
    assert r.status_code == 404 and "nope" in r.json()["detail"]


def test_security_headers_and_no_cdn_docs(client):
    r = client.get(f"{V1}/stats")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/docs").status_code == 404  # FastAPI's docs page loads a CDN
    schema = client.get("/openapi.json").json()
    assert "/api/v1/events" in schema["paths"] and "IngestArticle" in schema["components"]["schemas"]


def test_story_detail_embeds_bounded_lists(client):
    from newsledger.store.queries import MAX_LIMIT

    d = client.get(f"{V1}/stories/story-belarus-2020-08").json()
    assert len(d["events"]) <= MAX_LIMIT and d["event_count"] == len(d["events"]) == 6
