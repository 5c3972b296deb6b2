"""Dyads over time: per-period counts of a pair's events by quad class, with summed intensity.

`dyad_series` takes event records (the shape of `Geobrief.events`) and buckets them by the year or
month of `when.start`. An event dated more coarsely than the bucket (a "2023" event in a monthly
series, a decade in a yearly one) is counted in the bucket of its start and also in that bucket's
`coarse` count, so a reader knows how many of the bucket's events may belong elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

UNREAL = frozenset({"negated", "hypothetical", "denied"})
# Precisions finer than or equal to each bucket; anything else (or unknown) is coarse for it.
FINE = {
    "year": frozenset({"day", "week", "month", "quarter", "season", "year"}),
    "month": frozenset({"day", "week", "month"}),
}
FIELDS = ["period", "events", "q1", "q2", "q3", "q4", "cooperation", "conflict", "intensity", "coarse"]


def _empty(period: str) -> dict[str, Any]:
    return {
        "period": period,
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


def _period(start: str, by: str) -> str | None:
    year = start[:4]
    if len(year) != 4 or not year.isdigit():
        return None
    if by == "year":
        return year
    month = start[5:7]
    return f"{year}-{month if len(month) == 2 and month.isdigit() else '01'}"


def _next(period: str, by: str) -> str:
    if by == "year":
        return f"{int(period) + 1:04d}"
    y, m = int(period[:4]), int(period[5:7])
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}"


def _involves(ev: dict[str, Any], a: set[str], b: set[str] | None) -> bool:
    src, tgt = ev.get("source"), ev.get("target")
    if b is None:
        return src in a or tgt in a
    return (src in a and tgt in b) or (src in b and tgt in a)


def dyad_series(
    events: Iterable[dict[str, Any]],
    a_ids: Iterable[str],
    b_ids: Iterable[str] | None = None,
    by: str = "year",
    since: str | None = None,
) -> list[dict[str, Any]]:
    """Rows `{period, events, q1..q4, cooperation, conflict, intensity, coarse}`, oldest first.

    Events between `a_ids` and `b_ids` in either direction count (with `b_ids` None: every event of
    `a_ids`). Negated, hypothetical and denied events and undated ones are left out. Periods with no
    events between the first and the last are present with zeros. An event that began before `since`
    (a war from 2022 to 2024, asked from 2023 on) counts in the first period from `since`.
    """
    if by not in FINE:
        raise ValueError(f"by must be 'year' or 'month', not {by!r}")
    a = set(a_ids)
    b = set(b_ids) if b_ids is not None else None
    buckets: dict[str, dict[str, Any]] = {}
    for ev in events:
        if ev.get("modality") in UNREAL or not _involves(ev, a, b):
            continue
        when = ev.get("when") or {}
        start = when.get("start") or ""
        if since and start and start < since:
            start = (since + "-01-01")[:10] if len(since) == 4 else (since + "-01")[:10]
        period = _period(start, by)
        if period is None:
            continue
        row = buckets.setdefault(period, _empty(period))
        row["events"] += 1
        quad = ev.get("quad_class")
        if quad in (1, 2, 3, 4):
            row[f"q{quad}"] += 1
        if ev.get("intensity") is not None:
            row["intensity"] += float(ev["intensity"])
        if when.get("precision") not in FINE[by]:
            row["coarse"] += 1
    if not buckets:
        return []
    periods = sorted(buckets)
    rows = []
    period = periods[0]
    while period <= periods[-1]:
        row = buckets.get(period) or _empty(period)
        row["cooperation"] = row["q1"] + row["q2"]
        row["conflict"] = row["q3"] + row["q4"]
        row["intensity"] = round(row["intensity"], 2)
        rows.append(row)
        period = _next(period, by)
    return rows
