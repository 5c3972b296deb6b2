"""Dated statements about a dyad: sentences that name both sides and carry their own date.

An analyst's chronology is more than the coded events: "In 1948 the Soviet-backed DPRK was proclaimed"
names both sides and a year even where no event verb links them. These sentences round out a brief's
timeline; each is a stored span, dated by its own absolute time expression, the narrowest where it has several
(not one carried over from an earlier sentence, which would date background prose).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# Precisions fine enough to put a statement on a timeline.
DATABLE = ("day", "week", "month", "quarter", "season", "year")


def _width(x: Any) -> int:
    return (dt.date.fromisoformat(x.value_end) - dt.date.fromisoformat(x.value_start)).days


@dataclass(frozen=True)
class Statement:
    doc: str
    start: int
    end: int
    text: str
    when_start: str
    when_end: str
    precision: str


def sentence_sides(store: Any, doc: str, ids_a: set[str], ids_b: set[str]) -> dict[int, set[str]]:
    """For each sentence of `doc` naming either side of a dyad, which sides it names ("a", "b"): an actor
    counts for its own id and for the state it acts for."""
    mentions = list(store.mentions(doc=doc))
    countries = store.actor_countries({m.actor for m in mentions})
    sides: dict[int, set[str]] = {}
    for m in mentions:
        ends = {m.actor, countries.get(m.actor, m.actor)}
        if ends & ids_a:
            sides.setdefault(m.sentence, set()).add("a")
        if ends & ids_b:
            sides.setdefault(m.sentence, set()).add("b")
    return sides


def dated_statements(store: Any, docs: Iterable[str], ids_a: set[str], ids_b: set[str]) -> list[Statement]:
    """Sentences of `docs` naming an actor of each side (or one acting for it) with an absolute date."""
    out: list[Statement] = []
    for doc in docs:
        sides = sentence_sides(store, doc, ids_a, ids_b)
        both = {i for i, s in sides.items() if s == {"a", "b"}}
        if not both:
            continue
        first: dict[int, Any] = {}  # the narrowest date of each sentence ("the end of World War II in 1945")
        for x in store.timexes(doc=doc):
            if x.sentence in both and x.anchor == "absolute" and x.precision in DATABLE:
                held = first.get(x.sentence)
                if held is None or _width(x) < _width(held):
                    first[x.sentence] = x
        if not first:
            continue
        text = store.document(doc).text
        sentences = store.sentences(doc)
        for idx, x in sorted(first.items()):
            s = sentences[idx]
            out.append(
                Statement(
                    doc,
                    s.start,
                    s.end,
                    " ".join(text[s.start : s.end].split()),
                    x.value_start,
                    x.value_end,
                    x.precision,
                )  # fmt: skip
            )
    return sorted(out, key=lambda s: (s.when_start, s.doc, s.start))
