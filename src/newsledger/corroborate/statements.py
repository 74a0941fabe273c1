"""Statements across articles: the same words in two translations, and
statements that assert and deny the same thing.

* :func:`same_statement` - one statement reported by two outlets in different
  translations ('I am alive and not abroad' / 'I'm alive, I haven't gone
  abroad'): contractions expanded, negations unified, stop words dropped; the
  shorter statement's content words must be contained in the longer one's
  (:data:`SAME_STATEMENT_CONTAINMENT`), counting light inflection (abroad /
  abroad, freed / free) as equal; and the speakers must not be two different
  people.
* :func:`polarity` - 'deny' when the statement's words negate an event concept
  ('there was no abuse', 'denied reports of torture'), else 'assert';
  :func:`admitted` - concepts a sentence admits ('apologise to people who were
  beaten').
* :func:`concepts` - the event concepts a statement is about, from a small
  lexicon (:data:`CONCEPTS`): 'abuse', 'beaten', 'torture' and 'ill-treatment'
  are one concept, so an apology for beatings and a denial of abuse meet.
* :func:`contradicts` - one statement denies a concept the other admits.
"""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"\b\w\w+\b")


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]

# Share of the shorter statement's content words found in the longer one. Not
# fitted (no labelled paraphrase data in ../shared/data): translations of one
# sentence keep its content words; 0.75 tolerates one word in four rendered
# differently. Statements of fewer than MIN_WORDS content words never match.
SAME_STATEMENT_CONTAINMENT = 0.75
MIN_WORDS = 2

# Event concepts a statement can admit or deny. Stems match word prefixes.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "ill_treatment": ("abuse", "beat", "beaten", "beating", "tortur", "ill-treat", "mistreat", "brutal", "violen"),
    "arrest": ("arrest", "detain", "detention"),
    "killing": ("kill", "death", "dead", "died", "murder"),
    "release": ("releas", "freed", "set free"),
    "fraud": ("fraud", "rigg", "falsif"),
    "strike": ("strike", "walkout", "walked out"),
}
_NEGATION = r"\b(?:no|not|never|nobody|none|nothing|deny|denies|denied|denying|without)\b"
# Words between a negation and the concept it negates: 'no abuse' (0), 'was not
# beaten' (1), 'did not see any torture' (3). Not fitted; longer reaches start
# catching negations of other clauses.
NEGATION_REACH = 3
_ADMISSION = re.compile(r"\b(?:apologi[sz]\w*|admit\w*|acknowledg\w*|confirm\w*|regret\w*|take responsibility)\b", re.I)
_CONTRACTIONS = (
    (re.compile(r"\b(\w+)n['’]t\b", re.I), r"\1 not"),
    (re.compile(r"['’]m\b", re.I), " am"),
    (re.compile(r"['’]re\b", re.I), " are"),
    (re.compile(r"['’]ve\b", re.I), " have"),
    (re.compile(r"['’]ll\b", re.I), " will"),
    (re.compile(r"['’]d\b", re.I), " would"),
    (re.compile(r"['’]s\b", re.I), ""),
)
_KEEP = {"not", "no", "never"}  # stop words that carry meaning in a statement


def _expand(text: str) -> str:
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    return text.replace("ca not", "can not").replace("wo not", "will not")


def content_words(text: str) -> set[str]:
    text = _expand(text or "").lower()
    found = set(_words(text)) | {w for w in re.findall(r"\w+", text) if w in _KEEP}
    found = {"not" if w in _KEEP else _stem(w) for w in found}
    return found - {"gone", "go", "went", "start"}  # light verbs: translations vary


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def same_statement(a: str, b: str, speaker_a: str | None = None, speaker_b: str | None = None) -> bool:
    if speaker_a and speaker_b and not _same_speaker(speaker_a, speaker_b):
        return False
    wa, wb = content_words(a), content_words(b)
    if ("not" in wa) != ("not" in wb):  # 'not abroad' is not 'abroad'
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short - {"not"}) < MIN_WORDS:
        return False
    return len(short & long_) / len(short) >= SAME_STATEMENT_CONTAINMENT


def _same_speaker(a: str, b: str) -> bool:
    try:
        from newsledger.extract.names import same_entity
    except ImportError:
        return a.casefold() == b.casefold()
    return same_entity(a, b) or a.casefold() == b.casefold()


def concepts(text: str) -> set[str]:
    low = (text or "").lower()
    found = set()
    for concept, stems in CONCEPTS.items():
        if any(re.search(r"\b" + re.escape(stem), low) for stem in stems):
            found.add(concept)
    return found


def denied(content: str) -> set[str]:
    """Concepts the statement's own words negate: a negation cue at most
    :data:`NEGATION_REACH` words before the concept word ('there was no abuse',
    'nobody was beaten', 'denied any torture')."""
    low = _expand(content or "").lower()
    found = set()
    for concept, stems in CONCEPTS.items():
        for stem in stems:
            if re.search(_NEGATION + r"(?:\W+\w+){0,%d}?\W+" % NEGATION_REACH + re.escape(stem), low):
                found.add(concept)
    return found


def admitted(context: str) -> set[str]:
    """Concepts a sentence admits: an admission cue (apologise, admit,
    acknowledge, regret, take responsibility) and the concept in one sentence."""
    return concepts(context) if _ADMISSION.search(context or "") else set()


def polarity(content: str) -> str:
    """'deny' when the statement's words negate an event concept, else 'assert'."""
    return "deny" if denied(content) else "assert"


def contradicts(content_a: str, context_a: str, content_b: str, context_b: str) -> set[str]:
    """Concepts one statement denies and the other admits (empty: no conflict).

    Only denial vs admission counts: a denial next to a victim's account or a
    rights group's report is the normal shape of such stories, but an official
    apologising for what another official denies is a conflict to flag."""
    return (denied(content_a) & admitted(context_b)) | (denied(content_b) & admitted(context_a))
