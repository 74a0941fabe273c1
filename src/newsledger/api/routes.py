"""REST API v1: read endpoints over the ledger, exports, and the ingest endpoint.

Read handlers are ``async def`` and run on the event loop with its one
read-only connection (:class:`newsledger.api.db.Readers`): their SQLite work
takes well under a millisecond, and skipping FastAPI's thread-pool hand-off
halves the CPU spent per request under load (benchmarks/load_api.py). The
export, which can take seconds, stays a plain ``def`` and runs in the pool. List pages
are assembled from the stored record JSON without re-parsing it: that keeps the
hot list endpoints at a few milliseconds under load.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from newsledger.api import schemas
from newsledger.api.auth import require_read, require_write
from newsledger.api.ingest import BadBody, parse_body
from newsledger.export import FORMATS, MEDIA_TYPES, export_bytes
from newsledger.records import SCHEMA_VERSION
from newsledger.store import queries

PREFIX = "/api/v1"
Q = TypeVar("Q", bound=BaseModel)

read = APIRouter(
    prefix=PREFIX, dependencies=[Depends(require_read)], responses={401: {"model": schemas.Problem}}
)
# The hottest read endpoints (event list and detail) have a router of their own,
# included first: they check the read token inline instead of through a router
# dependency, and the app's route matching reaches them first (together ~30 %
# of the CPU of a filtered list request under the load benchmark).
hot = APIRouter(prefix=PREFIX, responses={401: {"model": schemas.Problem}})
write = APIRouter(
    prefix=PREFIX,
    dependencies=[Depends(require_write)],
    responses={401: {"model": schemas.Problem}, 403: {"model": schemas.Problem}},
)

NOT_FOUND = {404: {"model": schemas.Problem}}

# Query parameter bounds: OFFSET beyond 2**63 overflows SQLite; a billion rows is
# far beyond any ledger this tool serves.
MAX_OFFSET = 10**9
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Limit = Query(queries.DEFAULT_LIMIT, ge=1, le=queries.MAX_LIMIT, description="page size")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="items to skip")


async def conn(request: Request) -> Any:
    return request.app.state.readers.get()


def json_response(payload: dict[str, Any]) -> Response:
    body = json.dumps(
        {"schema_version": SCHEMA_VERSION, **payload}, ensure_ascii=False, separators=(",", ":")
    )
    return Response(body, media_type="application/json")


def page_response(page: queries.Page, *, raw: bool = False) -> Response:
    """A page as JSON; ``raw`` items are already JSON text (stored records)."""
    items = (
        ",".join(page.items)
        if raw
        else ",".join(json.dumps(i, ensure_ascii=False, separators=(",", ":")) for i in page.items)
    )
    head = json.dumps(
        {"schema_version": SCHEMA_VERSION, "total": page.total, "limit": page.limit, "offset": page.offset},
        separators=(",", ":"),
    )
    return Response(head[:-1] + ',"items":[' + items + "]}", media_type="application/json")


def path_param(name: str) -> dict[str, Any]:
    """An OpenAPI path parameter read by the handler itself (:func:`_detail`)."""
    title = name.replace("_", " ").title()
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string", "title": title}}


INVALID = {422: {"model": schemas.InvalidRequest}}


def query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """OpenAPI query parameters of a model's fields, as FastAPI would list them."""
    props = model.model_json_schema()["properties"]
    out = []
    for name, schema in props.items():
        schema = dict(schema)
        param: dict[str, Any] = {"name": name, "in": "query", "required": False}
        if "description" in schema:
            param["description"] = schema.pop("description")
        param["schema"] = schema
        out.append(param)
    return out


def parse_query(model: type[Q], request: Request) -> Q:
    """Validate a request's query string with ``model``; errors are FastAPI's 422."""
    try:
        return model.model_validate(dict(request.query_params))
    except ValidationError as err:
        raise RequestValidationError(
            [{**e, "loc": ("query", *e["loc"])} for e in err.errors(include_url=False, include_context=False)]
        ) from err


