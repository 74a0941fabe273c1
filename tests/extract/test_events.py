"""Events reader on hand-built sentences: (text, type, modality, roles)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.extract import extract_article
from newsledger.extract.events import read_events
from newsledger.records import Article, ArticleExtraction

pytestmark = pytest.mark.slow


def _events(nlp, text, published="2021-03-05"):
    article = Article(id="t", source="test", text=text, published=published)
    return extract_article(nlp(text), article).events


CASES = [
    ("Police arrested 40 people in the capital on Tuesday.", "ARREST", "occurred", {"arrested"}),
    ("The opposition called for mass rallies on Saturday.", "PEACE_PROTEST", "called_for", set()),
    ("The minister said all detainees would be freed by Friday.", "RELEASE", "promised", set()),
    ("Thousands of teachers went on strike on Monday.", "STRIKE", "occurred", set()),
    ("Officials confirmed that three people died in custody.", "DEATH", "occurred", {"killed"}),
    ("Detainees said guards beat them in the prison.", "TORTURE", "occurred", set()),
    ("EU ministers will discuss sanctions against the government.", "SANCTION", "proposed", set()),
    ("The opposition leader fled to Poland on Wednesday.", "EXILE", "occurred", set()),
    ("Police fired live rounds at protesters, killing two people.", "FORCE_AGAINST_PROTEST", "occurred", {"killed"}),
]


@pytest.mark.parametrize("text, code, modality, roles", CASES)
def test_sentence_events(nlp, text, code, modality, roles):
    events = _events(nlp, text)
    match = [e for e in events if e.event_type == code]
    assert match, [(e.event_type, e.modality) for e in events]
    ev = match[0]
    assert ev.modality == modality
    assert roles <= {rq.role for rq in ev.quantities}
    assert ev.evidence.extractor.startswith("events@")
    assert text[ev.evidence.start : ev.evidence.end] == ev.trigger


def test_time_and_place(nlp):
    text = "Police arrested 40 people in Minsk on Tuesday."
    ev = next(e for e in _events(nlp, text) if e.event_type == "ARREST")
    assert ev.time is not None and ev.time.start == "2021-03-02"  # Tuesday before Fri 2021-03-05
    assert ev.place is not None and ev.place.name == "Minsk"


def test_summary_event(nlp):
    text = "More than 1,000 people have been detained since Sunday, the ministry said."
    ev = next(e for e in _events(nlp, text) if e.event_type == "ARREST")
    assert ev.is_summary
    assert ev.summary_start == "2021-02-28"
    assert ev.summary_end == "2021-03-05"


def test_works_without_other_readers(nlp):
    text = "Police arrested 40 people in Minsk on Tuesday."
    article = Article(id="t", source="test", text=text)
    events = list(read_events(nlp(text), article, ArticleExtraction(article_id="t")))
    assert [e.event_type for e in events] == ["ARREST"]
    assert events[0].time is None and events[0].place is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_never_raises(nlp, text):
    article = Article(id="p", source="prop", text=text)
    for ev in read_events(nlp(text), article, ArticleExtraction(article_id="p")):
        assert 0 <= ev.evidence.start <= ev.evidence.end <= len(text)


def test_incident_event_carries_casualties(nlp):
    """The article's killed/injured ride on its incident event, with evidence."""
    from newsledger.extract.casualties import article_casualties, totals

    text = "Three men were shot on Main Street on Tuesday, one fatally, police said."
    x = extract_article(nlp(text), Article(id="t", source="test", text=text, published="2021-03-05"))
    carriers = [e for e in x.events if e.casualties]
    assert len(carriers) == 1 and carriers[0].modality == "occurred"
    assert totals(carriers[0].casualties) == article_casualties(x) == (1, 2)
    for rq in carriers[0].casualties:
        assert rq.quantity.evidence.extractor.startswith("casualties@")
        assert text[rq.quantity.evidence.start : rq.quantity.evidence.end] == rq.quantity.text


