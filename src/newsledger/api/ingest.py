"""POST /api/v1/articles: parse one article (JSON) or a batch (JSON Lines) into
RawArticles and hand them to the pipeline.

The pipeline call is injected (``create_app(ingest=...)``) so tests can run the
endpoint without the spaCy model; the default, :func:`run_pipeline`, runs the
whole job (clean → extract → link → corroborate → store) into the served ledger.
Writes are serialised by a lock: SQLite has one writer at a time.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from pydantic import BaseModel, ValidationError, model_validator

from newsledger.config import Settings
from newsledger.errors import InputError
from newsledger.ingest.jsonl import record_to_raw
from newsledger.records import RawArticle

# One request may carry at most this many articles: a batch is processed
# synchronously, and ~1,000 seed-sized articles take a few minutes on one core.
MAX_BATCH = 1000


class IngestArticle(BaseModel):
    """One article as posted: ``text`` or ``html`` plus optional metadata."""

    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _has_body(self) -> "IngestArticle":
        if not ((self.text or "").strip() or (self.html or "").strip()):
            raise ValueError("an article needs 'text' or 'html'")
        return self


@dataclass
class IngestSummary:
    articles_new: int = 0
    articles_known: int = 0
    failures: int = 0
    linked: int = 0
    totals: dict[str, int] = field(default_factory=dict)


IngestFn = Callable[[Sequence[RawArticle], Settings], IngestSummary]


class BadBody(ValueError):
    pass


def parse_body(body: bytes, content_type: str) -> list[RawArticle]:
    """One JSON object, or one per line for JSON Lines (by content type, or by
    there being several lines)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BadBody("body is not UTF-8") from err
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        raise BadBody("empty body")
    jsonl = "ndjson" in content_type or "jsonl" in content_type or len(lines) > 1
    items: list[Any] = []
    try:
        items = [json.loads(ln) for ln in lines] if jsonl else [json.loads(text)]
    except json.JSONDecodeError as err:
        raise BadBody(f"invalid JSON: {err.msg} (line {err.lineno})") from err
    if len(items) > MAX_BATCH:
        raise BadBody(f"at most {MAX_BATCH} articles per request")
    batch = hashlib.sha256(body).hexdigest()[:12]
    out = []
    for i, item in enumerate(items):
        try:
            article = IngestArticle.model_validate(item)
        except ValidationError as err:
            first = err.errors()[0]
            raise BadBody(f"article {i + 1}: {first['msg']}") from err
        # The same record reader as `newsledger run` on a .jsonl file, so both paths agree.
        source = article.source or article.url or f"api:{batch}#{i + 1}"
        try:
            out.append(record_to_raw(item, source))
        except InputError as err:
            raise BadBody(f"article {i + 1}: {err}") from err
    return out


def run_pipeline(raws: Sequence[RawArticle], settings: Settings) -> IngestSummary:
    """The default ingest: the whole pipeline, as ``newsledger run`` does it.

    Uses ``newsledger.pipeline.run_raw(raws, settings)`` when the pipeline offers
    it; otherwise writes the batch as JSON Lines and runs ``pipeline.run`` on it."""
    import newsledger.pipeline as pipeline

    run_raw = getattr(pipeline, "run_raw", None)
    if run_raw is not None:
        summary = run_raw(list(raws), settings)
    else:
        with tempfile.TemporaryDirectory(prefix="newsledger-ingest-") as tmp:
            path = Path(tmp) / "batch.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for raw in raws:
                    fh.write(json.dumps(_jsonl_record(raw), ensure_ascii=False) + "\n")
            summary = pipeline.run([str(path)], settings)
    return IngestSummary(
        summary.articles_new, summary.articles_known, summary.failures, summary.linked, dict(summary.totals)
    )


def _jsonl_record(raw: RawArticle) -> dict[str, Any]:
    body_key = "html" if raw.content_type == "text/html" else "text"
    record = {
        body_key: raw.data.decode("utf-8"),
        "title": raw.title,
        "url": raw.url,
        "published": raw.published,
        "outlet": raw.outlet,
        "author": raw.author,
    }
    return {k: v for k, v in record.items() if v is not None}
