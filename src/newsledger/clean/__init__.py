"""Clean: RawArticle bytes -> Article (body text, metadata, sources, removed parts).

``clean(raw, settings)`` raises an errors.InputError subclass when the input
holds no article; ``article_from_path(path)`` is ingest + clean of one file.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from pathlib import Path
from typing import Iterable, Iterator

from newsledger.clean.attribution import attribute
from newsledger.clean.byline import parse_byline
from newsledger.clean.dates import find_date, url_date
from newsledger.clean.decode import decode
from newsledger.clean.html import looks_like_html, parse_html
from newsledger.clean.identity import article_id, content_hash, normalise
from newsledger.clean.language import detect_language
from newsledger.clean.parsed import Parsed
from newsledger.clean.scraped import parse_scraped
from newsledger.clean.sources import SourceTable, load_table
from newsledger.config import Settings
from newsledger.errors import InputError, NoArticle
from newsledger.records import Article, Failure, RawArticle

# Fewer words than this is a stub, a menu or an error page, not an article.
MIN_BODY_WORDS = 8


def clean(raw: RawArticle, settings: Settings | None = None) -> Article:
    """The cleaned Article of one raw input; raises errors.InputError subclasses."""
    text = decode(raw.data, raw.charset)
    table = load_table()
    if _is_html(raw, text):
        try:
            parsed = parse_html(text, raw.url, table)
        except (ValueError, TypeError, RecursionError, MemoryError) as err:
            # lxml/trafilatura on hostile markup: this input fails, the batch goes on.
            raise NoArticle(f"HTML could not be parsed ({type(err).__name__}: {err})") from err
    else:
        parsed = parse_scraped(text, table)
    _fill_from_raw(parsed, raw, table)
    words = len(parsed.body.split())
    if words < MIN_BODY_WORDS:
        what = "HTML page" if _is_html(raw, text) else "text"
        raise NoArticle(f"no article text found in the {what} ({words} words of prose)")
    sources = attribute(parsed, table, raw.outlet)
    outlet = sources.publisher
    body_key = normalise(parsed.body)
    return Article(
        id=article_id(body_key, sources.publisher, normalised=True),
        source=raw.source,
        text=parsed.body,
        title=parsed.title,
        authors=parsed.authors,
        byline=parsed.byline,
        published=parsed.published,
        published_how=parsed.published_how,
        url=parsed.url,
        outlet=outlet,
        language=detect_language(parsed.body),
        sources=sources,
        removed=tuple(parsed.removed),
        embeds=tuple(parsed.embeds),
        content_hash=content_hash(body_key, normalised=True),
        extra=dict(raw.extra),
    )


def _is_html(raw: RawArticle, text: str) -> bool:
    if raw.kind == "html" or "html" in (raw.content_type or "").lower():
        return True
    if "text/plain" in (raw.content_type or "").lower():
        return False
    return looks_like_html(text)


def _fill_from_raw(parsed: Parsed, raw: RawArticle, table: SourceTable) -> None:
    """Metadata supplied with the input (JSONL fields, feed entries) fills gaps;
    a date supplied as metadata wins over none, a stated one stays. A supplied
    author is read like a byline, so 'Jane Doe for AFP' names the agency."""
    parsed.title = raw.title or parsed.title
    parsed.url = parsed.url or raw.url
    if raw.author and not parsed.authors:
        author = raw.author.strip()
        byline = parse_byline(author if author.lower().startswith("by ") else f"By {author}", table)
        parsed.authors = (author,)  # as supplied: the record's own field, not re-split
        parsed.byline = parsed.byline or author
        if byline and byline.agency and not parsed.byline_agency:
            parsed.byline_agency = byline.agency
    supplied = normalise_date(raw.published)
    if supplied and parsed.published_how in ("unknown", "url"):
        parsed.published, parsed.published_how = supplied, "metadata"
    if parsed.published is None:
        from_url = url_date(parsed.url)
        if from_url:
            parsed.published, parsed.published_how = from_url, "url"


def normalise_date(value: str | None) -> str | None:
    """ISO date (YYYY-MM-DD) of a supplied date in ISO, RFC 822, written or Unix-epoch form."""
    if not value:
        return None
    value = str(value).strip()
    if value.isdigit() and len(value) in (10, 13):  # seconds or milliseconds since 1970 (UTC)
        seconds = int(value) / (1000 if len(value) == 13 else 1)
        return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date().isoformat()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found = find_date(value)
    return found[0] if found else None


def clean_inputs(inputs: Iterable[str | Path], settings: Settings | None = None) -> Iterator[Article | Failure]:
    """ingest.read_inputs then clean: an Article or a Failure for every input."""
    from newsledger.ingest import failure, read_inputs

    settings = settings or Settings()
    for item in read_inputs(inputs, settings):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield clean(item, settings)
        except InputError as err:
            yield failure(item.source, err)


def article_from_path(path: str | Path, settings: Settings | None = None) -> Article:
    """Ingest and clean one file; raises the InputError of its Failure if it fails."""
    from newsledger.ingest import read_inputs

    settings = settings or Settings()
    for item in read_inputs([path], settings):
        if isinstance(item, Failure):
            raise InputError(f"{item.source}: {item.message}", code=item.code)
        return clean(item, settings)
    raise NoArticle(f"{path}: no input found")


__all__ = ["article_from_path", "clean", "clean_inputs", "normalise_date"]
