"""Property tests: read_quotes never raises, spans quote the text exactly, and a
stray quote mark never yields a quote longer than the paragraph limit."""

from __future__ import annotations

import pytest
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



@pytest.mark.parametrize(("paragraphs", "kept"), [(1, 1), (MAX_QUOTE_PARAGRAPHS, MAX_QUOTE_PARAGRAPHS),
                                                  (MAX_QUOTE_PARAGRAPHS + 1, MAX_QUOTE_PARAGRAPHS), (30, MAX_QUOTE_PARAGRAPHS)])
def test_content_is_clipped_to_the_paragraph_limit(paragraphs: int, kept: int) -> None:
    # hypothesis found content running over 9 unpunctuated paragraphs that spaCy
    # parsed as one sentence; _clip_paragraphs bounds every content piece
    from newsledger.extract.quotes import _clip_paragraphs

    text = "\n\n".join(f"he said word {i}" for i in range(paragraphs))
    start, end = _clip_paragraphs((0, len(text)), text)
    assert text[start:end].count("\n\n") + 1 == kept
    assert text[start:end] == text[start:end].strip()
