"""The same event told by several documents becomes one canonical event.

An event's id is a hash of what makes two reports the same event — its PLOVER type, its dyad (unordered
for the mutual acts: a meeting, an agreement, cooperation, signing a treaty), the year it happened in and the
month where the report gives one, and whether it happened at all (asserted/reported/hedged vs negated/
hypothetical/denied) — so a second source adds an evidence row to the first instead of a new event, ingesting in
any order gives the same events, and re-ingesting changes nothing. Which report's details the canonical
event shows is also order-free: the most precise date wins, then the earliest, then the lowest CAMEO
code. A report dated only to a year joins the month-dated event of its year when reading (`fold`).
"""

from __future__ import annotations

import hashlib
from typing import Any

from geobrief.nlp.events import SYMMETRIC, SYMMETRIC_CODES  # mutual types; mutual acts of other types

UNREAL = frozenset({"negated", "hypothetical", "denied"})
PRECISION_RANK = {
    p: i for i, p in enumerate(["day", "week", "month", "quarter", "season", "year", "decade", "century"])
}


MONTH_OR_FINER = frozenset({"day", "week", "month"})


def is_symmetric(row: dict[str, Any]) -> bool:
    """Whether the event is one mutual act, so that A → B and B → A are the same event."""
    return row["type"] in SYMMETRIC or (row.get("cameo") or "") in SYMMETRIC_CODES


def event_key(row: dict[str, Any]) -> tuple[str, ...]:
    """What makes two reports one event: type, dyad, year, month where the report gives one, and reality."""
    source, target = row.get("source") or "", row.get("target") or ""
    kind = row["type"]
    if is_symmetric(row) and target:
        source, target = sorted((source, target))
        if kind not in SYMMETRIC:  # a mutual act within a directed type: never the same as a one-way act
            kind += "/mutual"
    start = row.get("when_start") or ""
    month = start[5:7] if row.get("when_precision") in MONTH_OR_FINER else ""
    real = "unreal" if row.get("modality") in UNREAL else "real"
    return (kind, source, target, start[:4], month, real)


def event_id(row: dict[str, Any]) -> str:
    return hashlib.sha256("|".join(event_key(row)).encode()).hexdigest()[:20]


def _rank(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        PRECISION_RANK.get(row.get("when_precision") or "", 99),
        row.get("when_start") or "9999",
        row.get("cameo") or "",
        row.get("when_end") or "",
        row.get("source_actor") or "",
        row.get("target_actor") or "",
        row.get("trigger") or "",
        row.get("modality") or "",
    )


def prefer(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """Whether `new` should stand for the canonical event instead of `old` (a total, order-free choice)."""
    return _rank(new) < _rank(old)


def fold(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reports dated only to a year join the one event of that type, dyad and year dated to a month.

    Keys hold the month where a report gives one, so two attacks in April and October of one year stay two
    events; a report saying only "in 2024" overlaps both at the coarser precision and joins one of them only
    when it is the only candidate (otherwise it stays apart: which one it tells is unknowable). Done when
    reading, from the whole set, so the result never depends on ingestion order. `events` are store rows
    (with `evidence` and `n_sources`)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for e in events:
        k = event_key(e)
        groups.setdefault((*k[:4], k[5]), []).append(e)
    dropped: set[str] = set()
    for members in groups.values():
        dated = [e for e in members if event_key(e)[4]]
        if len(dated) != 1:
            continue
        [target] = dated
        for e in members:
            if e is target or event_key(e)[4]:
                continue
            seen = {(x["doc"], x["start"]) for x in target["evidence"]}
            target["evidence"] = sorted(
                [*target["evidence"], *(x for x in e["evidence"] if (x["doc"], x["start"]) not in seen)],
                key=lambda x: (x["doc"], x["start"]),
            )
            target["n_sources"] = len({x["doc"] for x in target["evidence"]})
            dropped.add(e["id"])
    return [e for e in events if e["id"] not in dropped]
