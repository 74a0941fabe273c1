"""Entity mentions: people, organisations, places, groups, with roles, ages and
within-article clusters.

Pipeline per article (all linear in the tokens):

1. :func:`name_spans` takes spaCy's named entities and *repairs* them: spans are
   trimmed ('the', trailing '/', possessive 's), split names are merged ('Ursula
   von' + 'der' + 'Leyen'; 'Natalia' + 'Kochanova'), and labels are corrected with
   rules and gazetteer evidence (see the ``_R_*`` reasons below). The small model
   tags the mixed-script 'Tikhановская' ORG and 'Vitebsk' PERSON; the repair is
   measured against ECB+ gold markables by ``newsledger evaluate ner-repair``
   (docs/accuracy.md, ## Entities).
2. :mod:`newsledger.extract.roles` reads the role and age stated around each person.
3. :mod:`newsledger.extract.coref` links the mentions of one entity (full name,
   surname, 'Mr Lukashenko', 'the president', 'she') into clusters and adds the
   pronoun / nominal / group mentions.

Every mention of a cluster carries the cluster's ``key`` (``names.name_key`` of
its canonical name), so the cross-article linker can group on it directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterator

from newsledger.extract.base import evidence
from newsledger.extract.names import (
    HONORIFICS,
    PARTICLES,
    given_names,
    has_mixed_script,
    name_key,
    name_tokens,
    skeleton,
)
from newsledger.extract.roles import doc_text, is_title, read_role, role_head, titles
from newsledger.records import Article, ArticleExtraction, EntityMention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR = "entities@0.1"

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})

# A single-token PERSON / NORP (or ORG) is relabelled GPE when it is the primary
# name of a GeoNames place at least this populous and nothing in the text says
# 'person'. Calibrated on ECB+ named markables (evaluate ner-repair): 100k keeps
# 'Vitebsk' (359k), 'Andijan' (748k) and drops the small US towns named like
# surnames ('Merkel', TX, 2.6k; 'Reid'). Label accuracy on ECB+ named markables
# was flat across 50k..1e12 (0.728-0.733, evaluate ner-repair); 200k scored best.
CITY_POPULATION = 200_000
# ORG -> GPE only for much bigger cities: 'Minsk was ready for dialogue' is the
# city as a polity (OntoNotes GPE), but clubs and firms are named after towns.
ORG_CITY_POPULATION = 1_000_000

# Nouns that turn a preceding name into a facility: 'Okrestina street', 'Okrestina jail'.
FACILITY_NOUNS = frozenset(
    "street avenue square road boulevard lane highway bridge prison jail centre center "
    "airport station stadium hospital plant factory mine port".split()
)

# Head words that make a name an organisation or a facility, whatever the model
# said: 'Betty Ford Center' (tagged PERSON), 'Minsk Tractor Works'. A span ending
# in one is never turned into a PERSON by merging or consistency.
ORG_HEADS = frozenset(
    "agency association authority bank board bureau club co college commission committee company "
    "corp corporation council court department foundation front fund group inc institute league "
    "ltd ministry movement network news office organisation organization party police post press "
    "service services society team times tribune union university works".split()
)
FAC_HEADS = frozenset(
    "airport arena bridge center centre church clinic hospital hotel jail mall mosque museum "
    "prison recovery stadium station temple tower".split()
)

# Reasons recorded on repaired spans (visible in the ner-repair evaluation).
_R_TRIM = "trim"
_R_MERGE = "merge"
_R_MIXED = "mixed-script"
_R_HONORIFIC = "honorific"
_R_TITLE = "title"
_R_AGE = "age"
_R_COUNTRY = "country"
_R_CITY = "city"
_R_CONSISTENT = "consistent"
_R_FACILITY = "facility"
_R_HEAD = "head-word"
_R_SURNAME = "surname-form"
_R_GIVEN_NAME = "given-name"
_R_APPOSITION = "role-apposition"

_JUNK = re.compile(r"https?:|www\.|@|\]\(|\[|#|\|")
_AGE_AFTER = re.compile(
    r"\s*(?:,\s*(?:aged\s+)?|\()(\d{1,3})(?=\s*[,.;:)]|\s+(?:and|who|said|was|is|has|had)\b|$)"
    r"|\s*,\s*an?\s+(\d{1,3})[-\s]year[-\s]old\b"
)
# Endings that mark a word as an East-Slavic surname (feminine -ova/-eva/-skaya,
# -enko, -vich, -chuk): never the end of an English organisation's one-word name.
_STRONG_SURNAME = re.compile(r"(?:[^aeiou]ova|[^aeiou]eva|skaya|tskaya|enko|enka|ovich|evich|chuk|shchuk)$")


@dataclass(slots=True)
class NameSpan:
    """A named mention being read (mutable while the reader works on it)."""

    start_tok: int
    end_tok: int  # exclusive
    start: int  # char offsets into the Doc text
    end: int
    text: str
    label: str
    raw_label: str | None  # spaCy's label; None when the span was added by a rule
    reasons: list[str] = field(default_factory=list)
    person_evidence: bool = False


Lookup = Callable[[str], "tuple[int, str] | None"]  # text -> (population, kind) or None


def _default_lookup() -> Lookup:
    """Best gazetteer reading of a name: (population, kind) of its most prominent
    primary-name candidate. Uses the places engineer's Gazetteer index."""
    from newsledger.extract.gazetteer import Gazetteer

    gaz = Gazetteer.load()

    @lru_cache(maxsize=20_000)
    def look(text: str) -> tuple[int, str] | None:
        best: tuple[int, str] | None = None
        for cand in gaz.lookup(text):
            if cand.kind in ("country", "admin1"):
                return (max(cand.population, 10**9), cand.kind)
            if cand.primary and cand.kind == "city" and (best is None or cand.population > best[0]):
                best = (cand.population, cand.kind)
            elif (
                not cand.primary
                and cand.kind == "city"
                and best is None
                and cand.population >= CITY_POPULATION
            ):
                # 'Andijan' is an alternate name of 'Andijon': trusted for NORP only
                # ('LiLo' is an alternate name of Lille)
                best = (cand.population, "alternate")
        return best

    return look


