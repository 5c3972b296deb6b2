"""Sources compared: cue counts, figures from counts, and the seeds' three voices."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import geobrief
from geobrief.analysis.voices import baselines, count_cues, own_words, profile, sentence_cues, stances


def test_cues_match_words_endings_and_phrases_only_whole() -> None:
    found = count_cues(
        "The threats escalated, a dangerous escalation. In return for cash, Tehran cut a deal; "
        "sceptics call it symbolic, little more than posturing. A graveyard dealer is no cue."
    )
    assert found["alarmed"] == Counter({"threats": 1, "escalated": 1, "dangerous": 1, "escalation": 1})
    assert found["transactional"] == Counter({"in return": 1, "cash": 1, "deal": 1})
    assert found["dismissive"] == Counter({"sceptics": 1, "symbolic": 1, "little more than": 1, "posturing": 1})


def test_quoted_words_are_not_the_authors() -> None:
    text = 'Putin praised the struggle against a “dangerous enemy”. He said: "We fear nothing." A threat.'
    own = own_words(text, [(len(text) - 9, len(text) - 1)])
    assert len(own) == len(text) and "dangerous" not in own and "fear" not in own and "threat" not in own
    assert own.startswith("Putin praised the struggle against a ")
    assert count_cues(own)["alarmed"] == Counter()


def test_a_dismissed_fear_is_no_alarm() -> None:
    dismissed = sentence_cues("Such fears of a catastrophic war have proven unfounded.")
    assert dismissed["alarmed"] == Counter() and dismissed["dismissive"] == Counter({"unfounded": 1})
    assert sentence_cues("Fears of a catastrophic war are growing.")["alarmed"] == Counter(
        {"fears": 1, "catastrophic": 1}
    )


def test_baselines_cover_every_stance() -> None:
    assert set(baselines()) == set(stances()["stances"]) and all(v > 0 for v in baselines().values())


def test_profile_from_counts() -> None:
    counts = {
        "events": 4,
        "cooperation": 3,
        "conflict": 1,
        "intensity": 10.0,
        "both": ["Russia and China signed a good deal.", "Russia threatened China."],
        "words": 1000,
        "cues": {"alarmed": Counter(), "transactional": Counter({"deal": 20}), "dismissive": Counter()},
        "spans": {"alarmed": [], "transactional": [(-1, "d", 0, 5)], "dismissive": []},
        "forecasts": 2,
        "probability": 1.3,
    }
    p = profile(counts)
    assert (p["cooperation"], p["conflict"], p["intensity"], p["probability"]) == (0.75, 0.25, 2.5, 0.65)
    assert p["voice"] == "transactional" and p["cues"]["transactional"] == ["deal ×20"]
    assert p["stance"]["transactional"] == round(20 / baselines()["transactional"], 2)
    assert p["evidence"]["transactional"] == [{"doc": "d", "start": 0, "end": 5}] and -1 < p["tone"] < 1
    quiet = profile(counts | {"cues": {k: Counter() for k in counts["cues"]}})
    assert quiet["voice"] == "neutral"


def test_seeds_are_three_voices(seeds_db: Path) -> None:
    """The founding articles: one alarmed, one transactional, one dismissive (issue 6)."""
    with geobrief.open(seeds_db) as gb:
        rows = gb.sources("Russia", "North Korea")
        assert len(rows) == 3
        voice = {Path(gb.store.document(r["doc"]).path).name[:3]: r["voice"] for r in rows}
        assert voice == {"000": "alarmed", "002": "transactional", "003": "dismissive"}
        for r in rows:  # each figure can be checked against the text: the evidence spans hold the cues
            text = gb.store.document(r["doc"]).text
            spans = r["evidence"][r["voice"]]
            assert spans and r["sentences"] > 0 and r["words"] > 100
            for s in spans:
                assert count_cues(text[s["start"] : s["end"]])[r["voice"]]
        by_author = gb.sources("Russia", "North Korea", by="author")
        assert sum(len(r["docs"]) for r in by_author) == 3
