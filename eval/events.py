"""Evaluate event coding (geobrief_events) on the PLOVER GSR and the PETRARCH validation sentences.

Figures, each over the whole set and its dev/test halves (split by a hash of the record id; develop on dev):

- ``plover_type_accuracy``: per GSR sentence, the predicted event whose PLOVER type matches the gold one if
  any (else the first); correct when the type matches. The GSR's older labels are mapped to today's
  (DEMAND → REQUEST, DISAPPROVE and INVESTIGATE → ACCUSE, FIGHT → ASSAULT). No event = wrong.
- ``plover_actor_accuracy``: over gold (source, target) pairs — sources × targets, or for compound
  "SRC/TAR" actors with no target each ordered pair of sources — the share found among the events of the
  chosen predicate, comparing country codes (CAMEO's JAP/ITL/VTN read as JPN/ITA/VNM). Gold codes that are
  no country (IGO, NGO, IMG…) match any non-state actor (an organisation id, even one shaped like a country code:
  ICJ, IMF); pairs with an empty code are
  skipped; a gold pair without target needs a predicted event without target.
- ``petrarch_root_accuracy``: over PETRARCH validation sentences with an expected coding, the CAMEO root of
  the main predicted event (closest to the parse root) equals an expected root. Many of these sentences
  have invented actors (the Shire, Mordor), so when no event has both actors the main predicate coded
  without actors is used: this figure measures the verb lexicon, not actor linking.

    python eval/events.py [--out eval/results/events.json] [--limit N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import time
from itertools import permutations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SHARED = ROOT.parent / "shared"
BENCH = SHARED / "bench" / "events"
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CAMEO_COUNTRY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
NON_STATE = {"IGO", "NGO", "IMG", "ISM", "MNC", "UNO", "NGM"}
_ISO3 = re.compile(r"^[A-Z]{3}$")


def half(record_id: str) -> str:
    """dev or test, fixed by the id's hash."""
    return "dev" if int(hashlib.sha1(record_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    value = value.strip()
    try:
        if re.fullmatch(r"\d{8}", value):
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------
# Data


def _codes(value: Any) -> list[str]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    return [str(a.get("code", "")).strip() for a in value if isinstance(a, dict)]


def load_gsr(bench: Path = BENCH) -> list[dict[str, Any]]:
    records = json.loads((bench / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    out = []
    for r in records:
        if not r.get("text") or r.get("event") in (None, "DOCUMENT"):
            continue
        out.append(
            {
                "id": r["id"],
                "text": r["text"],
                "date": _date(r.get("date")),
                "type": OLD_LABELS.get(r["event"], r["event"]),
                "sources": _codes(r.get("source")),
                "targets": _codes(r.get("target")),
            }
        )
    return out


def load_petrarch(bench: Path = BENCH) -> list[dict[str, Any]]:
    out = []
    for name in ("PETR.Validate.records.140226.txt", "PETR2_GSR_validation.xml"):
        text = (bench / name).read_text(encoding="utf-8", errors="replace")
        for attrs, body in re.findall(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>|\Z)", text, re.S):
            codes = re.findall(r"<EventCoding\b[^>]*\beventcode=\"(\d+)\"", body)
            m = re.search(r"<Text>(.*?)</Text>", body, re.S)
            if not codes or not m:
                continue
            sid = re.search(r"\bid=\"([^\"]*)\"", attrs)
            date = re.search(r"\bdate=\"(\d{8})\"", attrs)
            out.append(
                {
                    "id": f"{name}:{sid.group(1) if sid else len(out)}",
                    "text": " ".join(m.group(1).split()),
                    "date": _date(date.group(1) if date else None),
                    "roots": sorted({c[:2] for c in codes}),
                }
            )
    return out


# --------------------------------------------------------------------------------------------------
# Scoring


def _norm_gold(code: str) -> str | None:
    code = CAMEO_COUNTRY.get(code, code)
    if not code:
        return None
    return "*nonstate*" if code in NON_STATE or not _ISO3.match(code) else code


def _norm_pred(actor: str | None) -> str | None:
    from geobrief.knowledge import state_ids  # an organisation's id can look like a country code (ICJ, IMF)

    if actor is None:
        return None
    return actor if _ISO3.match(actor) and actor in state_ids() else "*nonstate*"


def gold_pairs(sources: list[str], targets: list[str]) -> list[tuple[str, str | None]]:
    src = [_norm_gold(c) for c in sources if c]
    tgt = [_norm_gold(c) for c in targets if c]
    src = [c for c in src if c]
    if not src:
        return []
    if not tgt:
        return list(permutations(src, 2)) if len(src) > 1 else [(s, None) for s in src]
    return [(s, t) for s in src for t in tgt if t]


def choose(events: list[Any], gold_type: str) -> Any | None:
    """The predicted event whose type matches, else the first."""
    return next((e for e in events if e.type == gold_type), events[0] if events else None)


def _run(nlp: Any, items: list[dict[str, Any]]) -> list[Any]:
    docs = []
    for r in items:
        doc = nlp.make_doc(r["text"])
        doc.user_data["published"] = r["date"]
        docs.append(doc)
    return list(nlp.pipe(docs, batch_size=64))


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def evaluate(shared: Path = SHARED, limit: int | None = None, details: bool = False) -> dict[str, Any]:
    """Figures over all records and per half; `limit` keeps the first N records of each set (the CI subset)."""
    from geobrief.nlp.events import extract_events, main_event
    from geobrief.nlp.pipeline import get_pipeline

    nlp = get_pipeline()
    if "geobrief_events" not in nlp.pipe_names:
        nlp.add_pipe("geobrief_events", last=True)
    bench = shared / "bench" / "events"
    gsr, petr = load_gsr(bench), load_petrarch(bench)
    if limit:
        gsr, petr = gsr[:limit], petr[:limit]

    counts: dict[str, dict[str, int]] = {}

    def add(split: str, key: str, ok: int, n: int = 1) -> None:
        for s in (split, "all"):
            c = counts.setdefault(s, {})
            c[key + "_ok"] = c.get(key + "_ok", 0) + ok
            c[key + "_n"] = c.get(key + "_n", 0) + n

    rows: list[dict[str, Any]] = []
    for r, doc in zip(gsr, _run(nlp, gsr), strict=True):
        split = half(r["id"])
        events = doc._.events or []
        chosen = choose(events, r["type"])
        add(split, "type", int(chosen is not None and chosen.type == r["type"]))
        found = {
            (_norm_pred(e.source), _norm_pred(e.target))
            for e in events
            if chosen is not None and e.trigger_start == chosen.trigger_start
        }
        pairs = gold_pairs(r["sources"], r["targets"])
        hits = sum(1 for p in pairs if p in found)
        if pairs:
            add(split, "actor", hits, len(pairs))
        if details:
            rows.append({"id": r["id"], "text": r["text"], "gold": r["type"], "pairs": pairs,
                         "pred": [(e.type, e.cameo, e.source, e.target, e.trigger) for e in events]})  # fmt: skip
    for r, doc in zip(petr, _run(nlp, petr), strict=True):
        split = half(r["id"])
        main = main_event(doc._.events or []) or main_event(extract_events(doc, require_actors=False))
        add(split, "root", int(main is not None and main.cameo_root in r["roots"]))
        if details:
            rows.append({"id": r["id"], "text": r["text"], "gold": r["roots"], "pred": main and main.cameo})

    out: dict[str, Any] = {}
    for split in ("all", "dev", "test"):
        c = counts.get(split, {})
        prefix = "" if split == "all" else f"{split}."
        out[prefix + "plover_type_accuracy"] = _ratio(c.get("type_ok", 0), c.get("type_n", 0))
        out[prefix + "plover_actor_accuracy"] = _ratio(c.get("actor_ok", 0), c.get("actor_n", 0))
        out[prefix + "petrarch_root_accuracy"] = _ratio(c.get("root_ok", 0), c.get("root_n", 0))
        out[prefix + "n"] = {k: v for k, v in c.items() if k.endswith("_n")}
    if details:
        out["details"] = rows
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description="Evaluate geobrief event coding")
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "events.json")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--details", type=Path, default=None, help="also write per-record predictions here")
    args = ap.parse_args()
    t0 = time.time()
    res = evaluate(args.shared, args.limit, details=args.details is not None)
    if args.details:
        args.details.write_text(json.dumps(res.pop("details"), indent=1, default=str))
    res["seconds"] = round(time.time() - t0, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2) + "\n")
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
