"""A messy corpus through the main job: exact duplicates, a near-duplicate wire
copy carried by another outlet, an undated article and one in another language.
Nothing crashes, copies are not counted as confirmations, dates are inferred
only as 'inferred'."""

from __future__ import annotations

import json

import pytest

from newsledger.clean import article_from_path
from newsledger.config import Settings
from newsledger.pipeline import run
from newsledger.store import Ledger

SPANISH = (
    "La policía detuvo a decenas de manifestantes en la capital el viernes, según informaron fuentes oficiales. "
    "Los trabajadores de varias fábricas se declararon en huelga y exigieron nuevas elecciones. "
    "El gobierno negó que hubiera malos tratos en los centros de detención de la ciudad."
)


@pytest.fixture(scope="module")
def messy(tmp_path_factory, seed_paths):
    folder = tmp_path_factory.mktemp("messy")
    afp = article_from_path(seed_paths[0])
    paragraphs = afp.text.split("\n\n")
    trimmed = "\n\n".join(paragraphs[: len(paragraphs) - 3])  # a republisher cut the ending
    rows = [
        {"text": afp.text, "title": afp.title, "published": "2020-08-14", "author": "Valery Kalinovsky for AFP",
         "url": "https://www.themoscowtimes.com/2020/08/14/belarus-a71151", "outlet": "The Moscow Times"},
        {"text": trimmed, "title": afp.title, "published": "2020-08-14", "author": "Valery Kalinovsky for AFP",
         "url": "https://www.france24.com/en/20200814-belarus", "outlet": "France 24"},
        {"text": SPANISH, "title": "Detenciones y huelgas", "outlet": "El Diario"},
    ]
    batch = folder / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    copy = folder / "copy.jsonl"  # the same first record again, under another file name
    copy.write_text(json.dumps(rows[0], ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "l.db"
    summary = run([str(batch), str(copy), str(seed_paths[1])], Settings(db_path=db))
    return db, summary


def test_duplicates_stored_once_and_nothing_fails(messy):
    db, summary = messy
    assert summary.failures == 0
    with Ledger(db) as led:
        assert led.count("articles") == 4  # the exact copy collapsed into its original


def test_wire_copies_are_one_independent_source(messy):
    db, _ = messy
    with Ledger(db) as led:
        arts = {a.sources.publisher or a.outlet: a for a in led.articles()}
        afp_copies = [a for a in led.articles() if a.sources.originator == "AFP"]
        assert len(afp_copies) == 2
        story = next(s for s in led.stories() if afp_copies[0].id in s.article_ids)
        assert afp_copies[1].id in story.article_ids
        assert set(story.originators) == {"AFP", "Financial Times"}
        for claim in led.claims(story_id=story.id):
            assert claim.independent_source_count <= 2  # AFP twice + FT is two sources, not three
        for event in led.events(story.id):
            assert event.independent_source_count <= len(set(event.originators)) <= 2
    assert arts  # publishers were read


def test_undated_article_gets_an_inferred_date_only(messy):
    db, _ = messy
    with Ledger(db) as led:
        ft = next(a for a in led.articles() if a.sources.originator == "Financial Times")
        assert (ft.published, ft.published_how) == ("2020-08-14", "inferred")
        spanish = next(a for a in led.articles() if a.title == "Detenciones y huelgas")
        assert spanish.language != "en"
        assert spanish.published_how in ("unknown", "inferred")