def test_casualties_without_a_trigger_get_an_event(nlp):
    """'found dead' has no event trigger: a DEATH event is added at the phrase that counted the victim."""
    text = "A man was found dead in his car on Friday, police said."
    x = extract_article(nlp(text), Article(id="t", source="test", text=text))
    carriers = [e for e in x.events if e.casualties]
    assert [(e.event_type, e.trigger, e.modality) for e in carriers] == [("DEATH", "A man", "occurred")]
    assert [rq.role for rq in carriers[0].quantities] == ["killed"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["killed", "injured", "shot", "arrested"]),
                          st.one_of(st.none(), st.floats(0, 500)), st.booleans(), st.integers(0, 5)), max_size=8))
def test_casualties_never_negative(rows):
    from newsledger.extract.casualties import incident_casualties, totals
    from newsledger.records import Evidence, Quantity

    qs = tuple(Quantity(Evidence("p", 10 * i, 10 * i + 3, s, "numbers@t"), "the man", low, low, "exact",
                        counts=role, implicit=imp) for i, (role, low, imp, s) in enumerate(rows))
    killed, injured = totals(incident_casualties(ArticleExtraction(article_id="p", quantities=qs)))
    assert killed >= 0 and injured >= 0


# The one who died or was hurt is the target of a DEATH / INJURY event, not its actor.
UNDERGONE = [
    ("The former senator died in hospital on Sunday.", "DEATH", "The former senator"),
    ("His death shocked the town.", "DEATH", "His"),
    ("A local teacher was injured in the crash.", "INJURY", "A local teacher"),
]


@pytest.mark.parametrize("text, code, target", UNDERGONE)
def test_undergoer_is_target(nlp, text, code, target):
    ev = next(e for e in _events(nlp, text) if e.event_type == code)
    assert target in [t.text for t in ev.targets]
    assert target not in [a.text for a in ev.actors]


# A time that describes a participant ('the 1960s film icon') is not the event's time.
ATTRIBUTE_TIMES = [
    ("The 1960s film icon died at her home in Paris.", "DEATH", "inferred"),
    ("The 1980s pop star died in hospital on Tuesday.", "DEATH", "2021-03-02"),
]


@pytest.mark.parametrize("text, code, expected", ATTRIBUTE_TIMES)
def test_attribute_time_is_not_event_time(nlp, text, code, expected):
    ev = next(e for e in _events(nlp, text) if e.event_type == code)
    assert ev.time is not None
    assert expected in (ev.time.how, ev.time.start), ev.time


def test_inherited_place_and_time_are_flagged(nlp):
    text = "Police arrested 40 people in Minsk on Tuesday. Officers later detained ten journalists."
    arrests = [e for e in _events(nlp, text) if e.event_type == "ARREST"]
    told, later = sorted(arrests, key=lambda e: e.evidence.start)
    assert (told.place_inherited, told.time_inherited) == (False, False)
    assert later.place is not None and later.place_inherited is True  # the article's place
    assert later.time is not None and later.time_inherited is True  # the publication day


# (text, the trigger whose place is asked, the place it must not take, the place it must take or None)
OTHERS_PLACES = [
    # 'to Lithuania' is where she fled, not where the result was
    ("Svetlana Tikhanovskaya refused to recognise the election result before fleeing to Lithuania on Tuesday.",
     "result", "Lithuania", None),
    ("Svetlana Tikhanovskaya refused to recognise the election result before fleeing to Lithuania on Tuesday.",
     "fleeing", None, "Lithuania"),
    # a place that modifies a noun is the sentence's setting: every event may have it
    ("Belarus's main challenger called for mass rallies and workers were walking off the job on Friday.",
     "rallies", None, "Belarus"),
]


@pytest.mark.parametrize("text, trigger, not_place, place", OTHERS_PLACES)
def test_a_place_another_event_governs_is_not_this_ones(nlp, text, trigger, not_place, place):
    ev = next(e for e in _events(nlp, text) if e.trigger == trigger)
    told = ev.place.text if ev.place is not None and ev.place_inherited is False else None
    if not_place is not None:
        assert told != not_place
    if place is not None:
        assert told == place
