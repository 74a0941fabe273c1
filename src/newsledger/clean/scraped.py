"""Plain text as scrapers save it: title, byline and date lines on top, prose,
captions, embeds, 'Related article' lines and footers mixed in, Markdown residue.

parse_scraped() splits the text into units, names each non-prose unit with the
rules in blocks.py, keeps the header metadata, and returns the prose as the body.
"""

from __future__ import annotations

import re

from newsledger.clean import blocks
from newsledger.clean.blocks import Unit
from newsledger.clean.byline import parse_byline
from newsledger.clean.dates import date_line
from newsledger.clean.markdown import strip_markdown
from newsledger.clean.parsed import Parsed
from newsledger.clean.sources import SourceTable
from newsledger.records import RemovedBlock

# The header (title, byline, date, lead caption) sits in the first few units.
HEADER_UNITS = 6
# A title is one short line; a first line longer than this is the lead paragraph.
TITLE_MAX_WORDS = 25
# Hard-wrapped prose: a line at least this long that does not end a sentence
# continues on the next line (shorter lines are headers, list items, metadata).
WRAP_MIN_CHARS = 60

_URL_LINE = re.compile(r"^\W*<?(?P<url>https?://[^\s<>]+?)>?\W*$")
_URL_ANY = re.compile(r"https?://[^\s<>)\]]+")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’')\]]\s*$")


def units_of(text: str) -> list[Unit]:
    """Paragraphs and metadata lines, with offsets into ``text``.

    Blank lines always separate units. Inside a block of consecutive lines, a
    line break is a soft wrap (joined) when the next line starts lowercase or the
    line is long and unfinished; otherwise each line is its own unit (headers,
    list items).
    """
    units: list[Unit] = []
    pending: list[tuple[str, int]] = []
    offset = 0
    for raw_line in text.splitlines(keepends=True):
        line = raw_line.rstrip("\r\n")
        stripped = line.strip()
        if not stripped:
            _flush(pending, units)
        elif pending and _soft_wrap(pending[-1][0], stripped):
            prev, start = pending[-1]
            pending[-1] = (prev + " " + stripped, start)
        else:
            pending.append((stripped, offset + len(line) - len(line.lstrip())))
        offset += len(raw_line)
    _flush(pending, units)
    return units


def _flush(pending: list[tuple[str, int]], units: list[Unit]) -> None:
    units.extend(Unit(t, o) for t, o in pending)
    pending.clear()


def _soft_wrap(prev: str, nxt: str) -> bool:
    if nxt[0].islower():
        return True
    return len(prev) >= WRAP_MIN_CHARS and not _SENTENCE_END.search(prev) and parse_meta_free(nxt)


def parse_meta_free(line: str) -> bool:
    """True when a line carries no header/metadata shape (so it may continue prose)."""
    return not (blocks.is_related(line) or date_line(line) or line.lower().startswith("by "))


def parse_scraped(text: str, table: SourceTable) -> Parsed:
    units = units_of(text)
    out = Parsed(body="")
    prose: list[str] = []
    i = 0
    while i < len(units):
        unit = units[i]
        taken = _metadata(unit, i, units, out, table)
        if taken:
            i += taken
            continue
        kind = _kind(unit, i, prose, table, out)
        if kind is None:
            plain = strip_markdown(unit.text).strip()
            if plain:
                prose.append(plain)
        else:
            out.removed.append(RemovedBlock(kind, unit.text, unit.offset))
        i += 1
    out.body = "\n\n".join(prose)
    return out


def _metadata(unit: Unit, i: int, units: list[Unit], out: Parsed, table: SourceTable) -> int:
    """Consume title / byline / date / embed / footer-with-URL units; how many taken."""
    text = unit.text
    if blocks.is_embed_marker(text):
        return 1 + _take_embed(units, i + 1, out, marker=unit)
    signature = blocks.embed_signature(text)
    if signature is not None:  # a signature with no marker: the post is the unit before
        out.removed.append(RemovedBlock("embed", text, unit.offset))
        return 1
    if i < HEADER_UNITS and out.byline is None:
        byline = parse_byline(text, table)
        if byline is not None:
            out.byline, out.authors, out.byline_agency = byline.text, byline.authors, byline.agency
            out.removed.append(RemovedBlock("byline", text, unit.offset))
            return 1
    iso = date_line(strip_markdown(text))
    if iso is not None and out.published is None:
        out.published, out.published_how = iso, "stated"
        out.removed.append(RemovedBlock("dateline", text, unit.offset))
        return 1
    if i == 0 and _is_title(text, units, table):
        out.title = strip_markdown(re.sub(r"(?i)^\s*(?:title|headline)\s*:\s*", "", text)).strip()
        out.removed.append(RemovedBlock("title", text, unit.offset))
        return 1
    if blocks.footer_kind(text) == "footer":
        return _take_footer(units, i, out)
    return 0


def _kind(unit: Unit, i: int, prose: list[str], table: SourceTable, out: Parsed):
    return blocks.classify(unit.text, table, out)


def _is_title(text: str, units: list[Unit], table: SourceTable) -> bool:
    plain = strip_markdown(text).strip()
    if re.match(r"(?i)^\s*(?:title|headline)\s*:", plain):
        return True
    if not plain or blocks.words(plain) > TITLE_MAX_WORDS or plain.endswith((".", ",", ";", ":")):
        return False
    if blocks.is_related(text) or blocks.is_caption(text, table) or blocks.footer_kind(text):
        return False
    return len(units) > 1


def _take_embed(units: list[Unit], start: int, out: Parsed, marker: Unit) -> int:
    """Units from ``start`` up to the post's signature line (inclusive)."""
    end = min(len(units), start + blocks.EMBED_MAX_UNITS)
    for j in range(start, end):
        signature = blocks.embed_signature(units[j].text)
        if signature is not None:
            body = units[start:j]
            out.embeds.append(blocks.post_from(body, signature))
            raw = "\n\n".join(u.text for u in [marker, *units[start : j + 1]])
            out.removed.append(RemovedBlock("embed", raw, marker.offset))
            return j + 1 - start
    if start < len(units):  # no signature: the post is the next unit alone
        out.embeds.append(blocks.post_from([units[start]], None))
        out.removed.append(RemovedBlock("embed", marker.text + "\n\n" + units[start].text, marker.offset))
        return 1
    out.removed.append(RemovedBlock("embed", marker.text, marker.offset))
    return 0


def _take_footer(units: list[Unit], i: int, out: Parsed) -> int:
    """'Original url:' and the URL on the same or the next line."""
    text = units[i].text
    found = _URL_ANY.search(text)
    taken = 1
    if found is None and i + 1 < len(units) and _URL_LINE.match(units[i + 1].text):
        found = _URL_ANY.search(units[i + 1].text)
        text += "\n\n" + units[i + 1].text
        taken = 2
    if found is not None and out.url is None and re.match(r"(?i)^\W*(?:original|source|canonical|permalink|read|originally|this)", units[i].text):
        out.url = found.group(0).rstrip(".,;>")
    out.removed.append(RemovedBlock("footer", text, units[i].offset))
    return taken
