"""CI gate for extraction quality: each F1 of eval/extraction.py must stay above its floor in eval/floors.json.

The floors sit about 0.01 below the figures reached when they were pinned, so noise passes and
a real regression (a pattern that eats article text, a broken fallback) fails. The whole
benchmark runs (about 30 s on 2 cores); raise a floor when a change lifts the figures.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from evalgate import floors, load_eval

ROOT = Path(__file__).resolve().parents[2]
FLOORS = floors()["extraction"]


def _evaluation_module() -> ModuleType:
    return load_eval("extraction")


@pytest.fixture(scope="module")
def figures(shared: Path) -> dict:
    if not (shared / "bench" / "article-extraction" / "ground-truth.json").is_file():
        pytest.skip("../shared/bench/article-extraction is absent: extraction benchmark not run")
    return _evaluation_module().evaluate(shared)


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_f1_stays_above_floor(figures: dict, key: str) -> None:
    value: object = figures
    for part in key.split("."):  # "test.html_f1" is the test half's figure
        value = value[part]  # type: ignore[index]
    assert value >= FLOORS[key], f"{key} = {value} fell below its floor {FLOORS[key]} (eval/floors.json)"


def test_metric_matches_the_benchmark_definition() -> None:
    prf = _evaluation_module().prf
    assert prf("a b c d e", "a b c d e") == (1.0, 1.0, 1.0)
    assert prf("", "a b c d") == (0.0, 0.0, 0.0)
    p, r, f = prf("The cat sat on the mat today", "the cat sat on the mat")
    assert (round(p, 2), r) == (0.75, 1.0) and round(f, 3) == 0.857
    assert prf("Kim met Putin", "kim met putin") == (1.0, 1.0, 1.0)  # under four words: unigrams
