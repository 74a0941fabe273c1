"""The scraped-text cleaner on whole hand-written articles (headers, embeds,
footers, wire credits), beyond the two seeds."""

from __future__ import annotations

import pytest

from newsledger.clean import clean
from newsledger.clean.byline import parse_byline
from newsledger.clean.dates import date_line, url_date
from newsledger.clean.markdown import has_markdown, strip_markdown
from newsledger.clean.scraped import parse_scraped, units_of
from newsledger.clean.sources import load_table
from newsledger.records import RawArticle

TABLE = load_table()

PROSE = (
    "Thousands of workers walked off the job at state factories on Friday, joining protests against the "
    "disputed election result.\n\n"
    "Police said more than 700 people had been detained overnight in the capital and other cities.\n\n"
    "The opposition called for further rallies at the weekend, and union leaders said the strike would go on."
)


def article(text: str, **raw):
    return clean(RawArticle(source="t.txt", kind="text", data=text.encode("utf-8"), **raw))


@pytest.mark.parametrize(
    "line, authors, agency",
    [
        ("By [Valery Kalinovsky for AFP](#)", ("Valery Kalinovsky",), "AFP"),
        ("By Jane Doe and John Smith, Reuters", ("Jane Doe", "John Smith"), "Reuters"),
        ("By Jane Doe | Associated Press", ("Jane Doe",), "Associated Press"),
        ("BY JANE DOE (AP)", ("Jane Doe",), "Associated Press"),
        ("By Reuters Staff", (), "Reuters"),
        ("By AFP", (), "AFP"),
        ("By Maria Tsvetkova", ("Maria Tsvetkova",), None),
        ("Words by Anna Smith & Li Wei", ("Anna Smith", "Li Wei"), None),
        ("By Ivan Petrov for The Kyiv Independent", ("Ivan Petrov",), "Kyiv Independent"),
        ("Author: Jean-Pierre de la Fontaine", ("Jean-Pierre de la Fontaine",), None),
    ],
)
def test_bylines(line, authors, agency):
    byline = parse_byline(line, TABLE)
    assert byline is not None
    assert (byline.authors, byline.agency) == (authors, agency)


@pytest.mark.parametrize(
    "line",
    [
        "By the time police arrived, the crowd had dispersed.",
        "by Friday evening",
        "Bystanders filmed the arrests.",
        "By contrast, the prime minister went to the factory to talk to strikers on Friday morning.",
    ],
)
def test_not_bylines(line):
    assert parse_byline(line, TABLE) is None


@pytest.mark.parametrize(
    "line, iso",
    [
        ("August 14, 2020", "2020-08-14"),
        ("Aug. 14, 2020", "2020-08-14"),
        ("14 August 2020", "2020-08-14"),
        ("Friday, 14 August 2020 10:32 BST", "2020-08-14"),
        ("Published: 14 Aug 2020 10:32 GMT", "2020-08-14"),
        ("Updated August 14, 2020 at 3:04 p.m. ET", "2020-08-14"),
        ("2020-08-14T09:00:00Z", "2020-08-14"),
        ("14.08.2020", "2020-08-14"),
        ("Posted on March 3rd, 2021 | 3 min read", "2021-03-03"),
        ("Protests began on August 9, 2020, in Minsk.", None),
        ("On August 9, 2020 voters went to the polls in Belarus", None),
        ("February 30, 2020", None),
        ("Belarus Sees Walkouts", None),
    ],
)
def test_date_lines(line, iso):
    assert date_line(line) == iso


@pytest.mark.parametrize(
    "url, iso",
    [
        ("https://www.themoscowtimes.com/2020/08/14/belarus-a71151", "2020-08-14"),
        ("https://example.com/news/2021-03-05-strike", "2021-03-05"),
        ("https://example.com/news/strike-12345", None),
        (None, None),
    ],
)
def test_url_dates(url, iso):
    assert url_date(url) == iso


