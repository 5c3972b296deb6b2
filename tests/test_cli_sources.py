"""`geobrief sources` and `geobrief disagreements`: sources compared on a dyad, in figures and cited text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import geobrief
from geobrief.cli import main

DOCS = {
    "alarm.txt": (
        "A dangerous dam\n\nBy Ana Ruiz\n\nEgypt and Ethiopia are sliding towards a dangerous confrontation. "
        "Cairo's threats grow louder and Addis Ababa's reckless filling of the dam could escalate into war. "
        "Ethiopia will very likely reach a water-sharing agreement with Egypt before the rainy season, "
        "officials in Addis Ababa insist, but the threat of escalation remains grave.\n"
    ),
    "calm.txt": (
        "Much ado about a dam\n\nBy Omar Said\n\nThe quarrel between Egypt and Ethiopia is largely symbolic. "
        "Fears of war are overblown and the talk of escalation is posturing; Cairo's options are limited. "
        "Ethiopia is very unlikely to reach a water-sharing agreement with Egypt before the rainy season.\n"
    ),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("sources")
    for name, text in DOCS.items():
        (tmp / name).write_text(text, encoding="utf-8")
    with geobrief.open(tmp / "s.db") as gb:
        gb.ingest([str(tmp / n) for n in DOCS])
    return tmp / "s.db"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_sources_table_shows_voices_cues_and_disagreements(db: Path) -> None:
    out = run("sources", "Egypt", "Ethiopia", "--db", str(db))
    assert out.startswith("How 2 sources describe Egypt – Ethiopia")
    blocks = {b.split(",")[0]: b for b in out.split("\n\n") if b.startswith(("Ana", "Omar"))}
    assert "voice: ALARMED" in blocks["Ana Ruiz"] and "reckless" in blocks["Ana Ruiz"]
    assert "voice: DISMISSIVE" in blocks["Omar Said"] and "overblown" in blocks["Omar Said"]
    assert "Disagreements: 1" in out and "[forecast]" in out


def test_sources_json_by_author_and_disagreements_json(db: Path) -> None:
    rows = [json.loads(x) for x in run("sources", "EGY", "ETH", "--db", str(db), "--format", "json").splitlines()]
    assert sorted(r["voice"] for r in rows) == ["alarmed", "dismissive"]
    assert {r["author"]: r["forecasts"] for r in rows} == {"Ana Ruiz": 2, "Omar Said": 1}
    assert min(r["tone"] for r in rows if r["voice"] == "alarmed") < 0
    by_author = run("sources", "Egypt", "Ethiopia", "--db", str(db), "--by", "author", "--format", "json")
    assert sorted(json.loads(x)["author"] for x in by_author.splitlines()) == ["Ana Ruiz", "Omar Said"]
    [d] = [json.loads(x) for x in run("disagreements", "Egypt", "--db", str(db), "--format", "json").splitlines()]
    assert d["kind"] == "forecast" and "very likely" in d["a"]["text"] + d["b"]["text"]
    exported = run("export", "disagreements", "--db", str(db)).splitlines()
    assert [json.loads(x) for x in exported] == [d]


def test_sources_on_a_dyad_nobody_names(db: Path) -> None:
    assert "No document names both" in run("sources", "Egypt", "Japan", "--db", str(db))
    assert run("disagreements", "Japan", "--db", str(db)).strip() == "(nothing)"
