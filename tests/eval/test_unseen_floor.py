"""CI gate for the held-out analysis articles (eval/unseen.py): events, quotes and claims must stay above their
floors (``unseen*_*`` in eval/floors.json, pinned about 0.01 below the figures reached). Three sets, each written
and annotated blind: twelve articles (eval/gold/unseen/, ``unseen_*``), ten more written later
(eval/gold/unseen2/, ``unseen2_*``), a third ten kept for figures only (eval/gold/unseen3/, ``unseen3_*``) and a
fourth ten to develop on (eval/gold/unseen4/, ``unseen4_*``).
Each set is ingested once, in about twenty seconds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from evalgate import floors, load_eval

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"
SETS = {"unseen": "unseen", "unseen2": "unseen2", "unseen3": "unseen3", "unseen4": "unseen4"}  # prefix → folder
KEYS = (
    "events_recall",
    "events_precision",
    "quotes_recall",
    "quotes_recall_any_speaker",
    "claims_recall",
    "claims_precision",
)
_cache: dict[str, dict[str, Any]] = {}


def _figures(prefix: str) -> dict[str, Any]:
    if prefix not in _cache:
        figures, _docs = load_eval("unseen").evaluate(GOLD / SETS[prefix] / "gold.json")
        _cache[prefix] = figures
    return _cache[prefix]


@pytest.mark.parametrize("prefix", sorted(SETS))
@pytest.mark.parametrize("key", KEYS)
def test_held_out_figures_stay_above_floor(prefix: str, key: str) -> None:
    value = _figures(prefix)[key]
    floor = floors()[f"{prefix}_{key}"]
    assert value >= floor, f"{prefix} {key} = {value} fell below its floor {floor} (eval/floors.json)"
