"""The CLI end to end on the bundled example corpus: what `make demo` shows a user."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from geobrief.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "demo.db"
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return db


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_summary_and_rerun_is_noop(demo_db: Path) -> None:
    out = run("ingest", str(EXAMPLES), "--db", str(demo_db), "-q")
    assert out.startswith("0 new,") and "unchanged" in out and "0 failed" in out


def test_docs_lists_every_example(demo_db: Path) -> None:
    rows = [json.loads(line) for line in run("docs", "--db", str(demo_db), "--format", "json").splitlines()]
    assert len(rows) >= 12
    assert sum(1 for r in rows if r["title"]) >= 12
    assert any(r["duplicate_of"] for r in rows), "the truncated copy in examples/ is a near-duplicate"
    suffixes = {Path(r["path"]).name.split(".", 1)[1] for r in rows}
    assert {"txt", "md", "html", "pdf", "jsonl", "html.gz"} <= suffixes


def test_actors_top_finds_the_dyad(demo_db: Path) -> None:
    rows = [
        json.loads(line) for line in run("actors", "--db", str(demo_db), "--top", "10", "--format", "json").splitlines()
    ]
    ids = [r["id"] for r in rows]
    assert "RUS" in ids[:5] and "PRK" in ids[:5]
    prk = next(r for r in rows if r["id"] == "PRK")
    assert prk["kind"] == "state" and prk["country"] == "PRK" and "Pyongyang" in prk["aliases"]
    assert run("actors", "--db", str(demo_db), "--top", "3").splitlines()[0].startswith("id")


def test_search_with_hostile_strings(demo_db: Path) -> None:
    assert "[" in run("search", "Pyongyang", "--db", str(demo_db))
    for q in ['"unbalanced', "OR OR", "NEAR(", "title:*", "') DROP TABLE documents; --", "-"]:
        run("search", q, "--db", str(demo_db))
    assert len(run("docs", "--db", str(demo_db), "--format", "json").splitlines()) >= 12


def test_export_kinds_and_formats(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    run("export", "documents", "--db", str(demo_db), "-o", str(out))
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert set(docs[0]) == {
        "id",
        "path",
        "url",
        "title",
        "author",
        "publisher",
        "published",
        "published_inferred",
        "summary",
        "text",
        "words",
        "duplicate_of",
    }
    texts = {d["id"]: d["text"] for d in docs}
    mentions = [json.loads(line) for line in run("export", "mentions", "--db", str(demo_db)).splitlines()]
    assert mentions and set(mentions[0]) == {"doc", "actor", "text", "start", "end", "sentence"}
    for m in mentions:  # provenance: every mention points at its exact span
        assert texts[m["doc"]][m["start"] : m["end"]] == m["text"]
    timexes = [json.loads(line) for line in run("export", "timexes", "--db", str(demo_db)).splitlines()]
    assert set(timexes[0]) == {"doc", "text", "start", "end", "value_start", "value_end", "precision", "anchor"}
    for x in timexes:
        assert texts[x["doc"]][x["start"] : x["end"]] == x["text"]
        assert x["value_start"] <= x["value_end"]
    treaty = [x for x in timexes if x["text"] in ("19 June 2024", "June 19, 2024")]
    assert treaty and all(x["value_start"] == x["value_end"] == "2024-06-19" for x in treaty)
    actors = list(csv.DictReader(io.StringIO(run("export", "actors", "--db", str(demo_db), "--format", "csv"))))
    assert set(actors[0]) == {"id", "name", "kind", "country", "aliases", "mentions"}
    assert isinstance(json.loads(actors[0]["aliases"]), list)
    bad = CliRunner().invoke(main, ["export", "nonsense", "--db", str(demo_db)])
    assert bad.exit_code != 0 and "unknown kind" in bad.output


def test_stdin(tmp_path: Path) -> None:
    text = "Envoys meet\n\nChina's foreign minister Wang Yi met his Russian counterpart Sergei Lavrov in Beijing.\n"
    result = CliRunner().invoke(main, ["ingest", "-", "--db", str(tmp_path / "s.db"), "-q"], input=text)
    assert result.exit_code == 0 and "1 new" in result.output, result.output


def test_kill_and_resume(tmp_path: Path) -> None:
    """Killing ingest mid-batch loses nothing committed; a rerun completes the batch."""
    src = tmp_path / "src"
    src.mkdir()
    import random

    words = "Moscow Seoul Tokyo envoy talks treaty sanctions shells border summit minister said".split()  # noqa: SIM905
    for i in range(40):
        rng = random.Random(i)
        sentences = [" ".join(rng.choice(words) for _ in range(12)) + "." for _ in range(25)]
        (src / f"{i:02d}.txt").write_text(f"Report number {i}\n\n" + " ".join(sentences))
    db = tmp_path / "k.db"
    env = os.environ | {"GEOBRIEF_BATCH_SIZE": "1"}
    cmd = [sys.executable, "-m", "geobrief.cli", "ingest", str(src), "--db", str(db), "-q"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    committed = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.3)
        if db.exists():
            try:
                con = sqlite3.connect(db, timeout=5)
                committed = con.execute("SELECT count(*) FROM documents").fetchone()[0]
                con.close()
            except sqlite3.OperationalError:
                continue
            if committed >= 3:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    before = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    assert 3 <= before < 40 or before == 40
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    con = sqlite3.connect(db)
    total = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    fts = con.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
    assert total == 40 and fts == 40
    assert f"{40 - before} new, {before} unchanged" in done.stdout


def test_quotes_with_speakers(demo_db: Path) -> None:
    docs = {d["id"]: d["text"] for d in map(json.loads, run("export", "documents", "--db", str(demo_db)).splitlines())}
    quotes = [json.loads(line) for line in run("export", "quotes", "--db", str(demo_db)).splitlines()]
    assert set(quotes[0]) == {"id", "doc", "kind", "speaker", "speaker_name", "text", "start", "end"}
    for q in quotes:
        assert docs[q["doc"]][q["start"] : q["end"]] == q["text"]
    assert {"direct", "indirect", "term"} <= {q["kind"] for q in quotes}
    putin = [
        json.loads(x)
        for x in run("quotes", "--db", str(demo_db), "--speaker", "Putin", "--format", "json").splitlines()
    ]
    assert putin and all(q["speaker"] == "putin-vladimir" for q in putin)
    assert any(q["kind"] == "direct" for q in putin)
    early = [
        json.loads(x) for x in run("quotes", "--db", str(demo_db), "--until", "2023", "--format", "json").splitlines()
    ]
    published = {
        d["id"]: d["published"]
        for d in map(json.loads, run("docs", "--db", str(demo_db), "--format", "json").splitlines())
    }
    assert early and all(published[q["doc"]] <= "2023-12-31" for q in early)
    assert "(nothing)" in run("quotes", "--db", str(demo_db), "--speaker", "Nobody Atall")


def _jsonl(*args: str) -> list[dict]:
    return [json.loads(line) for line in run(*args).splitlines()]


def test_events_claims_interests(demo_db: Path) -> None:
    db = ["--db", str(demo_db)]
    docs = {d["id"]: d["text"] for d in _jsonl("export", "documents", *db)}
    events = _jsonl("export", "events", *db)
    assert set(events[0]) == {
        "id",
        "type",
        "mode",
        "cameo",
        "quad_class",
        "intensity",
        "source",
        "target",
        "when",
        "where",
        "modality",
        "evidence",
        "n_sources",
    }
    for e in events:
        assert e["evidence"] and e["n_sources"] == len({x["doc"] for x in e["evidence"]})
        for x in e["evidence"]:
            assert 0 <= x["start"] < x["end"] <= len(docs[x["doc"]])
        assert e["when"]["basis"] in ("expression", "narrative", "publication")
        assert e["quad_class"] in (1, 2, 3, 4)
    dyad = _jsonl("events", *db, "--actor", "Russia", "--target", "Ukraine", "--format", "json")
    assert any(e["type"] == "ASSAULT" for e in dyad) and all((e["source"], e["target"]) == ("RUS", "UKR") for e in dyad)
    recent = _jsonl("events", *db, "--since", "2024-06", "--format", "json")
    assert recent and all(e["when"]["end"] >= "2024-06" for e in recent)
    assert all(e["modality"] not in ("negated", "hypothetical") for e in _jsonl("events", *db, "--format", "json"))

    claims = _jsonl("export", "claims", *db)
    assert set(claims[0]) == {
        "id",
        "doc",
        "kind",
        "text",
        "estimative",
        "probability",
        "actors",
        "horizon",
        "start",
        "end",
    }
    for c in claims:
        assert docs[c["doc"]][c["start"] : c["end"]] == c["text"] or c["kind"] == "scenario"
        if c["probability"]:
            assert 0 <= c["probability"]["low"] <= c["probability"]["high"] <= 1
    assert {"forecast", "scenario"} <= {c["kind"] for c in claims}
    likely = [c for c in claims if (c["estimative"] or "").lower() == "likely"]
    assert likely and all(c["probability"] == {"low": 0.55, "high": 0.8} for c in likely)

    interests = _jsonl("export", "interests", *db)
    assert set(interests[0]) == {"id", "doc", "actor", "wants", "from", "text", "start", "end"}
    assert any(i["actor"] == "PRK" and i["from"] == "RUS" for i in interests)
    prk = _jsonl("interests", *db, "--actor", "North Korea", "--format", "json")
    assert prk and all(i["actor"] == "PRK" for i in prk)
