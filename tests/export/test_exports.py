"""Exports: each format written by `newsledger export` and the API, read back with pandas."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsledger.api.app import create_app
from newsledger.api.sample import build
from newsledger.cli import app
from newsledger.config import Settings
from newsledger.export.acled import COLUMNS, time_precision

N_EVENTS = 6


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("export") / "sample.db")


def _cli_export(db, fmt, out):
    result = CliRunner().invoke(app, ["export", "--format", fmt, "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return out


def test_jsonl_round_trip(db, tmp_path):
    df = pd.read_json(_cli_export(db, "jsonl", tmp_path / "e.jsonl"), lines=True)
    assert len(df) == N_EVENTS
    arrests = df[df["event"].map(lambda e: e["id"]) == "ev-arrests"].iloc[0]
    assert {c["originator"] for c in arrests["claims"]} == {"AFP", "Financial Times"}


def test_acled_csv_columns_exact_and_filled(db, tmp_path):
    df = pd.read_csv(_cli_export(db, "csv-acled", tmp_path / "e.csv"), dtype=str, keep_default_na=False)
    assert tuple(df.columns) == COLUMNS
    assert len(df) == N_EVENTS
    row = df.set_index("event_id_cnty").loc["ev-deaths"]
    assert (row.event_date, row.year, row.time_precision) == ("2020-08-10", "2020", "2")
    assert (row.iso, row.country, row.location) == ("112", "Belarus", "Minsk")
    assert row.fatalities == "1"  # the most conservative report
    assert row.source == "AFP; Financial Times"
    assert row.region == "" and row.inter1 == ""  # unknown to the ledger: left empty, not guessed
    call = df.set_index("event_id_cnty").loc["ev-rally-call"]
    assert call.actor1 == "Svetlana Tikhanovskaya" and "modality=called_for" in call.tags
    by_id = df.set_index("event_id_cnty")
    types = ["disorder_type", "event_type", "sub_event_type"]
    assert tuple(by_id.loc["ev-denial", types]) == ("", "", "")  # ACLED has no such type: empty, not guessed
    if not _has_ontology():  # without the ontology's mapping nothing is guessed either
        assert set(by_id[types].to_numpy().ravel()) == {""}
        return
    assert tuple(by_id.loc["ev-arrests", types]) == (
        "Strategic developments",
        "Strategic developments",
        "Arrests",
    )
    assert tuple(by_id.loc["ev-deaths", types]) == (
        "Political violence",
        "Violence against civilians",
        "Attack",
    )


def _has_ontology() -> bool:
    try:
        from newsledger.extract.ontology import acled_of  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2020-08-14", "2020-08-14", "1"),
        ("2020-08-09", "2020-08-14", "2"),
        ("2020-08-01", "2020-08-31", "3"),
        (None, None, ""),
        ("garbage", None, ""),
    ],
)
def test_time_precision(start, end, expected):
    assert time_precision(start, end) == expected


def test_parquet_round_trip(db, tmp_path):
    df = pd.read_parquet(_cli_export(db, "parquet", tmp_path / "e.parquet"))
    assert len(df) == N_EVENTS
    row = df.set_index("id").loc["ev-arrests"]
    assert list(row.originators) == ["AFP", "Financial Times"]
    assert row.independent_source_count == 2 and bool(row.is_summary)
    assert len(json.loads(row.claims_json)) == 3


def test_geojson_round_trip(db, tmp_path):
    data = json.loads(_cli_export(db, "geojson", tmp_path / "e.geojson").read_text())
    assert data["type"] == "FeatureCollection"
    df = pd.json_normalize(data["features"])
    assert len(df) == N_EVENTS
    placed = df.dropna(subset=["geometry.coordinates"]).set_index("id")
    assert placed.loc["ev-deaths", "geometry.coordinates"] == [27.5667, 53.9]  # [lon, lat]
    denial = next(f for f in data["features"] if f["id"] == "ev-denial")
    assert denial["geometry"] is None  # unplaced: kept, with a null geometry


@pytest.mark.parametrize("fmt", ["jsonl", "csv-acled", "parquet", "geojson"])
def test_api_export_matches_cli(db, tmp_path, fmt):
    with TestClient(create_app(Settings(db_path=db, api_token=None, read_token=None))) as client:
        r = client.get(f"/api/v1/export/{fmt}")
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    readers = {
        "jsonl": lambda b: pd.read_json(io.BytesIO(b), lines=True),
        "csv-acled": lambda b: pd.read_csv(io.BytesIO(b)),
        "parquet": lambda b: pd.read_parquet(io.BytesIO(b)),
        "geojson": lambda b: pd.json_normalize(json.loads(b)["features"]),
    }
    assert len(readers[fmt](r.content)) == N_EVENTS


def test_export_missing_ledger_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(app, ["export", "--format", "jsonl", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3
