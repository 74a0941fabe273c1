"""Numbers reader: cardinal quantities with their hedges, attached to what they count.

``read_quantities(doc, article, found)`` yields one :class:`Quantity` per number
phrase: digits ('6,700', '1.5 million'), number words ('twenty-five'), vague
magnitudes ('hundreds', 'dozens', 'a handful') as ranges, percentages, ranges
('5 to 10'), each with the hedge written before it ('at least', 'more than',
'about', 'nearly', 'up to', 'fewer than', 'some'). The counted noun and the role
('arrested', 'killed', 'injured', 'protesters', 'votes' ...) come from the
dependency parse plus the hand-written lexicon ``data/count_roles.tsv``.

It also yields *implicit* counts (``Quantity.implicit``) for singular person
phrases in a role: 'a man was shot and killed' -> 1 killed, 'the victim died'
-> 1 killed, a named person who 'was killed' -> 1 killed. Those have no written
number; their span is the noun phrase. The shooter's own death ('then killed
himself', 'took his own life') is an implicit count with counted_text 'himself'.

Headlines have their own grammar (no articles, no auxiliaries, no final stop, so
the parser glues them to the first body sentence): the role of a headline count
is read off the words after it ('Two shot near ...', 'Woman, 2 children killed').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from newsledger.extract.base import evidence
from newsledger.records import Article, ArticleExtraction, Quantity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

EXTRACTOR = "numbers@2"

# --------------------------------------------------------------------------- #
# Number words and vague magnitudes
# --------------------------------------------------------------------------- #

_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORDS = {**_UNITS, **_TENS, **_SCALES}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")

# Vague magnitudes as ranges (low, high): the plural of a scale word means 'at
# least two of them'; the upper bound is the next scale. 'several' 3-9 and 'a
# handful' 2-5 follow common dictionary glosses. Conventions, not fitted.
_VAGUE_PLURAL = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, None),
}
_VAGUE_DET = {"several": (3, 9), "numerous": (3, None), "multiple": (2, None)}

# Multi-word hedges, matched on the lower-cased words right before the number.
# Longest first so 'no more than' wins over 'more than'.
_HEDGES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        [
            (("at", "least"), "at_least"),
            (("no", "fewer", "than"), "at_least"),
            (("no", "less", "than"), "at_least"),
            (("a", "minimum", "of"), "at_least"),
            (("more", "than"), "more_than"),
            (("over",), "more_than"),
            (("upwards", "of"), "more_than"),
            (("in", "excess", "of"), "more_than"),
            (("about",), "about"),
            (("around",), "about"),
            (("some",), "about"),
            (("approximately",), "about"),
            (("roughly",), "about"),
            (("an", "estimated"), "about"),
            (("estimated",), "about"),
            (("nearly",), "nearly"),
            (("almost",), "nearly"),
            (("close", "to"), "nearly"),
            (("up", "to"), "up_to"),
            (("as", "many", "as"), "up_to"),
            (("no", "more", "than"), "up_to"),
            (("less", "than"), "less_than"),
            (("fewer", "than"), "less_than"),
            (("under",), "less_than"),
        ],
        key=lambda item: -len(item[0]),
    )
)
# Tokens after a number that make it something other than a count of things.
_NOT_COUNT_NEXT = {"year", "years", "month", "months", "day", "days", "hour", "hours", "minute", "minutes",
                   "block", "a.m.", "p.m.", "am", "pm", "o'clock", "mph", "inch", "inches", "feet", "foot",
                   "mile", "miles", "pound", "pounds", "dollars", "cents", "caliber", "calibre", "mm",
                   "degrees", "percentile", "times", "st", "nd", "rd", "th", "km", "kilometres",
                   "kilometers", "metres", "meters", "weeks", "week"}
_SKIP_ENTS = {"DATE", "TIME", "MONEY", "ORDINAL", "QUANTITY"}
_PERCENT = {"%", "percent", "per cent", "pc", "percentage"}
_SINGULAR_PRONOUNS = {"he", "she", "him", "her"}
_PERSON_DETS = {"a", "an", "another", "the", "this", "that"}
_ORDINAL_PEOPLE = {"second", "third", "fourth", "fifth"}
_SUBJ_OBJ = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "appos", "conj", "npadvmod", "oprd", "pobj"}


@dataclass(frozen=True, slots=True)
class Roles:
    verbs: dict[str, tuple[str, int]]
    particles: dict[tuple[str, str], tuple[str, int]]
    adjectives: dict[str, tuple[str, int]]
    nouns: dict[str, tuple[str, int]]
    persons: frozenset[str]
    events: dict[str, tuple[str, int]]
    things: frozenset[str]
    agents: dict[str, tuple[str, int]]


@lru_cache(maxsize=1)
def roles() -> Roles:
    """The counted-role lexicon (data/count_roles.tsv), read once per process."""
    path = Path(str(resources.files("newsledger") / "data" / "count_roles.tsv"))
    verbs, particles, adjs, nouns, persons, events, things, agents = {}, {}, {}, {}, set(), {}, set(), {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, word, role, priority = line.split("\t")
        entry = (role, int(priority))
        if kind == "verb":
            verbs[word] = entry
        elif kind == "particle":
            head, _, dep = word.partition("+")
            particles[(head, dep)] = entry
        elif kind == "adj":
            adjs[word] = entry
        elif kind == "noun":
            nouns[word] = entry
        elif kind == "person":
            persons.add(word)
        elif kind == "event":
            events[word] = entry
        elif kind == "thing":
            things.add(word)
        elif kind == "agent":
            agents[word] = entry
    return Roles(verbs, particles, adjs, nouns, frozenset(persons), events, frozenset(things), agents)


# --------------------------------------------------------------------------- #
# Number phrases
# --------------------------------------------------------------------------- #


def _word_value(text: str) -> float | None:
    low = text.lower()
    if low in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[low])
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    return None


def words_to_number(words: list[str]) -> float | None:
    """'twenty five' -> 25, '1.5 million' -> 1.5e6, '6,700' -> 6700; None if not a number."""
    total, current, seen = 0.0, 0.0, False
    for word in words:
        value = _word_value(word)
        if value is None:
            if word.lower() in {"-", "and"} and seen:
                continue
            return None
        seen = True
        if word.lower() in _SCALES:
            current = (current or 1.0) * value
            if value >= 1000:
                total, current = total + current, 0.0
        else:
            current += value
    return total + current if seen else None


def _is_num(tok: "Token") -> bool:
    return _word_value(tok.text) is not None


def _number_run(doc: "Doc", i: int) -> int:
    """End (exclusive) of the run of number tokens starting at ``i``."""
    j = i + 1
    while j < len(doc):
        tok = doc[j]
        if _is_num(tok) and not (tok.text[0].isdigit() and doc[j - 1].text[0].isdigit()):
            j += 1
        elif tok.text == "-" and j + 1 < len(doc) and doc[j + 1].text.lower() in _UNITS and doc[j - 1].text.lower() in _TENS:
            j += 1  # 'twenty-five' is tokenised twenty / - / five
        else:
            break
    return j


def _hedge_before(doc: "Doc", start: int) -> tuple[str, int]:
    lowered = [t.lower_ for t in doc[max(0, start - 3) : start]]
    for words, hedge in _HEDGES:
        n = len(words)
        if len(lowered) >= n and tuple(lowered[-n:]) == words:
            return hedge, start - n
    return "exact", start


def _bounds(value: float, hedge: str) -> tuple[float | None, float | None]:
    if hedge in ("at_least", "more_than"):
        return value, None
    if hedge in ("nearly", "up_to", "less_than"):
        return None, value
    return value, value


def _not_a_count(doc: "Doc", start: int, end: int) -> bool:
    first = doc[start]
    if first.ent_type_ in _SKIP_ENTS and not _count_in_date(doc, start, end):
        return True
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None:
        after = nxt.lower_
        if after == "-" and end + 1 < len(doc) and doc[end + 1].lower_ in _NOT_COUNT_NEXT:
            return True  # '5-year-old', '9-mm'
        if after in _NOT_COUNT_NEXT or after in {":", "/"}:
            return True
    prev = doc[start - 1].text if start else ""
    if _station_number(doc, start, end) or _children_of(doc, start):
        return True
    if prev.lower() == "no" and first.lower_ == "one":
        return True  # 'no one was hurt
    return prev in {"#", "No.", "no.", "$", "£", "€", "/", ":"} or (
        # '25' between commas right after a name or a person noun is an age:
        # 'Maxim Dovzhenko, 25,', 'Boy, 9, accidentally shot'
        prev == "," and start >= 2 and end - start == 1
        and (doc[start - 2].ent_type_ == "PERSON" or doc[start - 2].lemma_.lower() in roles().persons)
    )


def _station_number(doc: "Doc", start: int, end: int) -> bool:
    """'Fox 59', 'FOX 8 WVUE', 'Channel 7': digits right after a proper noun on the
    same line, not followed by a word saying what they count, name a station or a
    road ('Route 9'), not people. ('Houston 2 dead' keeps its count: 'dead' follows.)"""
    prev = doc[start - 1] if start else None
    if prev is None or not doc[start].text[0].isdigit() or "\n" in prev.whitespace_:
        return False
    if prev.pos_ != "PROPN" and not (prev.is_alpha and prev.is_upper and len(prev.text) > 1):
        return False  # ('FOX' is tagged a common noun)
    nxt = doc[end] if end < len(doc) else None
    return nxt is None or nxt.pos_ in ("PROPN", "PUNCT", "SPACE", "X", "NUM") or nxt.is_punct


_PARENTS = {"mother", "father", "parent", "mom", "dad", "grandmother", "grandfather", "grandparent"}


def _children_of(doc: "Doc", start: int) -> bool:
    """'a mother of three': the number counts someone's children, not people in the event."""
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lemma_.lower() in _PARENTS


