"""Sources compared: how each document (or author) describes a dyad, in figures a reader can check.

For each document that names both sides of the dyad:

- the dyad's events it reports: how many, the share cooperative (quad classes 1–2) and conflictual (3–4),
  their mean Goldstein intensity;
- the tone of its sentences naming both sides: the mean VADER compound score (−1 hostile … +1 warm);
- its stance cues (`knowledge/voices.yaml`): alarmed, transactional and dismissive words in the author's
  own words (quotations skipped; alarm inside a dismissive sentence is what is dismissed), per 1,000
  words, divided by the same cues' rate in general news, with the words found and, as evidence, the
  spans of the three sentences with the most cues of each stance;
- its forecasts and judgments on the dyad: how many carry a band, and their mean probability;
- its voice: among several sources, the stance where it stands out most from the others (its score over
  their mean score); alone, or as `voice_vs_news`, the stance with the highest score against news (at
  least `min_score`), else "neutral".
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from geobrief.analysis.chronology import sentence_sides

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@lru_cache(maxsize=1)
def stances() -> dict[str, Any]:
    return yaml.safe_load((KNOWLEDGE / "voices.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def baselines() -> dict[str, float]:
    """Cue rates per 1,000 words in general news, by stance."""
    path = KNOWLEDGE / "voice_baselines.json"
    return json.loads(path.read_text(encoding="utf-8"))["per_1000_words"] if path.exists() else {}


def _pattern(cue: str) -> str:
    words = [re.escape(w) for w in cue.split()]
    if words[-1].endswith(r"\*"):
        words[-1] = words[-1][:-2] + r"[a-z]*"
    return r"\s+".join(words)


@lru_cache(maxsize=1)
def _matchers() -> dict[str, re.Pattern[str]]:
    return {
        name: re.compile(r"\b(?:" + "|".join(_pattern(c) for c in spec["cues"]) + r")\b", re.I)
        for name, spec in stances()["stances"].items()
    }


def count_cues(text: str) -> dict[str, Counter[str]]:
    """The cue words of each stance found in `text`, lower-cased, with their counts."""
    return {name: Counter(" ".join(m.lower().split()) for m in rx.findall(text)) for name, rx in _matchers().items()}


_QUOTED = re.compile(r"“[^”\n]{1,600}”|\"[^\"\n]{1,600}\"")


def own_words(text: str, spans: Sequence[tuple[int, int]] = ()) -> str:
    """`text` with quoted words blanked out, offsets kept: a voice is the author's, and words in quotation
    marks are someone else's (a speaker's, or a term held at arm's length)."""
    chars = list(text)
    for start, end in [*spans, *((m.start(), m.end()) for m in _QUOTED.finditer(text))]:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def sentence_cues(text: str) -> dict[str, Counter[str]]:
    """The cues of one sentence, read in its frame: in a sentence that dismisses ("such fears have proven
    unfounded", "there is no evidence of lethal aid"), alarmed words are what is dismissed, not alarm."""
    found = count_cues(text)
    if found.get("dismissive") and found.get("alarmed"):
        found["alarmed"] = Counter()
    return found


def words(text: str) -> int:
    return len(re.findall(r"\w+(?:['’\-]\w+)*", text))


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def tone(sentences: list[str]) -> float | None:
    """Mean VADER compound score of these sentences, or None if there are none."""
    if not sentences:
        return None
    analyser = _vader()
    return round(sum(analyser.polarity_scores(s)["compound"] for s in sentences) / len(sentences), 3)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def profile(counts: dict[str, Any]) -> dict[str, Any]:
    """Figures from raw counts (so documents of one author can be summed before the shares are taken)."""
    base = baselines()
    n_words = counts["words"]
    scores = {}
    for name, found in counts["cues"].items():
        rate = 1000 * sum(found.values()) / n_words if n_words else 0.0
        scores[name] = round(rate / base[name], 2) if base.get(name) else round(rate, 2)
    best = max(scores, key=lambda k: scores[k]) if scores else None
    voice = best if best and scores[best] >= stances()["min_score"] else "neutral"
    n_ev = counts["events"]
    return {
        "events": n_ev,
        "cooperation": _share(counts["cooperation"], n_ev),
        "conflict": _share(counts["conflict"], n_ev),
        "intensity": round(counts["intensity"] / n_ev, 2) if n_ev else None,
        "sentences": len(counts["both"]),
        "tone": tone(counts["both"]),
        "words": n_words,
        "stance": scores,
        "cues": {k: [f"{w} ×{n}" if n > 1 else w for w, n in v.most_common(6)] for k, v in counts["cues"].items()},
        "evidence": {
            k: [{"doc": d, "start": a, "end": b} for _, d, a, b in sorted(v)[:3]] for k, v in counts["spans"].items()
        },
        "forecasts": counts["forecasts"],
        "probability": round(counts["probability"] / counts["forecasts"], 3) if counts["forecasts"] else None,
        "voice": voice,
    }


