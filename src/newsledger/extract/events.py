"""Events reader: typed event mentions with arguments, modality and summaries.

``read_events(doc, article, found)`` runs last. For each sentence it finds
trigger words from data/event_triggers.tsv (lemma + part of speech, optionally
with a particle/object: 'walk off', 'leave the country'). A trigger gives a type
directly (ARREST, RELEASE, STRIKE, SANCTION ...) or a family that the event
typing model (extract/event_types.py, lexical variant: no embeddings, so it
stays within the readers' time budget) narrows down: VIOLENCE among the violent
ACLED types, PROTEST among the protest/riot types. Then, per event:

- modality from the parse (extract/modality.py);
- actors/targets: the trigger's subject/agent and object noun phrases, linked
  to the article's entity mentions when they overlap one (the one who died or
  was hurt in a DEATH / INJURY event is its target);
- place: the nearest resolved place in the sentence, else the article's
  dominant place; time: the nearest time expression in the sentence that the
  trigger governs (not one describing a participant: 'the 1950s pin-up queen'),
  else the article date (how='inferred'); a place or time taken from the article
  is flagged ``place_inherited`` / ``time_inherited``;
- quantities by role from the numbers reader, each attached to one event of the
  sentence that takes that role (the nearest trigger);
- summary events ('6,700 arrested since Sunday'): a count over a span, with the
  span it covers.

Deaths and injuries told with a typed violent event in the same sentence are
that event's quantities, not separate events.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterator, Sequence

from newsledger.extract.base import evidence
from newsledger.extract.modality import modality_of
from newsledger.records import (
    ArgRef,
    Article,
    ArticleExtraction,
    EntityMention,
    EventMention,
    Place,
    Quantity,
    RoleQuantity,
    Span,
    TimeExpr,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

VERSION = "2"
EXTRACTOR = f"events@{VERSION}"

VIOLENT_TYPES = (
    "ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "CHEM_WEAP", "AIR_STRIKE",
    "SUIC_BOMB", "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE", "SEX_VIOL", "ATTACK", "ABDUCT_DISSAP",
    "MOB_VIOL", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "ORG_CRIME", "MAN_MADE_DISASTER",
    "PROPERTY_DISTRUCT",
)
PROTEST_TYPES = ("PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR")
FAMILIES = {"VIOLENCE": VIOLENT_TYPES, "PROTEST": PROTEST_TYPES}

# Which quantity roles (numbers reader's Quantity.counts) each type takes.
_CASUALTY = ("killed", "injured", "shot")
ROLES_OF: dict[str, tuple[str, ...]] = {
    "ARREST": ("arrested", "detained"),
    "PROTEST_WITH_INTER": ("participants", "arrested", "detained", "injured"),
    "PEACE_PROTEST": ("participants",),
    "FORCE_AGAINST_PROTEST": ("participants", *_CASUALTY, "arrested", "detained"),
    "VIOL_DEMONSTR": ("participants", *_CASUALTY, "arrested", "detained"),
    "STRIKE": ("participants",),
    "RELEASE": ("released",),
    "DEATH": ("killed",),
    "INJURY": ("injured", "shot"),
    "ELECTION_RESULT": ("votes",),
    "ABDUCT_DISSAP": ("abducted", *_CASUALTY),
    "TORTURE": ("injured", "killed"),
}
for _code in VIOLENT_TYPES:
    ROLES_OF.setdefault(_code, _CASUALTY)
# Role names the numbers reader uses for people taking part.
ROLE_ALIASES = {"protesters": "participants", "workers": "participants"}

# Triggers that need context in the sentence to count (a beating is torture
# only in custody; 'result' and 'win' are election results only near an election).
CONTEXT = {
    "TORTURE": re.compile(r"detain|detention|custody|jail|prison|cells?\b|police station|guards|interrogat|tortur", re.I),
    "ELECTION_RESULT": re.compile(r"election|vote|poll|ballot", re.I),
    "DIPLO": re.compile(r"minister|president|leader|envoy|diplomat|delegation|government", re.I),
}
# A protest family event is only typed as one with state intervention when the
# sentence says who intervened; without it 'to protest against police
# brutality' stays a peaceful protest.
_INTERVENTION = re.compile(
    r"\b(police|security forces|troops|soldiers|riot|officers|authorities|army|guards)\b.*\b("
    r"disperse|dispersed|fired|used|shot|detained|arrested|beat|tear ?gas|rubber bullets|live rounds|"
    r"water cannon|broke up|stun grenades)", re.I
)
_DROP_VIOLENCE_WORDS = re.compile(r"\bstun grenades?|\brubber bullets?", re.I)

# Confidence of lexicon-typed events (no classifier involved): the trigger table
# is precise on the protest/repression vocabulary it was written for; set to the
# precision we read by hand on the seed-free PolNeAR sample (about 4 in 5).
LEXICON_CONFIDENCE = 0.8
# Counts at or above this, told in the perfect ('have been arrested'), read as a
# tally over a period rather than one incident.
SUMMARY_MIN_COUNT = 100
_SUMMARY_CUES = re.compile(
    r"\b(since|so far|in total|a total of|over the past|over the last|in the past|nationwide|"
    r"across the country|to date|altogether|cumulative)\b", re.I
)
# Types folded into one mention when told in several sentences of an article:
# an article tells of one election, its one result (the figures of several
# candidates are one result, which linking, seeing different figures, would keep
# apart) and one sanctions package; the fold keeps the finest told place and the
# told date. Folding loses the later mentions' trigger spans, and linking
# (link/events.py) merges one article's compatible mentions anyway, so it is kept
# only where needed. ECB+ event-coref CoNLL F1: 0.7244 with {ELECTION,
# ELECTION_RESULT, EXILE, SANCTION}, 0.7258 with none, 0.7248 with ELECTION and
# SANCTION (seed golden tests need these two: E10 sanctions in Brussels, E12 the
# election's day); ELECTION_RESULT is neutral on ECB+ and keeps the seed
# story's result one event.
MERGE_ACROSS_SENTENCES: frozenset[str] = frozenset({"ELECTION", "ELECTION_RESULT", "SANCTION"})


# --------------------------------------------------------------------------- #
# Trigger lexicon
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class TriggerTable:
    single: dict[tuple[str, str], str]  # (lemma, pos) -> type/family; pos 'ANY' allowed
    paired: dict[tuple[str, str, str], str]  # (lemma, partner lemma, pos) -> type/family
    heads: frozenset[str] = frozenset()  # every lemma that starts an entry: a fast reject


@lru_cache(maxsize=1)
def trigger_table() -> TriggerTable:
    single: dict[tuple[str, str], str] = {}
    paired: dict[tuple[str, str, str], str] = {}
    text = resources.files("newsledger.data").joinpath("event_triggers.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, pos, code = line.split("\t")
        if "+" in lemma:
            head, partner = lemma.split("+", 1)
            paired[(head, partner, pos)] = code
        else:
            single[(lemma, pos)] = code
    heads = frozenset({k[0] for k in single} | {k[0] for k in paired} | {"striking"})
    return TriggerTable(single, paired, heads)


def _partners(tok: "Token") -> set[str]:
    out = set()
    for c in tok.children:
        if c.dep_ in ("prt", "prep", "dobj", "compound", "amod", "oprd", "acomp", "advmod", "ccomp", "xcomp"):
            out.add(c.lemma_.lower())
            out.update(g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
    return out


def trigger_code(tok: "Token") -> str | None:
    """The type or family a token triggers, or None."""
    table = trigger_table()
    lemma = tok.lemma_.lower()
    if lemma not in table.heads and tok.lower_ not in table.heads:
        return None
    pos = tok.pos_ if tok.pos_ in ("NOUN", "VERB", "ADJ") else ("VERB" if tok.pos_ == "AUX" else tok.pos_)
    partners = _partners(tok)
    for (head, partner, p), code in table.paired.items():
        if head == lemma and partner in partners and p in (pos, "ANY"):
            return code
    code = table.single.get((lemma, pos)) or table.single.get((lemma, "ANY"))
    if code is None and tok.lower_ in ("striking",):  # gerund used as adjective
        code = table.single.get(("striking", "ADJ"))
    return code


# --------------------------------------------------------------------------- #
# Per-sentence assembly
# --------------------------------------------------------------------------- #


@dataclass
class _Draft:
    code: str
    trigger: "Token"
    confidence: float
    sentence: int
    modality: str = "occurred"
    quantities: list[RoleQuantity] = field(default_factory=list)


def _type_families(
    per_sentence: list[tuple["SpacySpan", list[tuple["Token", str]]]],
) -> list[list[tuple["Token", str, float]]]:
    """Resolve family triggers to types with the lexical typing model, one
    batched call per article (one row per sentence and family)."""
    from newsledger.extract.event_types import classify

    asks = sorted({(i, code) for i, (_, trig) in enumerate(per_sentence) for _, code in trig if code in FAMILIES})
    answers: dict[tuple[int, str], tuple[str, float]] = {}
    for fam in FAMILIES:
        rows = [i for i, code in asks if code == fam]
        if not rows:
            continue
        sents = [per_sentence[i][0] for i in rows]
        preds = classify([s.text for s in sents], sents, allowed=FAMILIES[fam], model=_lexical_model())
        answers.update({(i, fam): (p.code, p.confidence) for i, p in zip(rows, preds)})
    out = []
    for i, (sent, triggers) in enumerate(per_sentence):
        typed = []
        for tok, code in triggers:
            if code not in FAMILIES:
                typed.append((tok, code, LEXICON_CONFIDENCE))
                continue
            label, conf = answers[(i, code)]
            if code == "PROTEST" and label != "PEACE_PROTEST" and not _INTERVENTION.search(sent.text):
                label = "VIOL_DEMONSTR" if label == "VIOL_DEMONSTR" else "PEACE_PROTEST"
            typed.append((tok, label, conf))
        out.append(typed)
    return out


@lru_cache(maxsize=1)
def _lexical_model():
    from newsledger.extract.event_types import load_model

    return load_model(prefer_embeddings=False)


def _sentence_triggers(sent: "SpacySpan") -> list[tuple["Token", str]]:
    found: list[tuple["Token", str]] = []
    for tok in sent:
        if tok.is_punct or tok.is_space:
            continue
        code = trigger_code(tok)
        if code is None or (tok.dep_ == "compound" and tok.pos_ == "NOUN"):
            continue  # 'riot police', 'protest movement' name other things
        ctx = CONTEXT.get(code)
        if ctx is not None and not ctx.search(sent.text):
            continue
        if code == "VIOLENCE" and _DROP_VIOLENCE_WORDS.search(sent[max(tok.i - sent.start - 1, 0) :].text[:40]):
            continue  # 'stun grenades', 'rubber bullets' are crowd-control, told with the protest
        found.append((tok, code))
    codes = {c for _, c in found}
    if "PROTEST" in codes:  # force against a crowd is the protest event's type, not a separate attack
        found = [(t, c) for t, c in found if c != "VIOLENCE"]
    return found


def _group(typed: list[tuple["Token", str, float]], sent_index: int) -> list[_Draft]:
    """One draft per (type, modality) in a sentence, at its first trigger."""
    drafts: dict[tuple[str, str], _Draft] = {}
    for tok, code, conf in typed:
        modality, _ = modality_of(tok)
        key = (code, modality)
        if key not in drafts:
            drafts[key] = _Draft(code, tok, conf, sent_index, modality)
    return list(drafts.values())


# An unlabelled count that is the subject/object of a trigger verb counts what
# the trigger does: 'with hundreds injured'.
_TRIGGER_ROLE = {
    "kill": "killed", "die": "killed", "injure": "injured", "wound": "injured", "arrest": "arrested",
    "detain": "detained", "release": "released", "free": "released",
}


def _role_from_trigger(q: Quantity, drafts: list["_Draft"]) -> str | None:
    if not drafts:
        return None
    doc = drafts[0].trigger.doc
    span = doc.char_span(q.evidence.start, q.evidence.end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root.head
    for _ in range(2):  # the count itself or the noun it modifies
        if head.lemma_.lower() in _TRIGGER_ROLE and span.root.dep_ in ("nsubj", "nsubjpass", "dobj", "nummod"):
            return _TRIGGER_ROLE[head.lemma_.lower()]
        span = head.doc[head.i : head.i + 1]
        head = head.head
    return None


def _attach_quantities(drafts: list[_Draft], quantities: list[Quantity]) -> list[_Draft]:
    """Give each role-bearing quantity to the nearest draft taking that role;
    drop DEATH/INJURY drafts whose counts another typed event took."""
    typed_violent = [
        d for d in drafts
        if (d.code in VIOLENT_TYPES or d.code in PROTEST_TYPES) and set(ROLES_OF[d.code]) & set(_CASUALTY)
    ]
    for q in quantities:
        role = ROLE_ALIASES.get(q.counts or "", q.counts) or _role_from_trigger(q, drafts)
        if not role:
            continue
        takers = [d for d in drafts if role in ROLES_OF.get(d.code, ())]
        if role in _CASUALTY and typed_violent:
            takers = [d for d in typed_violent if role in ROLES_OF.get(d.code, ())] or takers
        if not takers:
            continue
        best = min(takers, key=lambda d: abs(d.trigger.idx - q.evidence.start))
        best.quantities.append(RoleQuantity(role=role, quantity=q))
    if typed_violent:
        drafts = [d for d in drafts if d.code not in ("DEATH", "INJURY")]
    return drafts


# --------------------------------------------------------------------------- #
# Arguments, place, time, summary
# --------------------------------------------------------------------------- #


def _np_span(tok: "Token") -> tuple[int, int]:
    left = tok.left_edge
    return left.idx, tok.right_edge.idx + len(tok.right_edge.text)


# Noun phrases longer than this are clauses ('those detained after the more than
# 6,000 arrests since ...'); the argument is then the head word alone.
ARG_MAX_CHARS = 80


def _arg(tok: "Token", entities: list[EntityMention]) -> ArgRef:
    start, end = _np_span(tok)
    for e in entities:  # prefer the entity mention inside the noun phrase
        if e.evidence.start >= start and e.evidence.end <= end:
            return ArgRef(e.text, Span(e.evidence.start, e.evidence.end), e.cluster, e.canonical or e.text)
    head_start, head_end = tok.idx, tok.idx + len(tok.text)
    if end - start >= ARG_MAX_CHARS:  # a clause, not a noun phrase: keep the head word
        return ArgRef(tok.text, Span(head_start, head_end), None, None)
    return ArgRef(tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text, Span(start, end), None, None)


# Hops up the parse to find the subject of a verb trigger that has none of its
# own ('Police have used rubber bullets ... to disperse the crowds').
SUBJECT_HOPS = 3


def _inherited_subject(trigger: "Token") -> list["Token"]:
    node = trigger
    for _ in range(SUBJECT_HOPS):
        if node.dep_ not in ("xcomp", "conj", "relcl", "acl", "advcl", "dep", "ccomp") or node.head.i == node.i:
            return []
        node = node.head
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj
    return []


# Types whose subject undergoes the event (dies, is hurt) rather than doing it.
_UNDERGONE = frozenset({"DEATH", "INJURY"})


def _arguments(
    trigger: "Token", entities: list[EntityMention], code: str = ""
) -> tuple[tuple[ArgRef, ...], tuple[ArgRef, ...]]:
    actors, targets = [], []
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else None
    for c in trigger.children:
        if c.dep_ == "nsubj" and verb is not None:
            actors.append(c)
        elif c.dep_ == "agent":
            actors.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("dobj", "nsubjpass"):
            targets.append(c)
        elif c.dep_ == "poss" and verb is None:
            actors.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("against", "on", "of") and verb is None:
            targets.extend(g for g in c.children if g.dep_ == "pobj")
    if verb is not None and not actors:
        actors.extend(_inherited_subject(trigger))
    actors = [
        trigger.head if a.lower_ in ("who", "which", "that") and trigger.dep_ == "relcl" else a for a in actors
    ]
    actors = [a for a in actors if a.ent_type_ not in ("DATE", "TIME")]  # "Sunday's election"
    if code in _UNDERGONE and not any(c.dep_ == "dobj" for c in trigger.children):
        # 'the victim died', 'his death', 'her injuries': the one who died or was
        # hurt is the target; only 'gunmen killed three' has an actor
        actors, targets = [], targets + actors
    return tuple(_arg(t, entities) for t in actors), tuple(_arg(t, entities) for t in targets)


def _dominant_place(places: list[Place]) -> Place | None:
    # where the article's incident happened, as the places reader flags it
    # (extract/focus.py: dateline, headline scene, lede), when it resolved
    incident = next((p for p in places if p.incident and p.resolved), None)
    if incident is not None:
        return incident
    resolved = [p for p in places if p.resolved]
    if not resolved:
        return None
    counts = Counter(p.geonameid or p.name for p in resolved)
    top = counts.most_common(1)[0][0]
    return next(p for p in resolved if (p.geonameid or p.name) == top)


_PRECISION_RANK = {"facility": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}


# A place that another event of the sentence governs (through the parse, as a
# time is governed: 'refused to recognise the election result before fleeing to
# Lithuania') and this event does not is the other event's place, not this
# one's. Measured on ECB+ event coreference, see docs/accuracy.md.
OTHERS_PLACES = True


def _place_for(trigger: "Token", sent_places: list[Place], dominant: Place | None,
               others: Sequence["Token"] = ()) -> Place | None:
    resolved = _own_places(trigger, sent_places, others)
    if not resolved:
        return dominant
    return min(
        resolved,
        key=lambda p: (_PRECISION_RANK.get(p.precision or "region", 6), abs(p.evidence.start - trigger.idx)),
    )


def _own_places(trigger: "Token", sent_places: list[Place], others: Sequence["Token"] = ()) -> list[Place]:
    """The sentence's resolved places this event can have (:data:`OTHERS_PLACES`)."""
    resolved = [p for p in sent_places if p.resolved]
    if OTHERS_PLACES and others:
        resolved = [p for p in resolved if _modifier(trigger, p)
                    or _governs(trigger, p.evidence.start, p.evidence.end)
                    or not any(_governs(o, p.evidence.start, p.evidence.end) for o in others)]
    return resolved


