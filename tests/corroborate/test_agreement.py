"""Hedged agreement table, discrepancies and statements."""

from __future__ import annotations

import pytest

from newsledger.corroborate.agreement import dates_agree, interval, values_agree
from newsledger.corroborate.discrepancies import find_discrepancies
from newsledger.corroborate.statements import concepts, contradicts, polarity, same_statement
from newsledger.records import Claim, Evidence

EV = Evidence("a", 0, 1, 0, "t@1")


def count(low, high, hedge, text="x", cid="c", article="a", event="e1", attribute="arrested") -> Claim:
    ev = Evidence(article, 0, 1, 0, "t@1")
    return Claim(cid, event, attribute, "count", text, ev, low=low, high=high, hedge=hedge)


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ((6700, None, "at_least"), (6000, None, "more_than"), True),
        ((2, 2, "exact"), (5, 5, "exact"), False),
        ((2, 2, "exact"), (2, 2, "exact"), True),
        ((6000, None, "more_than"), (6000, 6000, "exact"), False),
        ((6000, None, "at_least"), (6000, 6000, "exact"), True),
        ((200, 200, "about"), (215, 215, "exact"), True),
        ((200, 200, "about"), (250, 250, "exact"), False),
        ((30, 30, "up_to"), (12, 12, "exact"), True),
        ((30, 30, "up_to"), (45, 45, "exact"), False),
        ((100, 999, "vague"), (300, 300, "exact"), True),
        ((100, 999, "vague"), (2000, None, "more_than"), False),
        ((50, 50, "nearly"), (47, 47, "exact"), True),
        ((50, 50, "nearly"), (52, 52, "exact"), False),
        ((10, 10, "less_than"), (10, 10, "exact"), False),
    ],
)
def test_hedged_counts(a, b, agree) -> None:
    assert values_agree(count(*a), count(*b)) is agree
    assert values_agree(count(*b), count(*a)) is agree


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [("2020-08-14", "2020-08-14", True), ("2020-08-09/2020-08-14", "2020-08-11", True),
     ("2020-08-09", "2020-08-14", False), (None, "2020-08-14", True)],
)
def test_dates(a, b, agree) -> None:
    assert dates_agree(a, b) is agree


def test_interval_open_end() -> None:
    assert interval(6000, None, "more_than").describe() == "(6000, inf)"


def test_conflicting_counts_become_one_discrepancy_per_value_pair() -> None:
    claims = [
        count(2, 2, "exact", "two deaths", "c1", "a1", attribute="killed"),
        count(2, 2, "exact", "two people died", "c2", "a2", attribute="killed"),
        count(5, 5, "exact", "five killed", "c3", "a3", attribute="killed"),
    ]
    found = find_discrepancies(claims)
    assert len(found) == 1
    assert found[0].claim_ids == ("c1", "c3") and "do not overlap" in found[0].reason


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("I am alive and not abroad", "For a start, I'm alive, I haven't gone abroad, as insiders spin it", True),
        ("I am alive and not abroad", "I am abroad and alive", False),
        ("We will never give up", "The vote was rigged", False),
        ("ok", "ok", False),  # too short to say
    ],
)
def test_same_statement_across_translations(a: str, b: str, same: bool) -> None:
    assert same_statement(a, b) is same


def test_same_statement_needs_same_speaker() -> None:
    a, b = "I am alive and not abroad", "I'm alive, I haven't gone abroad"
    assert same_statement(a, b, "Alexander Lukashenko", "Lukashenko")
    assert not same_statement(a, b, "Alexander Lukashenko", "Yuri Karaev")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("there was no abuse.", "deny"),
        ("denied reports of torture", "deny"),
        ("nobody was beaten", "deny"),
        ("I want to apologise to people who were beaten and had not taken part.", "assert"),
        ("They burned my hands with cigarettes, I did not sleep", "assert"),
        ("Detainees were beaten in custody.", "assert"),
        ("We will not stop until he goes.", "assert"),  # a negation, but no event concept denied
    ],
)
def test_polarity(text: str, expected: str) -> None:
    assert polarity(text) == expected


def test_apology_for_beatings_contradicts_denial_of_abuse() -> None:
    quote = "as a commander I want to take responsibility myself and apologise humanely"
    sentence = f"Karaev said that \u201c{quote}\u201d to people who were beaten and arrested."
    denial = "there was no abuse."
    assert contradicts(quote, sentence, denial, f"Barsukov said that {denial}") == {"ill_treatment"}
    assert concepts("reports of torture") == {"ill_treatment"}
    # a victim's account next to a denial is the story, not a flagged conflict
    assert contradicts("This is torture", "This is torture, he said.", denial, denial) == set()


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_statement_functions_never_raise(a: str, b: str) -> None:
    same_statement(a, b, a[:10] or None, b[:10] or None)
    contradicts(a, a, b, b)
    polarity(a)
