"""Roles, titles and ages stated next to a person's name.

Patterns read (character spans are into the article text):

- apposition after the name: 'Yuri Karaev, the interior minister,'; 'Alexander
  Barsukov, his deputy,'; 'Natalia Kochanova, chair of the upper house of
  parliament,'; 'Mikhail Chernenkov, a 43-year-old entrepreneur,'
- bare age after the name: 'Maxim Dovzhenko, 25,'; 'Lukashenko, 65'; 'X (25)'; 'X, aged 25'
- title before the name: 'German government spokesman Steffen Seibert',
  'Chancellor Angela Merkel', "Belarus's Foreign Minister Vladimir Makei"
- age before the name: '25-year-old Maxim Dovzhenko'

Everything works on the Doc's tokens (never mutated) plus a few precompiled
regexes; the cost is linear in the tokens looked at (a bounded window per name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from newsledger.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# An apposition longer than this many tokens is a clause, not a role ('X, who ...').
MAX_ROLE_TOKENS = 10
# Ages outside this range are counts or years, not ages.
MIN_AGE, MAX_AGE = 1, 120

# Pre-modifiers that judge rather than name the role ('strongman president'):
# dropped from the role text so that roles compare across outlets.
EVALUATIVE = frozenset(
    "strongman embattled authoritarian veteran longtime long-time long-serving "
    "controversial popular powerful influential outspoken beleaguered iron-fisted "
    "defiant disgraced".split()
)

_AGE_ALONE = re.compile(
    r"\s*(?:,\s*(?:aged\s+)?|\()\s*(\d{1,3})\s*(?=[,.;:)]|\s+(?:and|who|said|was|is|has|had)\b|$)"
)
_YEAR_OLD = re.compile(r"(\d{1,3})[-\s]year[-\s]old\b", re.IGNORECASE)
_STOP_WORDS = frozenset("who which that whose whom where when said says told".split())
_DETERMINERS = frozenset("the a an his her their its our my your this that".split())


def doc_text(doc: "Doc") -> str:
    """The Doc's text, built once: ``Doc.text`` re-joins every token on each access."""
    cached = doc.user_data.get("newsledger.text")
    if cached is None:
        cached = doc.user_data["newsledger.text"] = doc.text
    return cached


@dataclass(frozen=True, slots=True)
class Title:
    word: str
    gender: str | None  # 'm' / 'f' when the word says it (spokeswoman)


@lru_cache(maxsize=1)
def titles() -> dict[str, Title]:
    """The role head words of data/entity_titles.txt."""
    text = resources.files("newsledger.data").joinpath("entity_titles.txt").read_text("utf-8")
    out: dict[str, Title] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _, gender = line.partition("\t")
        out[word.strip().lower()] = Title(word.strip().lower(), gender.strip() or None)
    return out


def is_title(word: str) -> bool:
    return word.lower() in titles()  # singular only: plurals are groups ('officials')


def title_gender(role: str | None) -> str | None:
    """'m' / 'f' when the role's head word is gendered ('spokeswoman'), else None."""
    if not role:
        return None
    head = role.split()[-1].lower() if role.split() else ""
    t = titles().get(head)
    return t.gender if t else None


@dataclass(frozen=True, slots=True)
class RoleInfo:
    role: str | None = None
    role_span: Span | None = None
    age: int | None = None
    age_span: Span | None = None


def _age_value(text: str) -> int | None:
    try:
        value = int(text)
    except ValueError:
        return None
    return value if MIN_AGE <= value <= MAX_AGE else None


def _clean_role(tokens: list["Token"]) -> tuple[str, int, int] | None:
    """Role text and char span from the tokens of an apposition or pre-title:
    determiners, possessors ("Belarus's"), ages and evaluative words dropped."""
    start = 0
    for i, tok in enumerate(tokens):  # skip up to a possessive marker
        if tok.tag_ == "POS" or tok.text in ("'s", "’s"):
            start = i + 1
    kept = [
        t
        for t in tokens[start:]
        if t.lower_ not in _DETERMINERS
        and t.lower_ not in EVALUATIVE
        and not _YEAR_OLD.fullmatch(t.text)
        and not (t.like_num and _age_value(t.text) is not None)
        and t.text not in ("-", "year", "old")
    ]
    # drop a hyphenated age split into tokens: '43', '-', 'year', '-', 'old'
    while kept and kept[0].is_punct:
        kept.pop(0)
    while kept and kept[-1].is_punct:
        kept.pop()
    if not kept:
        return None
    first, last = kept[0], kept[-1]
    text = doc_text(first.doc)
    return text[first.idx : last.idx + len(last.text)], first.idx, last.idx + len(last.text)