def _modifier(trigger: "Token", place: Place) -> bool:
    """A place that modifies a noun ("Belarus's election", 'the Minsk plant'):
    the sentence's setting, not one event's scene, so no other event takes it."""
    span = trigger.doc.char_span(place.evidence.start, place.evidence.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.dep_ in _ATTRIBUTE_DEPS


# Hops from a time expression up the parse to the trigger (or its clause's verb)
# for the time to belong to the event: 'walking off the job on Friday' is 2,
# 'Sunday's election' 1; a time in another clause of the sentence is further.
TIME_HOPS = 4


# Dependencies by which a time phrase describes a noun ('the 1950s pin-up
# queen', 'a 2005 graduate'), not when something happened to it.
_ATTRIBUTE_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "poss"})


def _governs(trigger: "Token", start: int, end: int | None = None) -> bool:
    span = trigger.doc.char_span(start, end or start + 1, alignment_mode="expand")
    if span is not None and len(span) > 1 and span[0].pos_ == "DET":
        span = span[1:]  # 'The 1980s': the determiner hangs off the noun it shares
    if span is None or len(span) == 0:
        return False
    tok = span.root
    targets = {trigger.i}
    if trigger.pos_ == "NOUN" and trigger.head.i != trigger.i:
        targets.add(trigger.head.i)
    if tok.i not in targets and tok.dep_ in _ATTRIBUTE_DEPS and tok.head.pos_ in ("NOUN", "PROPN") \
            and tok.head.i not in targets:
        return False  # an attribute of a participant: its era, not the event's time
    for _ in range(TIME_HOPS):
        if tok.i in targets:
            return True
        if tok.head.i == tok.i or (tok.pos_ == "VERB" and tok.i != trigger.i):
            return False  # another clause's verb: the time belongs to that clause
        tok = tok.head
    return tok.i in targets


