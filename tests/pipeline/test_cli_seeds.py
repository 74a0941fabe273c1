"""The issue-2 acceptance path through the real CLI: ingest the two seeds twice."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
import sys

from tests_helpers import run_cli  # noqa: F401  (see conftest)


def test_ingest_seeds_twice_leaves_two_articles(tmp_path, seed_paths):
    db = tmp_path / "l.db"
    folder = seed_paths[0].parent
    for _ in range(2):
        done = run_cli("ingest", str(seed_paths[0]), str(seed_paths[1]), "--db", str(db))
        assert done.returncode == 0, done.stderr
    listed = json.loads(run_cli("articles", "--format", "json", "--db", str(db)).stdout)
    assert len(listed) == 2
    by_origin = {a["originator"]: a for a in listed}
    assert set(by_origin) == {"AFP", "Financial Times"}
    afp = by_origin["AFP"]
    assert afp["title"] == "Belarus Sees Walkouts, Protest Calls After 'Bloody' Vote Crackdown"
    assert afp["published"] == "2020-08-14"
    assert afp["publisher"] == "The Moscow Times"
    ft = by_origin["Financial Times"]
    assert ft["published"] == "" and ft["published_how"] in ("unknown", "inferred")
    assert folder.exists()


def test_show_prints_removed_blocks(tmp_path, seed_paths):
    db = tmp_path / "l.db"
    run_cli("ingest", str(seed_paths[0]), "--db", str(db))
    aid = json.loads(run_cli("articles", "--format", "json", "--db", str(db)).stdout)[0]["id"]
    shown = run_cli("show", aid[:8], "--db", str(db))
    assert shown.returncode == 0
    assert "[removed footer]" in shown.stdout or "[removed caption]" in shown.stdout
    as_json = json.loads(run_cli("show", aid, "--format", "json", "--db", str(db)).stdout)
    assert as_json["id"] == aid and as_json["removed"]


def test_missing_ledger_is_a_clear_error(tmp_path):
    done = run_cli("articles", "--db", str(tmp_path / "none.db"))
    assert done.returncode == 3
    assert "no ledger" in done.stderr and done.stderr.count("\n") == 1


def test_cli_help_documents_every_command():
    out = subprocess.run([sys.executable, "-m", "newsledger", "--help"], capture_output=True, text=True).stdout
    for command in ("ingest", "articles", "show", "run", "evaluate"):
        assert command in out


def test_bad_inputs_fail_clearly_and_the_batch_goes_on(tmp_path, seed_paths):
    db = tmp_path / "l.db"
    empty, binary = tmp_path / "empty.txt", tmp_path / "blob.txt"
    empty.write_bytes(b"")
    binary.write_bytes(bytes(range(256)) * 40)
    done = run_cli("ingest", str(empty), str(seed_paths[0]), str(binary), "--db", str(db))
    assert done.returncode == 1  # some inputs failed, the rest were stored
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 2 and all(line.startswith("NL-I") for line in lines)
    listed = json.loads(run_cli("failures", "--format", "json", "--db", str(db)).stdout)
    assert sorted(Path(f["source"]).name for f in listed) == ["blob.txt", "empty.txt"]
    assert len(json.loads(run_cli("articles", "--format", "json", "--db", str(db)).stdout)) == 1


def test_extract_writes_one_valid_json_line_per_article(seed_paths):
    import jsonschema

    from newsledger.records import json_schema

    done = run_cli("extract", str(seed_paths[0]), str(seed_paths[1]))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        out = json.loads(line)
        jsonschema.validate(out, json_schema())
        text = out["article"]["text"]
        items = [i for key in ("entities", "times", "places", "quantities", "quotes", "events") for i in out[key]]
        assert items, "nothing was read"
        for item in items:  # every value points back into the clean text
            ev = item["evidence"]
            assert 0 <= ev["start"] < ev["end"] <= len(text) and ev["article_id"] == out["article"]["id"]
