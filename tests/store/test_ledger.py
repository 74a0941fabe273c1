"""The SQLite ledger: migrations, idempotent writes, round-trips."""

from __future__ import annotations

import sqlite3

import pytest

from newsledger.records import (
    Article, ArticleExtraction, Claim, Discrepancy, Entity, EntityMention, Event, Evidence, Failure,
    MentionRef, SourceInfo, Story,
)
from newsledger.store import Ledger
from newsledger.store.db import migration_files


def _article(aid: str = "a1", text: str = "Police arrested 20 people in Minsk.") -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, title="T", published="2020-08-14",
                   published_how="stated", content_hash="h-" + aid,
                   sources=SourceInfo(originator="AFP", originator_kind="wire"))


def _extraction(aid: str = "a1") -> ArticleExtraction:
    ev = Evidence(aid, 16, 31, 0, "entities@0.1")
    return ArticleExtraction(article_id=aid, entities=(EntityMention(ev, "Minsk", "GPE", "minsk", 0),),
                             extractors=("entities@0.1",))


@pytest.fixture()
def ledger(tmp_path):
    with Ledger(tmp_path / "l.db") as led:
        yield led


def test_migrations_applied_once_and_recorded(tmp_path):
    path = tmp_path / "m.db"
    Ledger(path).close()
    Ledger(path).close()
    names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM migrations ORDER BY name")]
    assert names == [n for n, _ in migration_files()]


def test_pragmas(ledger):
    assert ledger.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ledger.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_add_article_is_idempotent_and_round_trips(ledger):
    assert ledger.add_article(_article(), _extraction()) is True
    assert ledger.add_article(_article(), _extraction()) is False
    assert ledger.count("articles") == 1
    assert ledger.article("a1") == _article()
    assert ledger.extraction("a1") == _extraction()
    assert ledger.count("mentions") == 1
    assert ledger.has_input("a1.txt")


def test_failures_recorded(ledger):
    ledger.record_failure(Failure("bad.bin", "NL-I002", "binary file", "2020-01-01T00:00:00+00:00"))
    assert [f.code for f in ledger.failures()] == ["NL-I002"]


@pytest.mark.parametrize(("query", "hits"), [("minsk", 1), ("arrest", 1), ("arresting", 1), ("riot", 0)])
def test_full_text_search_stems(ledger, query, hits):
    ledger.add_article(_article())
    found = ledger.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (query,)).fetchall()
    assert len(found) == hits


def test_story_ledger_replace(ledger):
    ledger.add_article(_article(), _extraction())
    assert ledger.unlinked_article_ids() == ["a1"]
    story = Story(id="s1", article_ids=("a1",), originators=("AFP",))
    ledger.write_links({"stories": b"x"}, [story], {"a1": ("s1", None)})
    assert ledger.unlinked_article_ids() == []
    assert ledger.get_state("stories") == b"x"
    ev = Evidence("a1", 7, 15, 0, "events@0.1")
    event = Event(id="e1", story_id="s1", event_type="ARREST", modality="occurred",
                  mentions=(MentionRef("a1", 7, 15),), article_count=1, independent_source_count=1)
    claim = Claim(id="c1", event_id="e1", attribute="arrested", kind="count", text="20", evidence=ev, low=20, high=20)
    claim2 = Claim(id="c2", event_id="e1", attribute="arrested", kind="count", text="5", evidence=ev, low=5, high=5)
    disc = Discrepancy(id="d1", event_id="e1", attribute="arrested", claim_ids=("c1", "c2"), reason="no overlap")
    for _ in range(2):  # replacing twice leaves one copy
        ledger.replace_story_ledger("s1", [event], [claim, claim2], [disc])
    assert ledger.events("s1") == [event]
    assert len(ledger.claims(event_id="e1")) == 2
    assert ledger.discrepancies(story_id="s1") == [disc]
    ledger.upsert_entities([Entity(id="x", name="Minsk", label="GPE", aliases=("Минск",))])
    assert ledger.entity("x").aliases == ("Минск",)