_CALENDAR = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|year|month|week|day"
    r"|hour|minute|second|night|morning|evening|century|decade|season|a\.?m\b|p\.?m\b)|\d{1,2}:\d\d|^'?\d{2}s?$",
    re.I,
)


def _count_in_date(doc: "Doc", start: int, end: int) -> bool:
    """spaCy tags 'between 5 and 10' or '6,700 people' DATE/QUANTITY now and then;
    a number counts things unless its entity reads like a calendar or clock."""
    tok = doc[start]
    if tok.ent_type_ not in ("DATE", "TIME", "QUANTITY"):
        return False
    ent = next((e for e in tok.sent.ents if e.start <= start < e.end), None)
    if ent is None:
        return False
    value = words_to_number([t.text for t in doc[start:end]])
    if value is not None and 1900 <= value <= 2100 and "," not in doc[start].text:
        return False  # a year
    return _CALENDAR.search(ent.text) is None and tok.ent_type_ != "QUANTITY"


@dataclass(slots=True)
class _Phrase:
    start: int  # token index of the first token incl. hedge
    num_start: int
    end: int  # exclusive, incl. unit '%'
    low: float | None
    high: float | None
    hedge: str
    unit: str
    anchor: int  # token whose syntactic position tells what is counted


def _phrases(doc: "Doc") -> Iterator[_Phrase]:
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        low_text = tok.lower_
        # vague plurals: 'hundreds', 'tens of thousands', 'hundreds of thousands'
        if low_text in _VAGUE_PLURAL or (low_text == "tens" and i + 2 < n and doc[i + 1].lower_ == "of"
                                         and doc[i + 2].lower_ in ("thousands", "millions")):
            end, lo, hi = i + 1, *_VAGUE_PLURAL.get(low_text, (0, 0))
            if low_text == "tens":
                end, scale = i + 3, _SCALES[doc[i + 2].lower_[:-1]]
                lo, hi = 20 * scale, 100 * scale - 1
            elif end + 1 < n and doc[end].lower_ == "of" and doc[end + 1].lower_ in ("thousands", "millions"):
                scale = _SCALES[doc[end + 1].lower_[:-1]]
                lo, hi, end = lo * scale, (hi * scale if hi else None), end + 2
            hedge, start = _hedge_before(doc, i)
            yield _Phrase(start, i, end, lo, hi, "vague" if hedge == "exact" else hedge, "count", i)
            i = end
            continue
        if low_text in _VAGUE_DET and tok.dep_ in ("amod", "nummod", "det", "nsubj", "nsubjpass", "dobj"):
            lo, hi = _VAGUE_DET[low_text]
            yield _Phrase(i, i, i + 1, lo, hi, "vague", "count", i)
            i += 1
            continue
        if low_text == "both" and tok.dep_ in ("det", "nsubj", "nsubjpass", "dobj", "appos"):
            # 'Both victims were taken to hospital', 'both were hurt': two people
            yield _Phrase(i, i, i + 1, 2.0, 2.0, "exact", "count", i)
            i += 1
            continue
        special = _special(doc, i) if low_text in ("a", "half") else None
        if special is not None:
            yield special
            i = special.end
            continue
        if not _is_num(tok) or low_text in _SCALES:
            i += 1
            continue
        end = _number_run(doc, i)
        value = words_to_number([t.text for t in doc[i:end]])
        unit, stop = "count", end
        if end < n and doc[end].lower_ in _PERCENT:
            unit, stop = "percent", end + 1
        elif end + 1 < n and f"{doc[end].lower_} {doc[end + 1].lower_}" == "per cent":
            unit, stop = "percent", end + 2  # spaCy tags '5 per cent' MONEY: check before skipping
        if value is None or (unit == "count" and _not_a_count(doc, i, end)):
            i = end
            continue
        hedge, start = _hedge_before(doc, i)
        low, high = _bounds(value, hedge)
        start, stop, low, high, hedge = _range_after(doc, start, i, stop, low, high, hedge)
        yield _Phrase(start, i, stop, low, high, hedge, unit, end - 1)
        i = stop


