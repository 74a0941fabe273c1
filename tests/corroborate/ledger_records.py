"""Hand-built records for corroboration and linking tests (no readers needed)."""

from __future__ import annotations

from newsledger.records import (
    Article, ArticleExtraction, ArgRef, EntityMention, EventMention, Evidence, Place, Quantity, Quote,
    RoleQuantity, SourceInfo, Span, TimeExpr,
)


def article(aid: str, text: str, originator: str | None = None, publisher: str | None = None,
            published: str | None = "2020-08-14", content_hash: str = "") -> Article:
    return Article(
        id=aid, source=aid, text=text, published=published,
        published_how="stated" if published else "unknown",
        sources=SourceInfo(originator=originator, publisher=publisher), content_hash=content_hash or aid,
    )


def ev(aid: str, start: int, end: int, sentence: int = 0) -> Evidence:
    return Evidence(aid, start, end, sentence, "test@1")


def sentences(text: str) -> tuple[Span, ...]:
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] == " "):
            spans.append(Span(start, i + 1))
            start = i + 2
    if start < len(text):
        spans.append(Span(start, len(text)))
    return tuple(spans)


def sentence_of(text: str, pos: int) -> int:
    for i, s in enumerate(sentences(text)):
        if s.start <= pos <= s.end:
            return i
    return 0


def quantity(a: Article, phrase: str, low: float, high: float | None, hedge: str, role: str) -> RoleQuantity:
    start = a.text.index(phrase)
    q = Quantity(ev(a.id, start, start + len(phrase), sentence_of(a.text, start)), phrase, low, high, hedge,  # type: ignore[arg-type]
                 counts=role)
    return RoleQuantity(role, q)


def mention(a: Article, trigger: str, event_type: str, quantities=(), modality="occurred", is_summary=False,
            date: str | None = None, place: Place | None = None, actors=()) -> EventMention:
    start = a.text.index(trigger)
    time = TimeExpr(ev(a.id, start, start + len(trigger)), date, date, date, "day", "stated") if date else None
    return EventMention(ev(a.id, start, start + len(trigger), sentence_of(a.text, start)), event_type, trigger,
                        modality=modality, quantities=tuple(quantities), is_summary=is_summary, time=time,  # type: ignore[arg-type]
                        place=place, actors=tuple(actors))


def quote(a: Article, content: str, speaker: str) -> Quote:
    start = a.text.index(content)
    sent = sentence_of(a.text, start)
    span = sentences(a.text)[sent]
    return Quote(ev(a.id, span.start, span.end, sent), "direct", Span(start, start + len(content)), content,
                 speaker_text=speaker, speaker_name=speaker)


def entity(a: Article, text: str, label: str, cluster: int, key: str, role: str | None = None,
           age: int | None = None, form: str = "name") -> EntityMention:
    start = a.text.index(text)
    return EntityMention(ev(a.id, start, start + len(text), sentence_of(a.text, start)), text, label, key,  # type: ignore[arg-type]
                         cluster, form=form, role=role, age=age)  # type: ignore[arg-type]


def extraction(a: Article, **fields) -> ArticleExtraction:
    return ArticleExtraction(article_id=a.id, sentences=sentences(a.text), **fields)


def arg(a: Article, text: str, cluster: int | None = None) -> ArgRef:
    start = a.text.index(text)
    return ArgRef(text, Span(start, start + len(text)), cluster, text)