def _time_for(trigger: "Token", sent_times: list[TimeExpr], fallback: TimeExpr | None) -> TimeExpr | None:
    usable = [
        t for t in sent_times if t.start is not None and _governs(trigger, t.evidence.start, t.evidence.end)
    ]
    if not usable:
        return fallback
    return min(usable, key=lambda t: abs(t.evidence.start - trigger.idx))


def _summary(
    draft: _Draft, sent: "SpacySpan", sent_times: list[TimeExpr], article: Article
) -> tuple[bool, str | None, str | None]:
    counts = [rq.quantity for rq in draft.quantities if rq.role not in ("participants", "votes")]
    if not counts:
        return False, None, None
    big = any((q.low or 0) >= SUMMARY_MIN_COUNT for q in counts)
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in draft.trigger.children)
    cue = _SUMMARY_CUES.search(sent.text)
    if not (cue or (big and perfect)):
        return False, None, None
    spans = [t for t in sent_times if t.start is not None]
    since = [t for t in spans if t.precision == "range" or t.text.lower().startswith("since")]
    start = since[0].start if since else None
    end = since[0].end if since and since[0].precision == "range" else (article.published or "")[:10] or None
    return True, start, end


def _fallback_time(doc: "Doc", article: Article, trigger: "Token") -> TimeExpr | None:
    if not article.published:
        return None
    day = article.published[:10]
    ev = evidence(doc, article, trigger.idx, trigger.idx + len(trigger.text), EXTRACTOR)
    return TimeExpr(ev, "", day, day, "day", "inferred", anchor=day)


