"""Dated statements: sentences naming both sides of a dyad with their own absolute date."""

from __future__ import annotations

from pathlib import Path

import geobrief
from geobrief.analysis.chronology import dated_statements

TEXT = (
    "Old friends\n\nBy Lea Varga\n\n"
    "In 1948 the Soviet-backed government of North Korea was proclaimed in Pyongyang. "
    "Moscow and Pyongyang drifted apart after that. "  # both sides, but no date of its own
    "In March 1961 the treaty talks between the Soviet Union and North Korea resumed. "
    "In 1975 Japan built a dam.\n"  # a date, but neither side
)


def test_dated_statements_name_both_sides_and_carry_their_own_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    with geobrief.open(tmp_path / "c.db") as gb:
        gb.ingest([str(tmp_path / "a.txt")])
        [doc] = gb.docs()
        ids_a = set(gb._state_ids("Russia")) | {"SUN"}
        found = dated_statements(gb.store, [doc["id"]], ids_a, set(gb._state_ids("North Korea")))
        assert [(s.when_start, s.precision) for s in found] == [("1948-01-01", "year"), ("1961-03-01", "month")]
        text = gb.store.document(doc["id"]).text
        assert all(text[s.start : s.end].split() == s.text.split() for s in found)
        assert found[0].text.startswith("In 1948")
