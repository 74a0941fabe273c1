"""Property tests: read_quotes never raises, spans quote the text exactly, and a
stray quote mark never yields a quote longer than the paragraph limit."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.extract.quote_marks import MAX_QUOTE_PARAGRAPHS
from newsledger.extract.quotes import read_quotes
from newsledger.records import Article, ArticleExtraction

WORDS = st.sampled_from(
    ["he", "said", "she", "told", "AFP", "that", "according", "to", "officials", "Minsk", "Lukashenko", ",", ".",
     ":", '"', "“", "”", "‘", "’", "'", "«", "»", "\n\n", "\n", "we", "will", "win", "the", "ministry"]
)
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=80).map(" ".join),
)


def _quotes(nlp, text: str):  # type: ignore[no-untyped-def]
    article = Article(id="t", source="t", text=text)
    return list(read_quotes(nlp(text), article, ArticleExtraction(article_id="t")))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_spans_quote_the_text(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    for q in _quotes(nlp, text):
        for span, shown in ((q.content, q.content_text), (q.cue, q.cue_text), (q.speaker, q.speaker_text)):
            if span is None:
                continue
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end] == shown
        for part in q.content_parts:
            assert q.content.start <= part.start <= part.end <= q.content.end
        assert q.evidence.start <= q.content.start and q.content.end <= q.evidence.end


PARAGRAPH = st.lists(WORDS.filter(lambda w: "\n" not in w), min_size=3, max_size=20).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PARAGRAPH, min_size=1, max_size=MAX_QUOTE_PARAGRAPHS + 6), st.sampled_from(['"', "“", "«", "‘"]))
def test_stray_mark_is_contained(nlp, paragraphs: list[str], mark: str) -> None:  # type: ignore[no-untyped-def]
    text = mark + " " + "\n\n".join(paragraphs)  # an opening mark that never closes
    for q in _quotes(nlp, text):
        assert q.content_text.count("\n\n") + 1 <= MAX_QUOTE_PARAGRAPHS


def test_empty_and_blank(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _quotes(nlp, "") == []
    assert _quotes(nlp, "   \n\n  ") == []


def test_unpunctuated_paragraphs_do_not_make_one_endless_content(nlp) -> None:  # type: ignore[no-untyped-def]
    # found by hypothesis: spaCy runs unpunctuated paragraphs into one sentence
    text = "« he he told he « , win he" + "\n\nhe he he" * 10
    for q in _quotes(nlp, text):
        assert q.content_text.count("\n\n") + 1 <= MAX_QUOTE_PARAGRAPHS
        assert text[q.content.start:q.content.end] == q.content_text
