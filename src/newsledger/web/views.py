"""The web UI: server-rendered pages, each with a JSON twin (the same path
with ``.json``, or ``Accept: application/json``) that returns exactly the data
the page shows. Templates autoescape everything; the only scripts are files
under /static (see the CSP in api/app.py)."""

from __future__ import annotations

import hmac
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from newsledger.api.auth import COOKIE, require_read
from newsledger.api.routes import DATE_PATTERN, MAX_OFFSET, json_response
from newsledger.records import SCHEMA_VERSION
from newsledger.store import queries
from newsledger.web import render

TEMPLATES = Path(__file__).parent / "templates"
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)


def twin_url(request: Request) -> str:
    """The JSON twin of the page being shown."""
    path = request.url.path.rstrip("/") or "/index"
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{path}.json{query}"


def with_offset(query: dict[str, str], offset: int) -> str:
    return urlencode({**{k: v for k, v in query.items() if v}, "offset": offset})


def safe_href(url: str | None) -> str | None:
    """Only web links become links: article metadata is hostile input
    (a javascript: or data: URL must never be clickable)."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


_env.globals.update(
    etype=render.event_type_label,
    claim_value=render.claim_value,
    schema_version=SCHEMA_VERSION,
    twin_url=twin_url,
    with_offset=with_offset,
    safe_href=safe_href,
)
templates = Jinja2Templates(env=_env)

router = APIRouter(include_in_schema=False)
pages = APIRouter(include_in_schema=False, dependencies=[Depends(require_read)])

PAGE_SIZE = 50


def _twin(request: Request, key: str) -> tuple[str, bool]:
    """Strip a ``.json`` suffix; say whether JSON was asked for."""
    if key.endswith(".json"):
        return key[: -len(".json")], True
    accept = request.headers.get("accept", "")
    return key, "application/json" in accept and "text/html" not in accept


def _render(request: Request, as_json: bool, template: str, data: dict[str, Any], **view: Any) -> Response:
    if as_json:
        return json_response(data)
    return templates.TemplateResponse(request, template, {"data": data, **view})


def _conn(request: Request) -> Any:
    return request.app.state.readers.get()


def _page_dict(page: queries.Page) -> dict[str, Any]:
    return {"items": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}


def _missing(what: str, key: str) -> HTTPException:
    return HTTPException(404, f"no {what} with id {key!r}")


# --------------------------------------------------------------------------- stories


@pages.get("/", response_class=HTMLResponse)
@pages.get("/index.json")
async def index(request: Request, offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> Response:
    db = _conn(request)
    as_json = request.url.path.endswith(".json") or _twin(request, "")[1]
    data = {
        "stories": _page_dict(queries.stories(db, limit=PAGE_SIZE, offset=offset)),
        "stats": queries.stats(db),
    }
    return _render(request, as_json, "index.html", data)


@pages.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request, story_id: str) -> Response:
    story_id, as_json = _twin(request, story_id)
    db = _conn(request)
    story = queries.story(db, story_id)
    if story is None:
        raise _missing("story", story_id)
    return _render(
        request,
        as_json,
        "story.html",
        {"story": story},
        story=story,
        timeline=render.timeline(story["events"], story_id),
        map=render.event_map(story["events"]),
        compare=render.comparison(story),
        source_rows=render.source_rows(story),
    )


# --------------------------------------------------------------------------- events


@pages.get("/events", response_class=HTMLResponse)
@pages.get("/events.json")
async def events_page(
    request: Request,
    type: str | None = Query(None),
    country: str | None = Query(None),
    place: str | None = Query(None),
    date_from: str | None = Query(None, pattern=DATE_PATTERN + "|^$"),
    date_to: str | None = Query(None, pattern=DATE_PATTERN + "|^$"),
    actor: str | None = Query(None),
    modality: str | None = Query(None),
    min_sources: int | None = Query(None, ge=0, le=MAX_OFFSET),
    story_id: str | None = Query(None),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> Response:
    as_json = request.url.path.endswith(".json") or _twin(request, "")[1]
    flt = queries.EventFilter(
        type or None,
        country or None,
        place or None,
        date_from or None,
        date_to or None,
        actor or None,
        modality or None,
        min_sources,
        story_id or None,
    )
    page = queries.events(_conn(request), flt, limit=PAGE_SIZE, offset=offset)
    data = {
        "filter": {k: v for k, v in vars(flt).items() if v is not None},
        "events": {**_page_dict(page), "items": [json.loads(i) for i in page.items]},
    }
    return _render(request, as_json, "events.html", data, query=dict(request.query_params))


@pages.get("/events/{event_id}", response_class=HTMLResponse)
async def event_page(request: Request, event_id: str) -> Response:
    event_id, as_json = _twin(request, event_id)
    detail = queries.event(_conn(request), event_id)
    if detail is None:
        raise _missing("event", event_id)
    conflicting = {cid for d in detail["discrepancies"] for cid in d["claim_ids"]}
    passages = [
        {**ev, "segments": render.highlight(ev["passage"], ev["spans"], ev["passage_start"])}
        for ev in detail["evidence"]
    ]
    return _render(
        request,
        as_json,
        "event.html",
        detail,
        d=detail,
        passages=passages,
        conflicting=conflicting,
        map=render.event_map([detail["event"]]),
    )


# --------------------------------------------------------------------------- evidence view


@pages.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(
    request: Request, article_id: str, event: str | None = Query(None, max_length=200)
) -> Response:
    article_id, as_json = _twin(request, article_id)
    db = _conn(request)
    detail = queries.article(db, article_id)
    if detail is None:
        raise _missing("article", article_id)
    detail["claims"] = queries.article_claims(db, article_id)
    detail["events"] = queries.event_ids_of_article(db, article_id)
    focus = _focus_spans(db, event, article_id) if event else []
    spans = [
        *detail["mentions"],
        *focus,
        *(
            {
                "start": c["evidence"]["start"],
                "end": c["evidence"]["end"],
                "kind": "claim",
                "label": f"{c['attribute']}: {c['text']}",
            }
            for c in detail["claims"]
        ),
    ]
    segments = render.highlight(detail["article"]["text"], spans)
    kinds = sorted({s["kind"] for s in spans})
    return _render(
        request,
        as_json,
        "article.html",
        detail,
        a=detail["article"],
        d=detail,
        segments=segments,
        kinds=kinds,
        focus_event=event if focus else None,
        claim_list=_distinct_claims(detail["claims"]),
    )


def _distinct_claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims in text order, each (speaker, words) once."""
    seen, out = set(), []
    for c in sorted(claims, key=lambda c: c["evidence"]["start"]):
        key = (c.get("speaker"), c["attribute"], " ".join(c["text"].split()).lower())
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _focus_spans(db: Any, event_id: str, article_id: str) -> list[dict[str, Any]]:
    detail = queries.event(db, event_id)
    if detail is None:
        return []
    return [
        {**s, "focus": True}
        for ev in detail["evidence"]
        if ev["article_id"] == article_id
        for s in ev["spans"]
    ]


