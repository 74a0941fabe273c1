"""Claims: every reported value of an event attribute, with who reported it.

``build_claims(members, event_of, entity_of, groups) -> list[Claim]``

* ``members``: the story's ``(Article, ArticleExtraction)`` pairs;
* ``event_of``: ``{(article_id, mention_index): event_id}`` from
  :func:`newsledger.link.events.merge_events` (mention_index indexes
  ``ArticleExtraction.events``);
* ``entity_of``: ``{(article_id, cluster): entity_id}`` from
  :func:`newsledger.link.entities.resolve_entities`;
* ``groups``: ``{article_id: source group}`` from
  :func:`newsledger.corroborate.independence.source_groups`.

One claim per value: each role quantity of an event mention (arrested,
killed, injured, released, ... with low/high/hedge; killed and injured come
from the article's casualty count when the events reader attached one, see
:func:`casualty_claims`), its date, its place, each
actor ('perpetrator') and target; and each quote ('statement', with polarity
and the speaker's name). The speaker of a non-quote claim is the speaker of
the quote whose span contains it ('the interior ministry said Friday more
than 2,000 had been set free'), else an attribution found in its sentence
('according to X', 'X said'). ``article_count`` / ``independent_source_count``
count the articles / source groups whose claims on the same event and
attribute agree with this one (corroborate.agreement).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import Mapping, Sequence

from newsledger.corroborate.agreement import values_agree
from newsledger.corroborate.independence import count_sources
from newsledger.corroborate.statements import polarity, same_statement
from newsledger.records import Article, ArticleExtraction, Claim, Evidence, EventMention, Quote

Member = tuple[Article, ArticleExtraction]

# 'according to the interior ministry', 'the interior ministry said', 'X told'.
_ACCORDING = re.compile(r"\b[Aa]ccording to ((?:the )?[A-Z][\w'’.-]*(?: [\w'’.-]+){0,4}?)(?=[,.;]|$)")
_SAID = re.compile(
    r"((?:the |The )?(?:[A-Z][\w'’.-]*|[a-z]+ ministry|police|officials|authorities)(?: [\w'’.-]+){0,3}?) "
    r"(?:said|says|told|reported|announced|confirmed)\b"
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "He", "She", "They", "It", "We", "I"}
_CLAUSE_BREAK = re.compile(r";|,\s*(?:but|while|although|whereas|and)\b|\bbut\b")
_TIME_WORD = re.compile(
    r"^(?:(?:on|late|early|last|this)\s+)*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Today|Yesterday|Tonight)\b\s*",
    re.IGNORECASE,
)


def _claim_id(evidence: Evidence, attribute: str, value: str = "") -> str:
    raw = f"{evidence.article_id}|{evidence.start}|{evidence.end}|{attribute}|{value}"
    return "clm-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def sentence_text(article: Article, extraction: ArticleExtraction, index: int) -> str:
    if 0 <= index < len(extraction.sentences):
        span = extraction.sentences[index]
        return article.text[span.start : span.end]
    return ""


def context_text(article: Article, extraction: ArticleExtraction, start: int, end: int) -> str:
    """The sentences overlapping [start, end), cut at the line break before
    ``start``: what a quote is about. (A heading glued to the sentence by the
    sentence splitter is not.)"""
    spans = [sp for sp in extraction.sentences if sp.start < end and start < sp.end]
    lo = min((sp.start for sp in spans), default=start)
    hi = max((sp.end for sp in spans), default=end)
    lo = max(lo, article.text.rfind("\n", 0, start) + 1)
    return article.text[lo:hi]


def speaker_for(
    start: int, end: int, quotes: Sequence[Quote], article: Article, extraction: ArticleExtraction
) -> str | None:
    """Who the article attributes the span [start, end) to: the speaker of a
    quote containing it, else an attribution in the same clause of its sentence
    ('the ministry said Friday more than 2,000 ...', '... were held, police
    said.'); an attribution of another clause ('..., but officials announced
    they would ...') is not taken."""
    for q in quotes:
        if q.evidence.start <= start and end <= q.evidence.end:
            return q.speaker_name or q.speaker_text
    spans = [sp for sp in extraction.sentences if sp.start <= start < sp.end]
    if not spans:
        return None
    s0 = spans[0].start
    sentence = article.text[s0 : spans[0].end]
    lo, hi = start - s0, end - s0
    for pattern in (_ACCORDING, _SAID):
        for m in pattern.finditer(sentence):
            between = sentence[m.end() : lo] if m.end() <= lo else sentence[hi : m.start()]
            tail = sentence[m.end() :] if m.start() >= hi else ""
            if _CLAUSE_BREAK.search(between) or len(tail.strip(" .,;\u201d\"'")) > 25:
                continue
            who = _TIME_WORD.sub("", m.group(1).strip()).strip()
            if who and who not in _PRONOUNS:
                return who
    return None


def _base(article: Article, evidence: Evidence) -> dict:
    return {
        "evidence": evidence,
        "originator": article.sources.originator,
        "publisher": article.sources.publisher or article.outlet,
        "reported_at": article.published if article.published_how != "inferred" else None,
    }


def mention_claims(
    article: Article,
    extraction: ArticleExtraction,
    mention: EventMention,
    event_id: str | None,
    entity_of: Mapping[tuple[str, int], str],
) -> list[Claim]:
    out: list[Claim] = []
    for rq in mention.quantities:
        q = rq.quantity
        out.append(
            Claim(
                id=_claim_id(q.evidence, rq.role),
                event_id=event_id,
                attribute=rq.role,
                kind="count",
                text=q.text,
                low=q.low,
                high=q.high,
                hedge=q.hedge,
                speaker=speaker_for(q.evidence.start, q.evidence.end, extraction.quotes, article, extraction),
                **_base(article, q.evidence),
            )
        )
    # Only values the article tells of this event are claims: a date the reader
    # inferred from the publication day, or a place it inherited from the
    # article's dominant place, is context, not a report (and, repeated by every
    # mention of a merged event, it buried the real claims).
    if mention.time is not None and mention.time.start and mention.time.how != "inferred":
        t = mention.time
        value = t.start if t.end in (None, t.start) else f"{t.start}/{t.end}"
        out.append(Claim(id=_claim_id(t.evidence, "date"), event_id=event_id, attribute="date", kind="date",
                         text=t.text, value=value, speaker=speaker_for(t.evidence.start, t.evidence.end, extraction.quotes,
                                                             article, extraction),
                         **_base(article, t.evidence)))
    if mention.place is not None and _told_here(mention, extraction):
        p = mention.place
        value = _place_value(p.country_code, p.geonameid, p.name or p.text, p.precision)
        out.append(Claim(id=_claim_id(p.evidence, "place"), event_id=event_id, attribute="place", kind="place",
                         text=p.text, value=value, speaker=speaker_for(p.evidence.start, p.evidence.end, extraction.quotes,
                                                             article, extraction),
                         **_base(article, p.evidence)))
    for attribute, kind, args in (("perpetrator", "actor", mention.actors), ("target", "target", mention.targets)):
        for arg in args:
            ev = dataclasses.replace(mention.evidence, start=arg.span.start, end=arg.span.end)
            value = entity_of.get((article.id, arg.cluster)) if arg.cluster is not None else None
            out.append(Claim(id=_claim_id(ev, attribute), event_id=event_id, attribute=attribute, kind=kind,
                             text=arg.text, value=value or arg.name or arg.text,
                             speaker=speaker_for(ev.start, ev.end, extraction.quotes, article, extraction),
                             **_base(article, ev)))
    return out


def _told_here(mention: EventMention, extraction: ArticleExtraction) -> bool:
    """Is the mention's place read in one of its own sentences?"""
    p = mention.place
    if p is None:
        return False
    own = set(mention.sentences) | {mention.evidence.sentence}
    spans = [extraction.sentences[i] for i in own if 0 <= i < len(extraction.sentences)]
    if spans:
        return any(sp.start <= p.evidence.start < sp.end for sp in spans)
    return p.evidence.sentence in own


def _place_value(country: str | None, geonameid: int | None, name: str, precision: str | None) -> str:
    cc = country or "??"
    if precision == "country":
        return cc
    return f"{cc}:{geonameid}" if geonameid else f"{cc}:{name.casefold()}"


def statement_claims(article: Article, extraction: ArticleExtraction, event_of_sentence: Mapping[int, str]) -> list[Claim]:
    """One 'statement' claim per quote: text = the quoted words, value = its
    sentence (what the statement is about); polarity from the quoted words."""
    out = []
    for q in extraction.quotes:
        # Context from the quoted words and cue, not the speaker span, which can
        # reach back into a heading.
        parts = [sp for sp in (q.content, q.cue) if sp is not None]
        lo, hi = min(sp.start for sp in parts), max(sp.end for sp in parts)
        context = context_text(article, extraction, lo, hi) or q.content_text
        out.append(
            Claim(
                id=_claim_id(q.evidence, "statement"),
                event_id=event_of_sentence.get(q.evidence.sentence),
                attribute="statement",
                kind="statement",
                text=q.content_text,
                value=context,
                speaker=q.speaker_name or q.speaker_text,
                polarity="deny" if polarity(q.content_text) == "deny" else "assert",
                **_base(article, q.evidence),
            )
        )
    return out


# Roles the casualties reader (extract/casualties.py) counts over a whole article.
CASUALTY_ROLES = ("killed", "injured")


def casualty_claims(
    article: Article, extraction: ArticleExtraction, event_of: Mapping[tuple[str, int], str]
) -> tuple[list[Claim], set[tuple[str | None, str]]]:
    """Killed / injured claims from the casualties the events reader attached to
    the article's incident event (``EventMention.casualties``: the article's
    count per role, read over every sentence), and the (event, role) pairs they
    speak for.

    Each claim keeps the span of the phrase its count was read from (evidence
    extractor ``casualties@N``) and that count ('three men were shot, one
    fatally': injured 2 at 'three men'); the parts of one role are summed, as
    the reader's contract says. A claim belongs to the event of the mention
    that read the same phrase in the same role when there is one (the deaths
    'two deaths ... one man ... another' tell), else to the incident event. The
    role quantities of that event in this article are then not claims of their
    own: they are the same victims told again or parts of the total
    ('one ... another' of 'two deaths'), and as separate claims they read as a
    lower toll (the ACLED export takes the lowest figure)."""
    out: list[Claim] = []
    covered: set[tuple[str | None, str]] = set()
    owner = {(rq.role, rq.quantity.evidence.start, rq.quantity.evidence.end): event_of.get((article.id, i))
             for i, m in enumerate(extraction.events) for rq in m.quantities}
    for i, mention in enumerate(extraction.events):
        for role in CASUALTY_ROLES:
            parts = sorted((rq.quantity for rq in mention.casualties if rq.role == role),
                           key=lambda q: q.evidence.start)
            if not parts:
                continue
            first, last = parts[0], parts[-1]
            value = sum(q.low if q.low is not None else (q.high or 0.0) for q in parts)
            evidence = first.evidence if len(parts) == 1 else \
                dataclasses.replace(first.evidence, end=last.evidence.end)
            key = (role, first.evidence.start, first.evidence.end)
            event_id = owner.get(key) if len(parts) == 1 and key in owner else event_of.get((article.id, i))
            if event_id is not None:  # (an unlinked mention's counts speak for no event's)
                covered.add((event_id, role))
            out.append(
                Claim(
                    id=_claim_id(evidence, role),
                    event_id=event_id,
                    attribute=role,
                    kind="count",
                    text=" + ".join(q.text for q in parts),
                    low=value,
                    high=value,
                    hedge="exact",
                    speaker=speaker_for(evidence.start, evidence.end, extraction.quotes, article, extraction),
                    **_base(article, evidence),
                )
            )
    return out, covered


def build_claims(
    members: Sequence[Member],
    event_of: Mapping[tuple[str, int], str],
    entity_of: Mapping[tuple[str, int], str],
    groups: Mapping[str, str],
) -> list[Claim]:
    claims: list[Claim] = []
    for article, extraction in sorted(members, key=lambda m: m[0].id):
        by_sentence: dict[int, str] = {}
        counted, covered = casualty_claims(article, extraction, event_of)
        claims.extend(counted)
        for i, mention in enumerate(extraction.events):
            event_id = event_of.get((article.id, i))
            if event_id:
                for s in (mention.evidence.sentence, *mention.sentences):
                    by_sentence.setdefault(s, event_id)
            claims.extend(c for c in mention_claims(article, extraction, mention, event_id, entity_of)
                          if (event_id, c.attribute) not in covered)
        claims.extend(statement_claims(article, extraction, by_sentence))
    # One value at one place of the text is one claim, however many mentions of
    # the event it was attached to (ids hash the evidence span and attribute).
    claims = list({c.id: c for c in reversed(claims)}.values())[::-1]
    return corroborate(claims, groups)


def corroborate(claims: Sequence[Claim], groups: Mapping[str, str]) -> list[Claim]:
    """Fill article_count / independent_source_count from agreeing claims on the
    same event and attribute (a claim without an event counts only itself)."""
    by_key: dict[tuple[str, str], list[Claim]] = {}
    for c in claims:
        if c.event_id is not None and c.kind != "statement":
            by_key.setdefault((c.event_id, c.attribute), []).append(c)
    statements = [c for c in claims if c.kind == "statement"]
    out = []
    for c in claims:
        if c.kind == "statement":  # the same words, however translated, by the same speaker
            agreeing = [p.evidence.article_id for p in statements
                        if p is c or same_statement(c.text, p.text, c.speaker, p.speaker)]
            n_articles, n_sources, _ = count_sources(agreeing, groups)
            out.append(dataclasses.replace(c, article_count=n_articles, independent_source_count=n_sources))
            continue
        peers = by_key.get((c.event_id or "", c.attribute), [c]) if c.event_id else [c]
        agreeing = [p.evidence.article_id for p in peers if p is c or values_agree(c, p)]
        n_articles, n_sources, _ = count_sources(agreeing or [c.evidence.article_id], groups)
        out.append(dataclasses.replace(c, article_count=n_articles, independent_source_count=n_sources))
    return sorted(out, key=lambda c: c.id)