_LOOKUP: list[Lookup] = []


def place_lookup() -> Lookup:
    """The process-wide gazetteer lookup (loaded on first use)."""
    if not _LOOKUP:
        _LOOKUP.append(_default_lookup())
    return _LOOKUP[0]


# --------------------------------------------------------------------------- #
# 1. spans: raw spaCy entities, trimmed and merged
# --------------------------------------------------------------------------- #


def raw_spans(doc: "Doc") -> list[NameSpan]:
    """spaCy's own named entities, unrepaired (the baseline of the evaluation)."""
    return [
        NameSpan(e.start, e.end, e.start_char, e.end_char, e.text, e.label_, e.label_)
        for e in doc.ents
        if e.label_ in NAME_LABELS
    ]


def _one_line(doc: "Doc", s: int, e: int) -> tuple[int, int]:
    """The longest single-line piece of tokens [s, e): a tagger span running over a
    line break ('html\nEllen DeGeneres', 'Betty Ford Center\nFri') joins a name
    to a neighbouring headline or dateline."""
    pieces, start = [], s
    for i in range(s, e):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            end = i if "\n" in doc[i].text else i + 1
            pieces.append((start, end))
            start = i + 1
    pieces.append((start, e))
    return max(pieces, key=lambda p: sum(len(t.text) for t in doc[p[0] : p[1]] if t.is_alpha))


def _trim(doc: "Doc", span: NameSpan) -> NameSpan | None:
    s, e = _one_line(doc, span.start_tok, span.end_tok)
    while s < e and (doc[s].lower_ in ("the",) or doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space or doc[e - 1].tag_ == "POS"):
        e -= 1
    if s >= e:
        return None
    text = doc[s:e].text
    if _JUNK.search(text) or not any(c.isalpha() for c in text) or "\n" in text:
        return None
    if (s, e) != (span.start_tok, span.end_tok):
        span.reasons.append(_R_TRIM)
    span.start_tok, span.end_tok = s, e
    span.start, span.end, span.text = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), text
    return span


def _is_name_token(tok) -> bool:  # noqa: ANN001 - spaCy Token
    return (
        tok.is_alpha
        and (tok.text[:1].isupper() or has_mixed_script(tok.text))
        and tok.pos_ in ("PROPN", "NOUN", "ADJ", "X")
        and not tok.is_sent_start
        and tok.lower_ not in HONORIFICS
        and not is_title(tok.text)
    )


