"""Text features for story linking: tokens, weighted term vectors, name keys.

Articles are compared in one sparse vector space: lower-cased word tokens
(English stop words removed) plus ``e_<key>`` tokens for the named entities and
places the article mentions. Entity tokens make two articles about the same
people and places closer than two articles that merely share a topic's
vocabulary (two different court rulings, two different earthquakes).

When an item carries no extracted entity keys (ECB+ documents, raw text), a
cheap fallback reads runs of capitalised words as names
(:func:`fallback_name_keys`), so the linker works without spaCy.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from typing import Iterable

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Word tokens: two or more word characters (letters or digits, any script), as
# scikit-learn's default token pattern, so years and counts ('2008', '23') count.
_WORD = re.compile(r"\b\w\w+\b")
# Words as read for names: letters, digits, apostrophes and hyphens inside.
_NAME_WORD = re.compile(r"[^\W_][\w'’-]*|[^\w\s]")
ENTITY_PREFIX = "e_"
WORD_PREFIX = "w:"

_STOP = frozenset(ENGLISH_STOP_WORDS)


def words(text: str) -> list[str]:
    """Lower-cased word tokens without English stop words."""
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and not w.startswith("_")]


def local_name_key(text: str) -> str:
    """Fallback name key: NFKD, accents stripped, lower case, single spaces.

    Used only when ``newsledger.extract.names.name_key`` is not importable."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", stripped.lower()))


def name_key(text: str) -> str:
    """The project's cross-script name key when available, else the local one."""
    try:
        from newsledger.extract.names import name_key as shared_key
    except ImportError:
        return local_name_key(text)
    return shared_key(text)


def fallback_name_keys(text: str) -> list[str]:
    """Runs of capitalised words as entity keys (with repeats), for text without NER.

    Each run counts as a whole ('betty_ford_center') and per word ('w:ford'), so
    'Reid' later in a text still meets 'Tara Reid' earlier. Any script: a word
    starts a run when its first letter is upper case. Long all-caps words are
    shouting headlines or codes, not names."""
    keys: list[str] = []
    for line in text.split("\n"):
        run: list[str] = []
        for word in _NAME_WORD.findall(line) + [""]:
            if word and word[0].isupper() and not (word.isupper() and len(word) > 6):
                run.append(word)
                continue
            if run and len(" ".join(run)) >= 3 and not (len(run) == 1 and run[0].lower() in _STOP):
                keys.append("_".join(p.lower() for p in run))
                keys.extend(WORD_PREFIX + p.lower() for p in run if len(p) > 2 and p.lower() not in _STOP)
            run = []
    return keys


def term_counts(text: str, entity_keys: Iterable[str]) -> Counter[str]:
    """Raw term counts of one article: words plus prefixed entity keys."""
    counts = Counter(words(text))
    for key in entity_keys:
        if key.startswith(WORD_PREFIX):  # a word of a name: counts again as that word
            counts[key[len(WORD_PREFIX) :]] += 1
            continue
        token = ENTITY_PREFIX + "_".join(key.split())
        counts[token] += 1
    return counts


def sublinear(counts: Counter[str]) -> dict[str, float]:
    """1 + log(tf): a term said ten times is not ten times as telling."""
    return {t: 1.0 + math.log(n) for t, n in counts.items() if n > 0}


def idf(df: int, n_docs: int) -> float:
    """Smoothed IDF, as scikit-learn's TfidfVectorizer(smooth_idf=True)."""
    return math.log((n_docs + 1) / (df + 1)) + 1.0
