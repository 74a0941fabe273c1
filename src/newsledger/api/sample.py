"""A small, hand-built ledger shaped like the seed story, for tests, docs
screenshots and ``newsledger serve --sample``.

Two articles from different originators (AFP via The Moscow Times; the
Financial Times via an aggregator), one story, events with claims from both,
a discrepancy, entities with aliases in two scripts, and mention spans. The
texts are short paraphrases written for this sample, not the seed articles.
Every span is computed from the text, so the records are internally exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsledger.records import (
    Article,
    ArticleExtraction,
    Claim,
    Discrepancy,
    Entity,
    EntityMention,
    Event,
    EventMention,
    Evidence,
    Hedge,
    MentionRef,
    Place,
    Quantity,
    RemovedBlock,
    SourceInfo,
    Span,
    Story,
    TimeExpr,
)
from newsledger.store import Ledger

STORY_ID = "story-belarus-2020-08"
AFP_ID = "art-afp-0814"
FT_ID = "art-ft-0814"
EXTRACTOR = "sample@1"

AFP_TEXT = (
    "The main challenger in Belarus's disputed presidential election called for mass weekend rallies "
    "and workers walked off the job on Friday as defiance mounted against Alexander Lukashenko.\n\n"
    "Svetlana Tikhanovskaya, who left for neighbouring Lithuania on Tuesday, asked mayors to organise "
    "peaceful gatherings in every city on Aug. 15 and 16.\n\n"
    "Police have used rubber bullets and stun grenades to disperse crowds in Minsk, with hundreds injured. "
    "Officials have confirmed two deaths in the unrest.\n\n"
    "At least 6,700 people have been arrested, but the interior ministry said on Friday more than "
    "2,000 had been set free.\n\n"
    "Hundreds of employees gathered outside the Minsk Automobile Plant."
)

FT_TEXT = (
    "More than 6,000 people were detained in Belarus after Sunday's election, and one protester died "
    "in Minsk, according to rights groups.\n\n"
    "Interior minister Yuri Karaev apologised on Thursday to bystanders hurt in the crackdown, while his "
    "deputy Alexander Barsukov said there was no abuse of detainees.\n\n"
    "Lukashenka, who claims 80 per cent of the vote, said strikers at state plants could leave if they "
    "wished. Тихановская urged supporters to keep protests peaceful."
)


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _sentence_spans(text: str) -> tuple[Span, ...]:
    out, start = [], 0
    for i, ch in enumerate(text):
        # A full stop ends a sentence only before a capital or a line break ('Aug. 15' goes on).
        nxt = text[i + 1 :].lstrip(" ")[:1]
        if ch == "\n" or (ch == "." and (not nxt or nxt == "\n" or nxt.isupper())):
            if text[start : i + 1].strip():
                lead = len(text[start : i + 1]) - len(text[start : i + 1].lstrip())
                out.append(Span(start + lead, i + 1))
            start = i + 1
    return tuple(out)


def _ev(aid: str, text: str, needle: str, nth: int = 0) -> Evidence:
    start, end = _at(text, needle, nth)
    sentences = _sentence_spans(text)
    sentence = next((i for i, s in enumerate(sentences) if s.start <= start < s.end), 0)
    return Evidence(aid, start, end, sentence, EXTRACTOR)


def _qty(
    aid: str, text: str, needle: str, low: float, high: float | None, hedge: Hedge, counts: str
) -> Quantity:
    return Quantity(_ev(aid, text, needle), needle, low, high, hedge, counts=counts)


def articles() -> tuple[Article, Article]:
    afp = Article(
        id=AFP_ID,
        source="sample/afp.txt",
        text=AFP_TEXT,
        title="Belarus Sees Walkouts, Protest Calls After 'Bloody' Vote Crackdown",
        authors=("Valery Kalinovsky",),
        byline="By Valery Kalinovsky for AFP",
        published="2020-08-14",
        published_how="stated",
        url="https://www.themoscowtimes.com/2020/08/14/belarus-walkouts",
        outlet="The Moscow Times",
        language="en",
        sources=SourceInfo("AFP", "wire", "The Moscow Times", "outlet", "By Valery Kalinovsky for AFP"),
        removed=(
            RemovedBlock(
                "caption", "Detainees emerging from a detention center in Minsk. Tatyana Zenkovich / TASS"
            ),
            RemovedBlock("related", "Related article: Belarus Vote Challenger Calls for 'Peaceful' Protests"),
            RemovedBlock(
                "footer", "Original url: https://www.themoscowtimes.com/2020/08/14/belarus-walkouts"
            ),
        ),
        content_hash="h-afp",
    )
    ft = Article(
        id=FT_ID,
        source="sample/ft.txt",
        text=FT_TEXT,
        title="Belarus strikes spread as detainees describe abuse",
        published=None,
        published_how="unknown",
        language="en",
        sources=SourceInfo("Financial Times", "outlet", None, "aggregator", "Via Financial Times"),
        removed=(
            RemovedBlock("credit", "Via Financial Times"),
            RemovedBlock("related", "READ ALSO: EU weighs sanctions"),
        ),
        content_hash="h-ft",
    )
    return afp, ft


def _places() -> dict[str, Place]:
    def minsk(aid: str, text: str, nth: int = 0) -> Place:
        return Place(
            _ev(aid, text, "Minsk", nth),
            "Minsk",
            True,
            625144,
            "Minsk",
            53.9,
            27.5667,
            "BY",
            "Minsk City",
            "P",
            "city",
            0.9,
            "capital",
        )

    return {
        "afp_minsk": minsk(AFP_ID, AFP_TEXT),
        "afp_maz": minsk(AFP_ID, AFP_TEXT, 1),
        "ft_minsk": minsk(FT_ID, FT_TEXT),
        "ft_belarus": Place(
            _ev(FT_ID, FT_TEXT, "Belarus"),
            "Belarus",
            True,
            630336,
            "Belarus",
            53.0,
            28.0,
            "BY",
            None,
            "A",
            "country",
            0.9,
            "country name",
        ),
        "afp_lithuania": Place(
            _ev(AFP_ID, AFP_TEXT, "Lithuania"),
            "Lithuania",
            True,
            597427,
            "Lithuania",
            55.4,
            24.0,
            "LT",
            None,
            "A",
            "country",
            0.9,
            "country name",
        ),
    }


def _extractions() -> tuple[ArticleExtraction, ArticleExtraction]:
    p = _places()

    def ent(
        aid: str, text: str, needle: str, label: str, key: str, cluster: int, nth: int = 0
    ) -> EntityMention:
        return EntityMention(_ev(aid, text, needle, nth), needle, label, key, cluster)  # type: ignore[arg-type]

    friday = TimeExpr(
        _ev(AFP_ID, AFP_TEXT, "on Friday"),
        "on Friday",
        "2020-08-14",
        "2020-08-14",
        "day",
        "relative",
        "2020-08-14",
    )
    tuesday = TimeExpr(
        _ev(AFP_ID, AFP_TEXT, "on Tuesday"),
        "on Tuesday",
        "2020-08-11",
        "2020-08-11",
        "day",
        "relative",
        "2020-08-14",
    )
    afp = ArticleExtraction(
        article_id=AFP_ID,
        entities=(
            ent(AFP_ID, AFP_TEXT, "Alexander Lukashenko", "PERSON", "lukashenko", 0),
            ent(AFP_ID, AFP_TEXT, "Svetlana Tikhanovskaya", "PERSON", "tikhanovskaya", 1),
            ent(AFP_ID, AFP_TEXT, "Police", "ORG", "police", 2),
            ent(AFP_ID, AFP_TEXT, "Minsk Automobile Plant", "ORG", "minsk automobile plant", 3),
        ),
        times=(friday, tuesday),
        places=(p["afp_minsk"], p["afp_lithuania"]),
        quantities=(
            _qty(AFP_ID, AFP_TEXT, "At least 6,700", 6700, None, "at_least", "arrested"),
            _qty(AFP_ID, AFP_TEXT, "more than 2,000", 2001, None, "more_than", "released"),
            _qty(AFP_ID, AFP_TEXT, "two deaths", 2, 2, "exact", "killed"),
            _qty(AFP_ID, AFP_TEXT, "hundreds injured", 200, 999, "vague", "injured"),
        ),
        events=(
            EventMention(
                _ev(AFP_ID, AFP_TEXT, "arrested"), "ARREST", "arrested", time=friday, place=p["afp_minsk"]
            ),
            EventMention(
                _ev(AFP_ID, AFP_TEXT, "called for mass weekend rallies"),
                "PROTEST_CALL",
                "called for",
                modality="called_for",
            ),
            EventMention(_ev(AFP_ID, AFP_TEXT, "deaths"), "DEATH", "deaths"),
            EventMention(
                _ev(AFP_ID, AFP_TEXT, "walked off the job"), "STRIKE", "walked off the job", time=friday
            ),
            EventMention(
                _ev(AFP_ID, AFP_TEXT, "left for neighbouring Lithuania"),
                "EXILE",
                "left",
                time=tuesday,
                place=p["afp_lithuania"],
            ),
        ),
        sentences=_sentence_spans(AFP_TEXT),
        extractors=(EXTRACTOR,),
    )
    ft = ArticleExtraction(
        article_id=FT_ID,
        entities=(
            ent(FT_ID, FT_TEXT, "Yuri Karaev", "PERSON", "karaev", 0),
            ent(FT_ID, FT_TEXT, "Alexander Barsukov", "PERSON", "barsukov", 1),
            ent(FT_ID, FT_TEXT, "Lukashenka", "PERSON", "lukashenko", 2),
            ent(FT_ID, FT_TEXT, "Тихановская", "PERSON", "tikhanovskaya", 3),
        ),
        places=(p["ft_belarus"], p["ft_minsk"]),
        quantities=(
            _qty(FT_ID, FT_TEXT, "More than 6,000", 6001, None, "more_than", "arrested"),
            _qty(FT_ID, FT_TEXT, "one protester", 1, 1, "exact", "killed"),
        ),
        events=(
            EventMention(_ev(FT_ID, FT_TEXT, "detained"), "ARREST", "detained", place=p["ft_belarus"]),
            EventMention(_ev(FT_ID, FT_TEXT, "died"), "DEATH", "died", place=p["ft_minsk"]),
            EventMention(_ev(FT_ID, FT_TEXT, "said there was no abuse"), "DENIAL", "said", modality="denied"),
        ),
        sentences=_sentence_spans(FT_TEXT),
        extractors=(EXTRACTOR,),
    )
    return afp, ft


def _ref(aid: str, text: str, needle: str, nth: int = 0) -> MentionRef:
    return MentionRef(aid, *_at(text, needle, nth))


def entities() -> list[Entity]:
    return [
        Entity(
            "ent-lukashenko",
            "Alexander Lukashenko",
            "PERSON",
            aliases=("Lukashenka", "Лукашенко"),
            mentions=(_ref(AFP_ID, AFP_TEXT, "Alexander Lukashenko"), _ref(FT_ID, FT_TEXT, "Lukashenka")),
        ),
        Entity(
            "ent-tikhanovskaya",
            "Svetlana Tikhanovskaya",
            "PERSON",
            aliases=("Sviatlana Tsikhanouskaya", "Тихановская"),
            ages=(37,),
            mentions=(_ref(AFP_ID, AFP_TEXT, "Svetlana Tikhanovskaya"), _ref(FT_ID, FT_TEXT, "Тихановская")),
        ),
        Entity(
            "ent-police",
            "Belarusian police",
            "ORG",
            aliases=("Police",),
            mentions=(_ref(AFP_ID, AFP_TEXT, "Police"),),
        ),
        Entity("ent-karaev", "Yuri Karaev", "PERSON", mentions=(_ref(FT_ID, FT_TEXT, "Yuri Karaev"),)),
        Entity(
            "ent-barsukov",
            "Alexander Barsukov",
            "PERSON",
            mentions=(_ref(FT_ID, FT_TEXT, "Alexander Barsukov"),),
        ),
        Entity(
            "ent-minsk",
            "Minsk",
            "GPE",
            geonameid=625144,
            mentions=(_ref(AFP_ID, AFP_TEXT, "Minsk"), _ref(FT_ID, FT_TEXT, "Minsk")),
        ),
    ]


def _claim(
    cid: str,
    event_id: str,
    attribute: str,
    aid: str,
    text: str,
    needle: str,
    *,
    low: float | None = None,
    high: float | None = None,
    hedge: Hedge | None = None,
    kind: str = "count",
    value: str | None = None,
    speaker: str | None = None,
    polarity: str = "assert",
) -> Claim:
    originator = "AFP" if aid == AFP_ID else "Financial Times"
    publisher = "The Moscow Times" if aid == AFP_ID else None
    return Claim(
        cid,
        event_id,
        attribute,
        kind,
        needle,
        _ev(aid, text, needle),
        low,
        high,
        hedge,
        value,  # type: ignore[arg-type]
        originator,
        publisher,
        speaker,
        "2020-08-14",
        polarity,
    )  # type: ignore[arg-type]


def _event(eid: str, etype: str, modality: str, mentions: tuple[MentionRef, ...], **fields: Any) -> Event:
    """An event of the sample story; its article and source counts follow its
    originators (each sample article has its own originator)."""
    n = len(fields["originators"])
    return Event(eid, STORY_ID, etype, modality, mentions, article_count=n, independent_source_count=n, **fields)


def story_ledger() -> tuple[Story, list[Event], list[Claim], list[Discrepancy]]:
    both = ("AFP", "Financial Times")
    events = [
        _event(
            "ev-arrests",
            "ARREST",
            "occurred",
            (_ref(AFP_ID, AFP_TEXT, "arrested"), _ref(FT_ID, FT_TEXT, "detained")),
            is_summary=True,
            date_start="2020-08-09",
            date_end="2020-08-14",
            place_name="Belarus",
            geonameid=630336,
            country_code="BY",
            latitude=53.0,
            longitude=28.0,
            actors=("ent-police",),
            originators=both,
        ),
        _event(
            "ev-deaths",
            "DEATH",
            "occurred",
            (_ref(AFP_ID, AFP_TEXT, "deaths"), _ref(FT_ID, FT_TEXT, "died")),
            date_start="2020-08-10",
            date_end="2020-08-14",
            place_name="Minsk",
            geonameid=625144,
            country_code="BY",
            latitude=53.9,
            longitude=27.5667,
            originators=both,
        ),
        _event(
            "ev-strike",
            "STRIKE",
            "occurred",
            (_ref(AFP_ID, AFP_TEXT, "walked off the job"),),
            date_start="2020-08-14",
            date_end="2020-08-14",
            place_name="Minsk Automobile Plant",
            country_code="BY",
            latitude=53.87,
            longitude=27.65,
            originators=("AFP",),
        ),
        _event(
            "ev-rally-call",
            "PROTEST_CALL",
            "called_for",
            (_ref(AFP_ID, AFP_TEXT, "called for mass weekend rallies"),),
            date_start="2020-08-15",
            date_end="2020-08-16",
            place_name="Belarus",
            country_code="BY",
            latitude=53.0,
            longitude=28.0,
            actors=("ent-tikhanovskaya",),
            originators=("AFP",),
        ),
        _event(
            "ev-departure",
            "EXILE",
            "occurred",
            (_ref(AFP_ID, AFP_TEXT, "left for neighbouring Lithuania"),),
            date_start="2020-08-11",
            date_end="2020-08-11",
            place_name="Lithuania",
            geonameid=597427,
            country_code="LT",
            latitude=55.4,
            longitude=24.0,
            actors=("ent-tikhanovskaya",),
            originators=("AFP",),
        ),
        _event(
            "ev-denial",
            "DENIAL",
            "denied",
            (_ref(FT_ID, FT_TEXT, "said there was no abuse"),),
            date_start="2020-08-13",
            date_end="2020-08-13",
            actors=("ent-barsukov",),
            originators=("Financial Times",),
        ),
    ]
    claims = [
        _claim(
            "cl-arr-afp",
            "ev-arrests",
            "arrested",
            AFP_ID,
            AFP_TEXT,
            "At least 6,700",
            low=6700,
            hedge="at_least",
        ),
        _claim(
            "cl-arr-ft",
            "ev-arrests",
            "arrested",
            FT_ID,
            FT_TEXT,
            "More than 6,000",
            low=6001,
            hedge="more_than",
        ),
        _claim(
            "cl-rel-afp",
            "ev-arrests",
            "released",
            AFP_ID,
            AFP_TEXT,
            "more than 2,000",
            low=2001,
            hedge="more_than",
            speaker="interior ministry",
        ),
        _claim(
            "cl-dead-afp",
            "ev-deaths",
            "killed",
            AFP_ID,
            AFP_TEXT,
            "two deaths",
            low=2,
            high=2,
            hedge="exact",
            speaker="officials",
        ),
        _claim(
            "cl-dead-ft",
            "ev-deaths",
            "killed",
            FT_ID,
            FT_TEXT,
            "one protester",
            low=1,
            high=1,
            hedge="exact",
            speaker="rights groups",
        ),
        _claim(
            "cl-strike-afp",
            "ev-strike",
            "participants",
            AFP_ID,
            AFP_TEXT,
            "Hundreds of employees",
            low=200,
            high=999,
            hedge="vague",
        ),
        _claim(
            "cl-denial-ft",
            "ev-denial",
            "statement",
            FT_ID,
            FT_TEXT,
            "there was no abuse of detainees",
            kind="statement",
            speaker="Alexander Barsukov",
            polarity="deny",
        ),
    ]
    discrepancies = [
        Discrepancy(
            "dis-deaths",
            "ev-deaths",
            "killed",
            ("cl-dead-afp", "cl-dead-ft"),
            "ranges [2, 2] and [1, 1] do not overlap",
        ),
    ]
    story = Story(
        STORY_ID,
        (AFP_ID, FT_ID),
        "Belarus: post-election crackdown, strikes",
        "2020-08-14",
        "2020-08-14",
        both,
    )
    return story, events, claims, discrepancies


def build(path: Path | str) -> Path:
    """Write the sample ledger to ``path`` (idempotent) and return the path."""
    afp, ft = articles()
    x_afp, x_ft = _extractions()
    story, events, claims, discrepancies = story_ledger()
    with Ledger(path) as ledger:
        ledger.add_article(afp, x_afp)
        ledger.add_article(ft, x_ft)
        ledger.write_links({}, [story], {AFP_ID: (STORY_ID, None), FT_ID: (STORY_ID, "2020-08-14")})
        ledger.upsert_entities(entities())
        ledger.replace_story_ledger(
            STORY_ID, events, claims, discrepancies, inferred_dates={FT_ID: "2020-08-14"}
        )
    return Path(path)


# --------------------------------------------------------------------------- hostile sample
# For security tests of the UI: article text and metadata are attacker-controlled.

# Markup an attacker could put into an article, its metadata or an extracted value.
XSS = (
    '<script>window.__pwned=1;alert("script")</script><img src=x onerror="window.__pwned=2;alert(2)">'
    '<a href="javascript:window.__pwned=3">click</a><svg onload="window.__pwned=4"></svg>'
)
HOSTILE_TEXT = (
    f'Police detained 40 people in Minsk. {XSS} The statement was read out. " onmouseover="alert(5)'
)
HOSTILE_STORY = "story-hostile"
HOSTILE_ARTICLE = "art-hostile"
HOSTILE_EVENT = "ev-hostile"
HOSTILE_ENTITY = "ent-hostile"


def add_hostile_story(db: Path) -> None:
    """A second story whose every text field is an injection attempt."""
    start = HOSTILE_TEXT.index("detained")
    ev = Evidence(HOSTILE_ARTICLE, start, start + len("detained"), 0, "hostile@1")
    xss_at = HOSTILE_TEXT.index("<script>")
    xss_ev = Evidence(HOSTILE_ARTICLE, xss_at, xss_at + 40, 1, "hostile@1")
    article = Article(
        id=HOSTILE_ARTICLE,
        source="hostile.html",
        text=HOSTILE_TEXT,
        title=f"Title {XSS}",
        byline=XSS,
        published="2020-08-20",
        published_how="stated",
        url="javascript:window.__pwned=9",
        outlet=XSS,
        sources=SourceInfo(originator=f"Evil {XSS}", originator_kind="outlet", publisher=XSS),
        removed=(RemovedBlock("footer", XSS),),
        content_hash="h-hostile",
    )
    extraction = ArticleExtraction(
        HOSTILE_ARTICLE,
        entities=(EntityMention(xss_ev, XSS[:40], "PERSON", "x", 0),),
        extractors=("hostile@1",),
    )
    event = Event(
        HOSTILE_EVENT,
        HOSTILE_STORY,
        f"ARREST{XSS}",
        "occurred",
        (MentionRef(HOSTILE_ARTICLE, ev.start, ev.end),),
        date_start="2020-08-20",
        date_end="2020-08-20",
        place_name=XSS,
        country_code="BY",
        latitude=53.9,
        longitude=27.56,
        actors=(HOSTILE_ENTITY,),
        article_count=1,
        independent_source_count=1,
        originators=(f"Evil {XSS}",),
    )
    claim = Claim(
        "cl-hostile",
        HOSTILE_EVENT,
        f"arrested{XSS}",
        "count",
        f"40 {XSS}",
        ev,
        low=40,
        high=40,
        hedge="exact",
        originator=f"Evil {XSS}",
        speaker=XSS,
    )
    with Ledger(db) as ledger:
        ledger.add_article(article, extraction)
        ledger.write_links(
            {},
            [
                Story(
                    HOSTILE_STORY,
                    (HOSTILE_ARTICLE,),
                    f"Hostile {XSS}",
                    "2020-08-20",
                    "2020-08-20",
                    (f"Evil {XSS}",),
                )
            ],
            {HOSTILE_ARTICLE: (HOSTILE_STORY, None)},
        )
        ledger.upsert_entities(
            [
                Entity(
                    HOSTILE_ENTITY,
                    f"Name {XSS}",
                    "PERSON",
                    aliases=(XSS,),
                    mentions=(MentionRef(HOSTILE_ARTICLE, xss_ev.start, xss_ev.end),),
                )
            ]
        )
        ledger.replace_story_ledger(HOSTILE_STORY, [event], [claim], [])
