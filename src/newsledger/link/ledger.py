"""One story's ledger: the top-level function the pipeline calls per story.

    from newsledger.link import link_stories
    ledger = link_stories(members, story_id)      # members: [(Article, ArticleExtraction)]
    ledger.entities, ledger.events, ledger.claims, ledger.discrepancies
    ledger.inferred_dates                          # {article_id: ISO date} for undated members

Steps: source groups (corroborate.independence) -> entities (link.entities) ->
events (link.events) -> claims with corroboration counts (corroborate.claims)
-> discrepancies (corroborate.discrepancies). Pure and deterministic: member
order does not matter. Entities of several stories merge by id with
``link.entities.merge_entities``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from newsledger.corroborate.claims import build_claims
from newsledger.corroborate.discrepancies import find_discrepancies
from newsledger.corroborate.independence import source_groups
from newsledger.link.entities import resolve_entities
from newsledger.link.events import merge_events
from newsledger.records import Article, ArticleExtraction, Claim, Discrepancy, Entity, Event

Member = tuple[Article, ArticleExtraction]


@dataclass(frozen=True)
class StoryLedger:
    story_id: str | None
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    # undated member -> date taken from its story; store with published_how="inferred"
    inferred_dates: dict[str, str] = field(default_factory=dict)
    source_groups: dict[str, str] = field(default_factory=dict)  # article -> independent source


def link_stories(members: Sequence[Member], story_id: str | None = None) -> StoryLedger:
    members = sorted({a.id: (a, x) for a, x in members}.values(), key=lambda m: m[0].id)
    groups = source_groups([a for a, _ in members])
    entities, entity_of = resolve_entities(members)
    events, event_of = merge_events(members, story_id, entity_of, groups)
    claims = build_claims(members, event_of, entity_of, groups)
    return StoryLedger(
        story_id=story_id,
        entities=tuple(entities),
        events=tuple(events),
        claims=tuple(claims),
        discrepancies=tuple(find_discrepancies(claims)),
        inferred_dates=story_dates(members),
        source_groups=groups,
    )


def story_dates(members: Sequence[Member]) -> dict[str, str]:
    """Undated members take the story's most reported publication day (ties:
    the latest), as an inference only. Articles already marked 'inferred' are
    re-inferred, so the result tracks the story as it grows."""
    dated = Counter(
        a.published[:10] for a, _ in members if a.published and a.published_how != "inferred"
    )
    if not dated:
        return {}
    best = max(dated, key=lambda d: (dated[d], d))
    return {
        a.id: best
        for a, _ in members
        if not a.published or a.published_how == "inferred"
    }
