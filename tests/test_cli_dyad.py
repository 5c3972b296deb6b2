"""`geobrief dyad` and the `series` export on the bundled example corpus."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

import geobrief
from geobrief.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
ROW_KEYS = {"period", "events", "q1", "q2", "q3", "q4", "cooperation", "conflict", "intensity", "coarse"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dyad") / "demo.db"
    with geobrief.open(path) as gb:
        report = gb.ingest([str(EXAMPLES)])
    assert report.new >= 12
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_dyad_json_rows_are_contiguous_years_with_consistent_counts(db: Path) -> None:
    rows = [
        json.loads(x) for x in run("dyad", "Russia", "North Korea", "--db", str(db), "--format", "json").splitlines()
    ]
    assert rows and all(set(r) == ROW_KEYS for r in rows)
    years = [int(r["period"]) for r in rows]
    assert years == list(range(years[0], years[-1] + 1))
    for r in rows:
        assert r["events"] == r["q1"] + r["q2"] + r["q3"] + r["q4"]
        assert (r["cooperation"], r["conflict"]) == (r["q1"] + r["q2"], r["q3"] + r["q4"])
    assert sum(r["events"] for r in rows if r["period"] == "2024") >= 3, "the 2024 treaty year is the busiest"
    # Both directions, and the same whatever the order of the pair; ids work as names do.
    assert run("dyad", "PRK", "RUS", "--db", str(db), "--format", "json").splitlines() == [
        json.dumps(r, ensure_ascii=False) for r in rows
    ]
    with geobrief.open(db) as gb:
        by_api = gb.series("Russia", "North Korea")
        events = gb.events(actor="Russia", target="North Korea") + gb.events(actor="North Korea", target="Russia")
    assert by_api == rows
    assert sum(r["events"] for r in rows) == len({e["id"] for e in events if e["when"]["start"]})


def test_dyad_by_month_since_until_table_and_csv(db: Path) -> None:
    rows = [
        json.loads(x)
        for x in run(
            "dyad",
            "Russia",
            "North Korea",
            "--db",
            str(db),
            "--by",
            "month",
            "--since",
            "2023",
            "--until",
            "2024",
            "--format",
            "json",
        ).splitlines()
    ]
    assert rows and all(len(r["period"]) == 7 and "2023-01" <= r["period"] <= "2024-12" for r in rows)
    table = run("dyad", "Russia", "North Korea", "--db", str(db))
    assert table.splitlines()[0].split()[:3] == ["period", "events", "q1"]
    csv_out = run("dyad", "Russia", "North Korea", "--db", str(db), "--format", "csv").splitlines()
    assert csv_out[0] == "period,events,q1,q2,q3,q4,cooperation,conflict,intensity,coarse"
    assert run("dyad", "Russia", "Atlantis", "--db", str(db), "--format", "json") == ""


def test_dyad_chart_writes_a_parsable_svg(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "charts" / "out.svg"
    run("dyad", "Russia", "North Korea", "--db", str(db), "--chart", str(out))
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    last = json.loads(run("dyad", "Russia", "North Korea", "--db", str(db), "--format", "json").splitlines()[-1])
    assert any("Russia" in (t or "") for t in texts) and last["period"] in texts and "No events" not in texts
    result = CliRunner().invoke(main, ["dyad", "Russia", "PRK", "--db", str(db), "--chart", str(tmp_path / "x.gif")])
    assert result.exit_code != 0 and ".svg or .png" in result.output


def test_dyad_chart_as_png(db: Path, tmp_path: Path) -> None:
    from geobrief.report.browser import find_chromium

    if not find_chromium():
        pytest.skip("headless Chromium not installed (Debian package chromium): PNG charts are rendered by it")
    out = tmp_path / "chart.png"
    run("dyad", "Russia", "North Korea", "--db", str(db), "--chart", str(out))
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000


def test_export_series_records(db: Path) -> None:
    rows = [json.loads(x) for x in run("export", "series", "--db", str(db)).splitlines()]
    assert rows
    keys = ["a", "b", "period", "events", "q1", "q2", "q3", "q4", "cooperation", "conflict", "intensity"]
    assert all(list(r) == keys for r in rows)
    assert all(r["a"] < r["b"] and len(r["period"]) == 4 for r in rows)
    dyad = [{k: v for k, v in r.items() if k not in ("a", "b")} for r in rows if (r["a"], r["b"]) == ("PRK", "RUS")]
    with geobrief.open(db) as gb:
        expected = [{k: v for k, v in r.items() if k != "coarse"} for r in gb.series("RUS", "PRK")]
    assert dyad == expected
    csv_out = run("export", "series", "--db", str(db), "--format", "csv").splitlines()
    assert csv_out[0] == ",".join(keys) and len(csv_out) == len(rows) + 1