@pytest.mark.parametrize(
    "text, plain",
    [
        ("By [Jane Doe](#)", "By Jane Doe"),
        ("**Bold** and __strong__ and *italic*", "Bold and strong and italic"),
        ("see [the report](https://example.com/a_(b)) now", "see the report now"),
        ("![a photo](img.jpg)Crowds gathered", "Crowds gathered"),
        ("## Germany backs EU sanctions", "Germany backs EU sanctions"),
        ("> a quoted line", "a quoted line"),
        ("<https://example.com/x>", "https://example.com/x"),
        ("5 * 3 = 15 and snake_case_name stay", "5 * 3 = 15 and snake_case_name stay"),
        ("He said \\*not\\* this", "He said *not* this"),
    ],
)
def test_markdown_residue(text, plain):
    assert strip_markdown(text) == plain


def test_units_join_soft_wraps_but_not_headers():
    text = (
        "Strikers Return to Factories\nBy Jane Doe\nAugust 14, 2020\n\n"
        "Thousands of workers walked off the job at state factories on Friday,\n"
        "joining protests against the disputed election result.\n"
    )
    assert [u.text for u in units_of(text)] == [
        "Strikers Return to Factories",
        "By Jane Doe",
        "August 14, 2020",
        "Thousands of workers walked off the job at state factories on Friday, "
        "joining protests against the disputed election result.",
    ]


def test_headline_glued_to_the_first_paragraph():
    text = "Belarus Sees Walkouts, Protest Calls After 'Bloody' Vote Crackdown\n" + PROSE
    a = article(text)
    assert a.title == "Belarus Sees Walkouts, Protest Calls After 'Bloody' Vote Crackdown"
    assert a.text == PROSE


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = (
        "Thousands of workers walked off the job at state factories on\n"
        "Friday, joining protests against the disputed election result, as\n"
        "police said more than 700 people had been detained overnight.\n\n"
        "The opposition called for further rallies at the weekend, and union\n"
        "leaders said the strike would go on until new elections were called.\n"
    )
    a = article(wrapped)
    assert a.text.count("\n\n") == 1
    assert "on Friday, joining" in a.text


def test_header_without_blank_lines():
    a = article("Strikers Return to Factories\nBy Jane Doe for Reuters\nAugust 14, 2020\n\n" + PROSE)
    assert a.title == "Strikers Return to Factories"
    assert a.authors == ("Jane Doe",)
    assert (a.published, a.published_how) == ("2020-08-14", "stated")
    assert a.sources.originator == "Reuters" and a.sources.originator_kind == "wire"
    assert a.text.startswith("Thousands of workers")


def test_no_header_at_all():
    a = article(PROSE)
    assert a.title is None and a.byline is None and a.published is None
    assert a.published_how == "unknown"
    assert a.text == PROSE


def test_title_prefixed_and_date_at_end():
    a = article("Title: Workers strike\n\n" + PROSE + "\n\nPublished 15 August 2020")
    assert a.title == "Workers strike"
    assert a.published == "2020-08-15"
    assert "Published" not in a.text


def test_embed_block_without_signature_takes_next_unit():
    a = article(PROSE + "\n\nEmbed:\n\nWorkers at MAZ walk out https://t.co/abc\n\n" + PROSE)
    assert len(a.embeds) == 1 and a.embeds[0].text.startswith("Workers at MAZ walk out")
    assert "t.co" not in a.text


def test_instagram_embed():
    text = PROSE + "\n\nEmbed:\n\nA rally in Minsk tonight\n\nA post shared by Jane Doe (@jane.doe) on Aug 14, 2020 at 9:00am PDT\n\n" + PROSE
    a = article(text)
    assert [(e.author, e.handle, e.platform) for e in a.embeds] == [("Jane Doe", "@jane.doe", "instagram")]
    assert "post shared" not in a.text


@pytest.mark.parametrize(
    "post, taken",
    [
        ("Workers at MAZ walk out #Belarus pic.twitter.com/abc123", True),
        ("Huge crowds in Minsk tonight, via @svaboda", True),
        ("The strike spread to three more plants on Friday, workers said.", False),  # prose stays prose
    ],
)
def test_signature_line_without_marker(post, taken):
    a = article(PROSE + "\n\n" + post + "\n\n— Jane Doe (@janedoe) August 14, 2020\n\n" + PROSE)
    assert len(a.embeds) == 1 and a.embeds[0].handle == "@janedoe"
    assert (a.embeds[0].text == strip_markdown(post)) is taken
    assert (post in a.text) is not taken
    assert "@janedoe" not in a.text