def _special(doc: "Doc", i: int) -> _Phrase | None:
    """'a dozen', 'half a dozen', 'a handful', 'a few', 'a couple' (word patterns)."""
    words = [t.lower_ for t in doc[i : i + 3]]
    table = (
        (["half", "a", "dozen"], 6, 6, "about"),
        (["a", "dozen"], 12, 12, "about"),
        (["a", "handful"], 2, 5, "vague"),
        (["a", "few"], 2, 5, "vague"),
        (["a", "couple"], 2, 2, "about"),
    )
    for pattern, lo, hi, hedge in table:
        if words[: len(pattern)] == pattern:
            end = i + len(pattern)
            if end < len(doc) and doc[end].lower_ in ("of", "people", "men", "women") or pattern[-1] == "dozen":
                return _Phrase(i, i, end, lo, hi, hedge, "count", end - 1)
    return None


def _range_after(doc: "Doc", start: int, num_start: int, stop: int, low, high, hedge: str):
    """'5 to 10', '5-10', 'between 5 and 10' widen the phrase to a range."""
    n = len(doc)
    if stop + 1 < n and doc[stop].lower_ in ("to", "-", "–", "and") and _is_num(doc[stop + 1]):
        if doc[stop].lower_ == "and" and not (num_start and doc[num_start - 1].lower_ == "between"):
            return start, stop, low, high, hedge
        end = _number_run(doc, stop + 1)
        other = words_to_number([t.text for t in doc[stop + 1 : end]])
        if other is not None and low is not None and other > low:
            if end < n and doc[end].lower_ in _PERCENT:
                end += 1
            if num_start and doc[num_start - 1].lower_ == "between":
                start = min(start, num_start - 1)
            return start, end, low, other, hedge
    return start, stop, low, high, hedge


# --------------------------------------------------------------------------- #
# Attachment: what a number counts
# --------------------------------------------------------------------------- #


def _counted_noun(doc: "Doc", anchor: "Token") -> "Token | None":
    """The noun a number counts: its head for 'two people', the object of 'of' for
    'hundreds of employees', None when the number stands alone ('two were hurt')."""
    if (anchor.dep_ in ("nummod", "quantmod", "amod", "compound") or (anchor.dep_ == "det" and anchor.lower_ == "both")
            ) and anchor.head.pos_ in ("NOUN", "PROPN"):
        return anchor.head
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN", "PRON"):
                    return obj
    if anchor.pos_ in ("NOUN",) and anchor.lower_ not in _VAGUE_PLURAL:
        return anchor
    return None


def _top(tok: "Token") -> "Token":
    """Climb from a counted noun to the token that fills the verb's slot."""
    while tok.dep_ in ("pobj",) and tok.head.dep_ == "prep" and tok.head.lower_ == "of" and tok.head.head.i != tok.i:
        tok = tok.head.head
    return tok


def _verb_roles(verb: "Token", lex: Roles, voice: str = "any",
                reflexive: bool = False) -> list[tuple[str, int]]:
    """Roles a verb gives the phrase in its ``voice`` slot: 'agent' (active subject),
    'patient' (object or passive subject) or 'any'. A verb done to oneself ('the
    man who killed himself') gives no role to anyone but the reflexive object
    (``reflexive``: read for that object)."""
    found = []
    lemma = verb.lemma_.lower()
    if _unrealised(verb):
        return found
    if not reflexive and any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVES for c in verb.children):
        return found
    if _wished(verb) and (lex.verbs.get(lemma) or lex.agents.get(lemma) or ("", 0))[0] in _VICTIM_ROLES:
        return found
    if lemma in lex.verbs and voice != "agent":
        found.append(lex.verbs[lemma])
    if lemma in lex.agents and (voice != "patient" or _dies_too(verb, lex)):
        found.append(lex.agents[lemma])
    if verb.pos_ in ("ADJ",) and verb.lower_ in lex.adjectives:
        found.append(lex.adjectives[verb.lower_])
    for child in verb.children:
        words = [child.lower_]
        if child.dep_ == "prep":
            words += [g.lemma_.lower() for g in child.children if g.dep_ == "pobj"]
        for word in words:
            if (lemma, word) in lex.particles:
                found.append(lex.particles[(lemma, word)])
        if child.dep_ in ("acomp", "oprd", "xcomp") and child.lower_ in lex.adjectives \
                and not any(g.dep_ == "dobj" for g in child.children):  # ('say killed himself': a verb)
            found.append(lex.adjectives[child.lower_])
        if child.dep_ == "prep":
            found += _condition_roles(child)
    return found


_UNREALISED_ADVS = {"possibly", "nearly", "almost", "narrowly"}
_UNREALISED_AUX = {"could", "would", "might", "may"}
_REALISED_AUX = {"would", "did", "does", "do"}


def _wished(verb: "Token") -> bool:
    """A base form tells what was wanted, feared or ordered, not done: 'yelling at
    us to go ahead and kill him', 'Shoot him!', 'will survive' ('where he would
    later die' is done: told in the future of the past). Read for the victim
    verbs only: 'police moved in to detain protesters' tells the detentions."""
    return verb.tag_ == "VB" and not any(c.lower_ in _REALISED_AUX for c in verb.children) and not (
        verb.dep_ == "conj" and any(c.lower_ in _REALISED_AUX for c in verb.head.children))


def _unrealised(verb: "Token") -> bool:
    """'came within inches of possibly killing the trooper', 'could have killed
    someone', 'nearly killed', 'was not struck': told, but it did not happen."""
    kids = list(verb.children)
    if any(c.dep_ == "neg" for c in kids):
        return True  # 'the suspect was not struck'
    if any(c.dep_ == "advmod" and c.lower_ in _UNREALISED_ADVS for c in kids):
        return True
    return any(c.lower_ in _UNREALISED_AUX for c in kids) and any(c.lower_ == "have" for c in kids)


_CONDITIONS = {"critical", "serious", "stable", "fair", "grave", "good", "life-threatening"}


