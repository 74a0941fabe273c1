"""Fetching URLs: timeouts, a redirect cap, a streamed size cap, a content-type check."""

from __future__ import annotations

import time
from dataclasses import dataclass

from newsledger.config import Settings
from newsledger.errors import BadContentType, FetchFailed, TooLarge

USER_AGENT = "newsledger/0.1 (+https://github.com/newsledger; offline news ledger)"

# Media types read as an article page, a feed, or JSON records.
ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
)
JSON_TYPES = ("application/json", "application/x-ndjson", "application/jsonl", "application/jsonlines")


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    media_type: str  # 'text/html'
    charset: str | None


def fetch(url: str, settings: Settings, accept: tuple[str, ...] = ARTICLE_TYPES + FEED_TYPES + JSON_TYPES) -> Fetched:
    """GET ``url``; raises FetchFailed, TooLarge or BadContentType."""
    import httpx

    limit = settings.max_input_bytes
    timeout = settings.http_timeout_s
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": USER_AGENT, "Accept": ", ".join(accept) + ";q=0.9, */*;q=0.1"}
    try:
        with httpx.Client(
            follow_redirects=True, max_redirects=settings.http_max_redirects, timeout=timeout, headers=headers
        ) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchFailed(f"HTTP {response.status_code} {response.reason_phrase} from {response.url}")
                media_type, charset = _content_type(response.headers.get("content-type", ""))
                if media_type and media_type not in accept:
                    raise BadContentType(f"content type {media_type} is not an article, feed or JSON")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise TooLarge(f"response is {int(declared)} bytes, over the {limit} byte input limit")
                data = _read_capped(response, limit, deadline, timeout)
                return Fetched(str(response.url), data, media_type or "", charset)
    except httpx.TooManyRedirects as err:
        raise FetchFailed(f"more than {settings.http_max_redirects} redirects (redirect loop?) from {url}") from err
    except httpx.TimeoutException as err:
        raise FetchFailed(f"timed out after {timeout:g} s fetching {url}") from err
    except httpx.ConnectError as err:
        raise FetchFailed(f"cannot connect to {url}: {_reason(err)}") from err
    except httpx.HTTPError as err:
        raise FetchFailed(f"fetching {url} failed: {_reason(err)}") from err


def _read_capped(response, limit: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > limit:
            raise TooLarge(f"response is over the {limit} byte input limit")
        if time.monotonic() > deadline:  # a server dribbling bytes forever
            raise FetchFailed(f"timed out after {timeout:g} s reading {response.url}")
        chunks.append(chunk)
    return b"".join(chunks)


def _content_type(header: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in header.split(";")]
    media_type = parts[0].lower() if parts and parts[0] else ""
    charset = None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type, charset


def _reason(err: Exception) -> str:
    return " ".join(str(err).split()) or type(err).__name__
