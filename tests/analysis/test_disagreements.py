"""Where sources disagree: opposite forecasts on one proposition, one event told with another year or actor."""

from __future__ import annotations

from pathlib import Path

import geobrief
from geobrief.analysis.disagreements import content_words, event_disagreements, forecast_disagreements


def claim(doc: str, text: str, low: float, high: float, actors: list[str], kind: str = "forecast") -> dict:
    return {
        "doc": doc,
        "text": text,
        "estimative": "x",
        "probability": {"low": low, "high": high},
        "actors": actors,
        "kind": kind,
        "start": 0,
        "end": len(text),
    }


def test_content_words_leave_out_estimative_and_calendar_words() -> None:
    words = content_words("Tehran will very likely restore diplomatic relations with Cairo in March 2026.")
    assert words == {"tehran", "restore", "diplomatic", "relation", "cairo"}


def test_opposite_bands_on_one_proposition_disagree() -> None:
    x = claim("d1", "Iran will very likely restore diplomatic relations with Egypt.", 0.8, 0.95, ["IRN", "EGY"])
    y = claim("d2", "Iran is unlikely to restore diplomatic relations with Egypt soon.", 0.2, 0.45, ["IRN", "EGY"])
    [d] = forecast_disagreements([x, y], {"IRN": "Iran", "EGY": "Egypt"})
    assert d.kind == "forecast" and {d.a.doc, d.b.doc} == {"d1", "d2"}
    assert "Egypt" in d.about and "Iran" in d.about and "restore" in d.about
    record = d.record()
    assert set(record) == {"id", "about", "a", "b", "kind"} and set(record["a"]) == {"doc", "text", "start", "end"}


def test_no_disagreement_within_a_document_on_agreeing_bands_or_unrelated_text() -> None:
    x = claim("d1", "Iran will very likely restore diplomatic relations with Egypt.", 0.8, 0.95, ["IRN", "EGY"])
    same_doc = claim("d1", "Iran is unlikely to restore diplomatic relations with Egypt.", 0.2, 0.45, ["IRN", "EGY"])
    agreeing = claim("d2", "Iran will probably restore diplomatic relations with Egypt.", 0.55, 0.8, ["IRN", "EGY"])
    unrelated = claim("d3", "Egypt is unlikely to win the football cup final.", 0.2, 0.45, ["EGY"])
    assert forecast_disagreements([x, same_doc], {}) == []
    assert forecast_disagreements([x, agreeing], {}) == []
    assert forecast_disagreements([same_doc | {"doc": "d4"}, unrelated], {}) == []
    assert len(forecast_disagreements([same_doc, agreeing], {})) == 1


def event(eid: str, year: str, source: str, target: str, evidence: list[tuple[str, int, int]]) -> dict:
    return {
        "id": eid,
        "type": "ASSAULT",
        "source": source,
        "target": target,
        "modality": "asserted",
        "when": {"start": f"{year}-01-01"},
        "evidence": [{"doc": d, "start": s, "end": e} for d, s, e in evidence],
    }


def test_one_event_told_with_two_years_or_two_targets() -> None:
    texts = {
        "d1": "Iraqi troops invaded Kuwait in August 1990, seizing its oil fields.",
        "d2": "In 1991 Iraqi troops invaded Kuwait and seized its oil fields.",
        "d3": "Iraqi troops invaded Saudi Arabia in 1990, seizing its oil fields.",
    }
    spans = {d: (d, 0, len(t)) for d, t in texts.items()}
    events = [
        event("e1", "1990", "IRQ", "KWT", [spans["d1"]]),
        event("e2", "1991", "IRQ", "KWT", [spans["d2"]]),
        event("e3", "1990", "IRQ", "SAU", [spans["d3"]]),
    ]
    found = {(d.kind, d.a.doc, d.b.doc) for d in event_disagreements(events, texts, {"KWT": "Kuwait"})}
    assert found == {("date", "d1", "d2"), ("actor", "d1", "d3")}
    # the same document telling two invasions is two events, not a disagreement
    events[1]["evidence"] = [{"doc": "d1", "start": 0, "end": len(texts["d1"])}]
    assert {d.kind for d in event_disagreements(events, texts, {})} == {"actor"}


def test_stored_documents_that_disagree(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Nile talks\n\nBy Ana Ruiz\n\nEthiopia will very likely reach a water-sharing agreement with Egypt "
        "over the Nile dam before the next rainy season.\n"
    )
    (tmp_path / "b.txt").write_text(
        "Dam dispute\n\nBy Omar Said\n\nEthiopia is very unlikely to reach a water-sharing agreement with Egypt "
        "over the Nile dam before the next rainy season.\n"
    )
    with geobrief.open(tmp_path / "d.db") as gb:
        gb.ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
        rows = gb.disagreements("Ethiopia", "Egypt")
        assert [r["kind"] for r in rows] == ["forecast"]
        docs = {d["id"]: d["path"] for d in gb.docs()}
        assert {Path(docs[rows[0]["a"]["doc"]]).name, Path(docs[rows[0]["b"]["doc"]]).name} == {"a.txt", "b.txt"}
        for side in (rows[0]["a"], rows[0]["b"]):
            text = gb.store.document(side["doc"]).text[side["start"] : side["end"]]
            assert "water-sharing agreement" in text
        assert gb.export("disagreements") == rows
        assert gb.disagreements("Ethiopia", "Japan") == []