def _condition_roles(prep: "Token") -> list[tuple[str, int]]:
    """'(left ...) in critical condition', 'in the hospital', 'with gunshot wounds',
    'with non-life threatening injuries' -> injured; 'with fatal wounds' -> killed."""
    out = []
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        lemma = obj.lemma_.lower()
        mods = {c.lower_ for c in obj.children if c.dep_ in ("amod", "compound", "npadvmod")}
        if prep.lower_ == "in" and lemma == "condition" and mods & _CONDITIONS:
            out.append(("injured", 65))
        elif prep.lower_ == "in" and lemma == "hospital":
            out.append(("injured", 45))
        elif prep.lower_ == "with" and lemma in ("injury", "wound"):
            out.append(("killed", 92) if mods & {"fatal", "mortal"} else ("injured", 65))
    return out


def _role_of(doc: "Doc", anchor: "Token", noun: "Token | None", lex: Roles, implicit: bool = False,
             headline: bool = False, title_end: int = 0) -> str | None:
    """Highest-priority role read from the verbs/adjectives around the counted phrase.

    ``title_end``: where the headline ends when the text starts with it. The
    headline has no final stop, so the parser often glues it to the first body
    sentence ('Police investigate shooting Mark Lee, 22, died ...' makes 'Mark Lee'
    the object of 'shooting'); a verb in the headline gives no role to a phrase
    in the body."""
    if noun is not None and noun.lemma_.lower() in lex.things:
        return None  # 'several times', 'three shots': not people
    found: list[tuple[str, int]] = []
    slot = _top(noun if noun is not None else anchor)
    if noun is not None and noun.i != anchor.i and anchor.head.i != noun.i:
        slot = _top(anchor)  # 'hundreds of employees walked out': hundreds fills the slot
    while slot.dep_ == "conj" and slot.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ"):
        for child in slot.children:  # 'two dead and three injured': own modifiers win
            if child.dep_ in ("amod", "acl") and child.lower_ in lex.adjectives:
                found.append(lex.adjectives[child.lower_])
        if found:
            return max(found, key=lambda rp: rp[1])[0]
        slot = slot.head
        if slot.pos_ == "ADJ" and slot.dep_ in ("oprd", "acomp") and slot.lower_ in lex.adjectives:
            return lex.adjectives[slot.lower_][0]  # 'left two dead and three hurt' misparsed as conj of 'dead'
    for child in (noun or anchor).children:
        if child.dep_ in ("amod", "acl", "relcl") and child.i > (noun or anchor).i:
            if child.pos_ == "VERB":
                # 'Jon Boring, who was shot and killed' (patient) vs 'the man who
                # shot Boring' (agent); a reduced relative 'a man shot by police' is passive
                active = child.dep_ == "relcl" and any(g.dep_ == "nsubj" for g in child.children)
                for v in _with_conj(child):
                    found += _verb_roles(v, lex, "agent" if active else "patient")
            if child.lower_ in lex.adjectives:
                found.append(lex.adjectives[child.lower_])
        if child.dep_ == "advmod" and child.lower_ in ("fatally", "mortally"):
            found.append(("killed", 95))  # 'three men were shot, one fatally'
        if child.dep_ == "prep" and (noun or anchor).dep_ in ("dobj", "nsubjpass", "nsubj"):
            found += _condition_roles(child)  # 'found a man with a gunshot wound'
        elif child.dep_ == "prep" and (noun or anchor).dep_ == "conj":
            own = _condition_roles(child)  # 'left one man dead and another with injuries': its own state
            if own:
                return max(own, key=lambda rp: rp[1])[0]
    event = _event_of(slot, lex)
    if event is not None:
        return event
    origin = noun if noun is not None else anchor
    if slot.i != origin.i and slot.lemma_.lower() in lex.events and origin.dep_ == "pobj":
        # 'found the bodies of two men', 'the shooting of three teens': the noun
        # the count hangs from names what happened to them
        if any(c.dep_ == "amod" and c.lower_ in ("fatal", "deadly") for c in slot.children):
            return "killed"
        return lex.events[slot.lemma_.lower()][0]
    if slot.dep_ in _SUBJ_OBJ or slot.dep_ in ("nummod", "ROOT"):
        verb = slot.head if slot.dep_ != "ROOT" else slot
        # 'were shot and killed' shares the subject; 'were arrested and 2,000 were
        # set free' does not: a conjoined verb with its own subject is another clause.
        # Likewise 'shot three women and then killed himself': a conjoined verb with
        # its own object does not act on this one.
        own = ("nsubj", "nsubjpass", "dobj") if slot.dep_ == "dobj" else ("nsubj", "nsubjpass")
        # ('was struck once and is in critical condition': the conjoined 'is' carries the state)
        verbs = [verb] + [c for c in verb.children if c.dep_ in ("conj", "xcomp") and c.pos_ in ("VERB", "ADJ", "AUX")
                          and not any(g.dep_ in own for g in c.children)]
        # ('kill three people and wound nine others': 'nine others' is wound's own
        # object; the head verb acting on an object of its own does not act on it)
        # ('2 killed, 3 wounded': '3' is the subject of its own verb)
        if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and slot.head.i == verb.i and slot.dep_ not in (
            "nsubj", "nsubjpass", "npadvmod") and not any(
            g.dep_ in ("nsubj", "nsubjpass") and g.i != slot.i for g in verb.children
        ) and not any(g.dep_ in ("nsubj", "nsubjpass") for g in verb.head.children if g.i < verb.i and slot.i > verb.i
                      ) and not (slot.dep_ == "dobj" and any(g.dep_ == "dobj" for g in verb.head.children)):
            verbs.append(verb.head)
        # 'charged ... after being shot': a passive adverbial clause with no
        # subject of its own is about the same person
        verbs += [c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "VERB"
                  and any(g.dep_ == "auxpass" for g in c.children)
                  and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
        voice = _voice(slot)
        if headline and voice == "agent" and not _acts_on_someone(verb, lex):
            voice = "any"  # headlines drop 'was': 'Woman shot, killed in ...', 'Four wounded'
        if headline:  # 'Woman shot, killed': the second participle hangs as advcl
            verbs += [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBN"]
        if title_end and anchor.idx >= title_end:
            verbs = [v for v in verbs if v.idx >= title_end]
            if verb.idx < title_end:  # the phrase hangs from the headline: find its own predicate
                orphan = _orphan_predicate(doc, slot, title_end)
                if orphan is not None:
                    verbs = _with_conj(orphan)
                    voice = "patient" if any(c.dep_ == "auxpass" for c in orphan.children) else "agent"
                    verb = orphan
        for v in [w for v in verbs for w in _with_conj(v)] if len(verbs) > 1 else verbs:
            found += _verb_roles(v, lex, voice if v.i == verb.i or voice != "agent" else _conj_voice(v))
        if slot.dep_ == "dobj":  # 'left two dead': the object's predicate sits on the verb
            for c in verb.children:
                if c.dep_ in ("oprd", "xcomp", "ccomp") and c.lower_ in lex.adjectives:
                    found.append(lex.adjectives[c.lower_])
    if not found and not implicit and noun is not None and noun.lemma_.lower() in lex.nouns:
        found.append(lex.nouns[noun.lemma_.lower()])
    if not found:
        return None
    return max(found, key=lambda rp: rp[1])[0]


def _orphan_predicate(doc: "Doc", slot: "Token", title_end: int) -> "Token | None":
    """The first body verb after a phrase the parser hung from the headline
    ('Shooting / John Smith, 40, was shot and killed': 'Smith' became the object of
    'Shooting') that has no subject of its own in the body: the phrase's predicate."""
    for tok in doc[slot.i + 1 : slot.sent.end]:
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "acl", "relcl", "advcl", "pcomp") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") and c.idx >= title_end for c in tok.children):
            return tok
        if tok.text in (".", ";") or tok.dep_ == "relcl":
            return None
    return None


def _dies_too(verb: "Token", lex: Roles) -> bool:
    """'He was found unresponsive and later died': a conjoined 'die' with no subject
    of its own shares the passive subject, and dying has no patient."""
    return (verb.dep_ == "conj" and lex.agents[verb.lemma_.lower()][0] == "killed"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def _acts_on_someone(verb: "Token", lex: Roles) -> bool:
    """'Gunman kills two', 'Man shoots neighbor': an active headline verb with a
    person object, or with an auxiliary ('has shot'), is not a reduced passive."""
    for c in verb.children:
        if c.dep_ == "aux" or verb.tag_ in ("VBZ", "VBP"):
            return True
        if c.dep_ == "dobj" and (c.pos_ in ("NUM", "PRON") or c.ent_type_ == "PERSON"
                                 or c.lemma_.lower() in lex.persons):
            return True
    return False


def _with_conj(verb: "Token") -> list["Token"]:
    """A verb and the verbs conjoined to it that share its subject ('shot and killed')."""
    return [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                     and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]


def _voice(slot: "Token") -> str:
    if slot.dep_ == "nsubj":
        return "agent"
    if slot.dep_ in ("nsubjpass", "dobj", "obj"):
        return "patient"
    return "any"


def _conj_voice(verb: "Token") -> str:
    """A conjoined verb sharing an active subject: 'shot and killed' after 'was' is
    passive (auxpass on the first verb), after 'who' active."""
    head = verb.head
    return "patient" if any(c.dep_ == "auxpass" for c in head.children) else "agent"


def _event_of(slot: "Token", lex: Roles) -> str | None:
    """'the murder of a pizza shop worker' -> killed; 'a fatal shooting of X' -> killed."""
    if slot.dep_ != "pobj" or slot.head.lower_ != "of":
        return None
    event = slot.head.head
    role = lex.events.get(event.lemma_.lower())
    if role is None:
        return None
    if any(c.dep_ == "amod" and c.lower_ in ("fatal", "deadly") for c in event.children):
        return "killed"
    return role[0]


def _noun_span(noun: "Token") -> tuple[int, int]:
    left = noun
    for child in noun.lefts:
        if child.dep_ == "compound":
            left = child
            break
    return left.idx, noun.idx + len(noun.text)


# --------------------------------------------------------------------------- #
# The reader
# --------------------------------------------------------------------------- #


def read_quantities(doc: "Doc", article: Article, found: ArticleExtraction) -> Iterator[Quantity]:
    """Every counted quantity in the article, explicit and implicit."""
    lex = roles()
    text = doc.text  # Doc.text rebuilds the string on every access: read it once
    title_end = _title_end(text, article)
    covered: set[int] = set()
    for phrase in _phrases(doc):
        covered.update(range(phrase.start, phrase.end))
        yield _explicit(doc, text, article, phrase, lex, title_end)
    yield from _implicit(doc, text, article, found, lex, covered, title_end)
    yield from _nominal_deaths(doc, text, article, lex)
    yield from _multiple_victims(doc, text, article)
    yield from _self_inflicted(doc, text, article, lex)


def _explicit(doc: "Doc", text: str, article: Article, p: _Phrase, lex: Roles, title_end: int) -> Quantity:
    anchor = doc[p.anchor]
    start, end = doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1].text)
    counts = counted_text = counted_span = None
    if p.unit == "percent":
        sent = anchor.sent.text.lower()
        counts = "votes" if any(w in sent for w in ("vote", "ballot", "election", "poll")) else None
    else:
        noun = _counted_noun(doc, anchor)
        if noun is not None and p.start <= noun.i < p.end:
            noun = None if noun.i == p.anchor and anchor.lower_ in _VAGUE_PLURAL else noun
        if noun is not None and start < title_end and _headline_word_role(doc, noun.i, lex):
            noun = None  # the tagger may take headline 'Two shot near ...' for two shots
        thing = noun is not None and noun.lemma_.lower() in lex.things  # 'Man shot multiple times'
        listed = _headline_list(doc, doc[p.start], doc[p.end - 1], lex, title_end) \
            if start < title_end and not thing else (0, doc[p.start], doc[p.end - 1])
        told = _headline_role(doc, listed[1], listed[2], lex, title_end) \
            if start < title_end and not thing else None
        counts = (told or None) if told is not None else _role_of(
            doc, anchor, noun, lex, headline=start < title_end, title_end=title_end)
        if counts in ("shot", "injured", None) and _fatally_after(doc, p.end):
            counts = "killed"  # 'Five people were shot, two of them fatally'
        if noun is not None and noun.i != anchor.i:
            s, e = _noun_span(noun)
            counted_text, counted_span = text[s:e], Span(s, e)
    low, high = p.low, p.high
    if p.unit != "percent" and told and listed[0] and low is not None:
        # 'Woman, 2 children killed': the people listed with it share the state
        low, high = low + listed[0], (high + listed[0] if high is not None else None)
        start, end = min(start, listed[1].idx), max(end, listed[2].idx + len(listed[2].text))
    if counts in _VICTIM_ROLES and noun is not None and low is not None:
        extra, last = _conjoined_people(doc, noun, lex)
        if extra:  # 'killing his five children as well as his wife': six, spanned whole
            low, high = low + extra, (high + extra if high is not None else None)
            end = max(end, last.idx + len(last.text))
    return Quantity(
        evidence=evidence(doc, article, start, end, EXTRACTOR),
        text=text[start:end],
        low=low,
        high=high,
        hedge=p.hedge,  # type: ignore[arg-type]
        unit=p.unit,  # type: ignore[arg-type]
        counts=counts,
        counted_text=counted_text,
        counted_span=counted_span,
    )


