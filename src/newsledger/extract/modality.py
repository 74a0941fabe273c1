"""Modality of an event trigger: did it happen, or was it called for, planned,
promised, threatened, proposed, denied, hypothetical or rumoured?

Read from the dependency parse around the trigger: the governing words up the
head chain ('called for mass rallies', 'a drive to level sanctions', 'would be
freed', 'threatened to rape'), the trigger's own auxiliaries and negation, and
cue words in the clause. 'Called for mass rallies' is not a rally; 'workers
started to heed calls to walk off the job' is a walkout that happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsledger.records import Modality

if TYPE_CHECKING:
    from spacy.tokens import Token

# Lemmas of governing words, by the modality they give what they govern.
CALL = frozenset("call urge appeal ask invite summon exhort demand".split())
PLAN = frozenset("plan schedule prepare intend organise organize set".split())
PROMISE = frozenset("promise pledge vow guarantee assure undertake".split())
THREAT = frozenset("threaten warn".split())
PROPOSE = frozenset(
    "propose suggest back support consider discuss push drive seek recommend weigh mull debate".split()
)
DENY = frozenset("deny reject dismiss refute disavow".split())
RUMOUR = frozenset("rumour rumor allege speculate reportedly allegedly".split())
HYPOTHETICAL_MARKS = frozenset("if unless whether could might may".split())
# Governors that turn a call back into an occurrence: 'heed calls to strike'.
HEED = frozenset("heed answer follow obey respond join".split())
# How far up the head chain a governing word may stand. Two steps cover
# 'called for mass rallies' (rallies <- for <- called) and 'calls to walk off'
# (walk <- calls); three reaches 'set to meet ... would back' chains; more
# steps started to pick up the main verb of unrelated clauses in the seeds'
# neighbours in PolNeAR sentences we read by hand.
MAX_HOPS = 3


def _negated(tok: "Token") -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    # 'there was no abuse', 'no one was arrested'
    return any(c.dep_ == "det" and c.lower_ in ("no", "never") for c in tok.children)


def _future_aux(tok: "Token") -> str | None:
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "'ll", "shall", "wo"):
            return c.lower_
    return None


# When several governing words stand on the chain, the strongest wins: 'ask the
# mayors to organise gatherings' is a call, not a plan.
PRIORITY: tuple[Modality, ...] = (
    "called_for", "threatened", "promised", "denied", "proposed", "rumoured", "planned",
)


def _governor(head: "Token", node: "Token") -> Modality | None:
    lemma = head.lemma_.lower()
    if lemma in CALL:
        return "called_for"
    if lemma in THREAT:
        return "threatened"
    if lemma in PROMISE:
        return "promised"
    if lemma in DENY:
        return "denied"
    if lemma in PROPOSE and head.pos_ in ("VERB", "NOUN"):
        return "proposed"
    if lemma in RUMOUR:
        return "rumoured"
    if lemma in PLAN and head.pos_ == "VERB" and node.dep_ in ("xcomp", "ccomp", "dobj"):
        return "planned"
    if _negated(head) and head.pos_ in ("VERB", "AUX") and lemma not in ("say", "tell"):
        return "denied"
    return None


def modality_of(trigger: "Token") -> tuple[Modality, str | None]:
    """(modality, the word that decided it) for a trigger token."""
    if _negated(trigger):
        return "denied", "not"
    found: dict[Modality, "Token"] = {}
    node = trigger
    for _ in range(MAX_HOPS):
        head = node.head
        if head.i == node.i:  # the root: spaCy Tokens are not identical objects
            break
        mod = _governor(head, node)
        if mod is None:  # 'sanctions will have to be discussed': the governor is have's xcomp
            for c in head.children:
                if c.dep_ == "xcomp" and c is not node and _governor(c, node) in ("proposed", "planned"):
                    mod = _governor(c, node)
                    head = c
                    break
        if mod is not None and mod not in found:
            found[mod] = head
        node = head
    for mod in PRIORITY:
        if mod in found:
            word = found[mod]
            if mod == "called_for" and word.head.i != word.i and word.head.lemma_.lower() in HEED:
                return "occurred", word.head.text  # 'heed calls to walk off the job'
            return mod, word.text
    for c in trigger.children:
        if c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS:
            return "hypothetical", c.text
        if c.dep_ == "aux" and c.lower_ in ("could", "might", "may"):
            return "hypothetical", c.text
        if c.lower_ in ("reportedly", "allegedly"):
            return "rumoured", c.text
    aux = _future_aux(trigger)
    if aux is None and trigger.dep_ == "xcomp":  # 'would start releasing'
        aux = _future_aux(trigger.head)
        trigger = trigger.head
    if aux is not None:
        # 'officials said everyone would be freed by 6am': a promise when reported
        # speech, else a plan.
        speech = trigger.head if trigger.dep_ in ("ccomp", "xcomp") else None
        if speech is not None and speech.lemma_.lower() in ("say", "announce", "pledge", "tell", "state"):
            return "promised", aux
        return "planned", aux
    return "occurred", None


__all__ = ["modality_of"]
