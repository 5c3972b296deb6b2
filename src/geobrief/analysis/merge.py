"""The same event told by several documents becomes one canonical event.

An event's id is a hash of what makes two reports the same event — its PLOVER type, its dyad (unordered
for the symmetric types: a meeting, an agreement, cooperation), the year it happened in, and whether it
happened at all (asserted/reported/hedged vs negated/hypothetical/denied) — so a second source adds an
evidence row to the first instead of a new event, ingesting in any order gives the same events, and
re-ingesting changes nothing. Which report's details the canonical event shows is also order-free:
the most precise date wins, then the earliest, then the lowest CAMEO code.
"""

from __future__ import annotations

import hashlib
from typing import Any

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
UNREAL = frozenset({"negated", "hypothetical", "denied"})
PRECISION_RANK = {
    p: i for i, p in enumerate(["day", "week", "month", "quarter", "season", "year", "decade", "century"])
}


def event_key(row: dict[str, Any]) -> tuple[str, ...]:
    source, target = row.get("source") or "", row.get("target") or ""
    if row["type"] in SYMMETRIC and target:
        source, target = sorted((source, target))
    year = (row.get("when_start") or "")[:4]
    real = "unreal" if row.get("modality") in UNREAL else "real"
    return (row["type"], source, target, year, real)


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