_VICTIM_ROLES = ("killed", "injured", "shot")


def _conjoined_people(doc: "Doc", noun: "Token", lex: Roles) -> tuple[int, "Token | None"]:
    """People conjoined to a counted noun share its role and add to it: 'two
    children and their mother' (+1), 'three men and two women' (+2), 'five
    children as well as his wife' (+1). Not 'X instead of / not Y'."""
    extra, last = 0, None
    for c in noun.subtree:
        if c.dep_ != "conj" or c.i <= noun.i or any(t.lower_ in _NOT_ALSO for t in doc[noun.i : c.i]):
            continue
        head = c.head
        while head.dep_ == "conj" and head.i != noun.i:
            head = head.head
        if head.i != noun.i:
            continue
        num = next((g for g in c.children if g.dep_ == "nummod"), None)
        if c.tag_ in ("NNS", "NNPS") and num is not None and c.lemma_.lower() in lex.persons:
            value = words_to_number([num.lower_]) if not num.text.isdigit() else float(num.text)
            if value is None:
                continue
            extra += int(value)
        elif c.tag_ in ("NN", "NNP") and (c.lemma_.lower() in lex.persons or c.ent_type_ == "PERSON"):
            extra += 1
        else:
            continue
        last = c
    return extra, last


def _fatally_after(doc: "Doc", end: int) -> bool:
    """'two (of them) fatally': the adverb right after the number, the clause elided."""
    i = end
    if i + 1 < len(doc) and doc[i].lower_ == "of" and doc[i + 1].lower_ in ("them", "whom", "those"):
        i += 2
    return i < len(doc) and doc[i].lower_ in ("fatally", "mortally")