def _merge(doc: "Doc", spans: list[NameSpan], lookup: Lookup) -> list[NameSpan]:
    """Join a name the tagger split: 'Ursula von' [der] 'Leyen'; 'Natalia' (GPE)
    + untagged 'Kochanova'; and extend a name over 'street', 'jail' (FAC)."""
    by_start = {sp.start_tok: sp for sp in spans}
    out: list[NameSpan] = []
    absorbed: set[int] = set()
    for sp in spans:
        if sp.start_tok in absorbed:
            continue
        changed = False
        while True:
            j = sp.end_tok
            k = j
            while k < len(doc) and doc[k].lower_ in PARTICLES and k - j < 2:
                k += 1
            if doc[j - 1].whitespace_ != " " or k >= len(doc):
                break
            nxt = by_start.get(k)
            bridged = k > j
            if nxt is not None and (
                bridged or (sp.label == "PERSON" and nxt.label != "PERSON" and sp.end_tok - sp.start_tok == 1)
            ):
                absorbed.add(nxt.start_tok)
                sp.end_tok = nxt.end_tok
                sp.label = "PERSON" if "PERSON" in (sp.label, nxt.label) else sp.label
                changed = True
                continue
            if nxt is None and _is_name_token(doc[k]) and doc[k].ent_iob_ == "O":
                if doc[k].lower_ in ORG_HEADS or doc[k].lower_ in FAC_HEADS:
                    # 'Betty Ford' + 'Center': the person's name inside a facility's
                    sp.end_tok, changed = k + 1, True
                    sp.label = "FAC" if doc[k].lower_ in FAC_HEADS else "ORG"
                    break
                single = sp.end_tok - sp.start_tok == 1
                if bridged or (single and sp.label == "PERSON"):
                    sp.end_tok, changed = k + 1, True
                    continue
                place = lookup(sp.text)
                if single and sp.label == "GPE" and (place is None or place[0] < CITY_POPULATION):
                    # a first name the model took for a place: 'Natalia Kochanova'
                    sp.end_tok, sp.label, changed = k + 1, "PERSON", True
                    continue
            break
        e = sp.end_tok
        if e < len(doc) and doc[e].lower_ in FACILITY_NOUNS and sp.label in ("GPE", "PERSON", "LOC"):
            sp.end_tok, sp.label = e + 1, "FAC"
            sp.reasons.append(_R_FACILITY)
            changed = True
        if changed:
            if _R_FACILITY not in sp.reasons:
                sp.reasons.append(_R_MERGE)
            s, e = sp.start_tok, sp.end_tok
            sp.start, sp.end, sp.text = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), doc[s:e].text
        out.append(sp)
    return out


def _honorific_spans(doc: "Doc", spans: list[NameSpan]) -> list[NameSpan]:
    """Names spaCy missed after an honorific: 'Ms Kochanova' when untagged."""
    covered = set()
    for sp in spans:
        covered.update(range(sp.start_tok, sp.end_tok))
    added = []
    for tok in doc:
        if tok.lower_.rstrip(".") in ("mr", "mrs", "ms", "dr", "miss") and tok.i + 1 < len(doc):
            j = tok.i + 1
            if j in covered or not doc[j].text[:1].isupper() or not doc[j].is_alpha:
                continue
            k = j
            while k < len(doc) and k not in covered and doc[k].is_alpha and doc[k].text[:1].isupper():
                k += 1
            added.append(
                NameSpan(
                    j,
                    k,
                    doc[j].idx,
                    doc[k - 1].idx + len(doc[k - 1].text),
                    doc[j:k].text,
                    "PERSON",
                    None,
                    [_R_HONORIFIC],
                    True,
                )
            )
    return added


_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


def _is_run_token(tok) -> bool:  # noqa: ANN001 - spaCy Token
    return tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() and tok.lower_ not in _CALENDAR


