"""The Ledger: every read and write of the SQLite store goes through here.

Writes are idempotent (keyed by content-derived ids: ``INSERT OR IGNORE`` for
articles, replace-by-story for derived records) and each unit of work is one
transaction, so a process killed at any point leaves a consistent database and
a re-run completes the rest without duplicates.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from newsledger.records import (
    SCHEMA_VERSION,
    Article,
    ArticleExtraction,
    Claim,
    Discrepancy,
    Entity,
    Event,
    Failure,
    Story,
    from_json,
    to_json,
)
from newsledger.store.db import connect, now
from newsledger.store.mentions import mention_rows


def _dump(record: Any) -> str:
    return json.dumps(to_json(record), ensure_ascii=False, separators=(",", ":"))


class Ledger:
    """A handle on one ledger file. Not thread-safe for writes; open one per writer."""

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.conn: sqlite3.Connection = connect(path, readonly=readonly)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ------------------------------------------------------------------ articles

    def has_input(self, source: str) -> bool:
        return self.conn.execute("SELECT 1 FROM inputs WHERE source = ?", (source,)).fetchone() is not None

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_article(self, article: Article, extraction: ArticleExtraction | None = None) -> bool:
        """Store an article (and what was read from it) in one transaction.
        Returns False when the same article was already stored."""
        with self.transaction() as c:
            cur = c.execute(
                "INSERT OR IGNORE INTO articles(id, content_hash, source, url, title, published, published_how,"
                " outlet, originator, originator_kind, publisher, publisher_kind, language, text, record,"
                " schema_version, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id, article.content_hash, article.source, article.url, article.title,
                    article.published, article.published_how, article.outlet, article.sources.originator,
                    article.sources.originator_kind, article.sources.publisher, article.sources.publisher_kind,
                    article.language, article.text, _dump(article), SCHEMA_VERSION, now(),
                ),
            )
            inserted = cur.rowcount == 1
            c.execute(
                "INSERT OR IGNORE INTO inputs(source, article_id, at) VALUES (?, ?, ?)",
                (article.source, article.id, now()),
            )
            if inserted and extraction is not None:
                self._write_extraction(c, extraction)
        return inserted

    def save_extraction(self, extraction: ArticleExtraction) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM mentions WHERE article_id = ?", (extraction.article_id,))
            self._write_extraction(c, extraction)

    def _write_extraction(self, c: sqlite3.Connection, x: ArticleExtraction) -> None:
        c.execute(
            "INSERT OR REPLACE INTO extractions(article_id, schema_version, extractors, record, extracted_at)"
            " VALUES (?,?,?,?,?)",
            (x.article_id, SCHEMA_VERSION, json.dumps(list(x.extractors)), _dump(x), now()),
        )
        c.executemany("INSERT OR IGNORE INTO mentions VALUES (?,?,?,?,?,?,?,?)", mention_rows(x))

    def record_failure(self, failure: Failure) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO failures(source, code, message, at) VALUES (?,?,?,?)",
                (failure.source, failure.code, failure.message, failure.at),
            )

    _ARTICLE = (
        "SELECT a.record, s.inferred_date FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id"
    )

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute(self._ARTICLE + " WHERE a.id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        rows = self.conn.execute(self._ARTICLE + " ORDER BY a.ingested_at, a.id LIMIT ? OFFSET ?", (limit or -1, offset))
        return [_article(r) for r in rows]

    def extraction(self, article_id: str) -> ArticleExtraction | None:
        row = self.conn.execute("SELECT record FROM extractions WHERE article_id = ?", (article_id,)).fetchone()
        return from_json(ArticleExtraction, json.loads(row[0])) if row else None

    def failures(self) -> list[Failure]:
        rows = self.conn.execute("SELECT source, code, message, at FROM failures ORDER BY id")
        return [Failure(*r) for r in rows]

    def count(self, table: str) -> int:
        if table not in _COUNTABLE:
            raise ValueError(f"not a ledger table: {table}")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    # --------------------------------------------------------------- link state

    def articles_without_extraction(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN extractions x ON x.article_id = a.id"
            " WHERE x.article_id IS NULL ORDER BY a.id"
        )
        return [r[0] for r in rows]

    def unlinked_article_ids(self) -> list[str]:
        """Articles with an extraction but no story yet (new, or left by a crash)."""
        rows = self.conn.execute(
            "SELECT a.id FROM articles a JOIN extractions x ON x.article_id = a.id"
            " LEFT JOIN story_articles s ON s.article_id = a.id WHERE s.article_id IS NULL ORDER BY a.id"
        )
        return [r[0] for r in rows]

    def get_state(self, key: str) -> bytes | None:
        row = self.conn.execute("SELECT value FROM link_state WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def stories_to_rebuild(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM stories WHERE needs_rebuild = 1 ORDER BY id")]

    def story_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        out = {}
        for aid in article_ids:
            row = self.conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (aid,)).fetchone()
            if row:
                out[aid] = row[0]
        return out

    def story_article_ids(self, story_id: str) -> list[str]:
        rows = self.conn.execute("SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id", (story_id,))
        return [r[0] for r in rows]

    def write_links(
        self,
        state: dict[str, bytes],
        stories: Sequence[Story],
        assignments: dict[str, tuple[str, str | None]],
    ) -> None:
        """Persist the story index, stories, and article → (story, inferred date)."""
        with self.transaction() as c:
            for key, value in state.items():
                c.execute("INSERT OR REPLACE INTO link_state VALUES (?,?,?)", (key, value, now()))
            for s in stories:
                c.execute(
                    "INSERT OR REPLACE INTO stories(id, label, first_date, last_date, article_count,"
                    " originator_count, record, updated_at, needs_rebuild) VALUES (?,?,?,?,?,?,?,?,1)",
                    (s.id, s.label, s.first_date, s.last_date, len(s.article_ids), len(s.originators), _dump(s), now()),
                )
            c.executemany(
                "INSERT OR REPLACE INTO story_articles(article_id, story_id, inferred_date) VALUES (?,?,?)",
                [(aid, sid, inferred) for aid, (sid, inferred) in assignments.items()],
            )
            c.execute("DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story_id FROM story_articles)")

    def replace_story_ledger(
        self,
        story_id: str,
        events: Sequence[Event],
        claims: Sequence[Claim],
        discrepancies: Sequence[Discrepancy],
        inferred_dates: dict[str, str] | None = None,
    ) -> None:
        """Replace everything derived for one story in a single transaction."""
        with self.transaction() as c:
            c.execute("UPDATE stories SET needs_rebuild = 0 WHERE id = ?", (story_id,))
            c.execute("UPDATE story_articles SET inferred_date = NULL WHERE story_id = ?", (story_id,))
            c.executemany(
                "UPDATE story_articles SET inferred_date = ? WHERE article_id = ? AND story_id = ?",
                [(d, aid, story_id) for aid, d in (inferred_dates or {}).items()],
            )
            c.execute("DELETE FROM discrepancies WHERE story_id = ?", (story_id,))
            c.execute("DELETE FROM claims WHERE story_id = ?", (story_id,))
            c.execute("DELETE FROM events WHERE story_id = ?", (story_id,))
            for e in events:
                c.execute(
                    "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        e.id, story_id, e.event_type, e.modality, int(e.is_summary), e.date_start, e.date_end,
                        e.country_code, e.place_name, e.latitude, e.longitude, e.article_count,
                        e.independent_source_count, _dump(e),
                    ),
                )
                c.executemany(
                    "INSERT OR IGNORE INTO event_mentions VALUES (?,?,?,?)",
                    [(e.id, m.article_id, m.start, m.end) for m in e.mentions],
                )
            c.executemany(
                "INSERT OR REPLACE INTO claims VALUES (?,?,?,?,?,?,?)",
                [(k.id, k.event_id, story_id, k.attribute, k.evidence.article_id, k.originator, _dump(k)) for k in claims],
            )
            c.executemany(
                "INSERT OR REPLACE INTO discrepancies VALUES (?,?,?,?,?,?,?,?)",
                [(d.id, d.event_id, story_id, d.attribute, d.claim_ids[0], d.claim_ids[1], d.reason, _dump(d)) for d in discrepancies],
            )

    def upsert_entities(self, entities: Sequence[Entity]) -> None:
        with self.transaction() as c:
            for e in entities:
                c.execute("INSERT OR REPLACE INTO entities VALUES (?,?,?,?)", (e.id, e.name, e.label, _dump(e)))
                c.execute("DELETE FROM entity_aliases WHERE entity_id = ?", (e.id,))
                c.executemany(
                    "INSERT OR IGNORE INTO entity_aliases VALUES (?, ?)",
                    [(e.id, a) for a in {e.name, *e.aliases}],
                )

    def entity(self, entity_id: str) -> Entity | None:
        row = self.conn.execute("SELECT record FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return from_json(Entity, json.loads(row[0])) if row else None

    # ------------------------------------------------------------------- reads

    def stories(self) -> list[Story]:
        rows = self.conn.execute("SELECT record FROM stories ORDER BY article_count DESC, first_date, id")
        return [from_json(Story, json.loads(r[0])) for r in rows]

    def events(self, story_id: str | None = None) -> list[Event]:
        sql, args = "SELECT record FROM events", ()
        if story_id is not None:
            sql, args = sql + " WHERE story_id = ?", (story_id,)
        rows = self.conn.execute(sql + " ORDER BY date_start, id", args)
        return [from_json(Event, json.loads(r[0])) for r in rows]

    def event(self, event_id: str) -> Event | None:
        row = self.conn.execute("SELECT record FROM events WHERE id = ?", (event_id,)).fetchone()
        return from_json(Event, json.loads(row[0])) if row else None

    def claims(self, *, event_id: str | None = None, story_id: str | None = None) -> list[Claim]:
        where, args = _where(event_id=event_id, story_id=story_id)
        rows = self.conn.execute(f"SELECT record FROM claims{where} ORDER BY attribute, id", args)
        return [from_json(Claim, json.loads(r[0])) for r in rows]

    def discrepancies(self, *, event_id: str | None = None, story_id: str | None = None) -> list[Discrepancy]:
        where, args = _where(event_id=event_id, story_id=story_id)
        rows = self.conn.execute(f"SELECT record FROM discrepancies{where} ORDER BY attribute, id", args)
        return [from_json(Discrepancy, json.loads(r[0])) for r in rows]

    def entities(self) -> list[Entity]:
        rows = self.conn.execute("SELECT record FROM entities ORDER BY label, name")
        return [from_json(Entity, json.loads(r[0])) for r in rows]


def _article(row: sqlite3.Row) -> Article:
    """The stored Article; an undated one shows the date inferred from its story,
    marked ``published_how="inferred"`` (never as stated)."""
    article = from_json(Article, json.loads(row[0]))
    if row[1] and not article.published:
        article = dataclasses.replace(article, published=row[1], published_how="inferred")
    return article


_COUNTABLE = frozenset(
    {"articles", "failures", "extractions", "mentions", "stories", "story_articles", "entities", "events", "claims", "discrepancies"}
)


def _where(**filters: str | None) -> tuple[str, tuple[str, ...]]:
    used = {k: v for k, v in filters.items() if v is not None}
    if not used:
        return "", ()
    return " WHERE " + " AND ".join(f"{k} = ?" for k in used), tuple(used.values())
