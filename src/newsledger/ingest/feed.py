"""RSS / Atom feeds: an entry's own content when it is the full text, else the
page its link points to."""

from __future__ import annotations

import re
from typing import Iterator

from newsledger.config import Settings
from newsledger.errors import BadFeed, InputError
from newsledger.ingest.failures import failure
from newsledger.records import Failure, RawArticle

# An entry's content is used as the article when it has at least this many
# words; shorter content is a teaser and the linked page is fetched instead.
# (Feed summaries run 20-80 words; full-text feeds carry whole articles, 300+.)
FULL_TEXT_MIN_WORDS = 150

_TAG = re.compile(r"<[^>]+>")


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) or head.startswith(
        (b"<rss", b"<feed")
    )


def read_feed(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Failure]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = f": {parsed.get('bozo_exception')}" if parsed.get("bozo") else ""
        yield failure(source, BadFeed(f"not a feed, or a feed with no entries{reason}"))
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{source}#entry{number}"
        try:
            yield from _entry(entry, where, outlet, settings)
        except InputError as err:
            yield failure(where, err)


def _entry(entry, where: str, outlet: str | None, settings: Settings) -> Iterator[RawArticle | Failure]:
    link = (entry.get("link") or "").strip() or None
    content = _content(entry)
    meta = {
        "title": (entry.get("title") or "").strip() or None,
        "published": entry.get("published") or entry.get("updated"),
        "author": (entry.get("author") or "").strip() or None,
        "outlet": outlet,
    }
    if content and len(_TAG.sub(" ", content).split()) >= FULL_TEXT_MIN_WORDS:
        yield RawArticle(
            source=where, kind="feed", data=content.encode("utf-8"), content_type="text/html",
            charset="utf-8", url=link, extra={"feed_entry": where}, **meta,
        )  # fmt: skip
        return
    if not link or not link.startswith(("http://", "https://")):
        raise BadFeed("entry has neither full text nor an http(s) link")
    from newsledger.ingest.http import ARTICLE_TYPES, fetch

    page = fetch(link, settings, accept=ARTICLE_TYPES)
    yield RawArticle(
        source=link, kind="feed", data=page.data, content_type=page.media_type, charset=page.charset,
        url=page.url, extra={"feed_entry": where}, **meta,
    )  # fmt: skip


def _content(entry) -> str | None:
    for item in entry.get("content") or ():
        value = item.get("value") if isinstance(item, dict) else None
        if value and value.strip():
            return value
    summary = entry.get("summary")
    return summary if summary and summary.strip() else None