def _title_end(text: str, article: Article) -> int:
    """Character end of the title when the text starts with it, else 0."""
    title = (article.title or "").strip()
    return len(title) if title and text.startswith(title) else 0


_DEATH_NOUNS = {"death", "murder", "homicide", "killing", "slaying"}


def _nominal_deaths(doc: "Doc", text: str, article: Article, lex: Roles) -> Iterator[Quantity]:
    """'a fatal shooting', 'a shooting death', 'charged with murder': someone was
    killed, how many unsaid -> at least one. Not 'attempted murder', not a
    modifier ('murder charges', 'homicide detectives', 'death penalty')."""
    for tok in doc:
        lemma = tok.lemma_.lower()
        fatal = lemma == "shooting" and any(c.dep_ == "amod" and c.lower_ in ("fatal", "deadly") for c in tok.children)
        if not (fatal or lemma in _DEATH_NOUNS) or tok.tag_ != "NN" or tok.dep_ == "compound":
            continue
        if any(c.lower_ in ("attempted", "attempt", "no", "possible") for c in tok.children) or tok.ent_type_:
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            continue  # 'the murder of X': X is counted by _implicit
        left = min([c.i for c in tok.children if c.dep_ in ("amod", "compound")] + [tok.i])
        start, end = doc[left].idx, tok.idx + len(tok.text)
        yield Quantity(
            evidence=evidence(doc, article, start, end, EXTRACTOR),
            text=text[start:end],
            low=1.0,
            high=None,
            hedge="at_least",
            counts="killed",
            counted_text=None,
            implicit=True,
        )


_MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4}
_MULTIPLE_ROLES = {"shooting": "shot", "homicide": "killed", "murder": "killed", "killing": "killed",
                   "slaying": "killed"}


def _multiple_victims(doc: "Doc", text: str, article: Article) -> Iterator[Quantity]:
    """'a double shooting' -> 2 shot, 'a triple homicide' -> 3 killed: crime
    reporting's words for one incident with that many victims."""
    for tok in doc:
        role = _MULTIPLE_ROLES.get(tok.lemma_.lower())
        if role is None:
            continue
        mult = next((c for c in tok.children if c.lower_ in _MULTIPLES and c.i < tok.i), None)
        if mult is None:
            continue
        start, end = mult.idx, tok.idx + len(tok.text)
        n = float(_MULTIPLES[mult.lower_])
        yield Quantity(
            evidence=evidence(doc, article, start, end, EXTRACTOR),
            text=text[start:end],
            low=n,
            high=n,
            hedge="exact",
            counts=role,
            counted_text=None,
            implicit=True,
        )


_REFLEXIVES = {"himself", "herself"}
# Verbs whose reflexive object is a wish or an attempt, not a deed: 'threatened
# to kill himself', 'tried to shoot herself'.
_NOT_DONE = {"threaten", "try", "attempt", "want", "vow", "plan", "intend"}


def _self_inflicted(doc: "Doc", text: str, article: Article, lex: Roles) -> Iterator[Quantity]:
    """The one who shot himself: 'then killed himself', 'fatally shot herself',
    'took his own life', 'turned the gun on himself' -> one person, counted_text
    'himself' (the casualties reader adds the shooter to the people he shot)."""
    for tok in doc:
        role = None
        if tok.lower_ in _REFLEXIVES and tok.dep_ in ("dobj", "obj", "pobj"):
            verb = tok.head if tok.dep_ != "pobj" else tok.head.head
            if tok.dep_ == "pobj" and not (tok.head.lower_ == "on" and verb.lemma_.lower() == "turn"):
                continue
            if tok.dep_ == "pobj":  # 'turned the gun on himself': reported as the shooter's suicide
                role = "killed"
            else:
                roles = _verb_roles(verb, lex, "patient", reflexive=True)
                role = max(roles, key=lambda rp: rp[1])[0] if roles else None
        elif tok.lemma_.lower() == "life" and tok.dep_ == "dobj" and tok.head.lemma_.lower() == "take" \
                and any(c.lower_ == "own" for c in tok.children):
            verb = tok.head
            role = None if _unrealised(verb) else "killed"
        else:
            continue
        if role not in ("killed", "shot", "injured") or (
                verb.head.lemma_.lower() in _NOT_DONE and verb.dep_ in ("xcomp", "ccomp", "advcl")):
            continue
        # ('his own life': the span starts at the possessive)
        start = min([c.idx for c in tok.children if c.dep_ == "poss"] + [tok.idx])
        end = tok.idx + len(tok.text)
        yield Quantity(
            evidence=evidence(doc, article, start, end, EXTRACTOR),
            text=text[start:end],
            low=1.0,
            high=1.0,
            hedge="exact",
            counts=role,
            counted_text="himself",
            counted_span=Span(start, end),
            implicit=True,
        )


