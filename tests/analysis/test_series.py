"""Dyads over time: bucketing by year and month, zero-filling, both directions, coarse dates, intensity sums."""

from __future__ import annotations

from typing import Any

import pytest

from geobrief.analysis.series import dyad_series


def ev(
    start: str | None,
    quad: int,
    intensity: float | None,
    source: str = "RUS",
    target: str = "PRK",
    precision: str = "day",
    modality: str = "asserted",
) -> dict[str, Any]:
    return {
        "id": f"{source}-{target}-{start}-{quad}",
        "type": "CONSULT",
        "quad_class": quad,
        "intensity": intensity,
        "source": source,
        "target": target,
        "when": {"start": start, "end": start, "precision": precision, "text": None, "basis": "expression"},
        "modality": modality,
        "evidence": [],
        "n_sources": 1,
    }


def test_year_buckets_count_quads_and_sum_intensity_in_both_directions() -> None:
    events = [
        ev("2023-09-13", 1, 1.0),
        ev("2023-11-02", 2, 7.4, source="PRK", target="RUS"),
        ev("2023-12-01", 4, -9.5),
        ev("2024-06-19", 3, -2.0, source="PRK", target="RUS"),
        ev("2024-06-20", 2, 8.3),
    ]
    rows = dyad_series(events, ["RUS"], ["PRK"])
    assert [r["period"] for r in rows] == ["2023", "2024"]
    y23, y24 = rows
    assert (y23["q1"], y23["q2"], y23["q3"], y23["q4"]) == (1, 1, 0, 1)
    assert y23["events"] == 3 and y23["cooperation"] == 2 and y23["conflict"] == 1
    assert y23["intensity"] == pytest.approx(-1.1)
    assert (y24["cooperation"], y24["conflict"], y24["intensity"]) == (1, 1, pytest.approx(6.3))
    assert y23["coarse"] == y24["coarse"] == 0
    # The pair is unordered: swapping a and b gives the same series.
    assert dyad_series(events, ["PRK"], ["RUS"]) == rows


def test_other_dyads_unreal_and_undated_events_are_left_out() -> None:
    events = [
        ev("2023-01-05", 1, 1.0),
        ev("2023-02-01", 4, -10.0, source="RUS", target="UKR"),
        ev("2023-03-01", 4, -10.0, source="CHN", target="PRK"),
        ev("2023-04-01", 4, -10.0, modality="hypothetical"),
        ev("2023-05-01", 4, -10.0, modality="negated"),
        ev(None, 4, -10.0),
    ]
    rows = dyad_series(events, ["RUS"], ["PRK"])
    assert len(rows) == 1 and rows[0]["events"] == 1 and rows[0]["intensity"] == 1.0
    # With no second actor, every event of the first counts (the one-actor brief).
    assert dyad_series(events, ["RUS"], None)[0]["events"] == 2


def test_gaps_are_zero_filled_by_year_and_by_month_across_a_new_year() -> None:
    events = [ev("2021-03-01", 1, 1.0), ev("2024-01-10", 1, 1.0)]
    years = dyad_series(events, ["RUS"], ["PRK"], by="year")
    assert [r["period"] for r in years] == ["2021", "2022", "2023", "2024"]
    assert years[1] == {
        "period": "2022",
        "events": 0,
        "q1": 0,
        "q2": 0,
        "q3": 0,
        "q4": 0,
        "cooperation": 0,
        "conflict": 0,
        "intensity": 0.0,
        "coarse": 0,
    }
    months = dyad_series([ev("2023-11-30", 1, 1.0), ev("2024-02-01", 3, -1.0)], ["RUS"], ["PRK"], by="month")
    assert [r["period"] for r in months] == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert [r["events"] for r in months] == [1, 0, 0, 1]


def test_coarse_dates_go_in_the_bucket_of_their_start_and_are_counted() -> None:
    events = [
        ev("2023-01-01", 2, 5.0, precision="year"),
        ev("2023-03-14", 2, 5.0, precision="day"),
        ev("2020-01-01", 1, 1.0, precision="decade"),
        ev("2023-07-01", 1, 1.0, precision="quarter"),
    ]
    months = dyad_series(events, ["RUS"], ["PRK"], by="month")
    jan = next(r for r in months if r["period"] == "2023-01")
    mar = next(r for r in months if r["period"] == "2023-03")
    jul = next(r for r in months if r["period"] == "2023-07")
    assert (jan["events"], jan["coarse"]) == (1, 1)
    assert (mar["events"], mar["coarse"]) == (1, 0)
    assert (jul["events"], jul["coarse"]) == (1, 1)
    assert months[0]["period"] == "2020-01" and months[0]["coarse"] == 1
    years = {r["period"]: r for r in dyad_series(events, ["RUS"], ["PRK"], by="year")}
    assert years["2023"]["coarse"] == 0 and years["2023"]["events"] == 3
    assert years["2020"]["coarse"] == 1 and list(years) == ["2020", "2021", "2022", "2023"]


def test_year_only_start_in_a_monthly_series_and_bad_arguments() -> None:
    rows = dyad_series([ev("2023", 1, 1.0, precision="year")], ["RUS"], ["PRK"], by="month")
    assert [(r["period"], r["coarse"]) for r in rows] == [("2023-01", 1)]
    assert dyad_series([], ["RUS"], ["PRK"]) == []
    with pytest.raises(ValueError):
        dyad_series([], ["RUS"], ["PRK"], by="week")


def test_an_event_begun_before_since_counts_from_since() -> None:
    war = {
        "source": "RUS",
        "target": "UKR",
        "modality": "asserted",
        "quad_class": 4,
        "intensity": -10.0,
        "when": {"start": "2022-02-24", "end": "2024-12-31", "precision": "day"},
    }
    rows = dyad_series([war], ["RUS"], ["UKR"], by="month", since="2023")
    assert [r["period"] for r in rows] == ["2023-01"]
