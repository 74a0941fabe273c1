"""Time expressions resolved against the publication date (issue 3, item 2)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extract.times import read_times, resolve
from newsledger.records import Article

FRIDAY = dt.date(2020, 8, 14)  # the seeds' publication date, a Friday

# (text, start, end, precision, how) with anchor 2020-08-14
RESOLVE_TABLE = [
    ("on Friday", "2020-08-14", "2020-08-14", "day", "relative"),
    ("Friday", "2020-08-14", "2020-08-14", "day", "relative"),
    ("late on Thursday", "2020-08-13", "2020-08-13", "day", "relative"),
    ("Sunday's election", "2020-08-09", "2020-08-09", "day", "relative"),
    ("Sunday’s", "2020-08-09", "2020-08-09", "day", "relative"),
    ("Tuesday", "2020-08-11", "2020-08-11", "day", "relative"),
    ("on Tuesday", "2020-08-11", "2020-08-11", "day", "relative"),
    ("Thursday night", "2020-08-13", "2020-08-13", "day", "relative"),
    ("Friday morning", "2020-08-14", "2020-08-14", "day", "relative"),
    ("last Friday", "2020-08-07", "2020-08-07", "day", "relative"),
    ("next Tuesday", "2020-08-18", "2020-08-18", "day", "relative"),
    ("since 1994", "1994-01-01", "2020-08-14", "range", "stated"),
    ("since Sunday", "2020-08-09", "2020-08-14", "range", "relative"),
    ("over the past six days", "2020-08-09", "2020-08-14", "range", "relative"),
    ("the past week", "2020-08-08", "2020-08-14", "range", "relative"),
    ("by 6am on Friday", "2020-08-14T06:00", "2020-08-14T06:00", "time", "relative"),
    ("noon on Sunday", "2020-08-09T12:00", "2020-08-09T12:00", "time", "relative"),
    ("6:30 p.m.", "2020-08-14T18:30", "2020-08-14T18:30", "time", "inferred"),
    ("last week", "2020-08-03", "2020-08-09", "week", "relative"),
    ("this week", "2020-08-10", "2020-08-16", "week", "relative"),
    ("in March", "2020-03-01", "2020-03-31", "month", "relative"),
    ("last month", "2020-07-01", "2020-07-31", "month", "relative"),
    ("next month", "2020-09-01", "2020-09-30", "month", "relative"),
    ("earlier this month", "2020-08-01", "2020-08-31", "month", "relative"),
    ("this year", "2020-01-01", "2020-12-31", "year", "relative"),
    ("in 2005", "2005-01-01", "2005-12-31", "year", "stated"),
    ("the 1990s", "1990-01-01", "1999-12-31", "range", "stated"),
    ("March 2019", "2019-03-01", "2019-03-31", "month", "stated"),
    ("Aug. 15 and 16", "2020-08-15", "2020-08-16", "range", "inferred"),
    ("on Aug. 15 and 16", "2020-08-15", "2020-08-16", "range", "inferred"),
    ("August 15-16", "2020-08-15", "2020-08-16", "range", "inferred"),
    ("August 14, 2020", "2020-08-14", "2020-08-14", "day", "stated"),
    ("Friday, Aug. 14, 2020", "2020-08-14", "2020-08-14", "day", "stated"),
    ("14 August 2020", "2020-08-14", "2020-08-14", "day", "stated"),
    ("the 9th of August", "2020-08-09", "2020-08-09", "day", "inferred"),
    ("2020-08-14", "2020-08-14", "2020-08-14", "day", "stated"),
    ("Dec. 30", "2019-12-30", "2019-12-30", "day", "inferred"),  # nearest year, not 2020-12-30
    ("yesterday", "2020-08-13", "2020-08-13", "day", "relative"),
    ("the day before yesterday", "2020-08-12", "2020-08-12", "day", "relative"),
    ("tomorrow", "2020-08-15", "2020-08-15", "day", "relative"),
    ("today", "2020-08-14", "2020-08-14", "day", "relative"),
    ("this morning", "2020-08-14", "2020-08-14", "day", "relative"),
    ("two days ago", "2020-08-12", "2020-08-12", "day", "relative"),
    ("a week ago", "2020-08-03", "2020-08-09", "week", "relative"),
    ("three months ago", "2020-05-01", "2020-05-31", "month", "relative"),
    ("the weekend", "2020-08-08", "2020-08-09", "range", "relative"),
    ("over the weekend", "2020-08-08", "2020-08-09", "range", "relative"),
    ("last summer", "2019-06-01", "2019-08-31", "range", "relative"),
    ("this summer", "2020-06-01", "2020-08-31", "range", "relative"),
    ("spring 2019", "2019-03-01", "2019-05-31", "range", "stated"),
]


@pytest.mark.parametrize(("text", "start", "end", "precision", "how"), RESOLVE_TABLE)
def test_resolve_against_a_friday(text, start, end, precision, how):
    got = resolve(text, FRIDAY)
    assert (got.start, got.end, got.precision, got.how) == (start, end, precision, how)


@pytest.mark.parametrize(
    ("text", "future", "start"),
    [
        ("Saturday", True, "2020-08-15"),
        ("Saturday", False, "2020-08-08"),
        ("Friday", True, "2020-08-14"),  # the same day, either way
        ("the weekend", True, "2020-08-15"),
        ("in March", True, "2021-03-01"),
    ],
)
def test_future_context(text, future, start):
    assert resolve(text, FRIDAY, future=future).start == start


@pytest.mark.parametrize(
    ("text", "anchor", "start"),
    [
        ("Tuesday", dt.date(2021, 3, 1), "2021-02-23"),  # anchor a Monday
        ("Monday", dt.date(2021, 3, 1), "2021-03-01"),
        ("yesterday", dt.date(2021, 1, 1), "2020-12-31"),
        ("last month", dt.date(2021, 1, 15), "2020-12-01"),
        ("Jan. 2", dt.date(2020, 12, 30), "2021-01-02"),  # across the year end
        ("in December", dt.date(2021, 1, 10), "2020-12-01"),
        ("2020-08-14", "2021-05-05", "2020-08-14"),  # anchor given as ISO text
    ],
)
def test_other_anchors(text, anchor, start):
    assert resolve(text, anchor).start == start


@pytest.mark.parametrize("text", ["Friday", "last week", "two days ago", "in March", "since Sunday"])
def test_relative_without_anchor_is_unresolved(text):
    got = resolve(text, None)
    assert got.how == "unresolved" and got.start is None


def test_explicit_date_without_anchor_still_resolves():
    got = resolve("August 14, 2020", None)
    assert (got.start, got.how) == ("2020-08-14", "stated")


@pytest.mark.parametrize("text", ["", "blah", "may", "the years", "42", "February 30", "\x00\ud7ff"])
def test_non_dates_are_unresolved(text):
    assert resolve(text, FRIDAY).start is None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.one_of(st.none(), st.dates()), st.booleans())
def test_resolve_never_raises(text, anchor, future):
    got = resolve(text, anchor, future=future)
    assert got.how in ("stated", "relative", "inferred", "unresolved")


# ----------------------------------------------------------------------------- reader


@pytest.fixture(scope="module")
def read(nlp):
    def run(text: str, published: str | None = "2020-08-14"):
        doc = nlp(text)
        return list(read_times(doc, Article(id="t", source="t", text=text, published=published), None))

    return run


@pytest.mark.parametrize(
    ("text", "surface", "start"),
    [
        ("Yuri Karaev said late on Thursday that everyone would be freed.", "late on Thursday", "2020-08-13"),
        ("Everyone arrested would be freed by 6am on Friday.", "by 6am on Friday", "2020-08-14T06:00"),
        ("She disputed his claim to have won Sunday's election.", "Sunday", "2020-08-09"),
        ("Thousands marched in Minsk over the past six days.", "over the past six days", "2020-08-09"),
        ("Lukashenko has ruled Belarus since 1994.", "since 1994", "1994-01-01"),
        ("I ask the mayors to organize gatherings on Aug. 15 and 16.", "Aug. 15 and 16", "2020-08-15"),
        ("She called for mass weekend rallies.", "weekend", "2020-08-15"),
        ("She left for Lithuania on Tuesday.", "Tuesday", "2020-08-11"),
    ],
)
def test_reader_finds_and_resolves(read, text, surface, start):
    found = {t.text: t for t in read(text)}
    assert surface in found, list(found)
    assert found[surface].start == start
    assert found[surface].anchor == "2020-08-14"


def test_reader_skips_ages_and_durations(read):
    texts = [t.text for t in read("Maxim Dovzhenko, 25, spent several nights in jail over the years.")]
    assert texts == []


def test_reader_without_publication_date_keeps_unresolved(read):
    got = read("Workers walked out on Friday. The law dates from August 14, 2020.", published=None)
    by_text = {t.text: t for t in got}
    assert by_text["Friday"].how == "unresolved" and by_text["Friday"].start is None
    explicit = [t for t in got if "August 14, 2020" in t.text]
    assert explicit and explicit[0].start == "2020-08-14" and explicit[0].how == "stated"


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200))
def test_reader_spans_quote_the_text(nlp, text):
    doc = nlp(text)
    for t in read_times(doc, Article(id="h", source="h", text=text, published="2020-08-14"), None):
        assert 0 <= t.evidence.start < t.evidence.end <= len(text)
        assert text[t.evidence.start : t.evidence.end] == t.text
