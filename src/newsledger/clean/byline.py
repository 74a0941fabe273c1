"""Bylines: 'By Valery Kalinovsky for AFP' -> authors and the agency named."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsledger.clean.markdown import strip_markdown
from newsledger.clean.sources import SourceTable

# A byline names a few people and maybe an agency; a longer 'By …' line is prose
# ('By the time police arrived, …').
BYLINE_MAX_WORDS = 16
# A person's name in a byline has 1-5 tokens ('Jean-Pierre de la Fontaine').
NAME_MAX_TOKENS = 5

_BY = re.compile(r"(?i)^\W*(?:by|words\s+by|written\s+by|text\s+by|story\s+by|author|authors|byline)\s*[:\s]\s*")
_SPLIT_AGENCY = (
    re.compile(r"^(?P<names>.+?)\s+(?:for|of|from|at)\s+(?P<agency>[^,;|]+?)\W*$"),
    re.compile(r"^(?P<names>.+?)\s*\((?P<agency>[^()]+)\)\W*$"),
    re.compile(r"^(?P<names>.+?)\s*(?:[|/–—]|\s-\s|,)\s*(?P<agency>[^,;|/]+?)\W*$"),
)
_NAME_SEP = re.compile(r"\s*(?:,|;|&|\band\b|\bwith\b)\s*")
_NAME = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-Я][\w'’.-]*|(?:de|da|van|von|der|den|del|la|le|bin|al|el|di|du)\b)(?:\s+\S+)*$")
_NOT_NAME = re.compile(
    r"(?i)^(?:the|a|an|staff|our|news|desk|correspondent|reporter|editor|team|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december)\b"
)


# 'Andrew Roth in Moscow', 'Jane Doe and John Smith in Kyiv': the name-and-place
# byline without 'By' some outlets print under the headline.
_NAME_WORDS = r"[A-Z][\w'’.-]+(?:\s+(?:de|van|von|al|el|da|di|la|le)?\s*[A-Z][\w'’.-]+){1,3}"
_NAME_IN_PLACE = re.compile(
    rf"^(?P<names>{_NAME_WORDS}(?:\s*(?:,|and|&)\s*{_NAME_WORDS})*)\s+in\s+(?P<place>[A-Z][\w .'’-]{{1,40}})$"
)


@dataclass(frozen=True, slots=True)
class Byline:
    text: str  # the byline as written, Markdown stripped
    authors: tuple[str, ...]
    agency: str | None  # canonical name when known, else as written


def parse_byline(line: str, table: SourceTable, *, allow_name_in_place: bool = False) -> Byline | None:
    """A Byline if ``line`` is one ('By X', 'By X and Y for AFP', 'By Reuters Staff');
    with ``allow_name_in_place`` (under a headline) also 'Andrew Roth in Moscow'."""
    plain = re.sub(r"\s+", " ", strip_markdown(line)).strip()
    if allow_name_in_place and len(plain.split()) <= BYLINE_MAX_WORDS // 2:
        placed = _NAME_IN_PLACE.match(plain)
        if placed:
            authors = tuple(n for n in (_clean_name(p) for p in _NAME_SEP.split(placed.group("names"))) if n)
            if authors:
                return Byline(plain, authors, None)
    match = _BY.match(plain)
    if not match or not plain[:1].isupper() or len(plain.split()) > BYLINE_MAX_WORDS or plain.endswith((".", "?", "!")) and len(plain.split()) > 8:
        return None
    rest = plain[match.end():].strip()
    if not rest or rest[0].islower():
        return None  # 'by the time …'
    whole = table.by_name(rest) or table.by_name(re.sub(r"(?i)\s+(?:staff|news|desk|reporters?)$", "", rest))
    if whole is not None:
        return Byline(plain, (), whole.name)
    names, agency = rest, None
    for pattern in _SPLIT_AGENCY:
        split = pattern.match(rest)
        if split and (table.by_name(split.group("agency")) or pattern is _SPLIT_AGENCY[0]):
            known = table.by_name(split.group("agency"))
            names, agency = split.group("names"), known.name if known else split.group("agency").strip()
            break
    authors = tuple(n for n in (_clean_name(p) for p in _NAME_SEP.split(names)) if n)
    if not authors and agency is None:
        return None
    return Byline(plain, authors, agency)


def _clean_name(text: str) -> str | None:
    name = text.strip(" .,;:-–—")
    if not name or _NOT_NAME.match(name) or len(name.split()) > NAME_MAX_TOKENS or not _NAME.match(name):
        return None
    if name.isupper() and len(name) > 3:  # 'YURAS KARMANAU' -> 'Yuras Karmanau'
        name = " ".join(w.capitalize() if w.isalpha() else w.title() for w in name.split())
    return name
