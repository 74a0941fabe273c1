"""Paginated, filtered reads for the API, the web UI and the exports.

Every function takes an open ``sqlite3.Connection`` (the API keeps one
read-only connection per worker thread) and returns plain JSON-able data:
list items are the stored record JSON (text), so the API can hand them on
without parsing and re-serialising, and the UI parses what it shows.

Totals of list queries are cached process-wide and invalidated when the ledger
files change (see :func:`count`): counting 100k filtered events on every page
turn would dominate latency under load.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterator, TypeVar

T = TypeVar("T")

# Page sizes: 50 rows keeps a list response under ~100 KB of JSON; 500 is the
# most one request may ask for (bounded work per request under load).
DEFAULT_LIMIT = 50
MAX_LIMIT = 500

# How much text to show either side of an evidence span when no sentence
# boundaries were stored: about one sentence of news prose.
CONTEXT_CHARS = 160


@dataclass(frozen=True)
class Page:
    items: list[Any]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class EventFilter:
    event_type: str | None = None
    country: str | None = None  # ISO 3166 alpha-2, as stored
    place: str | None = None  # substring of the place name, case-insensitive
    date_from: str | None = None  # ISO date, inclusive, compared with date_end/date_start
    date_to: str | None = None
    actor: str | None = None  # entity id, or a name / alias (case-insensitive)
    modality: str | None = None
    min_sources: int | None = None  # minimum independent sources (originators)
    story_id: str | None = None
    summary: bool | None = None

    def driver(self) -> str:
        """The one filter SQLite should walk an index for, most selective first.
        Without ANALYZE statistics the planner may pick e.g. the modality index
        (60% of events) over the actor list (a few hundred): measured on the
        100k-event load ledger, actor+modality took 150-200 ms that way, 2 ms
        driven by the actor. The other terms are then checked from the covering
        index columns (migration 006)."""
        for name, value in (
            ("story_id", self.story_id),
            ("actor", self.actor),
            ("country_code", self.country),
            ("event_type", self.event_type),
            ("date_start", self.date_to or self.date_from),
            ("modality", self.modality),
            ("independent_source_count", self.min_sources),
        ):
            if value:
                return name
        return "date_start"

    def facets_only(self) -> bool:
        """True when every term is a column of the facet counts (:func:`facet_total`)."""
        return not (self.place or self.date_from or self.date_to or self.actor or self.story_id)

    def where(
        self, max_span_days: int | None = None, actor_ids: tuple[str, ...] | None = None
    ) -> tuple[str, list[Any]]:
        """SQL WHERE clause and arguments. ``max_span_days`` (the longest event
        in the ledger, see :func:`max_span_days`) turns 'ends on or after
        date_from' into an exact index range on date_start as well.
        ``actor_ids`` are the entities the actor filter names, when already
        resolved (:func:`actor_ids`); otherwise SQL resolves them."""
        drive = self.driver()

        def col(name: str) -> str:
            # Unary + keeps SQLite off that column's index. date_start stays bare:
            # it is the second column of every filter index, so a date range
            # narrows the driving index's walk instead of competing with it.
            return name if name in (drive, "date_start") else f"+{name}"

        clauses, args = [], []
        for column, value in (
            ("event_type", self.event_type),
            ("country_code", self.country.upper() if self.country else None),
            ("modality", self.modality),
            ("story_id", self.story_id),
        ):
            if value is not None:
                clauses.append(f"{col(column)} = ?")
                args.append(value)
        if self.place:
            clauses.append("place_name LIKE ? ESCAPE '\\'")
            args.append(f"%{_like_escape(self.place)}%")
        if self.date_from:
            clauses.append("coalesce(date_end, date_start) >= ?")
            args.append(self.date_from)
            if max_span_days is not None:
                clauses.append(f"{col('date_start')} >= ?")
                args.append(_days_before(self.date_from, max_span_days))
        if self.date_from and self.date_to and self.date_from > self.date_to + "\uffff":
            return " WHERE 0", []  # an empty range: no scan
        if self.date_to:
            clauses.append(f"{col('date_start')} <= ?")
            args.append(self.date_to + "\uffff")  # a datetime on the last day still counts
        if self.min_sources is not None:
            clauses.append(f"{col('independent_source_count')} >= ?")
            args.append(self.min_sources)
        if self.summary is not None:
            clauses.append("+is_summary = ?")
            args.append(int(self.summary))
        if self.actor and actor_ids is not None:
            if not actor_ids:
                return " WHERE 0", []
            marks = ",".join("?" * len(actor_ids))
            clauses.append(f"id IN (SELECT event_id FROM event_entities WHERE entity_id IN ({marks}) AND role = 'actor')")
            args += actor_ids
        elif self.actor:
            clauses.append(
                "id IN (SELECT ee.event_id FROM event_entities ee WHERE ee.role = 'actor' AND ee.entity_id IN"
                " (SELECT ? UNION SELECT entity_id FROM entity_aliases WHERE alias = ? COLLATE NOCASE))"
            )
            args += [self.actor, self.actor]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _days_before(iso: str, days: int) -> str:
    """The ISO date ``days`` before a date given as YYYY, YYYY-MM or YYYY-MM-DD[...]."""
    day = iso[:10]
    day += {4: "-01-01", 7: "-01"}.get(len(day), "")
    try:
        return (dt.date.fromisoformat(day) - dt.timedelta(days=days)).isoformat()
    except ValueError:
        return ""  # not a date: no lower bound (every string is >= "")


def max_span_days(conn: sqlite3.Connection) -> int:
    """An upper bound on the longest event in days (date_end - date_start + 1),
    kept by triggers in ``event_span`` (migration 008) and cached like the totals."""
    return max(0, cached_scalar(conn, "SELECT days FROM event_span"))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def clamp(limit: int | None, offset: int | None) -> tuple[int, int]:
    limit = DEFAULT_LIMIT if limit is None else max(1, min(int(limit), MAX_LIMIT))
    return limit, max(0, int(offset or 0))


# --------------------------------------------------------------------------- totals


# One cache for the whole process (every thread's connection shares it), keyed
# by the query and invalidated when the ledger files change: a commit appends to
# the WAL (size and mtime change) and a checkpoint rewrites the main file.
_COUNTS: dict[tuple[Any, ...], tuple[tuple[int, ...], Any]] = {}
_COUNTS_LOCK = threading.Lock()
_PATHS: dict[int, str] = {}
# Bounded: a hostile client varying filters must not grow memory without limit.
MAX_CACHED_COUNTS = 10_000


def _signature(conn: sqlite3.Connection) -> tuple[int, ...]:
    path = _PATHS.get(id(conn))
    if path is None:
        path = _PATHS[id(conn)] = next(
            (r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), ""
        )
    sig: list[int] = []
    for name in (path, path + "-wal"):
        try:
            st = os.stat(name)
            sig += [st.st_mtime_ns, st.st_size]
        except OSError:
            sig += [0, 0]
    return tuple(sig)


def count(conn: sqlite3.Connection, sql: str, args: list[Any] | tuple[Any, ...] = ()) -> int:
    """``SELECT count(*)`` of a query, cached until the ledger changes."""
    return cached_scalar(conn, f"SELECT count(*) FROM ({sql})", args)


def cached_scalar(conn: sqlite3.Connection, sql: str, args: list[Any] | tuple[Any, ...] = ()) -> int:
    """The first column of a one-row integer query, cached until the ledger changes."""
    return memo(conn, (sql, tuple(args)), lambda: conn.execute(sql, args).fetchone()[0] or 0)


def memo(conn: sqlite3.Connection, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, remembered under ``key`` until the ledger files change. For
    results that are pure functions of the ledger (totals, facet sums, alias
    lookups): the API only reads, so they are immutable between writes."""
    hit = cached(conn, key)
    return hit if hit is not None else remember(conn, key, compute())


