"""Ingest: paths, directories, URLs, feeds, JSON Lines, WARC -> RawArticle or Failure.

``read_inputs`` never raises for a bad input: each one yields a records.Failure
(stable code from errors.py, one clear line) and the batch goes on. Only this
package and newsledger.store do I/O.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from newsledger.config import Settings
from newsledger.errors import InputError, UnsupportedInput
from newsledger.ingest.failures import failure, now_utc
from newsledger.ingest.feed import looks_like_feed, read_feed
from newsledger.ingest.files import kind_of, read_capped, walk
from newsledger.ingest.jsonl import read_json, read_jsonl
from newsledger.ingest.warc import read_warc
from newsledger.records import Failure, RawArticle


def read_inputs(inputs: Iterable[str | Path], settings: Settings | None = None) -> Iterator[RawArticle | Failure]:
    """Every input as RawArticle(s) or a Failure, in order; directories recursively."""
    settings = settings or Settings()
    for item in inputs:
        text = str(item)
        if text.startswith(("http://", "https://")):
            yield from _guard(text, read_url(text, settings))
            continue
        path = Path(text)
        if path.is_dir():
            for child in walk(path):
                yield from _guard(str(child), read_path(child, settings))
        elif path.exists():
            yield from _guard(text, read_path(path, settings, explicit=True))
        else:
            yield failure(text, InputError("no such file or directory (nor an http(s) URL)"))


def read_path(path: Path, settings: Settings, explicit: bool = False) -> Iterator[RawArticle | Failure]:
    """One file by its kind; an explicit file with an unknown extension is sniffed."""
    kind = kind_of(path)
    limit = settings.max_input_bytes
    if kind == "jsonl":
        yield from read_jsonl(path, limit)
    elif kind == "json":
        yield from read_json(path, limit)
    elif kind == "warc":
        yield from read_warc(path, limit)
    elif kind == "feed":
        data = read_capped(path, limit)
        if looks_like_feed(data):
            yield from read_feed(data, str(path), settings)
        else:  # an .xml file that is not a feed: let clean judge it as markup
            yield RawArticle(source=str(path), kind="html", data=data, content_type="application/xml")
    elif kind in ("text", "html") or explicit:
        if not path.is_file():
            raise UnsupportedInput("not a regular file")
        yield RawArticle(source=str(path), kind=kind or "text", data=read_capped(path, limit))  # type: ignore[arg-type]


def read_url(url: str, settings: Settings) -> Iterator[RawArticle | Failure]:
    """A page, or every entry of a feed, or the records of a JSON document."""
    from newsledger.ingest.http import FEED_TYPES, JSON_TYPES, fetch

    page = fetch(url, settings)
    if page.media_type in FEED_TYPES or looks_like_feed(page.data):
        yield from read_feed(page.data, url, settings)
    elif page.media_type in JSON_TYPES:
        yield from _json_records(page.data, url)
    else:
        yield RawArticle(
            source=url, kind="url", data=page.data, content_type=page.media_type or None,
            charset=page.charset, url=page.url,
        )  # fmt: skip


def _json_records(data: bytes, source: str) -> Iterator[RawArticle | Failure]:
    import json

    from newsledger.errors import BadRecord
    from newsledger.ingest.jsonl import record_to_raw

    lines = [ln for ln in data.splitlines() if ln.strip()]
    for number, line in enumerate(lines, 1):
        where = f"{source}#L{number}"
        try:
            obj = json.loads(line)
        except ValueError as err:
            yield failure(where, BadRecord(f"invalid JSON: {err}"))
            continue
        for k, rec in enumerate(obj if isinstance(obj, list) else [obj], 1):
            try:
                yield record_to_raw(rec, where if not isinstance(obj, list) else f"{where}#{k}")
            except InputError as err:
                yield failure(where, err)


def _guard(source: str, items: Iterator[RawArticle | Failure]) -> Iterator[RawArticle | Failure]:
    """Turn an error raised while reading one input into that input's Failure."""
    try:
        yield from items
    except InputError as err:
        yield failure(source, err)
    except OSError as err:
        yield failure(source, InputError(f"cannot read: {err.strerror or err}"))
    except (ValueError, RuntimeError, LookupError) as err:
        # A parser (feedparser, warcio, gzip) tripping on hostile input: that input
        # fails with its reason, the batch goes on.
        yield failure(source, InputError(f"unreadable input ({type(err).__name__}: {err})"))


__all__ = ["failure", "now_utc", "read_inputs", "read_path", "read_url"]
