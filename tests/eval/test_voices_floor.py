"""CI gate for sources compared: eval/voices.py on its fifteen blind-written articles must stay above its
floor (``voices_accuracy`` in eval/floors.json, pinned at the figure reached less 0.01: losing one article
fails). The whole set runs in about 30 seconds."""

from __future__ import annotations

import pytest
from evalgate import floors, load_eval


@pytest.fixture(scope="module")
def figures() -> dict:
    return load_eval("voices").evaluate()


def test_voices_stay_above_floor(figures: dict) -> None:
    floor = floors()["voices_accuracy"]
    assert figures["voice_accuracy"] >= floor, f"voice_accuracy = {figures['voice_accuracy']} fell below {floor}"
    assert figures["missing"] == 0
