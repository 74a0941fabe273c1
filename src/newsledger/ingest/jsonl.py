"""JSON Lines (one article per line) and JSON files (one article or a list).

A record needs ``text`` or ``html``; ``url``, ``title``, ``published``,
``outlet`` and ``author`` are read when present, every other field is kept in
``RawArticle.extra``. A broken line is a Failure for ``path#L<n>``; the other
lines go on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from newsledger.errors import BadRecord, InputError, TooLarge
from newsledger.ingest.failures import failure
from newsledger.ingest.files import open_stream, read_capped
from newsledger.records import Failure, RawArticle

KNOWN_FIELDS = ("text", "html", "url", "title", "published", "outlet", "author")


def read_jsonl(path: Path, max_bytes: int) -> Iterator[RawArticle | Failure]:
    source = str(path)
    with open_stream(path) as stream:
        for number, line in enumerate(_lines(stream, max_bytes), 1):
            where = f"{source}#L{number}"
            if isinstance(line, InputError):
                yield failure(where, line)
                continue
            if not line.strip():
                continue
            try:
                yield record_to_raw(_loads(line), where)
            except InputError as err:
                yield failure(where, err)


def read_json(path: Path, max_bytes: int) -> Iterator[RawArticle | Failure]:
    source = str(path)
    try:
        raw = read_capped(path, max_bytes)
        data = _loads(raw)
    except BadRecord:
        if raw.strip().count(b"\n"):  # a .json file holding JSON Lines, as exports often do
            yield from read_jsonl(path, max_bytes)
        else:
            yield failure(source, BadRecord("invalid JSON"))
        return
    except InputError as err:
        yield failure(source, err)
        return
    if isinstance(data, list):
        for number, obj in enumerate(data, 1):
            try:
                yield record_to_raw(obj, f"{source}#{number}")
            except InputError as err:
                yield failure(f"{source}#{number}", err)
        return
    try:
        yield record_to_raw(data, source)
    except InputError as err:
        yield failure(source, err)


def record_to_raw(obj: Any, source: str) -> RawArticle:
    if not isinstance(obj, dict):
        raise BadRecord(f"record is a JSON {type(obj).__name__}, not an object")
    html, text = obj.get("html"), obj.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        raise BadRecord("record has no non-empty 'text' or 'html' string")
    is_html = body is html
    return RawArticle(
        source=source,
        kind="jsonl",
        data=body.encode("utf-8"),
        content_type="text/html" if is_html else "text/plain",
        charset="utf-8",
        url=_str(obj.get("url")),
        title=_str(obj.get("title")),
        published=_str(obj.get("published")),
        outlet=_str(obj.get("outlet")),
        author=_author(obj.get("author")),
        extra={k: v for k, v in obj.items() if k not in KNOWN_FIELDS},
    )


def _loads(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError) as err:
        raise BadRecord(f"invalid JSON: {err}") from err


def _lines(stream, max_bytes: int) -> Iterator[bytes | InputError]:
    """Lines of a binary stream; a line over the cap is reported, not read whole."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(max_bytes)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the oversize line
            yield TooLarge(f"line is over the {max_bytes // (1024 * 1024)} MB input limit")
            continue
        yield line


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v) or None
    return _str(value)