def _missed_spans(doc: "Doc", spans: list[NameSpan], lookup: Lookup) -> list[NameSpan]:
    """Proper-noun runs the tagger left untagged, kept only with positive evidence:
    a title or honorific before, a common given name first, an organisation /
    facility head word last, or a gazetteer country / big city."""
    covered = bytearray(len(doc) + 1)
    for sp in spans:
        covered[sp.start_tok : sp.end_tok] = b"\x01" * (sp.end_tok - sp.start_tok)
    added: list[NameSpan] = []
    _, surnames = _doc_people(spans)  # 'Lohan' untagged after 'Lindsay Lohan'
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if covered[i] or not _is_run_token(tok) or tok.lower_ in HONORIFICS or is_title(tok.text):
            i += 1
            continue
        j = i + 1
        while j < n and not covered[j] and _is_run_token(doc[j]) and "\n" not in doc[j - 1].whitespace_:
            j += 1
        words = [t.text for t in doc[i:j]]
        label, why = _run_label(doc, i, j, words, lookup, surnames)
        if label:
            end = doc[j - 1].idx + len(doc[j - 1].text)
            added.append(NameSpan(i, j, tok.idx, end, doc[i:j].text, label, None, [why], label == "PERSON"))
        i = j
    return added


def _run_label(
    doc: "Doc", i: int, j: int, words: list[str], lookup: Lookup, surnames: set[str]
) -> tuple[str | None, str]:
    last = words[-1].lower()
    if len(words) == 1:
        toks = name_tokens(words[0])
        if toks and skeleton(toks[0]) in surnames and not words[0].isupper():
            return "PERSON", _R_CONSISTENT
    if len(words) > 1 and last in FAC_HEADS:
        return "FAC", _R_HEAD
    if len(words) > 1 and last in ORG_HEADS:
        return "ORG", _R_HEAD
    if any(w.isupper() and len(w) > 1 for w in words) or (len(words) == 1 and doc[i].is_sent_start):
        return None, ""  # acronyms, all-caps headlines and sentence-initial capitals: too weak
    if (
        i > 0
        and not doc[i].is_sent_start
        and (
            doc[i - 1].lower_.rstrip(".") in HONORIFICS
            or (is_title(doc[i - 1].text) and doc[i - 1].pos_ in ("NOUN", "PROPN"))
        )
    ):
        return "PERSON", _R_TITLE
    text = " ".join(words)
    place = lookup(text)
    if place is not None and (
        place[1] in ("country", "admin1") or (place[1] == "city" and place[0] >= CITY_POPULATION)
    ):
        return "GPE", _R_COUNTRY if place[1] != "city" else _R_CITY
    if len(words) >= 2 and words[0].lower() in given_names() and place is None:
        return "PERSON", _R_GIVEN_NAME
    return None, ""


# --------------------------------------------------------------------------- #
# 2. labels: person / place evidence and document consistency
# --------------------------------------------------------------------------- #


def _person_evidence(doc: "Doc", sp: NameSpan) -> str | None:
    first = doc[sp.start_tok]
    if first.lower_.rstrip(".") in HONORIFICS:
        return _R_HONORIFIC
    if sp.start_tok > 0:
        prev = doc[sp.start_tok - 1]
        if prev.lower_.rstrip(".") in HONORIFICS:
            return _R_HONORIFIC
        if is_title(prev.text) and prev.pos_ in ("NOUN", "PROPN"):
            return _R_TITLE
    if sp.label in ("ORG", "NORP") and sp.end_tok < len(doc) and doc[sp.end_tok].text == ",":
        role = read_role(doc, sp.start_tok, sp.end_tok).role
        head = role_head(role)
        if head and head in titles() and head not in ("head", "leader"):
            return _R_APPOSITION  # 'Natalia Kochanova, chair of the upper house'
    m = _AGE_AFTER.match(doc_text(doc), sp.end)
    if m and sp.label not in ("GPE", "LOC", "FAC"):
        if 1 <= int(m.group(1) or m.group(2)) <= 110:
            return _R_AGE
    return None


def _given_name_evidence(sp: NameSpan, lookup: Lookup) -> str | None:
    """'Tatyana Zenkovich', 'Eddie Murphy' tagged ORG: two to four capitalised words
    opening with a common given name, and not a known place ('Victoria Falls')."""
    if sp.label not in ("ORG", "GPE", "NORP", "LOC"):
        return None
    words = sp.text.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return None
    if words[0].lower() not in given_names() or any(w.isupper() for w in words):
        return None
    return None if lookup(sp.text) is not None else _R_GIVEN_NAME


