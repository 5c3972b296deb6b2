"""The Python API that the CLI is a thin layer over."""

from __future__ import annotations

from pathlib import Path

import pytest

import geobrief

TEXT = (
    "Beijing and Moscow deepen ties\n\n"
    "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Tuesday. "
    "The Kremlin said Mr. Xi and Mr. Putin discussed trade and the war in Ukraine.\n"
)


def test_open_ingest_query_and_frames(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TEXT)
    with geobrief.open(tmp_path / "api.db") as gb:
        report = gb.ingest(src)
        assert (report.new, report.failed) == (1, 0)
        [doc] = gb.docs()
        assert doc["title"] == "Beijing and Moscow deepen ties" and "text" not in doc
        ids = {a["id"] for a in gb.actors()}
        assert {"CHN", "RUS", "xi-jinping", "putin-vladimir"} <= ids
        kremlin = [m for m in gb.mentions(actor="RUS") if m["text"] == "Kremlin"]
        assert len(kremlin) == 1
        frame = gb.actors(top=3, frame=True)
        assert list(frame.columns) == ["id", "name", "kind", "country", "aliases", "mentions"] and len(frame) == 3
        assert gb.search("Kremlin trade")[0]["id"] == doc["id"]
        assert len(gb.export("mentions")) == len(gb.mentions())


def test_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOBRIEF_DB", str(tmp_path / "env.db"))
    with geobrief.open() as gb:
        assert gb.store.url.endswith("env.db")
    assert (tmp_path / "env.db").exists()


def test_spelling_variants_across_documents_are_one_actor(tmp_path: Path) -> None:
    """An unknown person spelled two ways in two documents is one actor carrying both spellings."""
    (tmp_path / "a.txt").write_text("Envoy talks\n\nThe envoy Dmitry Khvorostovsky met officials in Geneva.\n")
    (tmp_path / "b.txt").write_text("Envoy returns\n\nDmitri Hvorostovskiy said the Geneva talks had failed.\n")
    with geobrief.open(tmp_path / "v.db") as gb:
        gb.ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
        people = [a for a in gb.actors(kind="person") if "Geneva" not in a["name"]]
        assert len(people) == 1, people
        assert {people[0]["name"], *people[0]["aliases"]} == {"Dmitry Khvorostovsky", "Dmitri Hvorostovskiy"}
        assert people[0]["mentions"] == 2


def test_each_evidence_row_says_how_its_sentence_gives_the_parties(tmp_path: Path) -> None:
    text = (
        "Argentina and Britain: a long quarrel\n\n"
        "Argentina invaded the Falkland Islands on 2 April 1982, and Britain sent a task force. "
        "Argentina and Britain fought for ten weeks. Argentina later protested to Britain.\n\n"
        "Diplomatic relations were restored in Madrid on 15 February 1990.\n"
    )
    (tmp_path / "a.txt").write_text(text)
    with geobrief.open(tmp_path / "p.db") as gb:
        gb.ingest(tmp_path / "a.txt")
        events = gb.export("events")
    parties = {(e["cameo"], x["parties"]) for e in events for x in e["evidence"]}
    assert ("050", "dyad") in parties  # relations restored: the text's two states
    assert any(how == "named" for _c, how in parties)
    assert {x["parties"] for e in events for x in e["evidence"]} <= {"named", "implied", "dyad", "place", "domestic"}
