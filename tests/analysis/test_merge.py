"""Cross-document event merging: one canonical event, many evidence rows, whatever the order."""

from __future__ import annotations

import json
from pathlib import Path

import geobrief
from geobrief.analysis.merge import event_id, fold, prefer

ROW = {
    "type": "CONSULT",
    "source": "PRK",
    "target": "RUS",
    "when_start": "2023-09-01",
    "when_end": "2023-09-30",
    "when_precision": "month",
    "modality": "asserted",
    "cameo": "042",
}


def test_key_is_symmetric_for_meetings_and_directed_otherwise() -> None:
    assert event_id(ROW) == event_id(ROW | {"source": "RUS", "target": "PRK"})
    assault = ROW | {"type": "ASSAULT"}
    assert event_id(assault) != event_id(assault | {"source": "RUS", "target": "PRK"})
    signing = ROW | {"type": "SUPPORT", "cameo": "057"}
    assert event_id(signing) == event_id(signing | {"source": "RUS", "target": "PRK"})  # a treaty is mutual
    praise = ROW | {"type": "SUPPORT", "cameo": "051"}
    assert event_id(praise) != event_id(praise | {"source": "RUS", "target": "PRK"})
    assert event_id(praise) != event_id(signing) and event_id(praise | {"source": "RUS", "target": "PRK"}) != event_id(
        signing
    )
    assert event_id(ROW) == event_id(ROW | {"when_start": "2023-09-13", "when_precision": "day"})
    assert event_id(ROW) != event_id(ROW | {"when_start": "2023-04-01"})  # two meetings in one year
    assert event_id(ROW) != event_id(ROW | {"when_start": "2023-01-01", "when_precision": "year"})
    assert event_id(ROW) != event_id(ROW | {"when_start": "2022-09-01"})
    assert event_id(ROW) != event_id(ROW | {"modality": "hypothetical"})


def test_preference_is_a_total_order_on_precision_then_date() -> None:
    year = ROW | {"when_start": "2023-01-01", "when_end": "2023-12-31", "when_precision": "year"}
    assert prefer(ROW, year) and not prefer(year, ROW)
    assert not prefer(ROW, ROW)


def _events(db: Path, paths: list[str]) -> list[str]:
    with geobrief.open(db) as gb:
        gb.ingest(paths)
        return sorted(json.dumps(e, sort_keys=True) for e in gb.export("events"))


def test_seed_events_merge_in_any_order(shared: Path, tmp_path: Path) -> None:
    seeds = sorted(str(p) for p in (shared / "corpus" / "seeds").glob("*.txt"))
    forward = _events(tmp_path / "a.db", seeds)
    backward = _events(tmp_path / "b.db", seeds[::-1])
    assert forward == backward
    assert _events(tmp_path / "a.db", seeds) == forward  # re-ingesting changes nothing
    events = [json.loads(e) for e in forward]

    def told(type_: str, dyad: set[str], month: str) -> list[dict]:
        return [
            e
            for e in events
            if e["type"] == type_
            and {e["source"], e["target"]} == dyad
            and (e["when"]["start"] or "").startswith(month)
        ]

    [invasion] = told("ASSAULT", {"RUS", "UKR"}, "2022-02")
    [summit] = told("CONSULT", {"PRK", "RUS"}, "2023-09")
    for event in (invasion, summit):
        assert event["n_sources"] >= 2
        assert len({x["doc"] for x in event["evidence"]}) == event["n_sources"]


def _stored(row: dict, doc: str, start: int) -> dict:
    return row | {"id": event_id(row), "evidence": [{"doc": doc, "start": start, "end": start + 9}], "n_sources": 1}


def test_a_year_only_report_joins_the_one_month_dated_event_of_its_year() -> None:
    year = ROW | {"when_start": "2023-01-01", "when_end": "2023-12-31", "when_precision": "year"}
    september, later = _stored(ROW, "d1", 0), _stored(year, "d2", 50)
    [merged] = fold([september, later])
    assert merged["id"] == september["id"] and merged["n_sources"] == 2
    assert [x["doc"] for x in merged["evidence"]] == ["d1", "d2"]
    # two meetings that year: "in 2023" could be either, so it stays apart, and so do they
    april = _stored(ROW | {"when_start": "2023-04-10", "when_end": "2023-04-10"}, "d3", 0)
    year_again = _stored(year, "d2", 50)
    assert len(fold([_stored(ROW, "d1", 0), april, year_again])) == 3
    # another year, type or reality never joins
    other = _stored(year | {"when_start": "2022-01-01"}, "d4", 0)
    assert len(fold([_stored(ROW, "d1", 0), other])) == 2
