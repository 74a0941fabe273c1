"""GVDB scorer: gold reading, city matching, victim counts, incident place."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from newsledger.config import Settings
from newsledger.evaluate.gvdb import (city_match, incident_place, predict_city, predict_date, read_gold,
                                      to_article, victim_counts)
from newsledger.records import Article, ArticleExtraction, Evidence, Place, Quantity, TimeExpr


def _victim(*was: str) -> dict:
    return {"name": {"value": "", "startIndex": -1, "endIndex": -1}, "victim-was": list(was)}


def _row(aid: str, title: str, body: str, city: str, victims: list[dict]) -> str:
    data = {"date-and-time": {"city": {"value": city, "startIndex": 0, "endIndex": len(city)}, "date": "2016-01-27",
                              "state": "WI - Wisconsin"},
            "victim-section": victims}
    return "\t".join([aid, "http://example.org", title, title + body, json.dumps(data), "w1"])


@pytest.fixture
def tsv(tmp_path: Path) -> Path:
    header = "\t".join(["Article id", "Article url", "Article title", "Full text", "Json", "Worker"])
    rows = [
        _row("1", "Man shot, killed | Fox6", "MILWAUKEE — A man was shot and killed Tuesday, police said.",
             "MILWAUKEE ", [_victim("killed")]),
        _row("2", "Two hurt in shooting", "Two people were wounded in Racine on Sunday.", "Racine",
             [_victim("injured"), _victim("hospitalized", "injured"), _victim("injured", "killed")]),
        _row("3", "Robbery", "Nobody was hurt.", "", []),
    ]
    path = tmp_path / "gvdb.tsv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_read_gold(tsv: Path) -> None:
    golds = list(read_gold(tsv))
    assert [(g.id, g.city, g.killed, g.injured, g.victims_filled) for g in golds] == [
        ("1", "MILWAUKEE", 1, 0, True),
        ("2", "Racine", 1, 2, True),  # injured+killed counts as killed only
        ("3", "", 0, 0, False),
    ]


def test_to_article_splits_glued_title(tsv: Path) -> None:
    article = to_article(next(read_gold(tsv)))
    assert article.text.startswith("Man shot, killed | Fox6\n\nMILWAUKEE —")
    assert article.title == "Man shot, killed | Fox6"
    assert article.published is None  # no date in the URL


def test_url_date_is_the_publication_date(tsv: Path) -> None:
    gold = dataclasses.replace(next(read_gold(tsv)), url="http://example.org/news/2016/01/27/man-shot/")
    assert to_article(gold).published == "2016-01-27"


@pytest.mark.parametrize(("url", "day"), [
    ("http://example.org/news/2016/jan/26/girl-shot-at-party/", "2016-01-26"),
    ("http://example.org/socal/tn-blr-me-suspect-20160223-story.html", "2016-02-23"),
    ("http://example.org/news/crime-courts/2016-01-18/arrest-made", "2016-01-18"),
    ("http://example.org/story/30686192/2015/12/07/police-search", "2015-12-07"),
    ("http://example.org/a-20151399-b", None),  # not a day
    ("http://example.org/story/123456789/", None),
])
def test_url_date_forms(tsv: Path, url: str, day: str | None) -> None:
    assert to_article(dataclasses.replace(next(read_gold(tsv)), url=url)).published == day


def _time(start: int, value: str | None, precision: str = "day") -> TimeExpr:
    return TimeExpr(evidence=Evidence("a", start, start + 6, 0, "times@test"), text="Sunday", start=value,
                    end=value, precision=precision, how="relative")


def test_predict_date_reads_the_body_first() -> None:
    article = Article(id="a", source="t", text="Shot Sunday\n\nA man was shot Saturday.", title="Shot Sunday")
    title_time, body_time = _time(5, "2016-01-24"), _time(31, "2016-01-23T22:00")
    assert predict_date(ArticleExtraction(article_id="a", times=(title_time, body_time)), article) == "2016-01-23"
    assert predict_date(ArticleExtraction(article_id="a", times=(title_time,)), article) == "2016-01-24"
    unresolved = _time(31, None)
    assert predict_date(ArticleExtraction(article_id="a", times=(unresolved,)), article) is None


@pytest.mark.parametrize(
    ("gold", "predicted", "name", "exact", "lenient"),
    [
        ("MILWAUKEE ", "Milwaukee", "Milwaukee", True, True),
        ("Houston", "southwest Houston", "Houston", False, True),
        (" North Houston", "Houston", "Houston", False, True),
        ("Bronx", "the Bronx", "The Bronx", False, True),
        ("YORK CITY", "New York City", "New York City", False, True),
        ("Chicago", "Rogers Park", "Rogers Park", False, False),
        ("Harris County", "Harris County", "Harris County", True, True),
        ("Chicago", None, None, False, False),
    ],
)
def test_city_match(gold: str, predicted: str | None, name: str | None, exact: bool, lenient: bool) -> None:
    assert city_match(gold, predicted, name) == (exact, lenient)


def test_victim_counts_read_the_incident_event() -> None:
    """The scorer reads killed/injured off the event records: the casualty parts
    on the incident event, summed per role (extract/casualties.py decides them)."""
    from newsledger.records import EventMention, RoleQuantity

    def part(role: str, start: int, value: float) -> RoleQuantity:
        q = Quantity(evidence=Evidence("a", start, start + 5, 0, "casualties@1"), text="a man", low=value,
                     high=value, hedge="exact", counts=role, implicit=True)
        return RoleQuantity(role, q)

    trigger = Evidence("a", 10, 14, 0, "events@1")
    incident = EventMention(trigger, "ATTACK", "shot",
                            casualties=(part("killed", 0, 1), part("injured", 20, 1), part("injured", 40, 2)))
    other = EventMention(trigger, "ARREST", "held")
    assert victim_counts(ArticleExtraction(article_id="a", events=(other, incident))) == (1, 3)
    assert victim_counts(ArticleExtraction(article_id="a")) == (0, 0)


def _place(text: str, start: int, reason: str, precision: str = "city", resolved: bool = True) -> Place:
    return Place(evidence=Evidence("a", start, start + len(text), 0, "places@test"), text=text, resolved=resolved,
                 name=text.title() if resolved else None, precision=precision if resolved else None, reason=reason)


def test_incident_place_prefers_dateline_then_headline_then_body() -> None:
    # the evaluator reads the library's choice (extract/focus.py; cases in tests/extract/test_focus.py)
    article = Article(id="a", source="t", text="Shooting in Racine\n\nKENOSHA — ...", title="Shooting in Racine")
    title_place = _place("Racine", 12, "largest by population")
    dateline = _place("KENOSHA", 20, "dateline; only candidate")
    ex = ArticleExtraction(article_id="a", places=(title_place, dateline))
    assert incident_place(ex, article).text == "KENOSHA"
    ex = ArticleExtraction(article_id="a", places=(title_place, _place("Wisconsin", 20, "US state name", "admin1")))
    assert incident_place(ex, article).text == "Racine"  # the headline's scene
    article = Article(id="a", source="t", text="Racine man hurt\n\nIn Lansing, ...", title="Racine man hurt")
    title_place = _place("Racine", 0, "largest by population")
    ambiguous = _place("Lansing", 20, "ambiguous city: Lansing (US MI) vs Lansing (US IL)", resolved=False)
    ex = ArticleExtraction(article_id="a", places=(title_place, ambiguous))
    assert incident_place(ex, article).text == "Lansing"  # the right name even if not the right state


def test_predict_city_reads_a_district_as_its_city() -> None:
    article = Article(id="a", source="t", text="Teen shot\n\nA teen was shot in West Philadelphia.", title="Teen shot")
    place = _place("West Philadelphia", 35, "district of Philadelphia; largest by population")
    ex = ArticleExtraction(article_id="a", places=(dataclasses.replace(place, name="Philadelphia"),))
    assert predict_city(ex, article) == "Philadelphia"


def test_evaluate_end_to_end(tsv: Path) -> None:
    from newsledger.evaluate.gvdb import evaluate
    from newsledger.extract.gazetteer import index_path

    settings = Settings()
    if not index_path(settings).exists():
        pytest.skip("full gazetteer index not built yet (newsledger evaluate gvdb builds it once, ~1 min)")
    report = evaluate(tsv, settings)
    assert report.metrics["articles"] == 3
    assert report.metrics["killed_acc"] >= 2 / 3
    assert report.metrics["city_lenient"] == 1.0
    assert any("city scored on the 2 articles" in n for n in report.notes)
    blocks = report.details["city_by_rows"]
    assert blocks["rows_0_199"]["articles"] == 2 and blocks["rows_350_on"]["articles"] == 0


def test_city_row_blocks() -> None:
    from newsledger.evaluate.gvdb import _city_block

    assert [_city_block(r) for r in (0, 199, 200, 299, 300, 349, 350, 399, 999)] == [
        "rows_0_199", "rows_0_199", "rows_200_299", "rows_200_299", "rows_300_349", "rows_300_349",
        "rows_350_on", "rows_350_on", "rows_350_on"]
