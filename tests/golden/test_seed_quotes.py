"""EXPECTED.md §4 on the two seed articles: each listed quote with its speaker.

A quote passes when some Quote record's content contains the listed words and
its speaker resolves to the listed person or group (``speaker_name``, the
entity cluster's canonical name, or for an unnamed group its speaker text).
"""

from __future__ import annotations

import pytest

from newsledger.records import Article, ArticleExtraction, Quote

AFP, FT = 0, 1

# (seed, words of the content, who said it) — straight from EXPECTED.md §4.
EXPECTED = [
    (AFP, "Belarusians will never want to live with the previous government", "Tikhanovskaya"),
    (AFP, "I ask the mayors of all cities to organize peaceful mass gatherings", "Tikhanovskaya"),
    (AFP, "They burned my hands with cigarettes", "Dovzhenko"),
    (AFP, "They hit me on the head", "Dovzhenko"),
    (AFP, "This is torture", "Chernenkov"),
    (AFP, "a campaign of widespread torture and other ill-treatment", "Amnesty International"),
    (AFP, "In our view sanctions against those responsible", "Seibert"),
    (AFP, "I am alive and not abroad", "Lukashenko"),
    (AFP, "sheep", "Lukashenko"),
    (FT, "For a start, I’m alive, I haven’t gone abroad", "Lukashenko"),
    (FT, "If people want to work, yes please", "Lukashenko"),
    (FT, "as a commander I want to take responsibility myself and apologise humanely", "Karaev"),
    (FT, "there was no abuse", "Barsukov"),
    (FT, "The people made their choice", "Kochanova"),
    (FT, "you wanted regime change and democracy? Here you go!", "guards"),
]


def _article(path) -> Article:  # type: ignore[no-untyped-def]
    try:
        from newsledger.clean import article_from_path
    except ImportError:  # clean stage not built: the raw file as the article
        return Article(id=path.stem, source=str(path), text=path.read_text(encoding="utf-8"), published="2020-08-14")
    return article_from_path(path)


def _entities(doc, article: Article) -> ArticleExtraction:  # type: ignore[no-untyped-def]
    found = ArticleExtraction(article_id=article.id)
    try:
        from newsledger.extract.entities import read_entities
    except ImportError:
        return found
    return ArticleExtraction(article_id=article.id, entities=tuple(read_entities(doc, article, found)))


@pytest.fixture(scope="module")
def seed_quotes(nlp, seed_paths) -> list[tuple[Article, list[Quote]]]:  # type: ignore[no-untyped-def]
    from newsledger.extract.quotes import read_quotes

    out = []
    for path in seed_paths:
        article = _article(path)
        doc = nlp(article.text)
        out.append((article, list(read_quotes(doc, article, _entities(doc, article)))))
    return out


def _who(q: Quote) -> str:
    return f"{q.speaker_name or ''} | {q.speaker_text or ''}"


@pytest.mark.parametrize(("seed", "words", "speaker"), EXPECTED, ids=[w[:30] for _, w, _ in EXPECTED])
def test_seed_quote(seed_quotes, seed: int, words: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    article, quotes = seed_quotes[seed]
    assert words in article.text  # the cleaned text still holds the quote
    with_words = [q for q in quotes if words in q.content_text]
    assert with_words, f"no quote contains {words!r}"
    assert any(speaker in _who(q) for q in with_words), [_who(q) for q in with_words]


def test_seed_quote_spans_quote_the_text(seed_quotes) -> None:  # type: ignore[no-untyped-def]
    for article, quotes in seed_quotes:
        for q in quotes:
            assert article.text[q.content.start : q.content.end] == q.content_text
            if q.speaker:
                assert article.text[q.speaker.start : q.speaker.end] == q.speaker_text
            if q.cue:
                assert article.text[q.cue.start : q.cue.end] == q.cue_text