# Headline grammar ('Man shot, killed in ...', '3 killed, 2 wounded', 'Teen dead
# from gunshot wound', 'Gunman kills 2'): articles and auxiliaries are dropped, a
# participle or adjective after a count is its state, a present-tense verb is
# active. The headline has no final stop, so the parser often glues it to the
# first body sentence; these roles are read off the words, not the parse.
_HEADLINE_STOPS = {";", ":", "|", "—", "–", "-", "--", "«", "»", "?", "!"}
_HEADLINE_VICTIM = ("killed", "injured", "shot")
_ACTIVE_TAGS = ("VBZ", "VBP")


# Headline words are read by their form (the tagger takes 'Two shot near ...'
# for a noun): irregular participles of the victim verbs, else the regular endings.
_IRREGULAR = {"shot": "shoot", "slain": "slay", "hurt": "hurt", "hit": "hit", "struck": "strike",
              "found": "find", "left": "leave", "beaten": "beat"}


def _headline_verb(word: str, lex: Roles) -> tuple[str, str] | None:
    """(lemma, 'past' | 'present') of a headline verb form in the lexicon:
    'shot' -> shoot past, 'gunned' -> gun past, 'kills' -> kill present, 'dies' -> die present."""
    if word in _IRREGULAR:
        return _IRREGULAR[word], "past"
    known = lambda w: w in lex.verbs or w in lex.agents or any(h == w for h, _ in lex.particles)  # noqa: E731
    if word.endswith("ed"):
        for stem in (word[:-2], word[:-1], word[:-3], word[:-3] + "y"):
            if stem and known(stem):
                return stem, "past"
    if word.endswith("s") and not word.endswith("ss"):
        for stem in (word[:-1], word[:-2]):
            if stem and known(stem):
                return stem, "present"
    return None


def _headline_word_role(doc: "Doc", j: int, lex: Roles) -> tuple[str, int] | None:
    """The state a headline word gives the count before it ('shot', 'dead',
    'dies', 'shot dead', 'found dead'), None for other words."""
    low = doc[j].lower_
    nxt = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    verb = _headline_verb(low, lex)
    if verb is not None and (verb[0], nxt) in lex.particles:
        return lex.particles[(verb[0], nxt)]
    if low in lex.adjectives:
        return lex.adjectives[low]
    if verb is not None and verb[1] == "past" and verb[0] in lex.verbs:
        return lex.verbs[verb[0]]
    if verb is not None and verb[0] in lex.agents:
        return lex.agents[verb[0]]
    return None


def _headline_active(doc: "Doc", j: int, lex: Roles) -> bool:
    """'kills', 'shoots', 'wounds': a present-tense victim verb, its subject the shooter."""
    verb = _headline_verb(doc[j].lower_, lex)
    return verb is not None and verb[1] == "present" and verb[0] in lex.verbs


def _headline_np(doc: "Doc", j: int, step: int, lex: Roles, title_end: int) -> tuple[int, int] | None:
    """(people, index past the phrase) of a headline noun phrase starting (step 1)
    or ending (step -1) at ``j``: a number and its noun ('2 children') or one
    person ('woman', 'Teen'); (0, index past) for a bare number, an age ('Man, 19,
    fatally shot'); None when it is neither."""
    people, k, nouns = None, j, 0
    while 0 <= k < len(doc) and doc[k].idx < title_end and (doc[k].pos_ in ("NOUN", "PROPN", "NUM", "ADJ")
                                                            or doc[k].like_num) \
            and _headline_word_role(doc, k, lex) is None and not _headline_active(doc, k, lex):
        if doc[k].like_num:
            value = float(doc[k].text) if doc[k].text.isdigit() else words_to_number([doc[k].lower_])
            people = int(value) if value is not None else people
        elif people is None and doc[k].lemma_.lower() in lex.persons and doc[k].tag_ not in ("NNS", "NNPS"):
            people = 1
        nouns += doc[k].pos_ in ("NOUN", "PROPN")
        k += step
    if people is not None and k != j and not nouns:
        return 0, k  # an age
    return (people, k) if people is not None and k != j else None


def _headline_list(doc: "Doc", first: "Token", last: "Token", lex: Roles, title_end: int
                   ) -> tuple[int, "Token", "Token"]:
    """'Woman, 2 children killed', 'Man, woman shot': the other people a headline
    lists beside this count before their shared state -> (people added, first
    token, last token of the list)."""
    extra, lo, hi = 0, first.i, last.i
    k = last.i + 1
    while k < len(doc) and doc[k].idx < title_end and doc[k].pos_ in ("NOUN", "PROPN") \
            and _headline_word_role(doc, k, lex) is None and not _headline_active(doc, k, lex):
        hi, k = k, k + 1  # this phrase's own noun
    while k + 1 < len(doc) and doc[k].lower_ in (",", "and", "&"):
        k += 1 + (doc[k].lower_ == "," and doc[k + 1].lower_ == "and")
        np = _headline_np(doc, k, 1, lex, title_end)
        if np is None:
            break
        extra, hi, k = extra + np[0], np[1] - 1, np[1]
    k = first.i - 1
    while k - 1 >= 0 and doc[k].lower_ in (",", "and", "&"):
        np = _headline_np(doc, k - 1, -1, lex, title_end)
        if np is None:
            break
        extra, lo, k = extra + np[0], np[1] + 1, np[1]
    return extra, doc[lo], doc[hi]


def _headline_role(doc: "Doc", first: "Token", last: "Token", lex: Roles, title_end: int) -> str | None:
    """Victim role of the count or person spanning first..last in the headline:
    '' when it is the one who acts ('Gunman kills 2', 'Man shoots neighbor'),
    None when the headline words say nothing (the parse decides)."""
    # the object of a verb before it: 'Gunman kills 2', 'Cop shoots and wounds suspect'
    left = min(first.i, first.left_edge.i) - 1
    if left >= 0 and _headline_verb(doc[left].lower_, lex) is not None:
        lemma = _headline_verb(doc[left].lower_, lex)[0]
        role = _headline_word_role(doc, left, lex) or (
            lex.verbs.get(lemma) if _headline_active(doc, left, lex) else None)
        if role is not None and role[0] in _HEADLINE_VICTIM:
            return role[0]
    found: list[tuple[str, int]] = []
    j = last.i + 1
    while j < len(doc) and doc[j].idx < title_end and doc[j].pos_ in ("NOUN", "PROPN") \
            and not doc[j].is_punct and _headline_word_role(doc, j, lex) is None \
            and not _headline_active(doc, j, lex):
        j += 1  # the counted noun: '2 people killed', 'Two Chicago officers wounded'
    # its state comes right after it ('Search continues for 2 men after vehicle shot
    # at': the men are not the ones shot at)
    if j >= len(doc) or doc[j].idx >= title_end or not (
            _headline_word_role(doc, j, lex) or _headline_active(doc, j, lex)
            or (doc[j].pos_ == "ADV" and j + 1 < len(doc) and _headline_word_role(doc, j + 1, lex))):
        return None
    while j < len(doc) and doc[j].idx < title_end:
        t = doc[j]
        if t.text in _HEADLINE_STOPS or t.is_space:
            break
        if t.lower_ in (",", "and", "&"):
            if j + 1 < len(doc) and doc[j + 1].idx < title_end and _headline_word_role(doc, j + 1, lex):
                j += 1  # 'Man shot, killed': one subject, two states
                continue
            break
        if _headline_active(doc, j, lex):
            if found:
                break
            if j + 1 < len(doc) and doc[j + 1].lower_ in _REFLEXIVES:  # 'Child shoots himself'
                return lex.verbs[_headline_verb(t.lower_, lex)[0]][0]
            return ""  # 'Man shoots neighbor': the shooter
        role = _headline_word_role(doc, j, lex)
        if role is not None:
            found.append(role)
        elif t.like_num or (t.lemma_.lower() in lex.persons and doc[j - 1].pos_ != "ADP"):
            break  # another count or person: its own subject
        j += 1
    victim = [rp for rp in found if rp[0] in _HEADLINE_VICTIM]
    return max(victim, key=lambda rp: rp[1])[0] if victim else None