def test_inline_tweet_paragraph():
    a = article(PROSE + "\n\nThe strike is spreading — Jane Doe (@janedoe) August 14, 2020\n\n" + PROSE)
    assert a.embeds[0].handle == "@janedoe"
    assert "@janedoe" not in a.text


@pytest.mark.parametrize(
    "text, originator, okind, publisher, pkind",
    [
        # a byline or dateline names the writer, not who carried the text
        ("MINSK (Reuters) - " + PROSE, "Reuters", "wire", None, "unknown"),
        ("MINSK, Belarus (AP) — " + PROSE, "Associated Press", "wire", None, "unknown"),
        ("(AFP) - " + PROSE, "AFP", "wire", None, "unknown"),
        (PROSE + " — AP", "Associated Press", "wire", None, "unknown"),
        (PROSE + "\n\n— AP", "Associated Press", "wire", None, "unknown"),
        (PROSE + "\n\nCopyright 2020 The Associated Press. All rights reserved.", "Associated Press", "wire", None,
         "unknown"),
        # a carried-by credit says someone else re-posted it
        (PROSE + "\n\nSource: Reuters", "Reuters", "wire", None, "aggregator"),
        (PROSE + "\n\nVia The Daily Bugle", "The Daily Bugle", "unknown", None, "aggregator"),
        (PROSE, None, "unknown", None, "unknown"),
        (PROSE + "\n\nOriginal url: https://www.bbc.co.uk/news/world-europe-1", "BBC", "outlet", "BBC", "outlet"),
        ("By Jane Doe for AFP\n\n" + PROSE + "\n\nOriginal url:\n\n<https://news.yahoo.com/strikes-1.html>",
         "AFP", "wire", "Yahoo News", "aggregator"),
        ("MINSK (Reuters) - " + PROSE + "\n\nOriginal url: https://www.themoscowtimes.com/2020/08/14/x",
         "Reuters", "wire", "The Moscow Times", "outlet"),
    ],
)  # fmt: skip
def test_originator_and_publisher(text, originator, okind, publisher, pkind):
    s = article(text).sources
    assert (s.originator, s.originator_kind, s.publisher, s.publisher_kind) == (originator, okind, publisher, pkind)


def test_outlet_supplied_with_the_input():
    a = article("MINSK (Reuters) - " + PROSE, outlet="The Guardian")
    s = a.sources
    assert (s.originator, s.publisher, s.publisher_kind) == ("Reuters", "The Guardian", "outlet")
    assert a.outlet == "The Guardian"


def test_dateline_kept_in_text():
    a = article("MINSK (Reuters) - " + PROSE)
    assert a.text.startswith("MINSK (Reuters) - Thousands")


def test_url_date_when_nothing_stated():
    a = article(PROSE + "\n\nOriginal url: https://www.themoscowtimes.com/2020/08/14/x")
    assert (a.published, a.published_how) == ("2020-08-14", "url")


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2020-08-14", "2020-08-14"),
        ("2020-08-14T23:30:00Z", "2020-08-14"),
        ("Fri, 14 Aug 2020 09:00:00 GMT", "2020-08-14"),
        ("August 14, 2020", "2020-08-14"),
        ("1597392000", "2020-08-14"),
        ("1597392000000", "2020-08-14"),
        ("yesterday", None),
        (None, None),
    ],
)
def test_normalise_supplied_dates(value, iso):
    from newsledger.clean import normalise_date

    assert normalise_date(value) == iso


def test_metadata_date_from_input():
    a = article(PROSE, published="Fri, 14 Aug 2020 09:00:00 GMT")
    assert (a.published, a.published_how) == ("2020-08-14", "metadata")


def test_removed_blocks_keep_offsets():
    text = "Strikes Spread\n\n" + PROSE + "\n\nREAD MORE: Police respond\n"
    parsed = parse_scraped(text, TABLE)
    related = [b for b in parsed.removed if b.kind == "related"]
    assert len(related) == 1
    assert text[related[0].raw_offset :].startswith("READ MORE")


