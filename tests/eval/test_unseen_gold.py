"""Integrity of the held-out gold (eval/gold/unseen/gold.json) and the scorer's metric (eval/unseen.py).

The gold backs the issue 4 and 5 criteria measured on articles nobody on the team has seen: every annotated
span must be in its article, pairs must be sorted ISO3 codes, bands must be ICD 203 bands. The scorer's
matching rules are checked on hand-made records; the evaluation itself (which runs the pipeline) is
``python eval/unseen.py``.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pycountry
import pytest
from evalgate import load_eval

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "eval" / "gold" / "unseen"
HISTORICAL = {"SUN", "YUG", "CSK", "DDR", "XKX"}  # Soviet Union, Yugoslavia, Czechoslovakia, GDR; Kosovo
ICD203 = {(1, 5), (5, 20), (20, 45), (45, 55), (55, 80), (80, 95), (95, 99)}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads((FOLDER / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts(gold: dict[str, Any]) -> dict[str, str]:
    return {a["file"]: (FOLDER / a["file"]).read_text(encoding="utf-8") for a in gold["articles"]}


def _codes() -> set[str]:
    return {c.alpha_3 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.historic_countries} | HISTORICAL


def test_articles_and_splits(gold: dict[str, Any], texts: dict[str, str]) -> None:
    arts = gold["articles"]
    assert len(arts) == 12
    assert [a["split"] for a in arts] == ["dev"] * 6 + ["test"] * 6
    assert {Path(a["file"]).suffix for a in arts} == {".txt", ".md", ".html"}
    assert any(a["published"] is None for a in arts)
    for a in arts:
        assert a["published"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["published"]), a["file"]
        assert len(a["events"]) >= 5, a["file"]
        assert a["quotes"] and a["claims"], a["file"]
        assert len(texts[a["file"]].split()) >= 600, a["file"]


def test_every_span_is_in_its_article(gold: dict[str, Any], texts: dict[str, str]) -> None:
    missing = [
        (a["file"], kind, item[key][:60])
        for a in gold["articles"]
        for kind, key in (("events", "sentence"), ("quotes", "text"), ("claims", "text"))
        for item in a[kind]
        if item[key] not in texts[a["file"]]
    ]
    assert not missing


def test_event_pairs_and_dates(gold: dict[str, Any]) -> None:
    codes = _codes()
    for a in gold["articles"]:
        for e in a["events"]:
            pair = e["pair"]
            assert len(pair) == 2 and pair == sorted(pair) and pair[0] != pair[1], (a["file"], pair)
            assert all(c in codes for c in pair), (a["file"], pair)
            assert DATE.match(e["start"]), (a["file"], e["start"])
            if e["end"] is not None:
                assert DATE.match(e["end"]), (a["file"], e["end"])
                assert e["end"][:4] >= e["start"][:4], (a["file"], e["start"], e["end"])


def test_quotes_have_speakers(gold: dict[str, Any]) -> None:
    codes = _codes()
    for a in gold["articles"]:
        for q in a["quotes"]:
            assert q["speaker"], (a["file"], q["text"][:40])
            assert q["speaker_kind"] in ("person", "government", "organization", "other")
            assert q["speaker_country"] is None or q["speaker_country"] in codes
            if q["speaker_kind"] == "government":
                assert q["speaker_country"], (a["file"], q["text"][:40])


def test_claim_bands(gold: dict[str, Any]) -> None:
    for a in gold["articles"]:
        for c in a["claims"]:
            assert c["estimative"].lower() in c["text"].lower(), (a["file"], c["estimative"])
            band = (c["low"], c["high"])
            if c.get("hedge"):
                assert 0 <= c["low"] < c["high"] <= 100
            else:
                assert band in ICD203, (a["file"], c["estimative"], band)


def test_check_script_agrees(gold: dict[str, Any]) -> None:
    spec = importlib.util.spec_from_file_location("unseen_gold_check", FOLDER / "check.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.problems(gold, FOLDER) == []


# --------------------------------------------------------------------------- the scorer's rules


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return load_eval("unseen")


def test_locator_folds_marks_and_space(ev: ModuleType) -> None:
    loc = ev.Locator("He said: \u201cIt is   over\u201d \u2014 and left.")
    start, end = loc.find('"It is over" - and')
    assert loc.text[start:end] == "\u201cIt is   over\u201d \u2014 and"
    assert loc.find("absent") is None


def test_event_pair_and_period(ev: ModuleType) -> None:
    assert ev.pair_matches(["CHN", "TWN"], "TWN", "CHN")
    assert not ev.pair_matches(["CUB", "SUN"], "CUB", "RUS")
    assert ev.pair_matches(["CUB", "SUN"], "RUS", "CUB", successor=True)
    assert ev.pair_matches(["SRB", "XKX"], "SRB", "XKS")
    assert ev.period_overlaps({"start": "1999-05-01", "end": "1999-07-31"}, "1999", None)
    assert ev.period_overlaps({"start": "1993-01-01", "end": None}, "1991", "1994")
    assert not ev.period_overlaps({"start": "2000-01-01", "end": None}, "1999-05", "1999-07")
    assert not ev.period_overlaps({"start": None, "end": None}, "1999", None)
    assert ev.max_matching([[0], [0, 1], [1]]) in ({0: 0, 1: 1}, {0: 0, 2: 1})


def test_speaker_rules(ev: ModuleType) -> None:
    assert ev.name_ok("Lai", ["Lai Ching-te"])
    assert ev.name_ok("President Xi", ["Xi Jinping"])
    assert ev.name_ok("Vucic", ["Aleksandar Vučić"])
    assert ev.name_ok("Abiy Ahmed", ["Abiy Ahmed's government"])
    assert not ev.name_ok("Ethiopia's government", ["Abiy Ahmed's government"])
    assert not ev.name_ok("he", ["Ben Alvarado"])
    actors = {"PAK": {"kind": "state", "country": "PAK"}, "p1": {"kind": "person", "country": "SAU", "name": "X"}}
    gov = {"speaker": "a Saudi official", "speaker_kind": "government", "speaker_country": "SAU"}
    assert ev.speaker_ok({"speaker": "p1", "speaker_name": "the official"}, gov, actors)
    assert not ev.speaker_ok({"speaker": "PAK", "speaker_name": "Islamabad"}, gov, actors)
    person = {"speaker": "Farah Naqvi", "speaker_kind": "person", "speaker_country": "PAK"}
    assert not ev.speaker_ok({"speaker": "PAK", "speaker_name": "Pakistan"}, person, actors)


def test_quote_and_claim_matching(ev: ModuleType) -> None:
    gold = [
        {"speaker": "A", "span": (0, 10)},
        {"speaker": "A", "span": (20, 30)},
        {"speaker": "B", "span": (100, 140)},
    ]
    merged = {"span": (0, 30), "speaker_ok": [True, True, False]}
    short = {"span": (100, 110), "speaker_ok": [False, False, True]}
    assert ev.match_quotes(gold, [merged, short], need_speaker=True) == [0, 0, None]  # 10/40 < 0.3
    assert ev.match_quotes(gold, [merged, {"span": (100, 115), "speaker_ok": [0, 0, 0]}], need_speaker=False) == [
        0,
        0,
        1,
    ]
    gc = [
        {"span": (0, 50), "estimative": "very unlikely", "low": 5, "high": 20},
        {"span": (55, 90), "estimative": "almost certainly", "low": 95, "high": 99},
    ]
    pc = [
        {"span": (0, 90), "estimative": "almost certainly", "low": 95, "high": 99},
        {"span": (0, 90), "estimative": "very unlikely", "low": 5, "high": 20},
    ]
    assert ev.match_claims(gc, pc, need_band=True) == [1, 0]
    assert ev.match_claims(gc, pc, need_band=False) == [1, 0]
    assert ev.match_claims(gc[:1], pc[:1], need_band=True) == [None]


def test_percent_band(ev: ModuleType) -> None:
    assert ev.percent_band({"low": 0.55, "high": 0.8}) == (55, 80)
    assert ev.percent_band({"low": 0.01, "high": 0.05}) == (1, 5)
    assert ev.percent_band({"low": 20, "high": 45}) == (20, 45)
    assert ev.percent_band(None) == (None, None)


@pytest.mark.parametrize("folder", ["unseen2", "unseen3", "unseen4"])
def test_later_sets_pass_the_checker(folder: str) -> None:
    spec = importlib.util.spec_from_file_location("unseen_gold_check", FOLDER / "check.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = ROOT / "eval" / "gold" / folder
    later = json.loads((path / "gold.json").read_text(encoding="utf-8"))
    assert len(later["articles"]) == 10
    assert module.problems(later, path) == []