# --------------------------------------------------------------------------- #
# The reader
# --------------------------------------------------------------------------- #


def read_events(doc: "Doc", article: Article, found: ArticleExtraction) -> Iterator[EventMention]:
    """Event mentions of one article (see module docstring)."""
    events: list[EventMention] = []
    dominant = _dominant_place(list(found.places))
    entities = list(found.entities)
    per_sentence = []
    for si, sent in enumerate(doc.sents):
        triggers = _sentence_triggers(sent)
        if triggers:
            per_sentence.append((si, sent, triggers))
    typed_all = _type_families([(sent, trig) for _, sent, trig in per_sentence])
    for (si, sent, _), typed in zip(per_sentence, typed_all):
        lo, hi = sent.start_char, sent.end_char
        inside = lambda r: lo <= r.evidence.start < hi  # noqa: E731
        drafts = _group(typed, si)
        drafts = _attach_quantities(drafts, [q for q in found.quantities if inside(q)])
        sent_times = [t for t in found.times if inside(t)]
        sent_places = [p for p in found.places if inside(p)]
        sent_entities = [e for e in entities if inside(e)]
        for d in drafts:
            others = [o.trigger for o in drafts if o.trigger.i != d.trigger.i]
            events.append(
                _build(doc, article, sent, d, sent_times, sent_places, sent_entities, dominant, others)
            )
    yield from _with_casualties(doc, article, found, _merge(events), dominant)


