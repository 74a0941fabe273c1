"""HTML pages: trafilatura for the article body and metadata (htmldate inside it
for the date), then the same block rules as scraped text on its output."""

from __future__ import annotations

import re

from newsledger.clean import blocks
from newsledger.clean.byline import parse_byline
from newsledger.clean.dates import date_line, find_date
from newsledger.clean.embeds import pull_embeds
from newsledger.clean.identity import normalise
from newsledger.clean.parsed import Parsed
from newsledger.clean.sources import SourceTable
from newsledger.records import RemovedBlock

_HTML_SNIFF = re.compile(r"(?is)^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b")
_TAGS = re.compile(r"(?i)</?(?:p|div|span|a|br|body|article|section|h[1-6]|li|ul|table|td|script|style)\b[^>]*>")
# Text with this many HTML tags in its first 4 KB is markup even without <html>
# (a fragment from a JSONL 'text' field or a feed entry).
SNIFF_MIN_TAGS = 3

# trafilatura's precision mode drops more boilerplate than its default; when it
# keeps less than this share of the default's text it has cut the article
# itself, and the default output is used. Measured on the AEB pages
# (docs/accuracy.md): F1 is flat for shares 0.3-0.6 and falls above 0.7.
PRECISION_MIN_SHARE = 0.5

_CLICK_TO_TWEET = re.compile(r"\s*click\s+to\s+tweet\s*$", re.IGNORECASE)
_TIME_ONLY = re.compile(r"(?i)^\W*(?:updated|published|posted|last\s+updated)\s*(?:at|on)?\s*:?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*\w{0,4}\W*$")


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_SNIFF.match(head)) or len(_TAGS.findall(head)) >= SNIFF_MIN_TAGS


def as_document(html: str) -> str:
    """A fragment (feed entry content, a JSONL 'html' field) wrapped as a page:
    trafilatura finds nothing in a bare '<p>…</p>'."""
    if re.search(r"(?i)<(?:html|body)\b", html[:4096]):
        return html
    return f"<html><body><article>{html}</article></body></html>"


_AUTHOR_NAMES = r"(?:author|article:author|byl|dc\.creator|dcterms\.creator|sailthru\.author|parsely-author|byline)"
_META_AUTHOR = (
    re.compile(r"""(?is)<meta\s[^>]*?(?:name|property)\s*=\s*["']""" + _AUTHOR_NAMES
               + r"""["'][^>]*?content\s*=\s*["']([^"'<>]{1,200})["']"""),
    re.compile(r"""(?is)<meta\s[^>]*?content\s*=\s*["']([^"'<>]{1,200})["'][^>]*?(?:name|property)\s*=\s*["']"""
               + _AUTHOR_NAMES + r"""["']"""),
)  # fmt: skip


def meta_author(html: str) -> str | None:
    """The author a page declares in its <meta> tags, as written ('Jane Doe for AFP', 'AFP').
    trafilatura normalises this field to person names and drops agencies."""
    head = html[: html.lower().find("</head>") if "</head>" in html.lower() else 65536]
    for pattern in _META_AUTHOR:
        match = pattern.search(head)
        if match and not match.group(1).strip().startswith("http"):
            return " ".join(match.group(1).split())
    return None


def _set_author(out: Parsed, author: str, table: SourceTable) -> None:
    """trafilatura's author field read as a byline: 'Jane Doe for AFP', 'AFP', 'A; B'."""
    out.byline = author
    byline = parse_byline("By " + author.replace(";", ","), table)
    if byline is not None:
        out.authors, out.byline_agency = byline.authors, byline.agency
    else:
        out.authors = tuple(a.strip() for a in re.split(r";|\s*,\s*(?=[A-Z])", author) if a.strip())


def extract(html: str, url: str | None, table: SourceTable | None = None) -> tuple[Parsed, str]:
    """trafilatura's reading of a page: metadata and precision-mode body, plus the
    default-mode body (the fallback). Bodies are raw, before the block rules."""
    import trafilatura

    common = dict(url=url, include_comments=False, include_tables=True, deduplicate=False)
    doc = trafilatura.bare_extraction(html, favor_precision=True, with_metadata=True, **common)
    fallback = trafilatura.extract(html, **common) or ""
    if doc is None:
        return Parsed(body=""), fallback
    out = Parsed(body=doc.text or "")
    out.title = (doc.title or "").strip() or None
    out.url = doc.url or url
    out.sitename = (doc.sitename or "").strip() or None
    declared = meta_author(html)
    if table is not None and declared and parse_byline("By " + declared, table):
        _set_author(out, declared, table)  # keeps the agency of 'Jane Doe for AFP'
    elif doc.author and table is not None:
        _set_author(out, doc.author.strip(), table)
    found = find_date(doc.date or "")
    if found:
        out.published, out.published_how = found[0], "metadata"
    return out, fallback


def choose_body(precise: str, fallback: str) -> str:
    """Precision mode's body unless it lost most of what the default mode found."""
    return precise if len(precise) >= PRECISION_MIN_SHARE * len(fallback) else fallback


def parse_html(html: str, url: str | None, table: SourceTable) -> Parsed:
    """Body and metadata of a page; empty body when trafilatura finds no article."""
    html, posts = pull_embeds(as_document(html))
    out, fallback = extract(html, url, table)
    out.body = choose_body(out.body, fallback)
    out.embeds.extend(posts)
    out.removed.extend(RemovedBlock("embed", p.text, None) for p in posts)
    remove_blocks(out, table)
    return out


def remove_blocks(out: Parsed, table: SourceTable) -> None:
    """Title repeats, datelines, captions, related links, credits and footers that
    trafilatura kept in the body."""
    kept: list[str] = []
    title = _tokens(out.title or "")
    for line in out.body.split("\n"):
        text = _CLICK_TO_TWEET.sub("", line).strip()
        if not text:
            continue
        kind = _kind(text, table, out, title if not kept else [])
        if kind is None:
            kept.append(text)
        else:
            out.removed.append(RemovedBlock(kind, text, None))
    out.body = "\n".join(kept)


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", normalise(text))


def _kind(text: str, table: SourceTable, out: Parsed, title: list[str]):
    line = _tokens(text)
    if title and line and (line == title or len(line) >= 4 and title[: len(line)] == line):
        return "title"  # the headline (or its start, before ' - Site') repeated above the body
    if blocks.embed_signature(text):
        return "embed"  # '— Name (@handle) November 4, 2019' closing an embedded post
    if blocks.words(text) <= 12 and (date_line(text) or _TIME_ONLY.match(text)):
        return "dateline"
    return blocks.classify(text, table, out)
