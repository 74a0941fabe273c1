"""EXPECTED.md §3 (events E1-E12) on the two seed articles.

Articles come from clean.article_from_path; the FT copy (002) states no date, so
it gets 2020-08-14 marked 'inferred', as EXPECTED.md §1 allows (the date of the
story it clusters with). Events come from extract.extract_article (all readers).
Items the reader cannot find yet are xfailed with the measured reason.
"""

from __future__ import annotations

import dataclasses

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def events(nlp, seed_paths):
    from newsledger.clean import article_from_path
    from newsledger.extract import extract_article

    out = {}
    for name, path in zip(("afp", "ft"), seed_paths):
        article = article_from_path(path)
        if not article.published:
            article = dataclasses.replace(article, published="2020-08-14", published_how="inferred")
        out[name] = extract_article(nlp(article.text), article).events
    return out


def _of(evs, code, modality=None):
    return [e for e in evs if e.event_type == code and (modality is None or e.modality == modality)]


def _role(ev, role):
    return [rq.quantity for rq in ev.quantities if rq.role == role]


def _day(ev):
    return ev.time.start[:10] if ev.time and ev.time.start else None


# E1 arrests: summary over several days, at least 6,700 (AFP) / more than 6,000 (FT)
@pytest.mark.parametrize("seed, low, hedge", [("afp", 6700, "at_least"), ("ft", 6000, "more_than")])
def test_e1_arrests_summary(events, seed, low, hedge):
    summaries = [e for e in _of(events[seed], "ARREST", "occurred") if e.is_summary]
    counts = [q for e in summaries for q in _role(e, "arrested")]
    assert any(q.low == low and q.hedge == hedge and q.high is None for q in counts)
    assert all(e.summary_end == "2020-08-14" for e in summaries)


def test_e1_ft_span_since_sunday(events):
    ev = next(e for e in _of(events["ft"], "ARREST") if e.is_summary)
    assert (ev.summary_start, ev.summary_end) == ("2020-08-09", "2020-08-14")


@pytest.mark.xfail(
    reason="AFP tells the span ('over the past six days') two sentences before the count; "
    "summary_start is only read from the count's own sentence (measured: None)",
    strict=False,
)
def test_e1_afp_span_start(events):
    ev = next(e for e in _of(events["afp"], "ARREST") if e.is_summary)
    assert ev.summary_start == "2020-08-09"


# E2 release: >2,000 set free (AFP, occurred); everyone freed by 6am Friday (FT, promised)
def test_e2_release_afp(events):
    done = _of(events["afp"], "RELEASE", "occurred")
    assert any(q.low == 2000 and q.hedge == "more_than" for e in done for q in _role(e, "released"))
    assert _of(events["afp"], "RELEASE", "promised") or _of(events["afp"], "RELEASE", "planned")


def test_e2_release_ft_promised(events):
    promised = _of(events["ft"], "RELEASE", "promised")
    assert promised and _day(promised[0]) == "2020-08-14"
    assert _of(events["ft"], "RELEASE", "occurred")  # 'were being released'


# E3 deaths: two, confirmed by officials; one in Minsk
def test_e3_deaths(events):
    deaths = _of(events["afp"], "DEATH", "occurred")
    assert any(q.low == 2 for e in deaths for q in _role(e, "killed"))
    assert any(e.place and e.place.name == "Minsk" for e in deaths)


@pytest.mark.xfail(
    reason="the death in custody in Gomel is a clause of the same sentence; one DEATH event per "
    "sentence and type keeps only the nearest place (Minsk)",
    strict=False,
)
def test_e3_death_in_gomel(events):
    assert any(e.place and "Homyel" in (e.place.name or "") for e in _of(events["afp"], "DEATH"))


# E4 injuries: hundreds
def test_e4_injuries_hundreds(events):
    injured = [q for e in events["afp"] for q in _role(e, "injured")]
    assert any(q.hedge == "vague" and q.low == 200 for q in injured)


# E5 force against protesters by police: rubber bullets, stun grenades, live rounds
def test_e5_force_against_protesters(events):
    force = _of(events["afp"], "FORCE_AGAINST_PROTEST", "occurred")
    assert force
    assert any("police" in a.text.lower() for e in force for a in e.actors)


# E6 strike / walkout by workers on Friday, both articles
def test_e6_strikes(events):
    afp = _of(events["afp"], "STRIKE", "occurred")
    ft = _of(events["ft"], "STRIKE", "occurred")
    assert afp and ft
    assert any(_day(e) == "2020-08-14" for e in afp)
    assert any(_day(e) == "2020-08-14" for e in ft)  # 'Friday morning' at MAZ


@pytest.mark.xfail(
    reason="'hundreds of employees gathered' is told in the sentence after the walkout, which has "
    "no trigger of its own; counts are only attached within a sentence",
    strict=False,
)
def test_e6_strike_hundreds(events):
    counts = [q for e in _of(events["afp"], "STRIKE") for q in _role(e, "participants")]
    assert any(q.low == 200 for q in counts)


# E7 human chains in Minsk on Thursday, thousands
def test_e7_human_chains(events):
    chains = [e for e in _of(events["afp"], "PEACE_PROTEST", "occurred") if e.trigger == "chains"]
    assert chains
    first = chains[0]
    assert _day(first) == "2020-08-13"
    assert first.place is not None and first.place.name == "Minsk"
    assert any(q.low == 2000 for q in _role(first, "participants"))


# E8 torture and ill-treatment: both; denied by Barsukov (FT); Okrestina street
def test_e8_torture(events):
    assert _of(events["afp"], "TORTURE", "occurred")
    assert _of(events["ft"], "TORTURE", "occurred")
    assert _of(events["ft"], "TORTURE", "denied")  # 'there was no abuse'
    assert any(
        e.place and "Okrestina" in (e.place.name or "") for e in _of(events["ft"], "TORTURE", "occurred")
    )


# E9 call for mass rallies on Aug 15-16: called for, not a protest that happened
def test_e9_call_for_rallies(events):
    called = _of(events["afp"], "PEACE_PROTEST", "called_for")
    assert called
    assert any(e.time and e.time.start == "2020-08-15" and e.time.end == "2020-08-16" for e in called)
    happened = _of(events["afp"], "PEACE_PROTEST", "occurred")
    assert not any(e.time and e.time.start and e.time.start >= "2020-08-15" for e in happened)


# E10 sanctions: proposed / under discussion, not imposed
def test_e10_sanctions_proposed(events):
    assert _of(events["afp"], "SANCTION", "proposed")
    assert not _of(events["afp"], "SANCTION", "occurred")


def test_e10_sanctions_in_brussels(events):
    ev = _of(events["afp"], "SANCTION", "proposed")[0]
    assert ev.place is not None and ev.place.name == "Brussels"


# E11 Tikhanovskaya leaves for Lithuania on Tuesday (both)
@pytest.mark.parametrize("seed", ["afp", "ft"])
def test_e11_exile(events, seed):
    exile = _of(events[seed], "EXILE", "occurred")
    assert exile
    assert any(_day(e) == "2020-08-11" and e.place and e.place.country_code == "LT" for e in exile)


# E12 presidential election on Sunday; Lukashenko 80%, Tikhanovskaya 10%
def test_e12_election(events):
    election = _of(events["afp"], "ELECTION", "occurred")
    assert election and _day(election[0]) == "2020-08-09"
    votes = [q.low for e in _of(events["afp"], "ELECTION_RESULT") for q in _role(e, "votes")]
    assert 80 in votes and 10 in votes
