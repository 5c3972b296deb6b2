"""CI gate for event coding: eval/events.py on the first 120 records of each benchmark must stay above floors.

The subset keeps the gate well under a minute; the floors (``events_*`` in eval/floors.json) sit about 0.01
below the subset's figures when pinned. The full benchmark (all, dev and test halves) is
``python eval/events.py --out eval/results/events.json``.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from evalgate import floors, load_eval

ROOT = Path(__file__).resolve().parents[2]
SUBSET = 120
FLOOR_KEYS = {
    "events_plover_type_accuracy": "plover_type_accuracy",
    "events_plover_actor_accuracy": "plover_actor_accuracy",
    "events_petrarch_root_accuracy": "petrarch_root_accuracy",
}


def _evaluation_module() -> ModuleType:
    return load_eval("events")


@pytest.fixture(scope="module")
def figures(shared: Path) -> dict:
    if not (shared / "bench" / "events" / "PLOVER_GSR_CAMEO.txt").is_file():
        pytest.skip("../shared/bench/events is absent: event benchmark not run")
    return _evaluation_module().evaluate(shared, limit=SUBSET)


@pytest.mark.parametrize("floor_key", sorted(FLOOR_KEYS))
def test_events_stay_above_floor(figures: dict, floor_key: str) -> None:
    floor = floors()[floor_key]
    value = figures[FLOOR_KEYS[floor_key]]
    assert value >= floor, f"{floor_key} = {value} fell below its floor {floor} (eval/floors.json)"


def test_gold_pairs_and_label_mapping() -> None:
    ev = _evaluation_module()
    assert ev.gold_pairs(["HUN", "ROU"], []) == [("HUN", "ROU"), ("ROU", "HUN")]
    assert ev.gold_pairs(["USA"], ["JAP"]) == [("USA", "JPN")]
    assert ev.gold_pairs(["IGO"], ["IRQ"]) == [("*nonstate*", "IRQ")]
    assert ev.OLD_LABELS["FIGHT"] == "ASSAULT" and ev.OLD_LABELS["DEMAND"] == "REQUEST"
    assert ev.half("PLOVER-GSR01-AGREE-0001") in ("dev", "test")
