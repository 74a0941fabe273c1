"""Story clustering: order invariance, incremental joins, persistence."""

from __future__ import annotations

import random

import pytest

from newsledger.link.agglomerate import average_linkage
from newsledger.link.features import fallback_name_keys, words
from newsledger.link.state import StoryIndex
from newsledger.link.stories import LinkItem, assign_stories, inferred_dates, partition, story_records

QUAKE = "A magnitude {m} earthquake struck {place} on {day}, killing {n} people and destroying homes in {place}. Rescue teams in {place} searched rubble."
FLOOD = "Monsoon floods swept {place} villages on {day}; {n} bodies were recovered from rivers near {place} as dams overflowed."
RULING = "The Supreme Court in {place} ruled on {day} that {who} must pay {n} million dollars in damages to {victim}, judges said."
ROBBERY = "Police in {place} arrested {who} after an armed robbery at a bank on {day}; {n} hostages were freed by officers."


def _items() -> list[LinkItem]:
    out = []
    stories = [
        (QUAKE, dict(m="6.1", place="Aquila", day="Monday", n="{n}")),
        (FLOOD, dict(place="Kathmandu", day="Saturday", n="{n}")),
        (RULING, dict(place="Washington", day="Tuesday", who="Exxon Mobil", victim="Alaska fishermen", n="{n}")),
        (ROBBERY, dict(place="Stockholm", day="Friday", who="Jan Olsson", n="{n}")),
    ]
    for s, (template, fields) in enumerate(stories):
        for k in range(4):
            text = template.format(**{**fields, "n": str(10 + k)})
            extra = f" Reporter {k} added that {fields['place']} officials commented."
            out.append(LinkItem(article_id=f"s{s}-a{k}", text=text + extra))
    return out


def _stories(assignment: dict[str, str]) -> set[frozenset[str]]:
    return partition(assignment)


def test_groups_articles_of_the_same_event() -> None:
    _, assignment = assign_stories(StoryIndex(), _items())
    groups = _stories(assignment)
    for s in range(4):
        assert frozenset(f"s{s}-a{k}" for k in range(4)) in groups


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_shuffle_gives_same_partition_and_ids(seed: int) -> None:
    items = _items()
    _, reference = assign_stories(StoryIndex(), items)
    shuffled = items[:]
    random.Random(seed).shuffle(shuffled)
    _, again = assign_stories(StoryIndex(), shuffled)
    assert again == reference


def test_incremental_join_and_rerun_is_idempotent() -> None:
    items = _items()
    first = [it for it in items if not it.article_id.endswith("a3")]
    later = [it for it in items if it.article_id.endswith("a3")]
    index, a1 = assign_stories(StoryIndex(), first)
    index2, a2 = assign_stories(index, later)
    for s in range(4):
        assert a2[f"s{s}-a3"] == a1[f"s{s}-a0"]
    assert len(index) == len(first)  # input index untouched
    index3, a3 = assign_stories(index2, later)
    assert a3 == {it.article_id: a2[it.article_id] for it in later}
    assert index3 is index2


def test_index_round_trips_through_bytes() -> None:
    items = _items()
    index, _ = assign_stories(StoryIndex(), items[:10])
    restored = StoryIndex.from_bytes(index.to_bytes())
    _, a = assign_stories(index, items[10:])
    _, b = assign_stories(restored, items[10:])
    assert a == b


def test_undated_article_gets_inferred_date_from_story() -> None:
    items = [
        LinkItem(it.article_id, it.text, date=None if it.article_id == "s0-a1" else "2020-08-14")
        for it in _items()
    ]
    index, _ = assign_stories(StoryIndex(), items)
    assert inferred_dates(index, ["s0-a1", "s0-a0"]) == {"s0-a1": "2020-08-14"}


def test_dates_far_apart_never_link() -> None:
    items = _items()[:4]
    dated = [LinkItem(it.article_id, it.text, date=f"20{10 + i}-01-01") for i, it in enumerate(items)]
    _, assignment = assign_stories(StoryIndex(), dated)
    assert len(set(assignment.values())) == 4


def test_story_records() -> None:
    items = [LinkItem(it.article_id, it.text, date="2020-08-1" + it.article_id[-1], originator="AFP") for it in _items()]
    index, assignment = assign_stories(StoryIndex(), items)
    stories = {s.id: s for s in story_records(index)}
    story = stories[assignment["s0-a0"]]
    assert story.first_date == "2020-08-10" and story.last_date == "2020-08-13"
    assert story.originators == ("AFP",)


@pytest.mark.parametrize("text", ["", " ", "\x00\ud7ff", "Тихановская 😀 ٣", "a" * 10])
def test_odd_text_does_not_crash(text: str) -> None:
    index, assignment = assign_stories(StoryIndex(), [LinkItem("x", text), LinkItem("y", text)])
    assert set(assignment) == {"x", "y"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tara Reid checked into Promises Treatment Center.", ["tara_reid", "promises_treatment_center"]),
        ("The court said. Тихановская left.", ["тихановская"]),
    ],
)
def test_fallback_name_keys(text: str, expected: list[str]) -> None:
    keys = [k for k in fallback_name_keys(text) if not k.startswith("w:")]
    assert keys == expected


def test_words_drop_stop_words() -> None:
    assert words("The police arrested 23 pirates") == ["police", "arrested", "23", "pirates"]


def test_average_linkage_keeps_frozen_nodes_apart() -> None:
    nodes = {"S:a": (3, True), "S:b": (3, True), "x": (1, False)}
    edges = {("S:a", "S:b"): 9.0, ("x", "S:a"): 1.0}
    assert average_linkage(nodes, edges, 0.2, 10) == [["S:a", "x"], ["S:b"]]


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(max_size=200), min_size=1, max_size=6))
def test_any_unicode_links_and_is_order_invariant(texts: list[str]) -> None:
    items = [LinkItem(f"a{i}", t) for i, t in enumerate(texts)]
    _, forward = assign_stories(StoryIndex(), items)
    _, backward = assign_stories(StoryIndex(), items[::-1])
    assert forward == backward and set(forward) == {it.article_id for it in items}


@pytest.mark.parametrize(("titles", "dates", "label"), [
    (("Later title", "Early title"), ("2020-08-15", "2020-08-14"), "Early title"),
    ((None, "Only title"), ("2020-08-14", "2020-08-15"), "Only title"),
    ((None, None), (None, "2020-08-14"), "Body of b …"),
])
def test_story_label(titles, dates, label):
    from newsledger.link.stories import story_label
    from newsledger.records import Article

    arts = [Article(id=i, source=i, text=f"Body of {i}", title=t, published=d)
            for i, t, d in zip(("a", "b"), titles, dates)]
    assert story_label(arts) == label


def test_similarity_graph_reproduces_one_batch_partition() -> None:
    from newsledger.link import stories

    items = _items()
    _, assignment = assign_stories(StoryIndex(), items)
    edges = stories.similarity_graph(list(reversed(items)))
    assert edges and all(a < b and w > 0 for (a, b), w in edges.items())
    clusters = average_linkage(
        {it.article_id: (1, False) for it in items}, edges, stories.LINK_THRESHOLD, stories.SIZE_CAP
    )
    assert {frozenset(c) for c in clusters} == partition(assignment)
