"""Resolve a quote's speaker span to an entity cluster of the article.

Order of evidence:

1. an entity mention (from ``found.entities``, the entity reader's within-article
   clusters, pronouns included) at the speaker's head token, else inside the
   speaker span;
2. for a personal pronoun the entity reader did not link ('he said', 'she
   added'): the person who spoke last, if they spoke within
   :data:`PRONOUN_WINDOW_SENTENCES`; else the nearest preceding PERSON in
   ``doc.ents`` that is the subject of its clause, else the nearest preceding PERSON;
3. otherwise the named entity (doc.ents) covering the head, if any.

The resolver is stateful across one article only: it remembers the last
speaker, which is how news text chains 'X said …' / '"…," he added'.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from newsledger.extract.base import sentence_index
from newsledger.records import EntityMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan

# A pronoun refers back to the last speaker only if that speaker was named in
# the last few sentences; in news prose a quote chain rarely runs longer
# (measured on the seeds' structure, not tuned: a wide window is the safe side).
PRONOUN_WINDOW_SENTENCES = 6
# How far back (in sentences) to look for a PERSON when there is no last speaker.
PERSON_WINDOW_SENTENCES = 10

# No entity mention is longer than this many characters (bounds the backward scan).
_LONGEST_MENTION = 300

PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers"})
PLURAL = frozenset({"they", "them", "their"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# Dependencies that open a modifier of the speaker's noun phrase (a prepositional
# phrase or a clause): a name inside one is not who speaks.
_MODIFIER_DEPS = frozenset({"prep", "pobj", "relcl", "acl", "advcl", "ccomp", "xcomp", "agent"})


@dataclass(frozen=True)
class Resolved:
    cluster: int | None = None
    name: str | None = None
    is_person: bool = False
    sentence: int = -1


def _main_subject(ent: "SpacySpan") -> bool:
    """The entity is the subject of its sentence's main verb (not of a reported clause)."""
    root = ent.root
    return root.dep_ in _SUBJECT_DEPS and (root.head.dep_ == "ROOT" or root.head.dep_ == "conj" and root.head.head.dep_ == "ROOT")


class SpeakerResolver:
    def __init__(self, doc: "Doc", entities: Sequence[EntityMention]) -> None:
        self.doc = doc
        self.mentions = sorted(entities, key=lambda m: (m.evidence.start, -m.evidence.end))
        self._starts = [m.evidence.start for m in self.mentions]
        self._cluster_label = {m.cluster: m.label for m in self.mentions}
        self.ents = [e for e in doc.ents if e.label_ in ("PERSON", "ORG", "NORP", "GPE")]
        self.persons = [e for e in self.ents if e.label_ == "PERSON"]
        self.sents = sentence_index(doc)
        self.history: list[tuple[int, Resolved]] = []  # (speaker offset, who) so far

    def resolve(self, span: tuple[int, int] | None, head: int | None, at: int) -> Resolved:
        if span is None or head is None:
            return Resolved()
        tok = self.doc[head]
        if tok.lower_ in _RELATIVE and tok.head.dep_ in ("relcl", "acl"):
            tok = tok.head.head  # 'X, who said …': X speaks
            span = (tok.idx, tok.idx + len(tok.text))
        result = self._from_mentions(tok.idx, span)
        if result is None and tok.lower_ in PERSONAL | PLURAL:
            result = self._antecedent(tok)
        if result is None:
            result = self._from_ents(tok)
        result = result or Resolved()
        result = Resolved(result.cluster, result.name, result.is_person, self.sents.of(at))
        if result.name or result.cluster is not None:
            self.history.append((tok.idx, result))
        return result

    # -- entity reader's mentions -------------------------------------------------

    def _from_mentions(self, char: int, span: tuple[int, int]) -> Resolved | None:
        at_head = self._mention_at(char)
        if at_head is None:
            inside = [
                m for m in self.mentions
                if span[0] <= m.evidence.start and m.evidence.end <= span[1] and self._names_head(m, char)
            ]
            at_head = inside[0] if inside else None
        if at_head is None:
            return None
        return Resolved(
            at_head.cluster,
            at_head.canonical or at_head.text,
            self._cluster_label.get(at_head.cluster) == "PERSON",
        )

    def _names_head(self, m: EntityMention, head_char: int) -> bool:
        """Is the mention part of the speaker's own name ('state news agency
        Belta', 'EU Commission President Ursula von der Leyen') rather than a
        word of a modifier ('people jailed on Okrestina street', 'the man who
        met Merkel')? Its words must hang from the head without a preposition
        or a clause in between."""
        span = self.doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
        head = self.doc.char_span(head_char, head_char + 1, alignment_mode="expand")
        if span is None or head is None:
            return False
        tok, target = span.root, head.root
        for _ in range(len(self.doc)):  # bounded walk up the tree
            if tok.i == target.i:
                return True
            if tok.dep_ in _MODIFIER_DEPS or tok.head.i == tok.i:
                return False
            tok = tok.head
        return False

    def _mention_at(self, char: int) -> EntityMention | None:
        i = bisect_right(self._starts, char) - 1
        while i >= 0 and char - self._starts[i] <= _LONGEST_MENTION:
            m = self.mentions[i]
            if m.evidence.start <= char < m.evidence.end:
                return m
            i -= 1
        return None

    # -- pronouns without the entity reader ----------------------------------------

    def _antecedent(self, tok) -> Resolved | None:  # type: ignore[no-untyped-def]
        """The most recent earlier speaker or main-clause PERSON subject."""
        here = self.sents.of(tok.idx)
        wants_person = tok.lower_ in PERSONAL
        best: tuple[int, Resolved] | None = None
        for pos, res in reversed(self.history):
            if pos < tok.idx and (res.is_person or not wants_person):
                if here - res.sentence <= PRONOUN_WINDOW_SENTENCES:
                    best = (pos, res)
                break
        if wants_person:
            window = [
                e for e in self.persons
                if e.end_char <= tok.idx and here - self.sents.of(e.start_char) <= PERSON_WINDOW_SENTENCES
            ]
            for ent in reversed(window):
                if best is not None and ent.start_char < best[0]:
                    break
                if _main_subject(ent):
                    best = (ent.start_char, self._named(ent))
                    break
            if best is None and window:
                best = (window[-1].start_char, self._named(window[-1]))
        return best[1] if best else None

    def _from_ents(self, tok) -> Resolved | None:  # type: ignore[no-untyped-def]
        for ent in self.ents:
            if ent.start <= tok.i < ent.end:
                return self._named(ent)
        return None

    def _named(self, ent: "SpacySpan") -> Resolved:
        mention = self._mention_at(ent.root.idx)
        if mention is not None:
            return Resolved(mention.cluster, mention.canonical or mention.text, ent.label_ == "PERSON")
        return Resolved(None, ent.text, ent.label_ == "PERSON")
