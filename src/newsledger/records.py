"""Typed records passed between stages: the only contract between packages.

Every stage is a plain function from one kind of record to another (see
DESIGN.md's data flow). Records are frozen dataclasses: cheap to build, safe to
share across Dask workers, and serialisable with :func:`to_json` /
:func:`from_json`. Bump :data:`SCHEMA_VERSION` whenever a field changes meaning;
docs/schema.md and the generated JSON Schema follow it.

Provenance rule: every extracted value carries an :class:`Evidence` (article id,
character span into ``Article.text``, sentence index, extractor name@version).
A value that cannot be traced to text is not stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

SCHEMA_VERSION = "1.0"

# --------------------------------------------------------------------------- #
# Ingest and clean
# --------------------------------------------------------------------------- #

InputKind = Literal["text", "html", "jsonl", "url", "feed", "warc"]


@dataclass(frozen=True, slots=True)
class RawArticle:
    """Bytes as they came in, plus where they came from. Produced by ingest."""

    source: str  # path, URL, or "path#line" for JSONL / "feed#entry"
    kind: InputKind
    data: bytes
    content_type: str | None = None  # declared, e.g. from HTTP or JSONL field
    charset: str | None = None  # declared charset, may be wrong
    url: str | None = None
    # Metadata supplied alongside the content (JSONL fields, feed entry fields).
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character span [start, end) into an Article's clean text."""

    start: int
    end: int


RemovedKind = Literal[
    "caption",  # photo caption / credit line
    "embed",  # embedded social post (kept in Article.embeds too)
    "related",  # 'Related article:' / 'READ ALSO' / 'See also'
    "footer",  # 'Original url:', copyright, newsletter sign-up
    "credit",  # 'Via Financial Times' and similar carried-by lines
    "byline",
    "dateline",
    "title",
    "boilerplate",  # anything else that is not the outlet's prose
]


@dataclass(frozen=True, slots=True)
class RemovedBlock:
    """A block taken out of the body, kept so nothing is silently lost."""

    kind: RemovedKind
    text: str
    raw_offset: int | None = None  # where it stood in the raw (decoded) input


@dataclass(frozen=True, slots=True)
class EmbeddedPost:
    """A social-media post embedded in the article: its author's words, not the outlet's."""

    text: str
    author: str | None = None
    handle: str | None = None
    platform: str | None = None
    url: str | None = None
    date: str | None = None


DateHow = Literal["stated", "metadata", "url", "inferred", "unknown"]
SourceKind = Literal["wire", "outlet", "aggregator", "unknown"]


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Who wrote an article (originator) and who carried it (publisher)."""

    originator: str | None = None  # canonical name from data/sources.tsv
    originator_kind: SourceKind = "unknown"
    publisher: str | None = None
    publisher_kind: SourceKind = "unknown"
    evidence: str | None = None  # the line or domain that told us, e.g. "By X for AFP"


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``id`` is a hash of the normalised clean text, so the
    same text ingested twice is the same article, and two outlets carrying the
    same wire text with different metadata are two articles (their ids differ by
    publisher, see clean.identity)."""

    id: str
    source: str
    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    byline: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    published_how: DateHow = "unknown"
    url: str | None = None
    outlet: str | None = None  # the site it was read from, if known
    language: str | None = None
    sources: SourceInfo = field(default_factory=SourceInfo)
    removed: tuple[RemovedBlock, ...] = ()
    embeds: tuple[EmbeddedPost, ...] = ()
    content_hash: str = ""  # hash of normalised body text alone (near-dup detection)
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that could not become an Article."""

    source: str
    code: str  # stable code from errors.py, e.g. "NL-I003"
    message: str
    at: str  # ISO timestamp (UTC)


# --------------------------------------------------------------------------- #
# Per-article mentions (extract)
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value was read: article, character span, sentence, extractor."""

    article_id: str
    start: int
    end: int
    sentence: int
    extractor: str  # "name@version"


EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "GROUP"]
MentionForm = Literal["name", "surname", "honorific", "title", "pronoun", "nominal", "acronym"]


@dataclass(frozen=True, slots=True)
class EntityMention:
    evidence: Evidence
    text: str
    label: EntityLabel
    key: str  # normalised cross-script key (extract.names.name_key)
    cluster: int  # within-article entity id: mentions of one entity share it
    form: MentionForm = "name"
    canonical: str | None = None  # best name of the cluster in this article
    role: str | None = None  # 'interior minister', 'president', 'entrepreneur'
    role_span: Span | None = None
    age: int | None = None
    age_span: Span | None = None


