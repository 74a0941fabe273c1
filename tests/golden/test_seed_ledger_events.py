"""EXPECTED.md §3/§5 on the linked seed story: event merging across and within
the two seed articles (link.events). A careful analyst reads 12 events (E1-E12);
the ledger had 40 before session 2's merging rules, measured 29 after."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ledger(nlp, seed_paths):
    clean = pytest.importorskip("newsledger.clean")
    from newsledger.extract import extract_article
    from newsledger.link import link_stories

    members = []
    for path in seed_paths:
        article = clean.article_from_path(path)
        members.append((article, extract_article(nlp(article.text), article)))
    return link_stories(members, "seed")


def test_e2_promised_release_is_one_event_told_by_both(ledger) -> None:
    promised = [e for e in ledger.events if e.event_type == "RELEASE" and e.modality == "promised"]
    assert len(promised) == 1
    assert promised[0].article_count == 2 and promised[0].independent_source_count == 2


def test_e8_torture_is_one_event_told_by_both(ledger) -> None:
    torture = [e for e in ledger.events if e.event_type == "TORTURE" and e.modality == "occurred"]
    assert len(torture) == 1 and torture[0].independent_source_count == 2


def test_story_event_count_bounded(ledger) -> None:
    assert len(ledger.events) <= 30  # measured 29 (40 before)


@pytest.mark.xfail(
    reason="measured 26 events vs ~12 read by an analyst (session 3): the reader emits distinct "
    "speech acts (3 accusations, a denial), modal variants (threatened strike, threatened rape, "
    "called-for election), single arrests and releases linked to their summary rather than merged, "
    "and the 2005 Andijan massacre recalled as background; linking must not merge those",
    strict=False,
)
def test_story_event_count_near_analyst(ledger) -> None:
    assert len(ledger.events) <= 20


def test_called_for_rallies_stay_apart_from_protests(ledger) -> None:
    kinds = {(e.event_type, e.modality) for e in ledger.events}
    assert ("PEACE_PROTEST", "called_for") in kinds and ("PEACE_PROTEST", "occurred") in kinds
