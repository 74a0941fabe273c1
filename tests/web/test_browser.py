"""The UI in real headless Chromium against a real uvicorn server."""

from __future__ import annotations

import pytest

from newsledger.api.sample import HOSTILE_ARTICLE, HOSTILE_ENTITY, HOSTILE_EVENT, HOSTILE_STORY

pytestmark = pytest.mark.browser


def test_story_comparison_then_arrests_evidence_in_both_articles(page, live_server, tmp_path):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Belarus: post-election crackdown, strikes").click()
    originators = page.locator("#compare thead th.originator").all_inner_texts()
    assert originators == ["AFP", "Financial Times"]
    assert page.locator("#compare tr.claim-row.conflict").count() == 1  # the deaths figures disagree
    assert page.locator("#compare tr.claim-row.agree").count() == 1  # the arrest figures agree
    assert page.locator("figure.map circle.marker").count() >= 3
    page.screenshot(path=str(tmp_path / "story.png"), full_page=True)

    page.locator("#compare tr.event-row a", has_text="Arrest").click()
    page.wait_for_url("**/events/ev-arrests")
    evidence = page.locator("article.evidence")
    assert evidence.count() == 2
    marks = {}
    for i in range(2):
        block = evidence.nth(i)
        source = block.locator("header .chip").inner_text()
        marks[source] = set(block.locator("mark.k-event").all_inner_texts()) | set(
            block.locator("mark.k-claim").all_inner_texts()
        )
    assert marks == {
        "AFP": {"arrested", "At least 6,700", "more than 2,000"},
        "Financial Times": {"detained", "More than 6,000"},
    }

    page.locator("article.evidence", has_text="Financial Times").get_by_role("link").first.click()
    page.wait_for_url("**/articles/art-ft-0814?event=ev-arrests")
    assert set(page.locator("#article-text mark.focus").all_inner_texts()) == {"detained", "More than 6,000"}


def test_removed_boilerplate_toggles_and_kinds_hide(page, live_server):
    page.goto(live_server.url + "/articles/art-afp-0814")
    removed = page.locator("#removed")
    assert not removed.is_visible()
    page.locator("#toggle-removed").click()
    assert removed.is_visible() and "Tatyana Zenkovich" in removed.inner_text()
    page.locator("#toggle-removed").click()
    assert not removed.is_visible()
    entity = page.locator("#article-text mark.k-entity").first
    before = entity.evaluate("e => getComputedStyle(e).backgroundColor")
    page.locator("input.kind-toggle[value=entity]").uncheck()
    assert entity.evaluate("e => getComputedStyle(e).backgroundColor") != before


HOSTILE_PAGES = [
    "/",
    f"/stories/{HOSTILE_STORY}",
    f"/events/{HOSTILE_EVENT}",
    f"/articles/{HOSTILE_ARTICLE}",
    f"/articles/{HOSTILE_ARTICLE}?event={HOSTILE_EVENT}",
    f"/entities/{HOSTILE_ENTITY}",
    "/entities",
    "/events",
    "/search?q=police+script+onerror",
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_text_never_executes(page, live_server, path):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_server.url + path)
    page.wait_for_load_state("load")
    # Hover and click everything hostile text could have turned into a handler or link.
    for mark in page.locator("mark").all()[:20]:
        mark.hover()
    if path.startswith("/articles/") and page.locator("#toggle-removed").count():
        page.locator("#toggle-removed").click()
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("[onerror], [onload], [onmouseover]").count() == 0
    if path != "/search?q=police+script+onerror":
        assert "<script>" in page.locator("main").inner_text()  # shown as text, not run


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/stories/story-belarus-2020-08",
        "/events/ev-arrests",
        "/articles/art-afp-0814?event=ev-arrests",
        "/entities/ent-tikhanovskaya",
        "/events?type=ARREST",
        "/search?q=Minsk",
    ],
)
def test_own_pages_break_no_csp_rule_and_load_nothing_outside(page, live_server, path):
    problems: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.goto(live_server.url + path)
    page.wait_for_load_state("load")
    assert problems == [] and outside == []