def test_no_markdown_left_in_a_markdown_heavy_text():
    text = (
        "# Strikes Spread\n\n**By [Jane Doe](https://x.com/jd)**\n\n"
        "Workers at the [Minsk Tractor Works](https://mtz.by) walked out on **Friday**, joining "
        "protests against the *disputed* election result, witnesses said.\n\n"
        "Police said more than 700 people had been detained overnight in the capital and other cities."
    )
    a = article(text)
    assert a.title == "Strikes Spread"
    assert a.authors == ("Jane Doe",)
    assert not has_markdown(a.text)
    assert "Minsk Tractor Works walked out on Friday" in a.text


GUARDIAN_LIKE = """Belarus
This article is more than 3 years old
Belarus strikes spread as Lukashenko faces growing pressure

Workers at state-owned factories join protests over disputed election

Andrew Roth in Moscow
Fri 14 Aug 2020 10.32 BST
Last modified on Fri 14 Aug 2020 12.00 BST

Share on Facebook
Share on Twitter

""" + PROSE + """

Protesters in Minsk on Thursday. Photograph: Sergei Grits/AP

Topics
Belarus
Europe news
"""

BBC_LIKE = """Belarus election: Workers strike as protests grow

Published
14 August 2020

Image source, Getty Images
Image caption, Workers gathered outside the Minsk Tractor Works on Friday

""" + PROSE + """

Related Topics
Belarus
"""

REUTERS_LIKE = """Belarus workers strike as pressure mounts on Lukashenko
By Andrei Makhovsky, Matthias Williams
3 Min Read

MINSK (Reuters) - """ + PROSE + """

Reporting by Andrei Makhovsky; Additional reporting by Matthias Williams in Kyiv; Editing by Timothy Heritage
"""

AP_LIKE = """Belarus factory workers walk out as protests grow
By YURAS KARMANAU
August 14, 2020

MINSK, Belarus (AP) — """ + PROSE + """

Story continues below advertisement

Copyright 2020 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
"""


@pytest.mark.parametrize(
    "text, title, authors, published, originator",
    [
        (GUARDIAN_LIKE, "Belarus strikes spread as Lukashenko faces growing pressure", ("Andrew Roth",), "2020-08-14",
         None),
        (BBC_LIKE, "Belarus election: Workers strike as protests grow", (), "2020-08-14", None),
        (REUTERS_LIKE, "Belarus workers strike as pressure mounts on Lukashenko",
         ("Andrei Makhovsky", "Matthias Williams"), None, "Reuters"),
        (AP_LIKE, "Belarus factory workers walk out as protests grow", ("Yuras Karmanau",), "2020-08-14",
         "Associated Press"),
    ],
)  # fmt: skip
def test_outlet_page_copies(text, title, authors, published, originator):
    a = article(text)
    assert (a.title, a.authors, a.published, a.sources.originator) == (title, authors, published, originator)
    body = a.text
    for noise in ("Share on", "Photograph", "Topics", "Image source", "Image caption", "Published", "Min Read",
                  "Reporting by", "advertisement", "Copyright", "more than 3 years old", "Last modified"):  # fmt: skip
        assert noise not in body, noise
    assert "Thousands of workers walked off the job" in body
    assert body.rstrip().endswith("union leaders said the strike would go on.")


JINA_LIKE = """Title: Belarus workers strike as pressure mounts on Lukashenko

URL Source: https://www.reuters.com/article/us-belarus-election-idUSKCN25A0ZZ

Published Time: 2020-08-14T10:00:00Z

Markdown Content:
![Image 1: Workers at MTZ](https://example.com/a.jpg)

MINSK (Reuters) - """ + PROSE + """

[Share on Twitter](https://twitter.com/share)
"""


def test_reader_markdown_export():
    a = article(JINA_LIKE)
    assert a.title == "Belarus workers strike as pressure mounts on Lukashenko"
    assert a.url == "https://www.reuters.com/article/us-belarus-election-idUSKCN25A0ZZ"
    assert (a.published, a.published_how) == ("2020-08-14", "stated")
    assert (a.sources.originator, a.sources.publisher) == ("Reuters", "Reuters")
    assert a.text.startswith("MINSK (Reuters) - Thousands")
    assert "Markdown Content" not in a.text and "Share on Twitter" not in a.text and "Image 1" not in a.text
