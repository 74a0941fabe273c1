"""Response shapes of the REST API, for the OpenAPI document and clients.

Records (Article, Event, Claim, ...) are the dataclasses of records.py, so the
API speaks the same schema as the JSONL export. Every response carries
``schema_version`` (records.SCHEMA_VERSION) and every list is a page with
``total``, ``limit`` and ``offset``."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from newsledger.records import Article, Claim, Discrepancy, Entity, Event


class Envelope(BaseModel):
    schema_version: str


class PageMeta(Envelope):
    total: int = Field(description="matching items in all pages")
    limit: int
    offset: int


class ArticleSummary(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    published_how: str | None = None
    outlet: str | None = None
    originator: str | None = None
    originator_kind: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    chars: int | None = None
    lead: str | None = Field(None, description="the first 160 characters of the clean text")
    story_id: str | None = None
    inferred_date: str | None = None


class ArticlePage(PageMeta):
    items: list[ArticleSummary]


class MentionOut(BaseModel):
    kind: str
    start: int
    end: int
    sentence: int
    label: str | None = None
    value: str | None = None
    extractor: str


class ArticleDetail(Envelope):
    article: Article
    story_id: str | None = None
    inferred_date: str | None = None
    mentions: list[MentionOut]


class StorySummary(BaseModel):
    id: str
    label: str
    title: str = Field(description="the label, else the earliest titled article's title, else the id")
    first_date: str | None = None
    last_date: str | None = None
    article_count: int
    originator_count: int
    originators: list[str]
    event_count: int


class StoryPage(PageMeta):
    items: list[StorySummary]


class StoryDetail(Envelope, StorySummary):
    articles: list[ArticleSummary]
    events: list[Event]
    claims: list[Claim]
    discrepancies: list[Discrepancy]
    entities: dict[str, EntityRef] = {}  # the actors and targets the claims name, by id


class EventPage(PageMeta):
    items: list[Event]


class EvidenceSpan(BaseModel):
    start: int
    end: int
    kind: str = Field(description="event (trigger), claim, entity")
    label: str
    text: str


class EvidenceArticle(BaseModel):
    article_id: str
    title: str | None = None
    published: str | None = None
    originator: str | None = None
    publisher: str | None = None
    passage_start: int = Field(description="offset of the passage in the article's clean text")
    passage: str
    spans: list[EvidenceSpan] = Field(description="spans are offsets into the article's clean text")


class EntityRef(BaseModel):
    name: str
    label: str


class EventDetail(Envelope):
    event: Event
    claims: list[Claim]
    discrepancies: list[Discrepancy]
    entities: dict[str, EntityRef]
    evidence: list[EvidenceArticle]


class EntitySummary(BaseModel):
    id: str
    name: str
    label: str
    mention_count: int | None = None
    aliases: list[str]


class EntityPage(PageMeta):
    items: list[EntitySummary]


class EntityEvent(BaseModel):
    role: Literal["actor", "target"]
    event: Event


class EntityDetail(Envelope):
    entity: Entity
    aliases: list[str]
    evidence: list[EvidenceArticle]
    events: list[EntityEvent]


class SearchHit(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    originator: str | None = None
    publisher: str | None = None
    story_id: str | None = None
    snippet: str = Field(description="matched words are wrapped in [[ and ]]")


class SearchPage(PageMeta):
    items: list[SearchHit]


class Stats(Envelope):
    counts: dict[str, int]


class IngestResult(Envelope):
    received: int
    articles_new: int
    articles_known: int
    failures: int
    linked: int
    totals: dict[str, int]


class Problem(BaseModel):
    detail: str


class InvalidRequest(BaseModel):
    """A 422: which query parameter failed which constraint (FastAPI's shape)."""

    detail: list[dict[str, Any]]
