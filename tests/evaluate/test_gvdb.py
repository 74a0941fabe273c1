"""GVDB scorer: gold reading, city matching, victim counts, incident place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.config import Settings
from newsledger.evaluate.gvdb import city_match, incident_place, read_gold, to_article, victim_counts
from newsledger.records import Article, ArticleExtraction, Evidence, Place, Quantity


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


def _q(text: str, counts: str, low: float | None, high: float | None = None, implicit: bool = False,
       start: int = 0) -> Quantity:
    return Quantity(evidence=Evidence("a", start, start + len(text), 0, "numbers@test"), text=text, low=low,
                    high=low if high is None else high, hedge="exact", counts=counts, implicit=implicit)


@pytest.mark.parametrize(
    ("quantities", "expected"),
    [
        ([], (0, 0)),
        ([_q("A man", "killed", 1, implicit=True), _q("The man", "killed", 1, implicit=True)], (1, 0)),
        ([_q("three", "shot", 3), _q("one", "killed", 1)], (1, 2)),  # shot, one fatally
        ([_q("two", "injured", 2), _q("a man", "shot", 1, implicit=True)], (0, 2)),
        ([_q("Four", "killed", 4), _q("300", "killed", 300)], (4, 0)),  # a city tally is not an incident
        ([_q("2,000", "arrested", 2000)], (0, 0)),
        # the wounded counted first, then 'the victim died': one of them
        ([_q("Two", "injured", 2, start=0), _q("The victim", "killed", 1, implicit=True, start=50)], (1, 1)),
        # 'the victim was taken to hospital, where he died': one person, killed
        ([_q("The victim", "injured", 1, implicit=True, start=0), _q("he", "killed", 1, implicit=True, start=40)],
         (1, 0)),
        # 'the second victim' is someone new, not the one who died
        ([_q("one", "killed", 1, start=0), _q("The second victim", "injured", 1, implicit=True, start=30)], (1, 1)),
        # headline 'Man shot, killed' + body 'a 27-year-old man suffering from wounds': one man
        ([Quantity(evidence=Evidence("a", 0, 3, 0, "n@t"), text="Man", low=1, high=1, hedge="exact",
                   counts="killed", counted_text="Man", implicit=True),
          Quantity(evidence=Evidence("a", 40, 57, 1, "n@t"), text="a 27-year-old man", low=1, high=1,
                   hedge="exact", counts="injured", counted_text="man", implicit=True)], (1, 0)),
        # a name starting with 'He...' is not the pronoun
        ([_q("Henderson", "shot", 1, implicit=True, start=0), _q("a man", "killed", 1, implicit=True, start=40)],
         (1, 0)),
    ],
)
def test_victim_counts(quantities: list[Quantity], expected: tuple[int, int]) -> None:
    assert victim_counts(ArticleExtraction(article_id="a", quantities=tuple(quantities))) == expected


def test_tallies_are_not_victims() -> None:
    from newsledger.records import TimeExpr

    tally = _q("Nine", "killed", 9, start=100)
    tally = Quantity(**{**{f: getattr(tally, f) for f in tally.__slots__},
                        "evidence": Evidence("a", 100, 104, 3, "numbers@test")})
    this_year = TimeExpr(evidence=Evidence("a", 130, 144, 3, "times@test"), text="this year", start=None, end=None,
                         precision="year", how="unresolved")
    ex = ArticleExtraction(article_id="a", quantities=(_q("a man", "killed", 1, implicit=True), tally),
                           times=(this_year,))
    assert victim_counts(ex) == (1, 0)


def _place(text: str, start: int, reason: str, precision: str = "city", resolved: bool = True) -> Place:
    return Place(evidence=Evidence("a", start, start + len(text), 0, "places@test"), text=text, resolved=resolved,
                 name=text.title() if resolved else None, precision=precision if resolved else None, reason=reason)


def test_incident_place_prefers_dateline_then_body() -> None:
    article = Article(id="a", source="t", text="Shooting in Racine\n\nKENOSHA — ...", title="Shooting in Racine")
    title_place = _place("Racine", 12, "largest by population")
    dateline = _place("KENOSHA", 20, "dateline; only candidate")
    ex = ArticleExtraction(article_id="a", places=(title_place, dateline))
    assert incident_place(ex, article).text == "KENOSHA"
    ex = ArticleExtraction(article_id="a", places=(title_place, _place("Wisconsin", 20, "US state name", "admin1")))
    assert incident_place(ex, article).text == "Racine"  # the title's city when the body has none
    ambiguous = _place("Lansing", 22, "ambiguous city: Lansing (US MI) vs Lansing (US IL)", resolved=False)
    ex = ArticleExtraction(article_id="a", places=(title_place, ambiguous))
    assert incident_place(ex, article).text == "Lansing"  # the right name even if not the right state


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
