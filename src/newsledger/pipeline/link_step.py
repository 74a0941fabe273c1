"""Link new articles into stories, then rebuild each touched story's ledger.

Two transactions per unit: (1) the story index, stories and memberships, with
every touched story marked for rebuild; (2) per story, its events, claims,
discrepancies and inferred dates, clearing the mark. A crash between them
leaves marks, and the next run rebuilds exactly those stories.
"""

from __future__ import annotations

import dataclasses

from newsledger.config import Settings
from newsledger.pipeline.progress import Progress, Reporter
from newsledger.store import Ledger

STATE_KEY = "story_index"


def link_pending(ledger: Ledger, settings: Settings, reporter: Reporter) -> int:
    """Link every article that has an extraction but no story, then rebuild the
    ledgers of every story marked for rebuild. Returns how many articles were linked."""
    pending = ledger.unlinked_article_ids()
    if pending:
        assign(ledger, pending)
    rebuild(ledger, reporter)
    return len(pending)


def assign(ledger: Ledger, pending: list[str]) -> None:
    from newsledger.link import StoryIndex, assign_stories, link_item, story_records
    from newsledger.link.stories import story_label

    saved = ledger.get_state(STATE_KEY)
    index = StoryIndex.from_bytes(saved) if saved else StoryIndex()
    items = [link_item(ledger.article(aid), ledger.extraction(aid)) for aid in pending]  # type: ignore[arg-type]
    index, assignment = assign_stories(index, items)
    previous = ledger.story_of(list(assignment))
    touched = (set(assignment.values()) | set(previous.values())) & set(index.stories)
    stories = [
        dataclasses.replace(s, label=s.label or story_label(filter(None, map(ledger.article, s.article_ids))))
        for s in story_records(index, touched)
    ]
    ledger.write_links({STATE_KEY: index.to_bytes()}, stories, {aid: (sid, None) for aid, sid in assignment.items()})


def rebuild(ledger: Ledger, reporter: Reporter) -> None:
    from newsledger.link import link_stories
    from newsledger.link.entities import merge_entities

    todo = ledger.stories_to_rebuild()
    for n, story_id in enumerate(todo, 1):
        members = [(ledger.article(aid), ledger.extraction(aid)) for aid in ledger.story_article_ids(story_id)]
        built = link_stories([m for m in members if m[0] and m[1]], story_id)  # type: ignore[misc]
        known = [e for e in (ledger.entity(x.id) for x in built.entities) if e is not None]
        ledger.upsert_entities(merge_entities(known, built.entities))
        ledger.replace_story_ledger(story_id, built.events, built.claims, built.discrepancies, built.inferred_dates)
        reporter.on_progress(Progress("link", n, len(todo)))