def _detail(request: Request, read_one: Any, what: str) -> Response:
    """A detail endpoint: the one path parameter is read from the matched route,
    not declared: FastAPI's per-request parameter solving cost more CPU than the
    query itself (see EventQuery); the schema lists it through path_param."""
    key = request.path_params[f"{what}_id"]
    return json_response(_found(read_one(request.app.state.readers.get(), key), what, key))


def _found(item: dict[str, Any] | None, what: str, key: str) -> dict[str, Any]:
    if item is None:
        raise HTTPException(404, f"no {what} with id {key!r}")
    return item


# --------------------------------------------------------------------------- reads


@read.get("/stats", response_model=schemas.Stats, summary="Counts of the ledger's records")
async def stats(db: Any = Depends(conn)) -> Response:
    return json_response({"counts": queries.stats(db)})


@read.get("/articles", response_model=schemas.ArticlePage, summary="Articles, newest first")
async def list_articles(
    originator: str | None = Query(None, description="originator (wire agency or outlet that wrote it)"),
    story_id: str | None = Query(None),
    limit: int = Limit,
    offset: int = Offset,
    db: Any = Depends(conn),
) -> Response:
    return page_response(
        queries.articles(db, limit=limit, offset=offset, originator=originator, story_id=story_id)
    )


@read.get(
    "/articles/{article_id}",
    openapi_extra={"parameters": [path_param("article_id")]},
    response_model=schemas.ArticleDetail,
    responses=NOT_FOUND,
    summary="One article: clean text, metadata, removed blocks and every mention span",
)
async def get_article(request: Request) -> Response:
    return _detail(request, queries.article, "article")


@read.get("/stories", response_model=schemas.StoryPage, summary="Stories (article clusters), largest first")
async def list_stories(limit: int = Limit, offset: int = Offset, db: Any = Depends(conn)) -> Response:
    return page_response(queries.stories(db, limit=limit, offset=offset))


@read.get(
    "/stories/{story_id}",
    openapi_extra={"parameters": [path_param("story_id")]},
    response_model=schemas.StoryDetail,
    responses=NOT_FOUND,
    summary="One story with its articles, events, claims and discrepancies",
)
async def get_story(request: Request) -> Response:
    return _detail(request, queries.story, "story")


class EventQuery(BaseModel):
    """The query string of GET /events, validated by this model in one pydantic
    call (:func:`parse_query`). FastAPI's own parameter solving inspects every
    declared parameter's annotation on every request: on the hottest endpoint
    that was ~60 % of the server's CPU per request (load benchmark, 100k events),
    the validation itself ~2 %."""

    model_config = ConfigDict(extra="ignore")

    type: str | None = Field(None, description="event type code (ontology)")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 country code")
    place: str | None = Field(None, description="substring of the place name")
    date_from: str | None = Field(None, pattern=DATE_PATTERN, description="events ending on or after (ISO date)")
    date_to: str | None = Field(None, pattern=DATE_PATTERN, description="events starting on or before (ISO date)")
    actor: str | None = Field(None, description="actor entity id, name or alias")
    modality: str | None = Field(None, description="occurred, called_for, planned, denied, ...")
    min_sources: int | None = Field(None, ge=0, le=MAX_OFFSET, description="minimum independent sources")
    story_id: str | None = None
    summary: bool | None = Field(None, description="only summary events (true) or only single events (false)")
    limit: int = Field(queries.DEFAULT_LIMIT, ge=1, le=queries.MAX_LIMIT, description="page size")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="items to skip")

    def filter(self) -> queries.EventFilter:
        return queries.EventFilter(
            self.type,
            self.country,
            self.place,
            self.date_from,
            self.date_to,
            self.actor,
            self.modality,
            self.min_sources,
            self.story_id,
            self.summary,
        )


