"""HTML pages: trafilatura for the article body and metadata (htmldate inside it
for the date), then the same block rules as scraped text on its output."""

from __future__ import annotations

import re

from newsledger.clean import blocks
from newsledger.clean.dates import find_date
from newsledger.clean.parsed import Parsed
from newsledger.clean.scraped import units_of
from newsledger.clean.sources import SourceTable
from newsledger.records import RemovedBlock

_HTML_SNIFF = re.compile(r"(?is)^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b")
_TAGS = re.compile(r"(?i)</?(?:p|div|span|a|br|body|article|section|h[1-6]|li|ul|table|td|script|style)\b[^>]*>")
# Text with this many HTML tags in its first 4 KB is markup even without <html>
# (a fragment from a JSONL 'text' field or a feed entry).
SNIFF_MIN_TAGS = 3


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_SNIFF.match(head)) or len(_TAGS.findall(head)) >= SNIFF_MIN_TAGS


def parse_html(html: str, url: str | None, table: SourceTable, *, postprocess: bool = True) -> Parsed:
    """Body and metadata of a page; empty body when trafilatura finds no article."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,  # reader comments are not the outlet's prose
        with_metadata=True,
        include_tables=True,
        deduplicate=False,
    )
    if doc is None:
        return Parsed(body="")
    text = doc.text or ""
    out = Parsed(body=text)
    out.title = (doc.title or "").strip() or None
    out.url = doc.url or url
    out.sitename = (doc.sitename or "").strip() or None
    if doc.author:
        out.byline = doc.author
        out.authors = tuple(a.strip() for a in re.split(r";|\s*,\s*(?=[A-Z])", doc.author) if a.strip())
    found = find_date(doc.date or "")
    if found:
        out.published, out.published_how = found[0], "metadata"
    if postprocess:
        _remove_blocks(out, table)
    return out


def _remove_blocks(out: Parsed, table: SourceTable) -> None:
    """Captions, related links, credits and footers that trafilatura kept."""
    kept: list[str] = []
    for unit in units_of(out.body.replace("\n", "\n\n")):
        kind = _kind(unit.text, table, out)
        if kind is None:
            kept.append(unit.text)
        else:
            out.removed.append(RemovedBlock(kind, unit.text, None))
    out.body = "\n".join(kept)


def _kind(text: str, table: SourceTable, out: Parsed):
    post = blocks.inline_post(text)
    if post is not None:
        out.embeds.append(post)
        return "embed"
    if blocks.is_related(text):
        return "related"
    if blocks.is_caption(text, table):
        return "caption"
    name = blocks.credit_name(text, table)
    if name is not None:
        out.credits.append(("credit", name, text))
        return "credit"
    return blocks.footer_kind(text)