def _build(doc, article, sent, d: _Draft, sent_times, sent_places, sent_entities, dominant,
           others=()) -> EventMention:  # type: ignore[no-untyped-def]
    tok = d.trigger
    actors, targets = _arguments(tok, sent_entities, d.code)
    is_summary, s_start, s_end = _summary(d, sent, sent_times, article)
    place = _place_for(tok, sent_places, dominant, others)
    fallback = _fallback_time(doc, article, tok)
    time = _time_for(tok, sent_times, fallback)
    return EventMention(
        evidence=evidence(doc, article, tok.idx, tok.idx + len(tok.text), EXTRACTOR),
        event_type=d.code,
        trigger=tok.text,
        modality=d.modality,  # type: ignore[arg-type]
        actors=actors,
        targets=targets,
        place=place,
        time=time,
        quantities=tuple(d.quantities),
        is_summary=is_summary,
        summary_start=s_start,
        summary_end=s_end,
        sentences=(d.sentence,),
        confidence=round(d.confidence, 3),
        # _place_for falls back to the dominant place when the sentence resolved none of its own
        place_inherited=None if place is None else not _own_places(tok, sent_places, others),
        time_inherited=None if time is None else time is fallback,
    )


def _told_place(ev: EventMention) -> Place | None:
    """The event's place when read from its own sentence (not the article's dominant place)."""
    return ev.place if ev.place is not None and ev.place_inherited is False else None