def cached(conn: sqlite3.Connection, key: tuple[Any, ...]) -> Any:
    """What :func:`remember` stored under ``key`` for the ledger as it is now, else None."""
    hit = _COUNTS.get(key)
    return hit[1] if hit is not None and hit[0] == _signature(conn) else None


def remember(conn: sqlite3.Connection, key: tuple[Any, ...], value: T) -> T:
    sig = _signature(conn)
    with _COUNTS_LOCK:
        if len(_COUNTS) >= MAX_CACHED_COUNTS:
            _COUNTS.clear()
        _COUNTS[key] = (sig, value)
    return value


def forget(conn: sqlite3.Connection) -> None:
    """Drop what is remembered about a closed connection."""
    _PATHS.pop(id(conn), None)


# --------------------------------------------------------------------------- articles

_ARTICLE_SUMMARY = (
    "SELECT a.id, a.title, a.published, a.published_how, a.outlet, a.originator, a.originator_kind,"
    " a.publisher, a.url, a.language, length(a.text) AS chars, substr(a.text, 1, 160) AS lead,"
    " sa.story_id, sa.inferred_date"
    " FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id"
)


def _article_summary(row: sqlite3.Row) -> dict[str, Any]:
    return dict(row)


def articles(
    conn: sqlite3.Connection,
    *,
    limit: int | None = None,
    offset: int | None = None,
    originator: str | None = None,
    story_id: str | None = None,
) -> Page:
    limit, offset = clamp(limit, offset)
    clauses, args = [], []
    if originator:
        clauses.append("a.originator = ? COLLATE NOCASE")
        args.append(originator)
    if story_id:
        clauses.append("sa.story_id = ?")
        args.append(story_id)
    sql = _ARTICLE_SUMMARY + ((" WHERE " + " AND ".join(clauses)) if clauses else "")
    rows = conn.execute(sql + " ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?", [*args, limit, offset])
    return Page([_article_summary(r) for r in rows], count(conn, sql, args), limit, offset)


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The full Article record, its story, and every stored mention span."""
    row = conn.execute(
        "SELECT a.record, sa.story_id, sa.inferred_date FROM articles a"
        " LEFT JOIN story_articles sa ON sa.article_id = a.id WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    return {
        "article": json.loads(row["record"]),
        "story_id": row["story_id"],
        "inferred_date": row["inferred_date"],
        "mentions": article_mentions(conn, article_id),
    }


def article_mentions(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT kind, start, end, sentence, label, value, extractor FROM mentions WHERE article_id = ?"
        " ORDER BY start, end DESC, kind",
        (article_id,),
    )
    return [dict(r) for r in rows]


def sentence_spans(conn: sqlite3.Connection, article_id: str) -> list[tuple[int, int]]:
    row = conn.execute(
        "SELECT json_extract(record, '$.sentences') FROM extractions WHERE article_id = ?", (article_id,)
    ).fetchone()
    if not row or not row[0]:
        return []
    return [(s["start"], s["end"]) for s in json.loads(row[0])]


def search(conn: sqlite3.Connection, q: str, *, limit: int | None = None, offset: int | None = None) -> Page:
    """Full-text search over article titles and bodies (FTS5), best match first.
    User text is reduced to quoted word tokens, so no input is an FTS syntax error."""
    limit, offset = clamp(limit, offset)
    match = fts_query(q)
    if not match:
        return Page([], 0, limit, offset)
    base = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
    rows = conn.execute(
        "SELECT a.id, a.title, a.published, a.originator, a.publisher, sa.story_id,"
        " snippet(articles_fts, 1, '[[', ']]', ' … ', 16) AS snippet"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " LEFT JOIN story_articles sa ON sa.article_id = a.id"
        " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
        (match, limit, offset),
    )
    return Page([dict(r) for r in rows], count(conn, base, (match,)), limit, offset)


def fts_query(q: str) -> str:
    tokens = re.findall(r"\w+", q or "")[:16]
    return " ".join(f'"{t}"' for t in tokens)


# --------------------------------------------------------------------------- stories

_STORY_SUMMARY = (
    "SELECT s.id, s.label, s.first_date, s.last_date, s.article_count, s.originator_count,"
    " json_extract(s.record, '$.originators') AS originators,"
    # A display title: the story's label, else its earliest titled article's title.
    " coalesce(nullif(s.label, ''), (SELECT a.title FROM story_articles sa"
    " JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = s.id AND a.title IS NOT NULL"
    " ORDER BY a.published IS NULL, a.published, a.id LIMIT 1), s.id) AS title,"
    " (SELECT count(*) FROM events e WHERE e.story_id = s.id) AS event_count FROM stories s"
)


def _story_summary(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    out["originators"] = json.loads(out["originators"] or "[]")
    return out


def stories(conn: sqlite3.Connection, *, limit: int | None = None, offset: int | None = None) -> Page:
    limit, offset = clamp(limit, offset)
    rows = conn.execute(
        _STORY_SUMMARY + " ORDER BY s.article_count DESC, s.first_date, s.id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return Page([_story_summary(r) for r in rows], count(conn, "SELECT id FROM stories"), limit, offset)


def story(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    row = conn.execute(_STORY_SUMMARY + " WHERE s.id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    out = _story_summary(row)
    # Embedded lists are bounded (MAX_LIMIT each); page through more with
    # /events?story_id=, /articles?story_id=.
    out["articles"] = articles(conn, story_id=story_id, limit=MAX_LIMIT).items
    out["events"] = [
        json.loads(r)
        for r in event_records(conn, EventFilter(story_id=story_id), order="asc", limit=MAX_LIMIT)
    ]
    out["claims"] = _records(
        conn,
        "SELECT record FROM claims WHERE story_id = ? ORDER BY attribute, id LIMIT ?",
        story_id,
        4 * MAX_LIMIT,
    )
    out["discrepancies"] = _records(
        conn,
        "SELECT record FROM discrepancies WHERE story_id = ? ORDER BY attribute, id LIMIT ?",
        story_id,
        MAX_LIMIT,
    )
    out["entities"] = entity_names(conn, _claimed_entities(out["claims"]))
    return out


def _claimed_entities(claims: list[dict[str, Any]]) -> list[str]:
    """Entity ids that actor and target claims resolve to (their ``value``)."""
    return sorted({c["value"] for c in claims if c.get("kind") in ("actor", "target") and c.get("value")})


def _records(conn: sqlite3.Connection, sql: str, *args: Any) -> list[dict[str, Any]]:
    return [json.loads(r[0]) for r in conn.execute(sql, args)]


# --------------------------------------------------------------------------- events

_EVENT_ORDER = {"desc": "date_start DESC, id DESC", "asc": "date_start, id"}


def events(
    conn: sqlite3.Connection,
    flt: EventFilter = EventFilter(),
    *,
    limit: int | None = None,
    offset: int | None = None,
    order: str = "desc",
) -> Page:
    """Events matching the filter, as stored Event JSON text, newest first."""
    limit, offset = clamp(limit, offset)
    ids = actor_ids(conn, flt.actor) if flt.actor else None
    where, args = flt.where(max_span_days(conn) if flt.date_from else None, ids)
    # Pick the page's rows first (from a covering index), then read only those
    # rows' JSON by rowid: sorting a few hundred candidates (an actor's events)
    # with their records in the sorter cost ~15 ms on the 100k-event load
    # ledger, sorting keys alone ~2 ms; rowid skips the text-key index.
    order_by = _EVENT_ORDER[order]
    count_sql = f"SELECT count(*) FROM (SELECT id FROM events{where})"
    total = facet_total(conn, flt) if flt.facets_only() else cached(conn, (count_sql, tuple(args)))
    if total is None and flt.actor:
        # An actor's events are all read and sorted for any page, so the same
        # pass counts them (a window over the whole match), instead of reading
        # them a second time for the total (actor filters were the slowest).
        keys = conn.execute(
            f"SELECT rowid, count(*) OVER () FROM events{where} ORDER BY {order_by} LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        if keys:
            total = remember(conn, (count_sql, tuple(args)), keys[0][1])
        rowids = [k[0] for k in keys]
        marks = ",".join("?" * len(rowids))
        rows = conn.execute(f"SELECT record FROM events WHERE rowid IN ({marks}) ORDER BY {order_by}", rowids)
    else:
        rows = conn.execute(
            f"SELECT record FROM events WHERE rowid IN"
            f" (SELECT rowid FROM events{where} ORDER BY {order_by} LIMIT ? OFFSET ?) ORDER BY {order_by}",
            [*args, limit, offset],
        )
    items = [r[0] for r in rows]
    if total is None:
        total = cached_scalar(conn, count_sql, args)
    return Page(items, total, limit, offset)


def facet_total(conn: sqlite3.Connection, flt: EventFilter) -> int:
    """Exact total of a filter on facet columns only (:meth:`EventFilter.facets_only`),
    summed from ``event_facets``: events per (type, country, modality,
    independent sources, summary), kept in step with ``events`` by triggers
    (migration 008). These columns have few combinations (2,880 on the
    100k-event load ledger), so a total is a sum over at most that many rows
    instead of a walk over every matching event: 'modality=occurred with 2+
    sources' counted 30k index entries in ~25 ms; the sum takes ~0.3 ms."""
    clauses, args = ["n > 0"], []
    for column, value in (
        ("event_type", flt.event_type),
        ("country_code", flt.country.upper() if flt.country else None),
        ("modality", flt.modality),
        ("is_summary", None if flt.summary is None else int(flt.summary)),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            args.append(value)
    if flt.min_sources is not None:
        clauses.append("independent_source_count >= ?")
        args.append(flt.min_sources)
    return cached_scalar(conn, "SELECT sum(n) FROM event_facets WHERE " + " AND ".join(clauses), args)


def actor_ids(conn: sqlite3.Connection, actor: str) -> tuple[str, ...]:
    """The entities an actor filter names: the id itself and every entity with
    that name or alias (case-insensitive), cached until the ledger changes."""

    def compute() -> tuple[str, ...]:
        rows = conn.execute(
            "SELECT ? UNION SELECT entity_id FROM entity_aliases WHERE alias = ? COLLATE NOCASE", (actor, actor)
        )
        return tuple(sorted(r[0] for r in rows))

    return memo(conn, ("actor", actor), compute)


def event_records(
    conn: sqlite3.Connection, flt: EventFilter = EventFilter(), *, order: str = "asc", limit: int = -1
) -> Iterator[str]:
    """Matching events' JSON, all of them by default (exports), or the first ``limit``."""
    where, args = flt.where()
    for row in conn.execute(
        f"SELECT record FROM events{where} ORDER BY {_EVENT_ORDER[order]} LIMIT ?", [*args, limit]
    ):
        yield row[0]


def event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    """One event with its claims, discrepancies, entities and evidence spans."""
    row = conn.execute("SELECT record FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    ev = json.loads(row[0])
    claims = _records(conn, "SELECT record FROM claims WHERE event_id = ? ORDER BY attribute, id", event_id)
    spans = [(m["article_id"], m["start"], m["end"], "event", ev["event_type"]) for m in ev["mentions"]]
    spans += [
        (c["evidence"]["article_id"], c["evidence"]["start"], c["evidence"]["end"], "claim", c["attribute"])
        for c in claims
    ]
    return {
        "event": ev,
        "claims": claims,
        "discrepancies": _records(
            conn, "SELECT record FROM discrepancies WHERE event_id = ? ORDER BY attribute, id", event_id
        ),
        "entities": entity_names(
            conn, [*ev.get("actors", []), *ev.get("targets", []), *_claimed_entities(claims)]
        ),
        "evidence": evidence(conn, spans),
    }


def entity_names(conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, str]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT id, name, label FROM entities WHERE id IN ({marks})", ids)
    return {r["id"]: {"name": r["name"], "label": r["label"]} for r in rows}


def evidence(conn: sqlite3.Connection, spans: list[tuple[str, int, int, str, str]]) -> list[dict[str, Any]]:
    """Group evidence spans by article, each article with its source and the
    passage (whole sentences where known) that holds its spans."""
    by_article: dict[str, list[tuple[int, int, str, str]]] = {}
    for aid, start, end, kind, label in spans:
        by_article.setdefault(aid, []).append((start, end, kind, label))
    out = []
    for aid, items in by_article.items():
        row = conn.execute(
            "SELECT title, published, originator, publisher, outlet, text FROM articles WHERE id = ?", (aid,)
        ).fetchone()
        if row is None:
            continue
        text = row["text"]
        uniq = sorted(set(items))
        lo, hi = _passage(
            text, min(s for s, *_ in uniq), max(e for _, e, *_ in uniq), sentence_spans(conn, aid)
        )
        out.append(
            {
                "article_id": aid,
                "title": row["title"],
                "published": row["published"],
                "originator": row["originator"],
                "publisher": row["publisher"] or row["outlet"],
                "passage_start": lo,
                "passage": text[lo:hi],
                "spans": [
                    {"start": s, "end": e, "kind": k, "label": lb, "text": text[s:e]} for s, e, k, lb in uniq
                ],
            }
        )
    return sorted(out, key=lambda a: (a["originator"] or "~", a["article_id"]))


def _passage(text: str, start: int, end: int, sentences: list[tuple[int, int]]) -> tuple[int, int]:
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    inside = [(s, e) for s, e in sentences if s < end and e > start]
    if inside and max(e for _, e in inside) - min(s for s, _ in inside) < 20 * CONTEXT_CHARS:
        return min(s for s, _ in inside), max(e for _, e in inside)
    lo = text.rfind("\n", 0, start)
    lo = max(lo + 1, start - CONTEXT_CHARS)
    hi = text.find("\n", end)
    hi = min(hi if hi >= 0 else len(text), end + CONTEXT_CHARS)
    return lo, hi


# --------------------------------------------------------------------------- entities


def entities(
    conn: sqlite3.Connection,
    *,
    limit: int | None = None,
    offset: int | None = None,
    label: str | None = None,
    q: str | None = None,
) -> Page:
    """Entities, optionally of one label, or whose name or an alias contains ``q``."""
    limit, offset = clamp(limit, offset)
    clauses, args = [], []
    if label:
        clauses.append("e.label = ?")
        args.append(label.upper())
    if q:
        clauses.append("e.id IN (SELECT entity_id FROM entity_aliases WHERE alias LIKE ? ESCAPE '\\')")
        args.append(f"%{_like_escape(q)}%")
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = (
        "SELECT e.id, e.name, e.label, json_array_length(e.record, '$.mentions') AS mention_count,"
        f" json_extract(e.record, '$.aliases') AS aliases FROM entities e{where}"
    )
    rows = conn.execute(sql + " ORDER BY e.label, e.name, e.id LIMIT ? OFFSET ?", [*args, limit, offset])
    items = []
    for r in rows:
        item = dict(r)
        item["aliases"] = json.loads(item["aliases"] or "[]")
        items.append(item)
    return Page(items, count(conn, f"SELECT e.id FROM entities e{where}", args), limit, offset)


def entity(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any] | None:
    """An entity with its aliases, each mention in context, and its events."""
    row = conn.execute("SELECT record FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return None
    ent = json.loads(row[0])
    aliases = [
        r[0]
        for r in conn.execute(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", (entity_id,)
        )
    ]
    spans = [(m["article_id"], m["start"], m["end"], "entity", ent["label"]) for m in ent.get("mentions", [])]
    event_rows = conn.execute(
        "SELECT e.record, ee.role FROM event_entities ee JOIN events e ON e.id = ee.event_id"
        " WHERE ee.entity_id = ? ORDER BY e.date_start, e.id LIMIT ?",
        (entity_id, MAX_LIMIT),
    )
    return {
        "entity": ent,
        "aliases": aliases,
        "evidence": evidence(conn, spans),
        "events": [{"role": r["role"], "event": json.loads(r["record"])} for r in event_rows],
    }


# --------------------------------------------------------------------------- exports


def export_rows(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every event with its story label and claims, for the exporters."""
    cur = conn.execute(
        "SELECT e.record, s.label FROM events e LEFT JOIN stories s ON s.id = e.story_id"
        " ORDER BY e.date_start, e.id"
    )
    claim_conn = conn  # same connection: sqlite3 allows nested cursors
    for record, story_label in cur:
        ev = json.loads(record)
        claims = _records(
            claim_conn, "SELECT record FROM claims WHERE event_id = ? ORDER BY attribute, id", ev["id"]
        )
        yield {
            "event": ev,
            "story_label": story_label,
            "claims": claims,
            "entities": entity_names(
            conn, [*ev.get("actors", []), *ev.get("targets", []), *_claimed_entities(claims)]
        ),
        }


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    tables = ("articles", "stories", "events", "claims", "discrepancies", "entities")
    return {t: count(conn, f"SELECT 1 FROM {t}") for t in tables}


def article_claims(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    return _records(conn, "SELECT record FROM claims WHERE article_id = ? ORDER BY attribute, id", article_id)


def event_ids_of_article(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    """Events told in an article, with the trigger spans there."""
    rows = conn.execute(
        "SELECT em.event_id, em.start, em.end, e.event_type, e.modality, e.date_start FROM event_mentions em"
        " JOIN events e ON e.id = em.event_id WHERE em.article_id = ? ORDER BY em.start",
        (article_id,),
    )
    return [dict(r) for r in rows]