# --------------------------------------------------------------------------- entities, search


@pages.get("/entities", response_class=HTMLResponse)
@pages.get("/entities.json")
async def entities_page(
    request: Request,
    label: str | None = Query(None),
    q: str | None = Query(None),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> Response:
    as_json = request.url.path.endswith(".json") or _twin(request, "")[1]
    page = queries.entities(_conn(request), label=label or None, q=q or None, limit=PAGE_SIZE, offset=offset)
    return _render(
        request, as_json, "entities.html", {"entities": _page_dict(page)}, query=dict(request.query_params)
    )


@pages.get("/entities/{entity_id}", response_class=HTMLResponse)
async def entity_page(request: Request, entity_id: str) -> Response:
    entity_id, as_json = _twin(request, entity_id)
    detail = queries.entity(_conn(request), entity_id)
    if detail is None:
        raise _missing("entity", entity_id)
    passages = [
        {**ev, "segments": render.highlight(ev["passage"], ev["spans"], ev["passage_start"])}
        for ev in detail["evidence"]
    ]
    return _render(request, as_json, "entity.html", detail, d=detail, passages=passages)


@pages.get("/search", response_class=HTMLResponse)
@pages.get("/search.json")
async def search_page(
    request: Request, q: str = Query("", max_length=500), offset: int = Query(0, ge=0, le=MAX_OFFSET)
) -> Response:
    as_json = request.url.path.endswith(".json") or _twin(request, "")[1]
    page = queries.search(_conn(request), q, limit=PAGE_SIZE, offset=offset)
    hits = [{**h, "parts": _snippet_parts(h["snippet"])} for h in page.items]
    return _render(request, as_json, "search.html", {"q": q, "results": _page_dict(page)}, q=q, hits=hits)


def _snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """FTS snippet markers [[...]] → (text, matched) pairs, so the template can
    wrap matches in <mark> while escaping everything."""
    out, rest = [], snippet or ""
    while "[[" in rest:
        before, rest = rest.split("[[", 1)
        inside, _, rest = rest.partition("]]")
        out += [(before, False), (inside, True)]
    out.append((rest, False))
    return [p for p in out if p[0]]


# --------------------------------------------------------------------------- login (read token)


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request) -> Response:
    return templates.TemplateResponse(request, "login.html", {"error": None})


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    settings = request.app.state.settings
    token = (parse_qs((await request.body()).decode("utf-8", "replace")).get("token") or [""])[0]
    valid = [t for t in (settings.read_token, settings.api_token) if t]
    if not any(hmac.compare_digest(token.encode(), t.encode()) for t in valid):
        return templates.TemplateResponse(
            request, "login.html", {"error": "That token is not valid."}, status_code=401
        )
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response


router.include_router(pages)
