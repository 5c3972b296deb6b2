"""Identity: content-hash ids and MinHash near-duplicates."""

from __future__ import annotations

import random

from geobrief.ingest.identity import NearDuplicateIndex, doc_id, normalise, signature

random.seed(7)
WORDS = "state treaty minister summit sanctions border missile talks alliance envoy trade".split()  # noqa: SIM905
BASE = " ".join(random.choice(WORDS) + str(random.randint(0, 50)) for _ in range(600))


def test_id_ignores_whitespace_and_quotes_but_not_words() -> None:
    assert doc_id("Kim  met\nPutin’s envoy") == doc_id("kim met putin's envoy ")
    assert doc_id("Kim met Putin") != doc_id("Kim met Xi")
    assert normalise("  A\u00a0B ") == "a b"


def test_near_duplicate_by_jaccard_and_containment() -> None:
    ix = NearDuplicateIndex()
    ix.add("base", signature(BASE))
    words = BASE.split()
    edited = words[:]
    for i in range(0, len(edited), 120):  # a handful of small edits
        edited[i] = "changed"
    assert ix.find(signature(" ".join(edited)))[0] == "base"
    truncated = " ".join(words[: int(len(words) * 0.6)])
    assert ix.find(signature(truncated))[0] == "base"
    other = " ".join(random.choice(WORDS) + str(random.randint(0, 50)) for _ in range(600))
    assert ix.find(signature(other)) is None
    half_rewritten = " ".join(words[:300] + other.split()[:300])
    assert ix.find(signature(half_rewritten)) is None
