"""Within-article linking: mentions of one entity share a cluster id.

Rules, in text order (linear in mentions; no model):

- names: a person mention joins the most recent person cluster it is
  :func:`names.same_entity` with ('Lukashenko', 'Mr Lukashenko', 'Alexander
  Lukashenko', 'Tikhановская'); organisations and places join on equal
  :func:`names.name_key`, an acronym matching the initials ('EU' / 'European
  Union', 'FT' / 'Financial Times') or a parenthesised acronym right after the
  name ('Minsk Automobile Plant (MAZ)').
- nominals: 'the president', 'the interior minister' join the most recent person
  whose stated role has that head word.
- pronouns: he / she / him / her / his / himself / herself join the most recent
  person cluster of compatible gender within :data:`MAX_PRONOUN_SENTENCES`,
  preferring grammatical subjects of the nearest sentence. Gender comes from
  honorifics (Mr / Ms), gendered role words, Slavic surname endings, first names
  ending in -a, and earlier pronouns resolved to the cluster.
- groups: plural human nouns from data/entity_groups.txt ('protesters',
  'officials', 'the interior ministry') as GROUP mentions, one cluster per head.
- relative pronouns: the 'who' of 'Yuri Karaev, who apologised' (a relative
  clause's pronoun) joins the person, organisation or group the clause modifies,
  read from the parse ('relcl'), not guessed.

Only resolved pronouns and nominals are emitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from newsledger.extract.names import (
    HONORIFICS,
    given_names,
    has_mixed_script,
    name_key,
    name_tokens,
    same_entity,
)
from newsledger.extract.roles import doc_text, read_role, role_head, title_gender, titles

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsledger.extract.entities import NameSpan

# How far back a pronoun looks for its antecedent, in sentences (0 = same sentence).
# News prose re-names a person at least every few sentences; 3 covers the seeds'
# 'he said' chains after a quote paragraph without jumping to a far earlier person.
MAX_PRONOUN_SENTENCES = 3

# Relative pronouns that stand for their clause's head noun. 'that' and 'which'
# only count where the parse makes them a relative clause's argument (never the
# complementiser 'said that').
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
# What a relative pronoun may stand for: event actors and targets, not places.
_RELATIVE_LABELS = frozenset({"PERSON", "ORG", "GROUP"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_MALE_HONORIFICS = frozenset({"mr", "sir", "lord", "herr", "monsieur", "mister"})
_FEMALE_HONORIFICS = frozenset(
    {"ms", "mrs", "miss", "dame", "lady", "madam", "madame", "mme", "mlle", "frau"}
)
# First names ending in -a that are male (the -a heuristic's known exceptions).
_MALE_A_NAMES = frozenset(
    "luca joshua nikita ilya sasha misha kostya vanya mustafa musa isa jonah noah elijah akira "
    "andrea gianluca nicola mattia issa moussa oba kuba juma hamza osama usama garcia".split()
)
_FEMININE_SURNAME = re.compile(r"(?:ova|eva|ina|aya|skaya|ska|cka|ovna|evna)$")
_MASCULINE_SURNAME = re.compile(r"(?:ov|ev|in|sky|skiy|ski|ovich|evich)$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,6}$")
_STOP = frozenset("of the and for de la le du des".split())
_COLLECTIVE = frozenset(
    {"police", "opposition", "government", "ministry", "crowd", "authority", "riot police"}
)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    label: str
    form: str
    text: str
    sent: int
    subject: bool = False
    cluster: int = -1
    key: str = ""
    canonical: str | None = None
    role: str | None = None
    role_span: tuple[int, int] | None = None
    age: int | None = None
    age_span: tuple[int, int] | None = None


@dataclass(slots=True)
class Cluster:
    id: int
    label: str
    best: str
    best_tokens: int
    gender: str | None = None
    role_heads: set[str] = field(default_factory=set)
    last: int = 0  # char offset of its latest mention


def pronoun_gender(pronoun: str) -> str | None:
    low = (pronoun or "").lower()
    return "m" if low in MALE_PRONOUNS else "f" if low in FEMALE_PRONOUNS else None


@lru_cache(maxsize=1)
def groups() -> frozenset[str]:
    text = resources.files("newsledger.data").joinpath("entity_groups.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _name_gender(text: str) -> str | None:
    words = text.split()
    if not words:
        return None
    first = words[0].lower().rstrip(".")
    if first in _MALE_HONORIFICS:
        return "m"
    if first in _FEMALE_HONORIFICS:
        return "f"
    toks = name_tokens(text)
    if not toks:
        return None
    last = toks[-1]
    if len(toks) >= 2:
        given = toks[0]
        known = given_names().get(given)
        if known:
            return known
        if given.endswith("a") and given not in _MALE_A_NAMES and len(given) > 2:
            return "f"
    if len(last) > 4 and _FEMININE_SURNAME.search(last):
        return "f"
    if len(last) > 4 and _MASCULINE_SURNAME.search(last):
        return "m"
    return None


def _form(doc: "Doc", sp: "NameSpan") -> str:
    first = doc[sp.start_tok].lower_.rstrip(".")
    before = doc[sp.start_tok - 1].lower_.rstrip(".") if sp.start_tok > 0 else ""
    if first in HONORIFICS or before in HONORIFICS:
        return "honorific"
    if sp.label != "PERSON" and _ACRONYM.match(sp.text):
        return "acronym"
    if sp.label == "PERSON" and len(name_tokens(sp.text)) == 1:
        return "surname"
    return "name"


def _initials(text: str) -> str:
    return "".join(
        w[0] for w in re.split(r"[\s-]+", text) if w and w.lower() not in _STOP and w[0].isalpha()
    ).upper()


def _is_subject(doc: "Doc", s: int, e: int) -> bool:
    return any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(s, e))


class _Linker:
    def __init__(self, doc: "Doc") -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.clusters: list[Cluster] = []
        self.mentions: list[Mention] = []
        self.by_key: dict[tuple[str, str], Cluster] = {}
        self.sent_of = {}
        for i, sent in enumerate(doc.sents):
            for tok in sent:
                self.sent_of[tok.i] = i

    def new_cluster(self, label: str, text: str) -> Cluster:
        c = Cluster(len(self.clusters), label, text, len(name_tokens(text)))
        self.clusters.append(c)
        return c

    # -- names ------------------------------------------------------------- #

    def add_name(self, sp: "NameSpan", prev: Mention | None) -> Mention:
        doc = self.doc
        m = Mention(
            sp.start,
            sp.end,
            sp.label,
            _form(doc, sp),
            sp.text,
            self.sent_of.get(sp.start_tok, 0),
            _is_subject(doc, sp.start_tok, sp.end_tok),
        )
        if sp.label == "PERSON":
            info = read_role(doc, sp.start_tok, sp.end_tok)
            m.role, m.age = info.role, info.age
            m.role_span = (info.role_span.start, info.role_span.end) if info.role_span else None
            m.age_span = (info.age_span.start, info.age_span.end) if info.age_span else None
        cluster = self.find_cluster(m, prev)
        if cluster is None:
            cluster = self.new_cluster(m.label, m.text)
        self.join(cluster, m)
        return m

    def find_cluster(self, m: Mention, prev: Mention | None) -> Cluster | None:
        if m.label == "PERSON":
            best = None
            for c in self.clusters:
                if (
                    c.label == "PERSON"
                    and same_entity(m.text, c.best)
                    and (best is None or c.last > best.last)
                ):
                    best = c
            return best
        key = name_key(m.text)
        found = self.by_key.get((m.label, key))
        if found is not None:
            return found
        if m.form == "acronym":
            # 'Minsk Automobile Plant (MAZ)': the acronym right after its name
            if prev is not None and prev.label == m.label and self.text[prev.end : m.start].strip() == "(":
                return self.clusters[prev.cluster]
            for c in reversed(self.clusters):
                if c.label == m.label and c.best_tokens > 1 and _initials(c.best) == m.text.replace(".", ""):
                    return c
        for c in reversed(self.clusters):  # 'European Union' after 'EU'
            if c.label == m.label and _ACRONYM.match(c.best) and _initials(m.text) == c.best.replace(".", ""):
                return c
        return None

    def join(self, c: Cluster, m: Mention) -> None:
        m.cluster = c.id
        c.last = m.start
        ntok = len(name_tokens(m.text))
        if (
            m.form in ("name", "surname", "honorific")
            and (
                ntok > c.best_tokens
                or (has_mixed_script(c.best) and not has_mixed_script(m.text) and ntok >= c.best_tokens)
            )
            or (_ACRONYM.match(c.best) and m.form == "name")
        ):
            c.best, c.best_tokens = m.text, ntok
        if m.label == "PERSON":
            c.gender = c.gender or _name_gender(m.text) or title_gender(m.role)
            head = role_head(m.role)
            if head:
                c.role_heads.add(head)
        self.by_key[(m.label, name_key(m.text))] = c
        self.mentions.append(m)

    # -- nominals and pronouns -------------------------------------------- #

    def add_nominals(self, taken: list[tuple[int, int]]) -> None:
        doc = self.doc
        title_words = titles()
        busy = _Intervals(taken)
        for tok in doc:
            if tok.lower_ != "the" or tok.i + 1 >= len(doc):
                continue
            j = tok.i + 1
            while (
                j < len(doc)
                and j - tok.i <= 3
                and doc[j].pos_ in ("ADJ", "NOUN", "PROPN")
                and doc[j].lower_ not in title_words
            ):
                j += 1
            if j >= len(doc) or doc[j].lower_ not in title_words or doc[j].tag_ not in ("NN", "NNP"):
                continue
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if nxt is not None and (nxt.lower_ == "of" or nxt.ent_type_ == "PERSON" or nxt.pos_ == "PROPN"):
                continue  # 'the president of France' / 'the minister Yuri Karaev'
            start, end = tok.idx, doc[j].idx + len(doc[j].text)
            if busy.overlaps(start, end):
                continue
            head = doc[j].lower_
            cands = [
                c for c in self.clusters if c.label == "PERSON" and head in c.role_heads and c.last < start
            ]
            if cands:
                c = max(cands, key=lambda c: c.last)
            else:
                c = self._sole_previous_person(tok, j, head)
                if c is None:
                    continue
            m = Mention(
                start,
                end,
                "PERSON",
                "nominal",
                self.text[start:end],
                self.sent_of.get(tok.i, 0),
                _is_subject(doc, tok.i, j + 1),
                role=self.text[doc[tok.i + 1].idx : end],
                role_span=(doc[tok.i + 1].idx, end),
            )
            self.join(c, m)

    def _sole_previous_person(self, the, head_tok: int, head: str) -> Cluster | None:  # noqa: ANN001
        """'... opposition candidate Svetlana Tikhanovskaya. The former English teacher
        refused ...': a definite description opening a sentence as its subject
        refers to the one person the previous sentence names (none or several:
        left unlinked). The role word's gender must not contradict the person's."""
        doc = self.doc
        if not the.is_sent_start or doc[head_tok].dep_ not in ("nsubj", "nsubjpass"):
            return None
        sent = self.sent_of.get(the.i, 0)
        prev = {
            m.cluster
            for m in self.mentions
            if m.label == "PERSON" and m.sent == sent - 1 and m.form != "pronoun"
        }
        if len(prev) != 1:
            return None
        c = self.clusters[prev.pop()]
        gender = title_gender(head)
        if gender and c.gender and gender != c.gender:
            return None
        return c

    def add_pronouns(self) -> None:
        doc = self.doc
        people = sorted((m for m in self.mentions if m.label == "PERSON"), key=lambda m: m.start)
        resolved: list[Mention] = []
        pi = 0
        history: list[Mention] = []
        for tok in doc:
            while pi < len(people) and people[pi].end <= tok.idx:
                history.append(people[pi])
                pi += 1
            gender = pronoun_gender(tok.lower_)
            if gender is None or tok.pos_ != "PRON":
                continue
            sent = self.sent_of.get(tok.i, 0)
            best, best_score = None, None
            # 'Alexander Barsukov, his deputy': a pronoun inside X's apposition is not X
            seen: set[int] = {
                m.cluster for m in history[-3:] if m.role_span and m.end <= tok.idx < m.role_span[1]
            }
            for m in reversed(history):
                dist = sent - m.sent
                if dist > MAX_PRONOUN_SENTENCES:
                    break
                if m.cluster in seen:
                    continue
                seen.add(m.cluster)
                g = self.clusters[m.cluster].gender
                if g is not None and g != gender:
                    continue
                score = (dist, 0 if m.subject else 1, -m.start)
                if best_score is None or score < best_score:
                    best, best_score = m, score
            if best is None:
                continue
            c = self.clusters[best.cluster]
            c.gender = c.gender or gender
            pm = Mention(
                tok.idx,
                tok.idx + len(tok.text),
                "PERSON",
                "pronoun",
                tok.text,
                sent,
                tok.dep_ in ("nsubj", "nsubjpass"),
                cluster=c.id,
            )
            c.last = pm.start
            resolved.append(pm)
            history.append(pm)
        self.mentions.extend(resolved)

    def add_groups(self, taken: list[tuple[int, int]]) -> None:
        doc = self.doc
        lexicon = groups()
        busy = _Intervals(taken)
        group_clusters: dict[str, Cluster] = {}
        for tok in doc:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in lexicon:
                continue
            lemma = tok.lemma_.lower()
            if tok.tag_ not in ("NNS", "NNPS") and lemma not in _COLLECTIVE:
                continue
            s = tok.i
            while (
                s > 0
                and doc[s - 1].dep_ in ("compound", "amod")
                and doc[s - 1].head.i == tok.i
                and doc[s - 1].is_alpha
            ):
                s -= 1
            start, end = doc[s].idx, tok.idx + len(tok.text)
            if busy.overlaps(start, end):
                continue
            c = group_clusters.get(lemma)
            if c is None:
                c = group_clusters[lemma] = self.new_cluster("GROUP", self.text[start:end])
            m = Mention(
                start,
                end,
                "GROUP",
                "nominal",
                self.text[start:end],
                self.sent_of.get(tok.i, 0),
                tok.dep_ in ("nsubj", "nsubjpass"),
                cluster=c.id,
                key=f"group:{lemma}",
                canonical=lemma,
            )
            c.last = start
            self.mentions.append(m)

    def add_relatives(self) -> None:
        """'X, who ...': the pronoun of a relative clause joins the mention of the
        noun the clause modifies (its name, or its stated role: 'Karaev, the
        minister, who')."""
        doc = self.doc
        spans = sorted(
            (m for m in self.mentions if m.label in _RELATIVE_LABELS), key=lambda m: m.start
        )
        if not spans:
            return
        found: list[Mention] = []
        for tok in doc:
            if tok.lower_ not in RELATIVE_PRONOUNS or tok.head.dep_ != "relcl" or tok.i >= tok.head.i:
                continue
            if tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "poss"):
                continue  # 'the day that ...' (npadvmod) or a complementiser, not an argument
            noun = tok.head.head
            ante = next((m for m in spans if _covers(m, noun.idx)), None)
            if ante is None:
                continue
            c = self.clusters[ante.cluster]
            found.append(
                Mention(
                    tok.idx,
                    tok.idx + len(tok.text),
                    ante.label,
                    "pronoun",
                    tok.text,
                    self.sent_of.get(tok.i, 0),
                    tok.dep_ in ("nsubj", "nsubjpass"),
                    cluster=c.id,
                    key=ante.key if ante.label == "GROUP" else "",
                    canonical=ante.canonical if ante.label == "GROUP" else None,
                )
            )
        self.mentions.extend(found)

    def finish(self) -> list[Mention]:
        for m in self.mentions:
            c = self.clusters[m.cluster]
            if m.label == "GROUP":
                continue
            if m.form == "surname" and c.best_tokens <= 1:
                m.form = "name"  # 'Yaroslav': a one-word name, not a surname of a fuller one
            m.canonical = c.best if not has_mixed_script(c.best) else c.best
            m.key = name_key(c.best)
            m.label = c.label if m.form in ("pronoun", "nominal") else m.label
        self.mentions.sort(key=lambda m: (m.start, m.end))
        return self.mentions