def _finer(a: Place | None, b: Place | None) -> Place | None:
    """Of two told places, the more precise (a city over a country); ties keep the first."""
    if a is None or b is None:
        return a or b
    rank = lambda p: _PRECISION_RANK.get(p.precision or "region", 6)  # noqa: E731
    return b if rank(b) < rank(a) else a


def _merge(events: list[EventMention]) -> list[EventMention]:
    """Fold repeated mentions of article-level events (one election, one exile)
    into the first, keeping every sentence they were told in."""
    out: list[EventMention] = []
    first: dict[tuple[str, str], int] = {}
    for ev in events:
        key = (ev.event_type, ev.modality)
        if ev.event_type in MERGE_ACROSS_SENTENCES and key in first:
            i = first[key]
            kept = out[i]
            told = _finer(_told_place(kept), _told_place(ev))
            later = kept.time is None or kept.time_inherited is not False  # no told time yet
            out[i] = dataclasses.replace(
                kept,
                sentences=tuple(sorted(set(kept.sentences) | set(ev.sentences))),
                quantities=kept.quantities + ev.quantities,
                place=told or kept.place or ev.place,
                place_inherited=False if told is not None else kept.place_inherited,
                time=(ev.time or kept.time) if later else kept.time,
                time_inherited=(ev.time_inherited if ev.time else kept.time_inherited) if later
                else kept.time_inherited,
                actors=kept.actors or ev.actors,
                targets=kept.targets or ev.targets,
            )
            continue
        first[key] = len(out)
        out.append(ev)
    return out


