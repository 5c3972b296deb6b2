"""Score the temporal tagger (`geobrief.nlp.timex`) on TempEval-3 (TimeML TIMEX3 annotations).

Each .tml document's tags are stripped to give the text (offsets are on the stripped, unescaped text);
the tagger runs with the document creation time (the TIMEX3 with functionInDocument="CREATION_TIME")
as publication date, on everything after the DCT element, in eval mode (durations, sets, times and
vague references included; ranges split, as TimeML annotates "2009-2010" as two timexes). Metrics as
in TempEval-3: relaxed match (any overlap, one-to-one), strict match (same span), and value F1 over
relaxed matches, where value P = correct values / system timexes and R = correct values / gold timexes.

The tagger was developed on the train folders only; the test (platinum) figure is reported as is:

    python eval/tempeval3.py [--split test|train] [--out eval/results/tempeval3.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from geobrief.nlp.timex import Timex, tag_all  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench" / "tempeval3"
SPLITS = {"test": ["test-platinum"], "train": ["train-timebank", "train-aquaint"]}
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)/?>|<\?[^>]*\?>|<!--.*?-->", re.S)
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Document:
    name: str
    text: str
    dct: dt.date | None
    body_start: int  # offset where the scored text begins: the TEXT element (else after the DCT element)
    gold: list[GoldTimex]


def parse_tml(path: Path) -> Document:
    """The stripped text of a TimeML document, its creation date and its gold TIMEX3s (the DCT excluded)."""
    raw = path.read_text(encoding="utf-8")
    parts: list[str] = []
    pos = 0
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[GoldTimex] = []
    dct: dt.date | None = None
    body_start = 0
    body_end: int | None = None
    for m in _TAG.finditer(raw):
        chunk = html.unescape(raw[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name == "TIMEX3" and not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3) or "")))
        elif name == "TIMEX3" and closing and open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            if attrs.get("functionInDocument") == "CREATION_TIME":
                try:
                    dct = dt.date.fromisoformat(attrs.get("value", "")[:10])
                except ValueError:
                    dct = None
                continue
            text = "".join(parts)[start:length]
            gold.append(GoldTimex(start, length, text, attrs.get("type", ""), attrs.get("value", "")))
        elif name == "DCT" and closing:
            body_start = max(body_start, length)
        elif name == "TEXT" and not closing:
            body_start = length
            body_end = None
        elif name == "TEXT" and closing:
            body_end = length
    tail = html.unescape(raw[pos:])
    parts.append(tail)
    text = "".join(parts)
    end = len(text) if body_end is None else body_end
    gold = [g for g in gold if body_start <= g.start and g.end <= end]
    return Document(path.name, text[:end], dct, body_start, gold)


def system_timexes(doc: Document) -> list[Timex]:
    """The tagger's output on the scored part of a document, offsets on the whole stripped text."""
    body = doc.text[doc.body_start :]
    out = []
    for t in tag_all(body, doc.dct):
        t.start += doc.body_start
        t.end += doc.body_start
        out.append(t)
    return out


def _match(system: list[Timex], gold: list[GoldTimex]) -> list[tuple[Timex, GoldTimex]]:
    """One-to-one relaxed matches (any overlap), preferring the largest overlap."""
    pairs = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            overlap = min(s.end, g.end) - max(s.start, g.start)
            if overlap > 0:
                pairs.append((overlap, i, j))
    pairs.sort(reverse=True)
    used_s: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _o, i, j in pairs:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            out.append((system[i], gold[j]))
    return out


def prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(docs: Iterable[Document], errors: list[dict] | None = None) -> dict:
    """TempEval-3 relaxed, strict and value figures over a set of documents."""
    n_sys = n_gold = relaxed = strict = values = 0
    n_docs = 0
    for doc in docs:
        n_docs += 1
        system = system_timexes(doc)
        matches = _match(system, doc.gold)
        n_sys += len(system)
        n_gold += len(doc.gold)
        relaxed += len(matches)
        strict += sum(1 for s, g in matches if (s.start, s.end) == (g.start, g.end))
        values += sum(1 for s, g in matches if s.value == g.value)
        if errors is not None:
            matched_s = {id(s) for s, _g in matches}
            matched_g = {id(g) for _s, g in matches}
            errors += [
                {"doc": doc.name, "kind": "fp", "text": s.text, "value": s.value}
                for s in system
                if id(s) not in matched_s
            ]
            errors += [
                {"doc": doc.name, "kind": "fn", "text": g.text, "value": g.value, "type": g.type}
                for g in doc.gold
                if id(g) not in matched_g
            ]
            errors += [
                {
                    "doc": doc.name,
                    "kind": "value",
                    "text": s.text,
                    "gold_text": g.text,
                    "value": s.value,
                    "gold": g.value,
                }
                for s, g in matches
                if s.value != g.value
            ]
    r, s_, v = prf(relaxed, n_sys, n_gold), prf(strict, n_sys, n_gold), prf(values, n_sys, n_gold)
    return {
        "relaxed_f1": r["f1"],
        "strict_f1": s_["f1"],
        "value_f1": v["f1"],
        "relaxed": r,
        "strict": s_,
        "value": v,
        "counts": {
            "documents": n_docs,
            "system": n_sys,
            "gold": n_gold,
            "relaxed_matches": relaxed,
            "strict_matches": strict,
            "value_correct": values,
        },
    }


def load(split: str, bench: Path = BENCH) -> list[Document]:
    return [parse_tml(p) for folder in SPLITS[split] for p in sorted((bench / folder).glob("*.tml"))]


def evaluate(split: str = "test", bench: Path = BENCH, errors: list[dict] | None = None) -> dict:
    started = time.perf_counter()
    result = score(load(split, bench), errors)
    result["split"] = split
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=sorted(SPLITS), default="test")
    ap.add_argument("--bench", type=Path, default=BENCH)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "tempeval3.json")
    ap.add_argument("--errors", type=Path, help="write the train split's errors here (JSON lines)")
    args = ap.parse_args(argv)
    if not args.bench.is_dir():
        print(f"benchmark not found at {args.bench}", file=sys.stderr)
        return 2
    train_errors: list[dict] = []
    train = evaluate("train", args.bench, train_errors)
    print("train (development):", json.dumps({k: train[k] for k in ("relaxed_f1", "strict_f1", "value_f1")}))
    if args.errors:
        args.errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in train_errors))
    result = train if args.split == "train" else evaluate(args.split, args.bench)
    result["train"] = {k: train[k] for k in ("relaxed_f1", "strict_f1", "value_f1", "counts")}
    print(f"{args.split}:", json.dumps({k: result[k] for k in ("relaxed_f1", "strict_f1", "value_f1", "counts")}))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
