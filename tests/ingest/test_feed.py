"""RSS/Atom feeds: full-text entries, linked pages, broken entries."""

from __future__ import annotations

from newsledger.clean import clean_inputs
from newsledger.config import Settings
from newsledger.ingest import read_inputs
from newsledger.ingest.feed import FULL_TEXT_MIN_WORDS
from newsledger.records import Article, Failure, RawArticle

from .conftest import LONG_CONTENT, rss

SETTINGS = Settings(http_timeout_s=2.0, max_input_bytes=1_000_000)


def test_long_content_is_full_text():
    assert len(LONG_CONTENT.split()) >= FULL_TEXT_MIN_WORDS


def test_feed_over_http(http_server):
    got = list(read_inputs([http_server + "/feed.xml"], SETTINGS))
    kinds = [type(x).__name__ for x in got]
    assert kinds == ["RawArticle", "RawArticle", "Failure", "Failure"]
    full, linked, dead, empty = got
    assert full.kind == "feed" and full.title == "Full text entry" and full.url.endswith("/entry-full")
    assert full.published == "Fri, 14 Aug 2020 09:00:00 GMT" and full.outlet == "Example Wire"
    assert linked.url == http_server + "/article.html" and b"Workers strike" in linked.data
    assert dead.code == "NL-I007" and "404" in dead.message and dead.source.endswith("#entry3")
    assert empty.code == "NL-I009" and empty.source.endswith("#entry4")


def test_feed_entries_clean(http_server):
    got = list(clean_inputs([http_server + "/feed.xml"], SETTINGS))
    articles = [x for x in got if isinstance(x, Article)]
    assert len(articles) == 2
    full = articles[0]
    assert (full.published, full.published_how) == ("2020-08-14", "metadata")
    assert full.title == "Full text entry"


def test_broken_feed_is_one_failure(http_server):
    got = list(read_inputs([http_server + "/broken-feed"], SETTINGS))
    assert len(got) == 1 and isinstance(got[0], Failure) and got[0].code == "NL-I009"


def test_feed_file_on_disk(http_server, tmp_path):
    host = http_server.removeprefix("http://")
    path = tmp_path / "wire.rss"
    path.write_bytes(rss(host))
    got = list(read_inputs([path], SETTINGS))
    assert sum(isinstance(x, RawArticle) for x in got) == 2
    assert sum(isinstance(x, Failure) for x in got) == 2


def test_atom_feed_full_content(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title>
<entry><title>Strike</title><link href="https://www.reuters.com/world/strike"/><updated>2020-08-14T10:00:00Z</updated>
<content type="html">&lt;p&gt;{LONG_CONTENT}&lt;/p&gt;</content></entry></feed>""")
    (article,) = list(clean_inputs([path], SETTINGS))
    assert isinstance(article, Article)
    assert article.sources.publisher == "Reuters"
    assert article.published == "2020-08-14"
