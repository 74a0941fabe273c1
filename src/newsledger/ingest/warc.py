"""WARC archives (web crawls): each HTML response record is one page."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from newsledger.errors import DecodeFailed, NoArticle, TooLarge
from newsledger.ingest.failures import failure
from newsledger.records import Failure, RawArticle

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def read_warc(path: Path, max_bytes: int) -> Iterator[RawArticle | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    pages = 0
    try:
        with open(path, "rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), 1):
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{source}#{uri or number}"
                headers = record.http_headers
                ctype = (headers.get_header("Content-Type") if headers else None) or record.rec_headers.get_header(
                    "Content-Type"
                ) or ""
                media_type = ctype.split(";")[0].strip().lower()
                if media_type not in PAGE_TYPES:
                    continue
                if headers is not None and not headers.get_statuscode().startswith("2"):
                    continue
                data = record.content_stream().read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield failure(where, TooLarge(f"record is over the {max_bytes} byte input limit"))
                    continue
                charset = ctype.partition("charset=")[2].strip(" \"'") or None
                pages += 1
                yield RawArticle(source=where, kind="warc", data=data, content_type=media_type, charset=charset, url=uri)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as err:
        yield failure(source, DecodeFailed(f"unreadable WARC archive: {' '.join(str(err).split())}"))
        return
    if pages == 0:
        yield failure(source, NoArticle("WARC archive holds no successful HTML or text response"))