def _covers(m: Mention, offset: int) -> bool:
    """Does the mention, with its stated role, cover the character at ``offset``?"""
    if m.start <= offset < m.end:
        return True
    return m.role_span is not None and m.role_span[0] <= offset < m.role_span[1]


class _Intervals:
    """Characters already covered by a mention (a byte mask: linear, tiny)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        size = max((e for _, e in spans), default=0)
        self.mask = bytearray(size + 1)
        for s, e in spans:
            self.mask[s:e] = b"\x01" * (e - s)

    def overlaps(self, start: int, end: int) -> bool:
        return any(self.mask[start : min(end, len(self.mask))])


def link_mentions(doc: "Doc", spans: "list[NameSpan]") -> list[Mention]:
    """Cluster the repaired name spans and add nominal, pronoun and group mentions."""
    linker = _Linker(doc)
    prev: Mention | None = None
    for sp in spans:
        prev = linker.add_name(sp, prev)
    taken = [(m.start, m.end) for m in linker.mentions]
    taken += [m.role_span for m in linker.mentions if m.role_span]
    linker.add_nominals(taken)
    linker.add_pronouns()
    taken = [(m.start, m.end) for m in linker.mentions]
    taken += [m.role_span for m in linker.mentions if m.role_span]  # 'opposition candidate' is a role
    linker.add_groups(taken)
    linker.add_relatives()
    return linker.finish()


__all__ = ["MAX_PRONOUN_SENTENCES", "Mention", "link_mentions", "pronoun_gender"]