def _place_label(sp: NameSpan, lookup: Lookup) -> str | None:
    """GPE when the gazetteer knows the name as a country / region / big city
    and the label is one the small model confuses with places."""
    found = lookup(sp.text)
    if found is None:
        return None
    population, kind = found
    if kind in ("country", "admin1"):
        return _R_COUNTRY
    if kind == "alternate" and sp.label != "NORP":
        return None
    single = len(sp.text.split()) == 1
    if sp.label in ("PERSON", "NORP") and single and population >= CITY_POPULATION:
        return _R_CITY
    if sp.label == "ORG" and single and population >= ORG_CITY_POPULATION:
        return _R_CITY
    return None


def repair(doc: "Doc", spans: list[NameSpan], lookup: Lookup | None = None) -> list[NameSpan]:
    """Correct labels in place (see module doc) and return the spans."""
    lookup = lookup or place_lookup()
    undecided = []
    for sp in spans:
        if has_mixed_script(sp.text):
            sp.reasons.append(_R_MIXED)
        head = _head_word(sp)
        if head and (
            sp.label in ("PERSON", "GPE", "NORP", "LOC") or (sp.label == "ORG" and head in FAC_HEADS)
        ):
            sp.label = "FAC" if head in FAC_HEADS else "ORG"
            sp.reasons.append(_R_HEAD)
            continue
        if head:
            continue
        why = _person_evidence(doc, sp) or _given_name_evidence(sp, lookup)
        if why and sp.label not in ("FAC",):
            sp.person_evidence = True
            if sp.label != "PERSON":
                sp.label = "PERSON"
                sp.reasons.append(why)
            continue
        undecided.append(sp)
    person_full, person_last = _doc_people(spans)
    for sp in undecided:
        if sp.label not in ("PERSON", "NORP", "ORG", "LOC"):
            continue
        if sp.label == "PERSON" and _is_known_person(sp, person_full, person_last):
            continue  # 'Jackson' after 'Michael Jackson': the person, not the city
        place = _place_label(sp, lookup)
        if place == _R_COUNTRY and sp.label == "LOC":
            continue  # LOC and GPE are both places; keep the model's finer choice
        if place:
            sp.label = "GPE"
            sp.reasons.append(place)
    _consistent(spans, person_full, person_last, lookup)
    return spans


def _doc_people(spans: list[NameSpan]) -> tuple[set[str], set[str]]:
    """Keys of the article's confident person names, and their surnames' skeletons."""
    person_full: set[str] = set()
    person_last: set[str] = set()
    for sp in spans:
        if sp.label != "PERSON":
            continue
        toks = name_tokens(sp.text)
        # a lone capitalised word tagged PERSON is weak evidence ('Morningside')
        if len(toks) >= 2 or (toks and sp.person_evidence):
            person_full.add(name_key(sp.text))
        if len(toks) >= 2:
            person_last.add(skeleton(toks[-1]))
    return person_full, person_last


def _is_known_person(sp: NameSpan, person_full: set[str], person_last: set[str]) -> bool:
    toks = name_tokens(sp.text)
    if not toks:
        return False
    return name_key(sp.text) in person_full or (len(toks) == 1 and skeleton(toks[0]) in person_last)


def _head_word(sp: NameSpan) -> str | None:
    """The org / facility head word a multi-word name ends with, if any."""
    words = sp.text.split()
    if len(words) < 2:
        return None
    last = words[-1].lower()
    return last if last in ORG_HEADS or last in FAC_HEADS else None