@hot.get(
    "/events",
    response_model=schemas.EventPage,
    responses=INVALID,
    openapi_extra={"parameters": query_parameters(EventQuery)},
    summary="Events, newest first, filtered",
)
async def list_events(request: Request) -> Response:
    await require_read(request)
    q = parse_query(EventQuery, request)
    db = request.app.state.readers.get()
    return page_response(queries.events(db, q.filter(), limit=q.limit, offset=q.offset), raw=True)


@hot.get(
    "/events/{event_id}",
    response_model=schemas.EventDetail,
    responses=NOT_FOUND,
    openapi_extra={"parameters": [path_param("event_id")]},
    summary="One event with claims, discrepancies, entities and evidence passages",
)
async def get_event(request: Request) -> Response:
    await require_read(request)
    return _detail(request, queries.event, "event")


@read.get("/entities", response_model=schemas.EntityPage, summary="Canonical entities")
async def list_entities(
    label: str | None = Query(None, description="PERSON, ORG, GPE, LOC, FAC, NORP, GROUP"),
    q: str | None = Query(None, description="substring of the name or an alias"),
    limit: int = Limit,
    offset: int = Offset,
    db: Any = Depends(conn),
) -> Response:
    return page_response(queries.entities(db, limit=limit, offset=offset, label=label, q=q))


@read.get(
    "/entities/{entity_id}",
    openapi_extra={"parameters": [path_param("entity_id")]},
    response_model=schemas.EntityDetail,
    responses=NOT_FOUND,
    summary="One entity with aliases, mentions in context and events",
)
async def get_entity(request: Request) -> Response:
    return _detail(request, queries.entity, "entity")


@read.get("/search", response_model=schemas.SearchPage, summary="Full-text search over articles (FTS5)")
async def search(
    q: str = Query(..., max_length=500, description="words to find"),
    limit: int = Limit,
    offset: int = Offset,
    db: Any = Depends(conn),
) -> Response:
    return page_response(queries.search(db, q, limit=limit, offset=offset))


@read.get(
    "/export/{fmt}",
    summary="The whole ledger's events as jsonl, csv-acled, parquet or geojson",
    responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}},
)
def export(
    fmt: FORMATS = Path(..., description="jsonl, csv-acled, parquet or geojson"), db: Any = Depends(conn)
) -> Response:
    data = export_bytes(db, fmt.value)
    filename = f"newsledger-events.{fmt.extension}"
    return StreamingResponse(
        iter([data]),
        media_type=MEDIA_TYPES[fmt.value],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


# --------------------------------------------------------------------------- writes

INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/IngestArticle"}},
            "application/x-ndjson": {
                "schema": {"type": "string", "description": "one article JSON per line"}
            },
        },
    }
}


@write.post(
    "/articles",
    response_model=schemas.IngestResult,
    status_code=201,
    openapi_extra=INGEST_BODY,
    responses={400: {"model": schemas.Problem}, 413: {"model": schemas.Problem}},
    summary="Ingest one article (JSON) or a batch (JSON Lines) through the whole pipeline",
)
async def ingest(request: Request) -> Response:
    settings = request.app.state.settings
    body = await request.body()
    if len(body) > settings.max_input_bytes:
        raise HTTPException(413, f"body larger than {settings.max_input_bytes} bytes")
    try:
        raws = parse_body(body, request.headers.get("content-type", ""))
    except BadBody as err:
        raise HTTPException(400, str(err)) from err
    async with request.app.state.write_lock:
        summary = await run_in_threadpool(request.app.state.ingest, raws, settings)
    payload = {
        "received": len(raws),
        "articles_new": summary.articles_new,
        "articles_known": summary.articles_known,
        "failures": summary.failures,
        "linked": summary.linked,
        "totals": summary.totals,
    }
    response = json_response(payload)
    response.status_code = 201
    return response