TimePrecision = Literal["time", "day", "week", "month", "year", "range"]
TimeHow = Literal["stated", "relative", "inferred", "unresolved"]


@dataclass(frozen=True, slots=True)
class TimeExpr:
    evidence: Evidence
    text: str
    start: str | None  # ISO date or datetime; None when unresolved
    end: str | None  # inclusive end; equals start for a single day
    precision: TimePrecision
    how: TimeHow
    anchor: str | None = None  # the date it was resolved against


PlacePrecision = Literal["facility", "city", "admin1", "admin2", "country", "region"]


@dataclass(frozen=True, slots=True)
class Place:
    evidence: Evidence
    text: str
    resolved: bool
    geonameid: int | None = None
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    feature_class: str | None = None  # GeoNames: P city, A admin, S facility...
    precision: PlacePrecision | None = None
    confidence: float = 0.0
    reason: str = ""  # why resolved this way, or why left unresolved
    # The one mention the article's incident is placed at (extract/focus.py:
    # dateline, headline scene, lede...); at most one Place per article has it.
    incident: bool = False


Hedge = Literal[
    "exact", "at_least", "more_than", "about", "nearly", "up_to", "less_than", "vague"
]


@dataclass(frozen=True, slots=True)
class Quantity:
    evidence: Evidence
    text: str
    low: float | None
    high: float | None  # None = open-ended ('more than 6,000')
    hedge: Hedge
    unit: Literal["count", "percent"] = "count"
    counts: str | None = None  # role counted: arrested, detained, killed, injured, ...
    counted_text: str | None = None  # the head it attaches to: 'people', 'protesters'
    counted_span: Span | None = None
    # True when no number is written and the count is read from a singular
    # phrase in a role ('a man was shot and killed' -> 1 killed).
    implicit: bool = False


QuoteKind = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True, slots=True)
class Quote:
    evidence: Evidence  # span of the whole attribution
    kind: QuoteKind
    content: Span
    content_text: str
    cue: Span | None = None
    cue_text: str | None = None
    speaker: Span | None = None  # where the speaker is named (may be a pronoun)
    speaker_text: str | None = None
    speaker_cluster: int | None = None  # EntityMention.cluster it resolves to
    speaker_name: str | None = None  # canonical name of that cluster
    # Discontinuous content ('"A," he said, "B."'): its pieces in order; empty when
    # ``content`` is one piece. ``content`` then covers first to last piece.
    content_parts: tuple[Span, ...] = ()


Modality = Literal[
    "occurred",
    "called_for",
    "planned",
    "promised",
    "threatened",
    "proposed",
    "denied",
    "hypothetical",
    "rumoured",
]


@dataclass(frozen=True, slots=True)
class ArgRef:
    """An event argument: a reference to an entity mention of the article."""

    text: str
    span: Span
    cluster: int | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class RoleQuantity:
    role: str  # arrested, detained, killed, injured, released, participants, ...
    quantity: Quantity


