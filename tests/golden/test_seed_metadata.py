"""EXPECTED.md §1 (article metadata and cleaning) for both seed articles."""

from __future__ import annotations

import pytest

from newsledger.clean import article_from_path
from newsledger.clean.markdown import has_markdown


@pytest.fixture(scope="module")
def afp(seed_paths):
    return article_from_path(seed_paths[0])


@pytest.fixture(scope="module")
def ft(seed_paths):
    return article_from_path(seed_paths[1])


def _removed(article, kind):
    return [b.text for b in article.removed if b.kind == kind]


# ----------------------------------------------------------------- 000: AFP via The Moscow Times


def test_afp_title(afp):
    assert afp.title == "Belarus Sees Walkouts, Protest Calls After 'Bloody' Vote Crackdown"


def test_afp_byline_and_agency(afp):
    assert afp.authors == ("Valery Kalinovsky",)
    assert afp.byline == "By Valery Kalinovsky for AFP"
    assert afp.sources.originator == "AFP"
    assert afp.sources.originator_kind == "wire"


def test_afp_date_stated(afp):
    assert afp.published == "2020-08-14"
    assert afp.published_how == "stated"


def test_afp_url_and_outlet_from_footer(afp):
    assert afp.url is not None and "themoscowtimes.com" in afp.url
    assert afp.outlet == "The Moscow Times"
    assert afp.sources.publisher == "The Moscow Times"
    assert afp.sources.publisher_kind == "outlet"


def test_afp_caption_removed(afp):
    captions = _removed(afp, "caption")
    assert len(captions) == 1 and "Tatyana Zenkovich / TASS" in captions[0]
    assert "Zenkovich" not in afp.text
    # The caption repeated a body sentence: the body's own sentence stays, once.
    assert afp.text.count("beaten and deprived of food, water, sleep and medical care") == 1
    assert "told AFP they had been beaten" in afp.text


def test_afp_tweet_is_an_embedded_post(afp):
    assert len(afp.embeds) == 1
    post = afp.embeds[0]
    assert post.author == "max seddon"
    assert post.handle == "@maxseddon"
    assert post.text.startswith("Unbelievable scenes of the strike in Belarus")
    assert "two days ago" in post.text
    assert post.date == "2020-08-14"
    assert len(_removed(afp, "embed")) == 1
    for fragment in ("Unbelievable scenes", "Embed:", "maxseddon", "svaboda", "state-owned\n"):
        assert fragment not in afp.text


def test_afp_related_lines_removed(afp):
    related = _removed(afp, "related")
    assert len(related) == 2
    assert "Related article" not in afp.text
    assert "Symbols of the Opposition" not in afp.text


def test_afp_footer_removed(afp):
    footers = _removed(afp, "footer")
    assert len(footers) == 1 and footers[0].startswith("Original url:")
    assert "Original url" not in afp.text and "http" not in afp.text


def test_afp_header_lines_not_in_body(afp):
    assert not afp.text.startswith("Belarus Sees Walkouts")
    assert "Kalinovsky" not in afp.text
    assert "August 14, 2020" not in afp.text
    assert afp.text.startswith("The main challenger in Belarus's disputed presidential election")
    assert afp.text.endswith("She left for Lithuania as allies said she came under official pressure.")


def test_afp_prose_kept(afp):
    # Crossheads and the mixed-script name are the outlet's text, kept as written.
    assert "'Campaign of widespread torture'" in afp.text
    assert "Germany backs EU sanctions" in afp.text
    assert "Tikhановская" in afp.text
    assert "At least 6,700 people have been arrested" in afp.text


# ----------------------------------------------------------------- 002: FT via an aggregator


def test_ft_no_title_byline_or_url(ft):
    assert ft.title is None
    assert ft.byline is None and ft.authors == ()
    assert ft.url is None
    assert ft.outlet is None


def test_ft_date_unknown(ft):
    assert ft.published is None
    assert ft.published_how == "unknown"


def test_ft_originator_and_aggregator(ft):
    assert ft.sources.originator == "Financial Times"
    assert ft.sources.originator_kind == "outlet"
    assert ft.sources.publisher is None
    assert ft.sources.publisher_kind == "aggregator"
    assert ft.sources.evidence == "Via Financial Times"


def test_ft_read_also_lines_removed(ft):
    related = _removed(ft, "related")
    assert len(related) == 2
    assert all(r.startswith("READ ALSO") for r in related)
    assert "READ ALSO" not in ft.text
    assert "Supreme Court vacancy" not in ft.text
    assert "Great Conservative Migration" not in ft.text


def test_ft_caption_removed(ft):
    captions = _removed(ft, "caption")
    assert captions == ["People leave a detention centre in Minsk on Friday © TATYANA ZENKOVICH/EPA-EFE/Shutterstock"]
    assert "©" not in ft.text and "Shutterstock" not in ft.text


def test_ft_credit_removed(ft):
    assert _removed(ft, "credit") == ["Via Financial Times"]
    assert "Via Financial Times" not in ft.text
    assert ft.text.endswith("Those who failed to comply were beaten again.")


def test_ft_prose_kept(ft):
    assert ft.text.startswith("An outcry over the brutal crackdown")
    assert "told the Financial Times" in ft.text  # an in-text mention is prose, not a credit
    assert "there was no abuse." in ft.text


# ----------------------------------------------------------------- both


@pytest.mark.parametrize("which", ["afp", "ft"])
def test_no_markdown_residue(which, request):
    article = request.getfixturevalue(which)
    assert not has_markdown(article.text), article.text
    assert "**" not in article.text and "](#)" not in article.text


@pytest.mark.parametrize("which", ["afp", "ft"])
def test_english_and_identity(which, request):
    article = request.getfixturevalue(which)
    assert article.language == "en"
    assert len(article.id) == 16 and len(article.content_hash) == 16


def test_two_independent_originators(afp, ft):
    assert afp.id != ft.id
    assert {afp.sources.originator, ft.sources.originator} == {"AFP", "Financial Times"}


def test_same_text_twice_is_one_article(seed_paths, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed_paths[0].read_bytes())
    assert article_from_path(copy).id == article_from_path(seed_paths[0]).id
