"""The JSON Schema of `newsledger extract` output is generated from the records,
kept current in docs/, and real output validates against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from newsledger.records import (
    SCHEMA_VERSION, Article, ArticleExtraction, ArticleOutput, EntityMention, Evidence, Quantity,
    TimeExpr, from_json, json_schema, to_json,
)

DOC_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "extract.schema.json"


def _sample() -> ArticleOutput:
    art = Article(id="x1", source="s.txt", text="Police detained 20 people on Friday.", published="2020-08-14",
                  published_how="stated")
    ev = lambda a, b, name: Evidence("x1", a, b, 0, f"{name}@1")  # noqa: E731
    x = ArticleExtraction(
        article_id="x1",
        entities=(EntityMention(ev(0, 6, "entities"), "Police", "GROUP", "police", 0),),
        times=(TimeExpr(ev(27, 36, "times"), "on Friday", "2020-08-14", "2020-08-14", "day", "relative"),),
        quantities=(Quantity(ev(16, 18, "numbers"), "20", 20, 20, "exact", counts="detained"),),
    )
    return ArticleOutput.of(art, x)


def test_committed_schema_is_current():
    assert json.loads(DOC_SCHEMA.read_text()) == json_schema(), (
        "docs/extract.schema.json is stale: regenerate with `newsledger schema > docs/extract.schema.json`"
    )


def test_output_validates_and_round_trips():
    data = to_json(_sample())
    jsonschema.validate(data, json_schema())
    assert data["schema_version"] == SCHEMA_VERSION
    assert from_json(ArticleOutput, data) == _sample()


def test_schema_rejects_missing_offsets():
    data = to_json(_sample())
    del data["entities"][0]["evidence"]["start"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())