@dataclass(frozen=True, slots=True)
class EventMention:
    evidence: Evidence  # trigger span
    event_type: str  # ontology code, see data/ontology.json
    trigger: str
    modality: Modality = "occurred"
    actors: tuple[ArgRef, ...] = ()
    targets: tuple[ArgRef, ...] = ()
    place: Place | None = None
    time: TimeExpr | None = None
    quantities: tuple[RoleQuantity, ...] = ()
    is_summary: bool = False
    summary_start: str | None = None  # the span a summary event covers
    summary_end: str | None = None
    sentences: tuple[int, ...] = ()  # every sentence the event is told in
    confidence: float = 0.0
    # On the article's incident event only: its killed / injured over the whole
    # article (extract/casualties.py). The count per role is the SUM of the parts
    # (victims told one at a time), each part pointing at the phrase it was read from.
    casualties: tuple[RoleQuantity, ...] = ()
    # Where the reader took ``place`` / ``time`` from: False when read in the
    # mention's own sentences (told), True when inherited from the article (its
    # dominant place, its publication day); None when the producer does not say
    # (link/events.py then infers it from offsets and TimeExpr.how).
    place_inherited: bool | None = None
    time_inherited: bool | None = None


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """Everything read from one article: the unit that crosses to link/store."""

    article_id: str
    entities: tuple[EntityMention, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    places: tuple[Place, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[EventMention, ...] = ()
    sentences: tuple[Span, ...] = ()  # sentence boundaries, indexed by Evidence.sentence
    extractors: tuple[str, ...] = ()  # every name@version that contributed


@dataclass(frozen=True, slots=True)
class ArticleOutput:
    """One line of `newsledger extract --format jsonl`: the article and what was
    read from it, readable without the database. Offsets in every item's
    ``evidence`` index into ``article.text``."""

    schema_version: str
    article: Article
    entities: tuple[EntityMention, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    places: tuple[Place, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[EventMention, ...] = ()
    sentences: tuple[Span, ...] = ()
    extractors: tuple[str, ...] = ()

    @classmethod
    def of(cls, article: Article, x: ArticleExtraction) -> "ArticleOutput":
        return cls(SCHEMA_VERSION, article, x.entities, x.times, x.places, x.quantities, x.quotes,
                   x.events, x.sentences, x.extractors)


# --------------------------------------------------------------------------- #
# Across articles (link, corroborate)
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class MentionRef:
    """Points at one mention in one article."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    article_ids: tuple[str, ...]
    label: str = ""  # short human label (top terms or first title)
    first_date: str | None = None
    last_date: str | None = None
    originators: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RoleAt:
    role: str
    article_id: str
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str  # stable: derived from the canonical key
    name: str
    label: EntityLabel
    aliases: tuple[str, ...] = ()
    roles: tuple[RoleAt, ...] = ()
    ages: tuple[int, ...] = ()
    mentions: tuple[MentionRef, ...] = ()
    geonameid: int | None = None  # for places


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    story_id: str | None
    event_type: str
    modality: Modality
    mentions: tuple[MentionRef, ...]
    is_summary: bool = False
    date_start: str | None = None
    date_end: str | None = None
    place_name: str | None = None
    geonameid: int | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    actors: tuple[str, ...] = ()  # Entity ids
    targets: tuple[str, ...] = ()
    summarised_by: tuple[str, ...] = ()  # ids of summary events covering this one
    article_count: int = 0
    independent_source_count: int = 0
    originators: tuple[str, ...] = ()


ClaimValueKind = Literal["count", "date", "place", "actor", "target", "statement"]


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    event_id: str | None
    attribute: str  # arrested, killed, injured, released, date, place, perpetrator, statement ...
    kind: ClaimValueKind
    text: str  # the value as written
    evidence: Evidence
    low: float | None = None
    high: float | None = None
    hedge: Hedge | None = None
    value: str | None = None  # normalised non-numeric value (ISO date, place id, entity id)
    originator: str | None = None
    publisher: str | None = None
    speaker: str | None = None  # who the article attributes it to
    reported_at: str | None = None  # article publication date
    polarity: Literal["assert", "deny"] = "assert"
    article_count: int = 1
    independent_source_count: int = 1


@dataclass(frozen=True, slots=True)
class Discrepancy:
    id: str
    event_id: str | None
    attribute: str
    claim_ids: tuple[str, str]
    reason: str  # e.g. "ranges [2, 2] and [5, 5] do not overlap"


# --------------------------------------------------------------------------- #
# Serialisation
# --------------------------------------------------------------------------- #


def to_json(record: Any) -> Any:
    """A record (or tuple/list of records) as plain JSON-able data."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_json(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_json(x) for x in record]
    if isinstance(record, Mapping):
        return {str(k): to_json(v) for k, v in record.items()}
    if isinstance(record, (dt.date, dt.datetime)):
        return record.isoformat()
    if isinstance(record, bytes):
        return None  # raw bytes are never serialised
    return record


def from_json(cls: type, data: Any) -> Any:
    """Rebuild a record of type ``cls`` from :func:`to_json` output."""
    from pydantic import TypeAdapter

    return _adapter(cls, TypeAdapter).validate_python(data)


_ADAPTERS: dict[type, Any] = {}


def _adapter(cls: type, factory: Any) -> Any:
    if cls not in _ADAPTERS:
        _ADAPTERS[cls] = factory(cls)
    return _ADAPTERS[cls]


def json_schema(cls: type = ArticleOutput) -> dict[str, Any]:
    """JSON Schema of a record, generated from the dataclasses (docs/schema.md)."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(cls).json_schema()
    schema["$comment"] = f"newsledger schema {SCHEMA_VERSION}"
    return schema
