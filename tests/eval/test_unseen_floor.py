"""CI gate for the held-out analysis articles (eval/unseen.py): events, quotes and claims must stay above their
floors (``unseen_*`` in eval/floors.json, pinned about 0.01 below the figures reached), on the first set (twelve
articles, eval/gold/unseen/) and on the second, written blind later (ten articles, eval/gold/unseen2/,
``unseen2_*``). Each set is ingested once, in about a minute."""

from __future__ import annotations

from pathlib import Path

import pytest
from evalgate import floors, load_eval

KEYS = (
    "events_recall",
    "events_precision",
    "quotes_recall",
    "quotes_recall_any_speaker",
    "claims_recall",
    "claims_precision",
)


@pytest.fixture(scope="module")
def figures() -> dict:
    figures, _docs = load_eval("unseen").evaluate()
    return figures


@pytest.mark.parametrize("key", KEYS)
def test_unseen_figures_stay_above_floor(figures: dict, key: str) -> None:
    floor = floors()[f"unseen_{key}"]
    assert figures[key] >= floor, f"{key} = {figures[key]} fell below its floor {floor} (eval/floors.json)"


@pytest.fixture(scope="module")
def second() -> dict:
    gold = Path(__file__).resolve().parents[2] / "eval" / "gold" / "unseen2" / "gold.json"
    figures, _docs = load_eval("unseen").evaluate(gold)
    return figures


@pytest.mark.parametrize("key", KEYS)
def test_second_held_out_set_stays_above_floor(second: dict, key: str) -> None:
    floor = floors()[f"unseen2_{key}"]
    assert second[key] >= floor, f"{key} = {second[key]} fell below its floor {floor} (eval/floors.json)"
