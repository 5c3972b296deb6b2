"""CI gate for quote extraction: eval/quotes.py on the first 20 GGT articles must stay above its floors.

The subset keeps the gate under a minute; the floors (``quotes_*`` in eval/floors.json) sit about 0.01
below the subset's figures when pinned. The full benchmark (all, dev and test halves) is
``python eval/quotes.py --out eval/results/quotes.json``.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from evalgate import floors, load_eval

ROOT = Path(__file__).resolve().parents[2]
SUBSET = 20
FLOOR_KEYS = {
    "quotes_f1_overlap_03": "f1_overlap_03",
    "quotes_f1_overlap_08": "f1_overlap_08",
    "quotes_speaker_accuracy": "speaker_accuracy",
}


def _evaluation_module() -> ModuleType:
    return load_eval("quotes")


@pytest.fixture(scope="module")
def figures(shared: Path) -> dict:
    if not (shared / "bench" / "quotes-ggt" / "articles.jsonl").is_file():
        pytest.skip("../shared/bench/quotes-ggt/articles.jsonl is absent: quote benchmark not run")
    return _evaluation_module().evaluate(shared, limit=SUBSET)


@pytest.mark.parametrize("floor_key", sorted(FLOOR_KEYS))
def test_quotes_stay_above_floor(figures: dict, floor_key: str) -> None:
    floor = floors()[floor_key]
    value = figures[FLOOR_KEYS[floor_key]]
    assert value >= floor, f"{floor_key} = {value} fell below its floor {floor} (eval/floors.json)"


def test_metric_is_the_ggt_definition() -> None:
    ev = _evaluation_module()
    gold, long_pred, short_pred = ev.Span(0, 100, None), ev.Span(0, 300, None), ev.Span(0, 40, None)
    assert ev.overlap(gold, long_pred, symmetric=False) == 1.0  # gold is the reference
    assert ev.overlap(gold, long_pred, symmetric=True) == pytest.approx(1 / 3)
    assert ev.overlap(gold, short_pred, symmetric=False) == pytest.approx(0.4)
    assert len(ev.match([gold], [short_pred, long_pred], 0.3, symmetric=False)) == 1  # one-to-one
    assert ev.speaker_ok("Lonechild", ("she", "Darian Lonechild"))
    assert ev.speaker_ok("China's dictator Mao Zedong", ("Mao Zedong",))
    assert not ev.speaker_ok("Jordan Lafond", ("she", "Darian Lonechild"))
    assert ev.speaker_ok(None, ())
