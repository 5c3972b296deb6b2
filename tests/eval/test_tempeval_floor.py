"""CI gate for the temporal tagger: the TempEval-3 test-set figures of eval/tempeval3.py must stay at or
above their floors in eval/floors.json (pinned about 0.01 below the figures reached), so a rule that
breaks a date form fails here. The evaluation runs in a few seconds."""

from __future__ import annotations

import time
from pathlib import Path
from types import ModuleType

import pytest
from evalgate import floors, load_eval

ROOT = Path(__file__).resolve().parents[2]
FLOORS = {k: v for k, v in floors().items() if k.startswith("tempeval3")}


def _evaluation_module() -> ModuleType:
    return load_eval("tempeval3")


@pytest.fixture(scope="module")
def figures(shared: Path) -> dict:
    bench = shared / "bench" / "tempeval3"
    if not (bench / "test-platinum").is_dir():
        pytest.skip("../shared/bench/tempeval3/test-platinum is absent: TempEval-3 benchmark not run")
    started = time.perf_counter()
    result = _evaluation_module().evaluate("test", bench)
    assert time.perf_counter() - started < 30, "the TempEval-3 test evaluation must stay under 30 s"
    return result


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_figure_stays_above_floor(figures: dict, key: str) -> None:
    value = figures[key.removeprefix("tempeval3_")]
    assert value >= FLOORS[key], f"{key} = {value} fell below its floor {FLOORS[key]} (eval/floors.json)"


def test_floors_are_pinned() -> None:
    assert set(FLOORS) == {"tempeval3_value_f1", "tempeval3_strict_f1", "tempeval3_relaxed_f1"}


def test_value_metric_is_the_official_one() -> None:
    prf = _evaluation_module().prf
    assert prf(8, 10, 16) == {"precision": 0.8, "recall": 0.5, "f1": 0.6154}
    assert prf(0, 0, 5) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
