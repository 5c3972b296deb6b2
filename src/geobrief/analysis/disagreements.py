"""Where sources disagree: opposite forecasts on one proposition, and conflicting details of one event.

Computed from the store when asked, so ingesting one more document changes the answer without any
recomputation step. Three kinds:

- ``forecast``: two documents make claims on the same proposition (they share an actor and enough content
  words) with probability bands on opposite sides of even odds ("likely" vs "unlikely");
- ``date``: two documents tell what reads as one event (same type and pair of actors, similar sentences)
  in different years; merging keys events by year, so these stay two canonical events;
- ``actor``: the same, in the same year, with one side of the event named differently.

Two sources can only disagree if they are different documents; a document never disagrees with itself.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.lang.en.stop_words import STOP_WORDS

_RULES = Path(__file__).resolve().parents[1] / "knowledge" / "disagreements.yaml"


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    return yaml.safe_load(_RULES.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _ignored() -> frozenset[str]:
    return frozenset(STOP_WORDS) | frozenset(rules()["ignored_words"])


def _stem(word: str) -> str:
    """A crude suffix stripper: enough to make "sanctions"/"sanctioned" and "visit"/"visits" meet."""
    for suffix in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
    return word


def content_words(text: str) -> set[str]:
    """Stems of a text's content words: no stop words, numbers, months or estimative words."""
    ignored = _ignored()
    return {_stem(w) for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in ignored}


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of content words."""
    x, y = content_words(a), content_words(b)
    return len(x & y) / len(x | y) if x and y else 0.0


@dataclass(frozen=True)
class Side:
    doc: str
    text: str
    start: int
    end: int

    def record(self) -> dict[str, Any]:
        return {"doc": self.doc, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Disagreement:
    kind: str  # forecast | date | actor
    about: str
    a: Side
    b: Side

    @property
    def id(self) -> str:
        ends = sorted((f"{self.a.doc}:{self.a.start}", f"{self.b.doc}:{self.b.start}"))
        return hashlib.sha256("|".join([self.kind, *ends]).encode()).hexdigest()[:20]

    def record(self) -> dict[str, Any]:
        """The public shape (the `disagreements` export)."""
        return {"id": self.id, "about": self.about, "a": self.a.record(), "b": self.b.record(), "kind": self.kind}


def _opposite(x: dict[str, Any], y: dict[str, Any]) -> bool:
    even = rules()["even_odds"]
    px, py = x["probability"], y["probability"]
    return (px["low"] >= even["above"] and py["high"] <= even["below"]) or (
        py["low"] >= even["above"] and px["high"] <= even["below"]
    )


def _clip(text: str, n: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def forecast_disagreements(claims: Iterable[dict[str, Any]], names: dict[str, str]) -> list[Disagreement]:
    """Claims (export records) on one proposition from two documents, with opposite bands."""
    threshold = rules()["same_proposition"]
    banded = [c for c in claims if c.get("probability") and c.get("kind") != "scenario"]
    out = []
    for i, x in enumerate(banded):
        for y in banded[i + 1 :]:
            shared = set(x["actors"]) & set(y["actors"])
            if x["doc"] == y["doc"] or not shared or not _opposite(x, y):
                continue
            if similarity(x["text"], y["text"]) < threshold:
                continue
            common = sorted(content_words(x["text"]) & content_words(y["text"]))
            about = f"{', '.join(names.get(s, s) for s in sorted(shared))}: {' '.join(common[:6])}"
            sides = [Side(c["doc"], _clip(f"“{c['estimative']}” — {c['text']}"), c["start"], c["end"]) for c in (x, y)]
            out.append(Disagreement("forecast", about, *sorted(sides, key=lambda s: (s.doc, s.start))))
    return out


def _reports(event: dict[str, Any], texts: dict[str, str]) -> list[Side]:
    return [
        Side(x["doc"], _clip(texts[x["doc"]][x["start"] : x["end"]]), x["start"], x["end"])
        for x in event["evidence"]
        if x["doc"] in texts
    ]


def event_disagreements(
    events: list[dict[str, Any]], texts: dict[str, str], names: dict[str, str]
) -> list[Disagreement]:
    """Canonical events (export records) that read as one event told with a different year or actor.

    `texts` maps document ids to their stored text, for the evidence sentences."""
    threshold = rules()["same_event"]
    out: list[Disagreement] = []
    real = [e for e in events if e["modality"] not in ("negated", "hypothetical", "denied") and e["target"]]
    for i, x in enumerate(real):
        for y in real[i + 1 :]:
            if x["type"] != y["type"]:
                continue
            ex, ey = {x["source"], x["target"]}, {y["source"], y["target"]}
            yx, yy = (x["when"]["start"] or "")[:4], (y["when"]["start"] or "")[:4]
            if ex == ey and yx and yy and yx != yy:
                kind, detail = "date", f"{yx} or {yy}"
            elif len(ex & ey) == 1 and yx and yx == yy:
                other = sorted((ex - ey) | (ey - ex))
                kind, detail = "actor", " or ".join(names.get(o, o) for o in other)
            else:
                continue
            pairs = [
                (a, b)
                for a in _reports(x, texts)
                for b in _reports(y, texts)
                if a.doc != b.doc and similarity(a.text, b.text) >= threshold
            ]
            if not pairs:
                continue
            a, b = max(pairs, key=lambda p: similarity(p[0].text, p[1].text))
            who = " – ".join(names.get(s, s) for s in sorted(ex & ey if kind == "actor" else ex))
            about = f"{x['type'].title()} ({who}): {detail}"
            out.append(Disagreement(kind, about, *sorted((a, b), key=lambda s: (s.doc, s.start))))
    return out


def find(
    gb: Any, a: str | None = None, b: str | None = None, *, events: list[dict[str, Any]] | None = None
) -> list[Disagreement]:
    """All disagreements in the store behind `gb` (a `geobrief.Geobrief`), or those about `a` (and `b`).
    `events`: ``gb.events()`` already read by the caller, so one brief reads the events once."""
    ids_a = set(gb._state_ids(a) or []) if a else set()
    ids_b = set(gb._state_ids(b) or []) if b else set()

    def concerns(actors: set[str]) -> bool:
        return (not a or bool(actors & ids_a)) and (not b or bool(actors & ids_b))

    live = {d["id"] for d in gb.docs() if not d["duplicate_of"]}
    events = [e for e in (gb.events() if events is None else events) if concerns({e["source"], e["target"]})]
    claims = [c for c in gb.claims() if c["doc"] in live and concerns(set(c["actors"]))]
    docs = {x["doc"] for e in events for x in e["evidence"]} & live
    texts = {d: gb.store.document(d).text for d in docs}
    names = gb.actor_names({*(s for e in events for s in (e["source"], e["target"]) if s),
                            *(i for c in claims for i in c["actors"])})  # fmt: skip
    found = forecast_disagreements(claims, names) + event_disagreements(events, texts, names)
    unique = {d.id: d for d in found}
    return sorted(unique.values(), key=lambda d: (d.kind, d.a.doc, d.a.start, d.b.doc, d.b.start))