# --------------------------------------------------------------------------- #
# The incident's casualties
# --------------------------------------------------------------------------- #

# Types an incident with victims can have: the violent ACLED types, and deaths or
# injuries told without a typed attack ('the victim died').
_INCIDENT_TYPES = frozenset(VIOLENT_TYPES) | frozenset(PROTEST_TYPES) | {"DEATH", "INJURY"}


def _incident_index(events: list[EventMention]) -> int | None:
    """The article's incident event: the first occurred, non-summary event of a
    violent/death/injury type that carries a casualty count, else the first such
    event at all."""
    candidates = [i for i, ev in enumerate(events) if ev.event_type in _INCIDENT_TYPES
                  and ev.modality == "occurred" and not ev.is_summary]
    counted = [i for i in candidates if any(rq.role in _CASUALTY for rq in events[i].quantities)]
    return (counted or candidates or [None])[0]


def _with_casualties(doc, article: Article, found: ArticleExtraction, events: list[EventMention],
                     dominant: Place | None) -> list[EventMention]:
    """Attach the article-level killed/injured (extract/casualties.py) to the
    incident event. With victims but no event to carry them ('Juvenile dead from
    gunshot wound' has no trigger verb), a DEATH or INJURY event is added at the
    first phrase that counted them."""
    from newsledger.extract.casualties import KILLED, incident_casualties

    parts = incident_casualties(found, events, article.text)
    if not parts:
        return events
    i = _incident_index(events)
    if i is not None:
        events[i] = dataclasses.replace(events[i], casualties=parts)
        return events
    first = min((rq.quantity for rq in parts), key=lambda q: q.evidence.start)
    start, end = first.evidence.start, first.evidence.end
    code = "DEATH" if any(rq.role == KILLED for rq in parts) else "INJURY"
    span = doc.char_span(start, end, alignment_mode="expand")
    time = _fallback_time(doc, article, span[0]) if span is not None and len(span) else None
    ev = EventMention(
        evidence=evidence(doc, article, start, end, EXTRACTOR),
        event_type=code,
        trigger=article.text[start:end],
        place=dominant,
        place_inherited=None if dominant is None else True,
        time=time,
        time_inherited=None if time is None else True,
        quantities=parts,
        sentences=(first.evidence.sentence,),
        confidence=LEXICON_CONFIDENCE,
        casualties=parts,
    )
    return events + [ev]


__all__ = ["EXTRACTOR", "read_events", "trigger_code"]