def _compare_voices(rows: list[dict[str, Any]]) -> None:
    """Sources compared: each row's voice becomes the stance where it stands out most from the others
    (its score over the mean score of all rows), its voice against general news kept as `voice_vs_news`.
    A lone source keeps its voice against news."""
    for r in rows:
        r["voice_vs_news"] = r["voice"]
    if len(rows) < 2:
        return
    names = list(rows[0]["stance"])
    mean = {k: sum(r["stance"][k] for r in rows) / len(rows) for k in names}
    for r in rows:
        relative = {k: r["stance"][k] / mean[k] for k in names if mean[k] > 0}
        r["relative"] = {k: round(v, 2) for k, v in relative.items()}
        best = max(relative, key=lambda k: relative[k]) if relative else None
        r["voice"] = best if best and relative[best] > 1 else r["voice"]


def _empty() -> dict[str, Any]:
    return {
        "events": 0,
        "cooperation": 0,
        "conflict": 0,
        "intensity": 0.0,
        "both": [],
        "words": 0,
        "cues": {name: Counter() for name in stances()["stances"]},
        "spans": {name: [] for name in stances()["stances"]},
        "forecasts": 0,
        "probability": 0.0,
    }


def _add(total: dict[str, Any], part: dict[str, Any]) -> None:
    for k, v in part.items():
        if k == "cues":
            for name, found in v.items():
                total["cues"][name].update(found)
        elif k == "spans":
            for name, spans in v.items():
                total["spans"][name].extend(spans)
        else:
            total[k] = total[k] + v


def compare(
    gb: Any, a: str, b: str, *, by: str = "doc", events: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """One row per document (or per author with ``by="author"``) naming both `a` and `b`; `events`:
    ``gb.events()`` already read by the caller."""
    if by not in ("doc", "author"):
        raise ValueError("by must be 'doc' or 'author'")
    ids_a, ids_b = set(gb._state_ids(a) or []), set(gb._state_ids(b) or [])
    if not ids_a or not ids_b:
        return []
    store = gb.store
    docs = {d["id"]: d for d in gb.docs() if not d["duplicate_of"]}
    every = gb.events() if events is None else events
    events = [e for e in every if {e["source"], e["target"]} & ids_a and {e["source"], e["target"]} & ids_b]
    claims = [c for c in gb.claims() if set(c["actors"]) & ids_a and set(c["actors"]) & ids_b]
    rows: dict[str, dict[str, Any]] = {}
    for doc_id, d in docs.items():
        sides = sentence_sides(store, doc_id, ids_a, ids_b)
        if not any(s == {"a", "b"} for s in sides.values()):
            continue
        record = store.document(doc_id)
        quoted = [(q.start, q.end) for q in store.quotes(doc=doc_id) if q.kind in ("direct", "term")]
        own = own_words(record.text, quoted)
        c = _empty()
        for idx, sent in enumerate(store.sentences(doc_id)):
            text = " ".join(record.text[sent.start : sent.end].split())
            mine = " ".join(own[sent.start : sent.end].split())
            c["words"] += words(mine)
            found = sentence_cues(mine)
            _add(c, {"cues": found})
            for name, n in found.items():
                if n:
                    c["spans"][name].append((-sum(n.values()), doc_id, sent.start, sent.end))
            if sides.get(idx) == {"a", "b"}:
                c["both"].append(text)
        for e in events:
            if any(x["doc"] == doc_id for x in e["evidence"]) and e["modality"] not in ("negated", "hypothetical"):
                c["events"] += 1
                c["cooperation"] += e["quad_class"] in (1, 2)
                c["conflict"] += e["quad_class"] in (3, 4)
                c["intensity"] += e["intensity"] or 0.0
        for cl in claims:
            if cl["doc"] == doc_id and cl["probability"]:
                c["forecasts"] += 1
                c["probability"] += (cl["probability"]["low"] + cl["probability"]["high"]) / 2
        key = doc_id if by == "doc" else (d["author"] or "Unknown author")
        if key not in rows:
            rows[key] = {"docs": [], "counts": _empty()}
        rows[key]["docs"].append(d)
        _add(rows[key]["counts"], c)
    out = []
    for key, r in rows.items():
        first = r["docs"][0]
        head = (
            {k: first[k] for k in ("title", "author", "publisher", "published")} | {"doc": key}
            if by == "doc"
            else {"author": key, "docs": [x["id"] for x in r["docs"]]}
        )
        out.append(head | profile(r["counts"]))
    _compare_voices(out)
    return sorted(out, key=lambda r: (r.get("published") or "", r.get("doc") or r.get("author") or ""))
