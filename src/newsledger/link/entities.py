"""Entity resolution across articles: one canonical Entity per person,
organisation and place.

``resolve_entities(members) -> (entities, entity_of)``

* ``members``: ``(Article, ArticleExtraction)`` pairs (a story, or any set);
* ``entities``: list of records.Entity, sorted by id;
* ``entity_of``: ``{(article_id, cluster): entity_id}`` for every within-article
  entity cluster (EntityMention.cluster), used by events and claims.

Within an article, the entity reader already groups mentions into clusters.
Across articles, two clusters are one entity when their label families agree
(person / organisation / place / group) and their best names match: equal
cross-script name keys (``extract.names.name_key``: Tikhanovskaya,
Tsikhanouskaya and Тихановская share one) or ``extract.names.same_entity``
(surname vs full name). A bare surname joins a full name only when exactly one
full name in the set carries it, so two Petrovs are never merged through
'Petrov'. Blocking by surname key keeps it near-linear.

The entity id derives from the label family and the canonical name's key, so
the same person gets the same id in every story: :func:`merge_entities` merges
entity lists from several stories by id.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Sequence

from newsledger.link.features import name_key
from newsledger.records import Article, ArticleExtraction, Entity, EntityMention, MentionRef, RoleAt

Member = tuple[Article, ArticleExtraction]
FAMILY = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
          "NORP": "group", "GROUP": "group"}
_NAME_FORMS = ("name", "surname", "acronym")


def _same(a: str, b: str) -> bool:
    try:
        from newsledger.extract.names import same_entity
    except ImportError:
        return name_key(a) == name_key(b)
    return same_entity(a, b)


class _Cluster:
    def __init__(self, article: Article, cluster: int, mentions: list[EntityMention]) -> None:
        self.article = article
        self.cluster = cluster
        self.mentions = mentions
        labels = Counter(m.label for m in mentions)
        self.label = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        self.family = FAMILY.get(self.label, "other")
        names = [m.canonical or m.text for m in mentions if m.form in _NAME_FORMS] or [m.text for m in mentions]
        self.name = max(names, key=lambda n: (len(n.split()), len(n), n))
        self.key = name_key(self.name) or self.name.casefold()
        tokens = self.key.split()
        self.surname = tokens[-1] if tokens else ""

    @property
    def ref(self) -> tuple[str, int]:
        return (self.article.id, self.cluster)


def _clusters(members: Sequence[Member]) -> list[_Cluster]:
    out = []
    for article, extraction in sorted(members, key=lambda m: m[0].id):
        by_cluster: dict[int, list[EntityMention]] = {}
        for m in extraction.entities:
            by_cluster.setdefault(m.cluster, []).append(m)
        for cluster, mentions in sorted(by_cluster.items()):
            out.append(_Cluster(article, cluster, mentions))
    return out


def resolve_entities(members: Sequence[Member]) -> tuple[list[Entity], dict[tuple[str, int], str]]:
    clusters = _clusters(members)
    parent = list(range(len(clusters)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(clusters):
        blocks.setdefault((c.family, c.surname), []).append(i)
    for (_, _), idx in sorted(blocks.items()):
        full = {clusters[i].key for i in idx if len(clusters[i].key.split()) > 1}
        for n, i in enumerate(idx):
            for j in idx[n + 1 :]:
                a, b = clusters[i], clusters[j]
                if a.key == b.key or _compatible(a, b, full):
                    ri, rj = find(i), find(j)
                    if ri != rj:
                        parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[_Cluster]] = {}
    for i, c in enumerate(clusters):
        groups.setdefault(find(i), []).append(c)
    entities, entity_of = [], {}
    for group in groups.values():
        entity = _entity(group, members)
        entities.append(entity)
        for c in group:
            entity_of[c.ref] = entity.id
    return sorted(entities, key=lambda e: e.id), entity_of


def _compatible(a: _Cluster, b: _Cluster, full_names: set[str]) -> bool:
    short, long_ = (a, b) if len(a.key.split()) <= len(b.key.split()) else (b, a)
    if len(short.key.split()) == 1 and len(long_.key.split()) > 1 and len(full_names) > 1:
        return False  # a bare surname shared by two full names stays ambiguous
    return _same(a.name, b.name)


def entity_id(family: str, key: str) -> str:
    return "ent-" + hashlib.sha1(f"{family}|{key}".encode("utf-8")).hexdigest()[:16]


def _entity(group: list[_Cluster], members: Sequence[Member]) -> Entity:
    names = Counter(c.name for c in group)
    canonical = max(names, key=lambda n: (len(n.split()), names[n], n.isascii(), n))
    family = group[0].family
    label = Counter(c.label for c in group).most_common(1)[0][0]
    aliases = sorted({m.text for c in group for m in c.mentions if m.form in _NAME_FORMS} - {canonical})
    roles, ages, mentions = [], set(), []
    for c in group:
        for m in c.mentions:
            mentions.append(MentionRef(m.evidence.article_id, m.evidence.start, m.evidence.end))
            if m.role:
                roles.append(RoleAt(m.role, c.article.id, c.article.published))
            if m.age is not None:
                ages.add(m.age)
    geonameid = _geonameid(group, members) if family == "place" else None
    return Entity(
        id=entity_id(family, name_key(canonical) or canonical.casefold()),
        name=canonical,
        label=label,
        aliases=tuple(aliases),
        roles=tuple(sorted(set(roles), key=lambda r: (r.role, r.article_id))),
        ages=tuple(sorted(ages)),
        mentions=tuple(sorted(set(mentions), key=lambda r: (r.article_id, r.start))),
        geonameid=geonameid,
    )


def _geonameid(group: list[_Cluster], members: Sequence[Member]) -> int | None:
    extraction = {a.id: x for a, x in members}
    votes: Counter[int] = Counter()
    for c in group:
        for m in c.mentions:
            for p in extraction[c.article.id].places:
                if p.geonameid and p.evidence.start < m.evidence.end and m.evidence.start < p.evidence.end:
                    votes[p.geonameid] += 1
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if votes else None


def merge_entities(*lists: Sequence[Entity]) -> list[Entity]:
    """Merge entity lists (e.g. from several stories) by id: union of aliases,
    roles, ages and mentions."""
    merged: dict[str, Entity] = {}
    for entity in (e for lst in lists for e in lst):
        old = merged.get(entity.id)
        if old is None:
            merged[entity.id] = entity
            continue
        merged[entity.id] = Entity(
            id=old.id,
            name=old.name,
            label=old.label,
            aliases=tuple(sorted(set(old.aliases) | set(entity.aliases) - {old.name})),
            roles=tuple(sorted(set(old.roles) | set(entity.roles), key=lambda r: (r.role, r.article_id))),
            ages=tuple(sorted(set(old.ages) | set(entity.ages))),
            mentions=tuple(sorted(set(old.mentions) | set(entity.mentions), key=lambda r: (r.article_id, r.start))),
            geonameid=old.geonameid or entity.geonameid,
        )
    return [merged[k] for k in sorted(merged)]
