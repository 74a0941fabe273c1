"""EXPECTED.md §5 on the two seed articles: across articles.

Built the way the pipeline builds it: clean.article_from_path ->
extract.extract_article(nlp(text), article) -> link.assign_stories ->
link.link_stories. Items that need a reader that has not landed are xfailed
with the reason, never faked.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds(nlp, seed_paths):
    clean = pytest.importorskip("newsledger.clean")
    from newsledger.extract import extract_article

    members = []
    for path in seed_paths:
        article = clean.article_from_path(path)
        members.append((article, extract_article(nlp(article.text), article)))
    return members


@pytest.fixture(scope="module")
def ledger(seeds):
    from newsledger.link import assign_stories, link_item, link_stories, StoryIndex

    _, assignment = assign_stories(StoryIndex(), [link_item(a, x) for a, x in seeds])
    story = sorted(set(assignment.values()))
    return assignment, link_stories(seeds, story[0])


def test_one_story(ledger) -> None:
    assignment, _ = ledger
    assert len(assignment) == 2 and len(set(assignment.values())) == 1


def test_two_independent_originators(ledger) -> None:
    _, result = ledger
    assert sorted(set(result.source_groups.values())) == ["AFP", "Financial Times"]


def test_undated_ft_takes_inferred_date(seeds, ledger) -> None:
    _, result = ledger
    ft = next(a for a, _ in seeds if not a.published)
    assert result.inferred_dates == {ft.id: "2020-08-14"}


def test_e1_figures_agree(seeds, ledger) -> None:
    _, result = ledger
    arrested = [c for c in result.claims if c.attribute == "arrested" and c.kind == "count"]
    if not any(x.events for _, x in seeds):
        pytest.xfail("extract/events.py has not landed: no event mentions, so no count claims to compare")
    figures = {(c.low, c.hedge) for c in arrested}
    assert {(6700, "at_least"), (6000, "more_than")} <= figures
    e1 = [c for c in arrested if (c.low, c.hedge) in {(6700, "at_least"), (6000, "more_than")}]
    assert len({c.event_id for c in e1}) == 1 and e1[0].event_id is not None
    assert all(c.independent_source_count == 2 for c in e1)
    ids = {c.id for c in e1}
    assert not [d for d in result.discrepancies if set(d.claim_ids) <= ids]


def test_karaev_barsukov_conflict(ledger) -> None:
    _, result = ledger
    conflicts = [d for d in result.discrepancies if d.attribute == "statement"]
    assert any("Karaev" in d.reason and "Barsukov" in d.reason for d in conflicts)


def test_lukashenko_statement_reported_by_both(ledger) -> None:
    _, result = ledger
    alive = [c for c in result.claims if c.kind == "statement" and "alive" in c.text]
    assert len({c.evidence.article_id for c in alive}) == 2
    assert all(c.independent_source_count == 2 for c in alive if "Lukashenko" in (c.speaker or ""))
    assert any(c.independent_source_count == 2 for c in alive)