def _apposition(doc: "Doc", end_token: int) -> RoleInfo:
    """Role and/or age in ', the interior minister,' right after the name."""
    if end_token >= len(doc) or doc[end_token].text not in (",", "("):
        return RoleInfo()
    text = doc_text(doc)
    after = doc[end_token].idx
    age_m = _AGE_ALONE.match(text, after)
    if age_m:
        age = _age_value(age_m.group(1))
        if age is not None:
            return RoleInfo(age=age, age_span=Span(age_m.start(1), age_m.end(1)))
    tokens: list["Token"] = []
    for tok in doc[end_token + 1 : end_token + 1 + MAX_ROLE_TOKENS + 1]:
        if tok.is_punct and tok.text not in ("-", "'s", "’s") or tok.lower_ in _STOP_WORDS:
            break
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBN", "VBG"):
            break
        if tok.ent_type_ in ("PERSON",):  # 'X, Y and Z': a list of names, not a role
            return RoleInfo()
        tokens.append(tok)
    else:
        if len(tokens) > MAX_ROLE_TOKENS:
            return RoleInfo()
    if not tokens or len(tokens) > MAX_ROLE_TOKENS:
        return RoleInfo()
    # An apposition opens with a determiner / possessor or a known title word
    # ('chair of the upper house'); anything else ('X, Minsk') is a list or place.
    opener = tokens[0]
    if not (
        opener.lower_ in _DETERMINERS
        or opener.tag_ == "PRP$"
        or any(t.tag_ == "POS" for t in tokens[:4])
        or is_title(opener.text)
    ):
        return RoleInfo()
    if not any(t.pos_ in ("NOUN", "PROPN") for t in tokens):
        return RoleInfo()
    age = age_span = None
    window = text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    ym = _YEAR_OLD.search(window)
    if ym:
        age = _age_value(ym.group(1))
        if age is not None:
            age_span = Span(tokens[0].idx + ym.start(1), tokens[0].idx + ym.end(1))
    cleaned = _clean_role(tokens)
    if cleaned is None:
        return RoleInfo(age=age, age_span=age_span)
    role, rs, re_ = cleaned
    if role.lower() in ("year", "years"):
        return RoleInfo(age=age, age_span=age_span)
    return RoleInfo(role=role, role_span=Span(rs, re_), age=age, age_span=age_span)


def _pre_title(doc: "Doc", start_token: int) -> RoleInfo:
    """Title right before the name: 'German government spokesman Steffen Seibert'."""
    if start_token == 0:
        return RoleInfo()
    prev = doc[start_token - 1]
    if not is_title(prev.text):
        return RoleInfo()
    tokens = [prev]
    i = start_token - 2
    while i >= 0 and start_token - i <= MAX_ROLE_TOKENS:
        tok = doc[i]
        if tok.is_punct or tok.lower_ in _DETERMINERS or tok.pos_ not in ("NOUN", "PROPN", "ADJ", "PART"):
            break
        if tok.sent_start and tok.i != i:  # never cross a sentence start
            break
        tokens.insert(0, tok)
        if tok.is_sent_start:
            break
        i -= 1
    age = age_span = None
    for t in tokens:
        ym = _YEAR_OLD.fullmatch(t.text)
        if ym:
            age = _age_value(ym.group(1))
            age_span = Span(t.idx, t.idx + len(ym.group(1))) if age else None
    cleaned = _clean_role(tokens)
    if cleaned is None:
        return RoleInfo(age=age, age_span=age_span)
    role, rs, re_ = cleaned
    return RoleInfo(role=role, role_span=Span(rs, re_), age=age, age_span=age_span)


def _pre_age(doc: "Doc", start_token: int) -> RoleInfo:
    """'25-year-old Maxim Dovzhenko' (tokenised '25-year', '-', 'old' or similar)."""
    lo = max(0, start_token - 5)
    window = doc_text(doc)[doc[lo].idx : doc[start_token].idx] if start_token > 0 else ""
    m = re.search(r"(\d{1,3})[-\s]year[-\s]old\s*$", window, re.IGNORECASE)
    if not m:
        return RoleInfo()
    age = _age_value(m.group(1))
    base = doc[lo].idx
    return RoleInfo(age=age, age_span=Span(base + m.start(1), base + m.end(1))) if age else RoleInfo()


def read_role(doc: "Doc", start_token: int, end_token: int) -> RoleInfo:
    """Role and age stated around the name occupying tokens [start_token, end_token)."""
    after = _apposition(doc, end_token)
    before = _pre_title(doc, start_token)
    pre_age = _pre_age(doc, start_token) if before.age is None and after.age is None else RoleInfo()
    role, role_span = (after.role, after.role_span) if after.role else (before.role, before.role_span)
    age, age_span = after.age, after.age_span
    if age is None:
        age, age_span = (
            (before.age, before.age_span) if before.age is not None else (pre_age.age, pre_age.age_span)
        )
    return RoleInfo(role=role, role_span=role_span, age=age, age_span=age_span)


def role_head(role: str | None) -> str | None:
    """The title word a role is about: 'interior minister' -> 'minister',
    'chair of the upper house of parliament' -> 'chair'."""
    if not role:
        return None
    words = [w.lower() for w in re.split(r"[\s-]+", role.split(" of ")[0]) if w]
    for word in reversed(words):
        if word in titles():
            return word
    return words[-1] if words else None


__all__ = ["RoleInfo", "doc_text", "is_title", "read_role", "role_head", "title_gender", "titles"]
