"""The versioned data files (actor dictionary, ontology tables, lexicons) and small shared readers of them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

KNOWLEDGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def successions() -> dict[str, list[str]]:
    """Successor state → the historical states it continues (state_successions.yaml)."""
    data = yaml.safe_load((KNOWLEDGE / "state_successions.yaml").read_text(encoding="utf-8"))
    return {str(k): [str(p) for p in v] for k, v in (data.get("successions") or {}).items()}


@lru_cache(maxsize=1)
def lineage() -> dict[str, str]:
    """Each historical state → its successor, and each successor → itself: Russia and the Soviet Union are one
    line of states, never two parties to each other."""
    out: dict[str, str] = {}
    for succ, preds in successions().items():
        out[succ] = succ
        for p in preds:
            out.setdefault(p, succ)
    return out


@lru_cache(maxsize=1)
def state_ids() -> frozenset[str]:
    """The ids of every state in the actor dictionary (actors/states.yaml), historical ones included: an id
    shaped like a country code may still be an organisation's (ICJ, IMF, GCC)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries = yaml.load((KNOWLEDGE / "actors" / "states.yaml").read_text(encoding="utf-8"), Loader=loader)
    return frozenset(str(e["id"]) for e in entries or [] if isinstance(e, dict) and e.get("id"))


def line_of(state: str) -> str:
    """The line of states a state belongs to, named by its successor: the Soviet Union's is Russia's."""
    return lineage().get(state, state)
