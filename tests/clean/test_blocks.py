"""Line rules of the scraped-text cleaner, on varied hand-written lines (not the seeds)."""

from __future__ import annotations

import pytest

from newsledger.clean import blocks
from newsledger.clean.parsed import Parsed
from newsledger.clean.sources import load_table

TABLE = load_table()


def kind(text: str):
    return blocks.classify(text, TABLE, Parsed(body=""))


@pytest.mark.parametrize(
    "text, expected",
    [
        # related-content lines
        ("READ ALSO  Trump links Supreme Court vacancy to a disputed election result", "related"),
        ("Read also: Why the strikes matter", "related"),
        ("READ MORE: Protesters return to the streets", "related"),
        ("Related article: [Belarus: Symbols of the Opposition](#)", "related"),
        ("Related: Police detain dozens in Minsk", "related"),
        ("Related Stories", "related"),
        ("See also: Timeline of the crisis", "related"),
        ("ALSO READ | Opposition leader flees to Lithuania", "related"),
        ("You may also like...", "related"),
        ("More: Hong Kong students under siege", "related"),
        ("Watch: Crowds gather outside the factory", "related"),
        ("[Strikers gather at MAZ](https://example.com/a) | [Police respond](https://example.com/b)", "related"),
        ("Plague warning: CDC names EIGHT deadly diseases [WARNING]", "related"),
        # captions and photo credits
        ("People leave a detention centre in Minsk on Friday © TATYANA ZENKOVICH/EPA-EFE/Shutterstock", "caption"),
        ("Protesters march in Gomel. **Sergei Grits / AP**", "caption"),
        ("Riot police detain a man in Minsk. (AP Photo/Sergei Grits)", "caption"),
        ("Workers gather outside the plant. REUTERS/Vasily Fedosenko", "caption"),
        ("Photo: Getty Images", "caption"),
        ("Image caption: Crowds in Independence Square", "caption"),
        ("A woman holds flowers at a rally (Photo by Sergei Gapon/AFP via Getty Images)", "caption"),
        ("Credit: Natalia Fedosenko/TASS", "caption"),
        # credits and contributor notes
        ("Via Financial Times", "credit"),
        ("Source: Reuters", "credit"),
        ("Courtesy of The Associated Press", "credit"),
        ("This article first appeared in The Guardian.", "credit"),
        ("Originally published by Meduza", "credit"),
        ("(Reporting by Andrei Makhovsky; Editing by Alison Williams)", "credit"),
        ("Additional reporting by Maria Tsvetkova in Moscow", "credit"),
        ("Keith Bradsher contributed reporting from Hong Kong.", "credit"),
        ("— AP", "credit"),
        # footers and boilerplate
        ("Original url:", "footer"),
        ("Copyright 2020 The Associated Press. All rights reserved.", "footer"),
        ("© 2020 Reuters. All rights reserved.", "footer"),
        ("Advertisement", "boilerplate"),
        ("Share this article", "boilerplate"),
        ("Sign up for our daily newsletter", "boilerplate"),
        ("Get the day's top headlines delivered to your inbox every morning by subscribing to our newsletter.", "boilerplate"),
        ("Follow us on Twitter and Facebook", "boilerplate"),
        ("Email Jane Doe at jdoe@example.com or follow her @janedoe.", "boilerplate"),
        ("Mike Wall's new book is out now. Follow him on Twitter @michaeldwall.", "boilerplate"),
        ("Filed under: Belarus | Protests", "boilerplate"),
        ("Tags: Belarus, Lukashenko", "boilerplate"),
        ("Click here to read the full report", "boilerplate"),
        ("5 min read", "boilerplate"),
    ],
)
def test_non_prose_lines(text, expected):
    assert kind(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # prose that merely looks like metadata must stay
        "Via a spokesman, the ministry said on Friday that more than 2,000 detainees had been released from custody.",
        "Sources close to the government said the talks with striking workers had stalled overnight.",
        "Related protests broke out in Gomel, Brest and Grodno, where police used stun grenades.",
        "The photo agency said its photographer was detained for three hours and his camera was smashed.",
        "Police detained 700 people on Sunday, according to the interior ministry.",
        "Watch out for further strikes, the union warned on Thursday as workers gathered at the gates.",
        "He told AFP that he had been beaten in custody and deprived of sleep for two days.",
        "The EU (EPA) and member states have not agreed on sanctions.",
        "The newsletter, published by exiled journalists, reached 40,000 readers in its first week, its editors said.",
        "Protesters used Twitter and Telegram to reach each other after the internet was cut.",
        "Germany backs EU sanctions",
        "'Campaign of widespread torture'",
        "Sign language interpreters joined the human chain on Independence Avenue, witnesses said.",
        "More than 6,000 people were arrested after Sunday's election, officials said.",
        "Source code for the voting app was never published, the opposition complained.",
        "Tikhanovskaya and her supporters dispute Lukashenko's claim to have won 80% of the vote.",
    ],
)
def test_prose_kept(text):
    assert kind(text) is None


@pytest.mark.parametrize(
    "text, name",
    [
        ("Via Financial Times", "Financial Times"),
        ("Source: Agence France-Presse", "AFP"),
        ("This story was originally published by The Moscow Times.", "The Moscow Times"),
        ("Courtesy of The Daily Bugle", "The Daily Bugle"),
        ("— AP", "Associated Press"),
        ("-- Reuters", "Reuters"),
    ],
)
def test_credit_names(text, name):
    assert blocks.credit_name(text, TABLE) == name


@pytest.mark.parametrize(
    "text, author, handle, date",
    [
        ("Strikes everywhere today. — Jane Doe (@janedoe) August 14, 2020", "Jane Doe", "@janedoe", "2020-08-14"),
        ("Crowds in Minsk https://t.co/x1 — Hanna Liubakova (@HannaLiubakova) [13 August 2020](#)",
         "Hanna Liubakova", "@HannaLiubakova", "2020-08-13"),  # fmt: skip
    ],
)
def test_inline_posts(text, author, handle, date):
    post = blocks.inline_post(text)
    assert post is not None
    assert (post.author, post.handle, post.date) == (author, handle, date)
    assert "—" not in post.text


def test_inline_post_needs_a_handle():
    assert blocks.inline_post("The strike spread — workers said — to three more plants.") is None
