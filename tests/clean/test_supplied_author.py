"""An author supplied beside the text (JSONL, feed) is read like a byline."""

from __future__ import annotations

import pytest

from newsledger.clean import clean
from newsledger.config import Settings
from newsledger.records import RawArticle

BODY = ("Police detained dozens of protesters in the capital on Friday, officials said. "
        "Workers at two factories walked out and demanded new elections, witnesses said.")


@pytest.mark.parametrize(("author", "originator"), [
    ("Valery Kalinovsky for AFP", "AFP"),
    ("By Jane Doe, Reuters", "Reuters"),
    ("Jane Doe", "The Guardian"),  # no agency named: the outlet wrote it
])
def test_supplied_author_names_the_agency(author, originator):
    raw = RawArticle(source="x.jsonl#L1", kind="jsonl", data=BODY.encode(), author=author, outlet="The Guardian")
    article = clean(raw, Settings())
    assert article.sources.originator == originator
    assert article.authors == (author,)
