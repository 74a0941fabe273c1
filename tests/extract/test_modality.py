"""Modality from the parse: (sentence, trigger word, expected modality)."""

from __future__ import annotations

import pytest

from newsledger.extract.modality import modality_of

pytestmark = pytest.mark.slow

CASES = [
    ("Police arrested 20 protesters in the capital on Monday.", "arrested", "occurred"),
    ("The opposition leader called for mass rallies on Saturday.", "rallies", "called_for"),
    ("She urged workers to strike across the country.", "strike", "called_for"),
    ("Workers started to heed calls to strike.", "strike", "occurred"),
    ("The minister said all detainees would be freed by Friday.", "freed", "promised"),
    ("The government pledged to release the prisoners.", "release", "promised"),
    ("Germany backed a drive to impose sanctions on the regime.", "sanctions", "proposed"),
    ("The ministers will discuss sanctions against the government.", "sanctions", "proposed"),
    ("The rebels threatened to attack the city.", "attack", "threatened"),
    ("The deputy minister denied that detainees were tortured.", "tortured", "denied"),
    ("There was no abuse in the prison, the official said.", "abuse", "denied"),
    ("Unions plan to strike next week.", "strike", "planned"),
    ("If the talks fail, the army could attack the town.", "attack", "hypothetical"),
]


@pytest.mark.parametrize("text, word, expected", CASES)
def test_modality(nlp, text, word, expected):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    assert modality_of(tok)[0] == expected