# Entity mention forms that name a person: 'William Waldron', later 'Waldron', 'Mr. Waldron'.
_NAME_FORMS = ("name", "surname", "honorific")


def _age_noun(doc: "Doc", tok: "Token") -> bool:
    """'a 19-year-old' used as a noun: one person (US crime reporting's usual way)."""
    return (tok.lower_ == "old" and tok.i >= 4 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "year"
            and doc[tok.i - 4].text.isdigit() and tok.dep_ in ("nsubj", "nsubjpass", "dobj")
            and any(c.dep_ == "det" and c.lower_ in _PERSON_DETS for c in tok.children))


def _person_heads(doc: "Doc", found: ArticleExtraction, lex: Roles, title_end: int) -> dict[int, int]:
    """Token index of each singular person phrase's head -> index of its first token."""
    heads: dict[int, int] = {}
    for tok in doc:
        if tok.pos_ in ("NOUN", "PROPN") and tok.tag_ not in ("NNS", "NNPS") and tok.lemma_.lower() in lex.persons:
            determined = any(
                (c.dep_ == "det" and c.lower_ in _PERSON_DETS) or c.dep_ == "poss" for c in tok.children
            )
            # headlines drop articles: 'Man shot, killed on Detroit's west side'
            bare_headline = tok.idx < title_end and not any(c.dep_ in ("det", "nummod") for c in tok.children)
            if determined or bare_headline:
                heads[tok.i] = min([c.i for c in tok.children if c.dep_ in ("det", "amod", "compound", "poss")]
                                   + [tok.i])
    # 'he died', 'she was shot': a singular personal pronoun is one person;
    # so is 'another' standing alone ('one man dead and another with injuries')
    for tok in doc:
        if tok.lower_ in _SINGULAR_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
            heads[tok.i] = tok.i
        elif tok.lower_ == "another" and tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "conj"):
            heads[tok.i] = tok.i
        elif tok.lower_ in _ORDINAL_PEOPLE and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "conj", "npadvmod") \
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            heads[tok.i] = tok.i - 1  # 'two people dead and a third injured': one more person
        elif _age_noun(doc, tok):  # 'a 19-year-old was shot'
            heads[tok.i] = min([c.i for c in tok.children if c.dep_ in ("det", "amod", "compound", "nummod")]
                               + [tok.i - 4])
    # named people: the entities reader's PERSON mentions when it ran, else spaCy's
    if found.entities:
        spans = [doc.char_span(e.evidence.start, e.evidence.end, alignment_mode="expand")
                 for e in found.entities if e.label == "PERSON" and e.form in _NAME_FORMS]
    else:
        spans = [e for e in doc.ents if e.label_ == "PERSON"]
    for span in spans:
        if span is not None and len(span):
            heads.setdefault(span.root.i, span.start)
    return heads


# Words between two conjoined people that exclude the second: 'a bystander
# instead of the suspect', 'the driver, not the passenger', 'rather than'.
_NOT_ALSO = {"instead", "not", "rather"}


def _implicit(doc: "Doc", text: str, article: Article, found: ArticleExtraction, lex: Roles,
              covered: set[int], title_end: int) -> Iterator[Quantity]:
    """People in a role, with no number written: 'a man was shot and killed' -> 1,
    'a 22-year-old man and a 16-year-old boy were shot' -> 2."""
    heads = _person_heads(doc, found, lex, title_end)
    for i, first in sorted(heads.items()):
        tok = doc[i]
        described = any(c.dep_ in ("relcl", "acl") for c in tok.children)  # 'X, who was shot'
        described = described or (tok.lower_ in ("another", *_ORDINAL_PEOPLE) and tok.dep_ in ("conj", "npadvmod"))
        listed = _headline_list(doc, doc[first], tok, lex, title_end) if tok.idx < title_end else (0, tok, tok)
        told = _headline_role(doc, listed[1], listed[2], lex, title_end) if tok.idx < title_end else None
        # (a body phrase the parser hung from the headline: its own predicate is read)
        glued = title_end and tok.idx >= title_end and _top(tok).head.idx < title_end
        if i in covered or not (described or told or glued or tok.dep_ in ("nsubj", "nsubjpass", "dobj")):
            continue
        role = (told or None) if told is not None else _role_of(
            doc, tok, tok, lex, implicit=True, headline=tok.idx < title_end, title_end=title_end)
        if role is None:
            continue
        # conjoined people share the role: count them, span them all
        conj = [c for c in tok.subtree if c.dep_ == "conj" and c.i in heads and c.head.i in heads
                and not any(t.lower_ in _NOT_ALSO for t in doc[tok.i : c.i])]
        last = max([tok.i] + [c.i for c in conj])
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        people = 1 + len(conj)
        if told and listed[0]:  # 'Man, woman shot': the listed people share the state
            people = max(people, 1 + listed[0])
            start, end = min(start, listed[1].idx), max(end, listed[2].idx + len(listed[2].text))
        yield Quantity(
            evidence=evidence(doc, article, start, end, EXTRACTOR),
            text=text[start:end],
            low=float(people),
            high=float(people),
            hedge="exact",
            counts=role,
            counted_text=tok.text,
            counted_span=Span(tok.idx, tok.idx + len(tok.text)),
            implicit=True,
        )


__all__ = ["EXTRACTOR", "read_quantities", "roles", "words_to_number"]
