"""Linking across articles: stories, canonical entities, merged events.

* stories.assign_stories(index, items) -> (index, {article_id: story_id}); StoryIndex
  persists with to_bytes()/from_bytes(); stories.link_item(article, extraction)
* ledger.link_stories(members, story_id) -> StoryLedger (entities, events, claims,
  discrepancies, inferred dates) for one story
* entities.resolve_entities / merge_entities; events.merge_events
"""

from newsledger.link.ledger import StoryLedger, link_stories
from newsledger.link.state import StoryIndex
from newsledger.link.stories import LinkItem, assign_stories, inferred_dates, link_item, story_records

__all__ = [
    "LinkItem",
    "StoryIndex",
    "StoryLedger",
    "assign_stories",
    "inferred_dates",
    "link_item",
    "link_stories",
    "story_records",
]
