"""Integrity of the held-out voice set (eval/gold/voices/): files, labels, balance, dyads and names.

Fast and model-free: it checks the gold, not geobrief. The scorer is ``python eval/voices.py``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "gold" / "voices"
VOICES = {"alarmed", "transactional", "dismissive"}
LABELS = json.loads((GOLD / "labels.json").read_text(encoding="utf-8"))["files"]


def _text(row: dict) -> str:
    return (GOLD / row["file"]).read_text(encoding="utf-8")


def test_labels_are_well_formed() -> None:
    assert len(LABELS) == 15
    assert len({r["file"] for r in LABELS}) == 15
    for r in LABELS:
        assert set(r) == {"file", "dyad", "names", "voice", "split"}, r
        assert r["voice"] in VOICES, r
        assert r["split"] in {"dev", "test"}, r
        assert len(r["dyad"]) == 2 and len(set(r["dyad"])) == 2, r
        assert len(r["names"]) == 2 and len(set(r["names"])) == 2, r
        assert "voice" not in r["file"] and not any(v in r["file"] for v in VOICES), r["file"]


def test_every_file_exists_and_every_article_is_labelled() -> None:
    for r in LABELS:
        assert (GOLD / r["file"]).is_file(), r["file"]
    assert {p.name for p in GOLD.glob("*.txt")} == {r["file"] for r in LABELS}


def test_five_per_voice() -> None:
    assert Counter(r["voice"] for r in LABELS) == dict.fromkeys(VOICES, 5)


def test_each_dyad_has_one_article_per_voice_and_one_split() -> None:
    by_dyad: dict[tuple[str, ...], list[dict]] = {}
    for r in LABELS:
        by_dyad.setdefault(tuple(sorted(r["dyad"])), []).append(r)
    assert len(by_dyad) == 5
    splits = Counter()
    for rows in by_dyad.values():
        assert sorted(r["voice"] for r in rows) == sorted(VOICES), rows
        assert len({r["split"] for r in rows}) == 1, rows
        assert len({tuple(r["names"]) for r in rows}) == 1, rows
        splits[rows[0]["split"]] += 1
    assert splits == {"dev": 2, "test": 3}
    assert Counter(r["split"] for r in LABELS) == {"dev": 6, "test": 9}


@pytest.mark.parametrize("row", LABELS, ids=lambda r: r["file"])
def test_dyad_codes_are_iso3_countries(row: dict) -> None:
    for code in row["dyad"]:
        assert re.fullmatch(r"[A-Z]{3}", code), code
        assert pycountry.countries.get(alpha_3=code) is not None, code


@pytest.mark.parametrize("row", LABELS, ids=lambda r: r["file"])
def test_both_names_occur_in_the_text(row: dict) -> None:
    text = _text(row)
    for name in row["names"]:
        assert re.search(rf"\b{re.escape(name)}\b", text), f"{name} not in {row['file']}"


@pytest.mark.parametrize("row", LABELS, ids=lambda r: r["file"])
def test_article_shape(row: dict) -> None:
    lines = _text(row).splitlines()
    assert lines[0].strip() and not lines[0].startswith("By "), "first line is the title"
    assert re.fullmatch(r"By [A-Z][\w.' -]+", lines[1]), "second line is the byline"
    assert re.search(r"\b(19|20)\d\d\b", lines[2]), "third line is the date"
    assert 450 <= len(_text(row).split()) <= 800


def test_bylines_differ_within_each_dyad() -> None:
    by_dyad: dict[tuple[str, ...], set[str]] = {}
    for r in LABELS:
        by_dyad.setdefault(tuple(sorted(r["dyad"])), set()).add(_text(r).splitlines()[1])
    assert all(len(authors) == 3 for authors in by_dyad.values())
