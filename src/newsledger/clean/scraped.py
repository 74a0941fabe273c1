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
# ... and wrapped lines are never longer than this (wire and e-mail copy wraps
# at 65-80 columns): a longer next line is a paragraph of its own, e.g. the
# first paragraph under a headline with no blank line between them.
WRAP_MAX_CHARS = 100

# Share of words over 3 letters that are capitalised in a Title Case headline;
# running prose rarely passes a half.
TITLE_CASE_MIN_SHARE = 0.75

# Footers whose URL is the article's own address ('Original url:', 'URL Source:').
_FOOTER_URL = re.compile(r"(?i)^\W*(?:original|source|url|link|canonical|permalink|read|originally|this)")
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
    return (
        WRAP_MIN_CHARS <= len(prev) <= WRAP_MAX_CHARS
        and len(nxt) <= WRAP_MAX_CHARS
        and not _SENTENCE_END.search(prev)
        and not _title_case(prev)
        and parse_meta_free(nxt)
    )


def _title_case(line: str) -> bool:
    """'Belarus Sees Walkouts, Protest Calls After 'Bloody' Vote Crackdown': a headline."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= TITLE_CASE_MIN_SHARE


def parse_meta_free(line: str) -> bool:
    """True when a line carries no header/metadata shape (so it may continue prose)."""
    return not (blocks.is_related(line) or date_line(line) or line.lower().startswith("by "))


def parse_scraped(text: str, table: SourceTable) -> Parsed:
    units = units_of(text)
    out = Parsed(body="")
    prose: list[str] = []
    last_prose = -1  # index of the unit that gave the last prose paragraph
    i = 0
    while i < len(units):
        if blocks.embed_signature(units[i].text) is not None:  # '— Name (@handle) date' with no 'Embed:' above
            if last_prose == i - 1 and _looks_like_post(units[i - 1].text):
                prose.pop()  # the post's text was taken for prose one step early
                _add_post(out, [units[i - 1]], units[i])
            else:
                _add_post(out, [], units[i])
            i += 1
            continue
        # The header ends with the first paragraph of prose; a standfirst (one
        # paragraph under the headline) may still sit above the byline.
        in_header = i < HEADER_UNITS and len(prose) <= 1
        taken = _metadata(units, i, out, table, in_header, titled=bool(prose))
        if taken:
            i += taken
            continue
        unit = units[i]
        kind = blocks.classify(unit.text, table, out)
        if kind is None:
            plain = strip_markdown(unit.text).strip()
            if plain:
                prose.append(plain)
                last_prose = i
        else:
            out.removed.append(RemovedBlock(kind, unit.text, unit.offset))
        i += 1
    out.body = "\n\n".join(prose)
    return out


def _metadata(units: list[Unit], i: int, out: Parsed, table: SourceTable, in_header: bool, titled: bool) -> int:
    """Consume title / byline / date / embed / list / footer units; how many taken."""
    unit = units[i]
    text = unit.text
    if blocks.is_embed_marker(text):
        return 1 + _take_embed(units, i + 1, out, marker=unit)
    if in_header and out.byline is None:
        byline = parse_byline(text, table, allow_name_in_place=out.title is not None)
        if byline is not None:
            out.byline, out.authors, out.byline_agency = byline.text, byline.authors, byline.agency
            out.removed.append(RemovedBlock("byline", text, unit.offset))
            return 1
    iso = date_line(strip_markdown(text))
    if iso is not None:  # the first dateline dates the article; later ones ('Last modified …') go too
        if out.published is None:
            out.published, out.published_how = iso, "stated"
        out.removed.append(RemovedBlock("dateline", text, unit.offset))
        return 1
    if in_header and out.title is None and not titled:
        if _is_kicker(units, i, table):
            out.removed.append(RemovedBlock("boilerplate", text, unit.offset))
            return 1
        if _is_title(text, table) and len(units) > 1:
            out.title = strip_markdown(_TITLE_PREFIX.sub("", text)).strip()
            out.removed.append(RemovedBlock("title", text, unit.offset))
            return 1
    if blocks.LIST_HEADING.match(strip_markdown(text)):
        return _take_list(units, i, out)
    if blocks.footer_kind(text) == "footer":
        return _take_footer(units, i, out)
    return 0


_TITLE_PREFIX = re.compile(r"(?i)^\s*(?:title|headline)\s*:\s*")
# A headline has at least this many words; a shorter first line above one is a
# section label ('Belarus', 'World news').
TITLE_MIN_WORDS = 3
KICKER_MAX_WORDS = 2


def _is_title(text: str, table: SourceTable) -> bool:
    plain = strip_markdown(text).strip()
    if _TITLE_PREFIX.match(plain):
        return True
    if not plain or blocks.words(plain) > TITLE_MAX_WORDS or plain.endswith((".", ",", ";", ":")):
        return False
    return not (blocks.is_related(text) or blocks.is_caption(text, table) or blocks.footer_kind(text))


def _is_kicker(units: list[Unit], i: int, table: SourceTable) -> bool:
    """A section label above the headline: one or two words, then a real headline."""
    text = strip_markdown(units[i].text).strip()
    if blocks.words(text) > KICKER_MAX_WORDS or text.endswith((".", "!", "?", ":")):
        return False
    for nxt in units[i + 1 : i + 1 + HEADER_UNITS]:  # skip boilerplate between label and headline
        if blocks.footer_kind(nxt.text) or blocks.is_related(nxt.text):
            continue
        if parse_byline(nxt.text, table) or date_line(strip_markdown(nxt.text)):
            return False  # the short line is the headline itself, with its byline under it
        return _is_title(nxt.text, table) and blocks.words(nxt.text) >= TITLE_MIN_WORDS
    return False


def _take_list(units: list[Unit], i: int, out: Parsed) -> int:
    """A 'Topics' / 'Related' heading and the short items listed under it."""
    heading = units[i].text
    kind = "related" if re.search(r"(?i)related|more|see\s+also|explore", heading) else "boilerplate"
    j = i + 1
    while j < len(units) and _is_list_item(units[j].text):
        j += 1
    raw = "\n\n".join(u.text for u in units[i:j])
    out.removed.append(RemovedBlock(kind, raw, units[i].offset))
    return j - i


def _is_list_item(text: str) -> bool:
    plain = strip_markdown(text).strip()
    return 0 < blocks.words(plain) <= blocks.LIST_ITEM_MAX_WORDS and not _SENTENCE_END.search(plain.rstrip("\"”’'"))


# An embedded post's text carries the platform's marks: short links, mentions, hashtags.
_POST_MARKS = re.compile(r"pic\.twitter\.com/|https?://t\.co/|(?<!\w)[@#]\w{2,}")
POST_MAX_WORDS = 70  # a tweet is at most 280 characters; captions of other posts run longer


def _looks_like_post(text: str) -> bool:
    return blocks.words(text) <= POST_MAX_WORDS and bool(_POST_MARKS.search(text))


def _add_post(out: Parsed, body: list[Unit], signature_unit: Unit) -> None:
    out.embeds.append(blocks.post_from(body, blocks.embed_signature(signature_unit.text)))
    raw = "\n\n".join(u.text for u in [*body, signature_unit])
    out.removed.append(RemovedBlock("embed", raw, (body or [signature_unit])[0].offset))


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
    if found is not None and out.url is None and _FOOTER_URL.match(units[i].text):
        out.url = found.group(0).rstrip(".,;>")
    out.removed.append(RemovedBlock("footer", text, units[i].offset))
    return taken