def _consistent(spans: list[NameSpan], person_full: set[str], person_last: set[str], lookup: Lookup) -> None:
    """One name, one label per article: a bare 'Tikhanovskaya' tagged ORG is the
    person 'Svetlana Tikhanovskaya' tagged PERSON elsewhere in the article. A name
    the gazetteer knows as a country or big city is left alone ('Cairo')."""
    for sp in spans:
        if sp.label == "PERSON" or any(r in sp.reasons for r in (_R_COUNTRY, _R_CITY, _R_FACILITY, _R_HEAD)):
            continue
        toks = name_tokens(sp.text)
        if not toks:
            continue
        if _is_known_person(sp, person_full, person_last):
            place = lookup(sp.text)
            if place is not None and place[0] >= CITY_POPULATION and place[1] != "alternate":
                continue
            sp.label = "PERSON"
            sp.reasons.append(_R_CONSISTENT)
        elif (
            len(toks) == 1
            and sp.label != "GPE"
            and _STRONG_SURNAME.search(toks[0])
            and sp.text[:1].isupper()
            and not sp.text.isupper()
        ):
            # a lone East-Slavic surname ('Tikhanovskaya', 'Tikhановская', 'Kovalenko')
            # that the model took for an organisation
            sp.label = "PERSON"
            sp.reasons.append(_R_MIXED if _R_MIXED in sp.reasons else _R_SURNAME)


def name_spans(doc: "Doc", lookup: Lookup | None = None) -> list[NameSpan]:
    """Repaired named mentions of the Doc, in text order, non-overlapping."""
    lookup = lookup or place_lookup()
    spans = [t for t in (_trim(doc, sp) for sp in raw_spans(doc)) if t is not None]
    spans = _merge(doc, spans, lookup)
    spans.extend(_honorific_spans(doc, spans))
    spans.extend(_missed_spans(doc, spans, lookup))
    spans.sort(key=lambda s: (s.start, -s.end))
    out: list[NameSpan] = []
    last_end = -1
    for sp in spans:
        if sp.start >= last_end:
            out.append(sp)
            last_end = sp.end
    return repair(doc, out, lookup)


# --------------------------------------------------------------------------- #
# 3. the reader
# --------------------------------------------------------------------------- #


def read_entities(
    doc: "Doc", article: Article, found: ArticleExtraction | None = None
) -> Iterator[EntityMention]:
    """Entity mentions of one article (names, plus pronoun / nominal / group
    mentions linked to their clusters), in text order."""
    from newsledger.extract.coref import link_mentions

    text = doc_text(doc)
    if not text.strip():
        return
    try:
        spans = name_spans(doc)
    except Exception:  # a broken gazetteer must not lose the article's entities
        spans = name_spans(doc, lookup=lambda _t: None)
    for m in link_mentions(doc, spans):
        yield EntityMention(
            evidence=evidence(doc, article, m.start, m.end, EXTRACTOR),
            text=text[m.start : m.end],
            label=m.label,  # type: ignore[arg-type]
            key=m.key,
            cluster=m.cluster,
            form=m.form,  # type: ignore[arg-type]
            canonical=m.canonical,
            role=m.role,
            role_span=Span(*m.role_span) if m.role_span else None,
            age=m.age,
            age_span=Span(*m.age_span) if m.age_span else None,
        )


def resolve_pronoun(
    entities: "tuple[EntityMention, ...] | list[EntityMention]", char_offset: int, pronoun: str = ""
) -> int | None:
    """Cluster of a pronoun at ``char_offset`` (e.g. the 'he' of 'he said').

    The entity reader already emits pronoun mentions with their cluster; this
    returns that cluster when one starts at ``char_offset``. Otherwise (a pronoun
    the reader did not resolve) it falls back to the most recent preceding PERSON
    mention whose cluster's gender is compatible with ``pronoun``.
    """
    from newsledger.extract.coref import pronoun_gender

    for m in entities:
        if m.evidence.start == char_offset and m.form == "pronoun":
            return m.cluster
    want = pronoun_gender(pronoun)
    genders = _cluster_genders(entities)
    best = None
    for m in entities:
        if m.label != "PERSON" or m.evidence.start >= char_offset:
            continue
        g = genders.get(m.cluster)
        if want and g and g != want:
            continue
        if best is None or m.evidence.start > best.evidence.start:
            best = m
    return best.cluster if best else None


def _cluster_genders(entities) -> dict[int, str]:  # noqa: ANN001
    from newsledger.extract.coref import pronoun_gender

    out: dict[int, str] = {}
    for m in entities:
        if m.form == "pronoun":
            g = pronoun_gender(m.text)
            if g:
                out.setdefault(m.cluster, g)
    return out


__all__ = ["EXTRACTOR", "NameSpan", "name_spans", "raw_spans", "read_entities", "repair", "resolve_pronoun"]
