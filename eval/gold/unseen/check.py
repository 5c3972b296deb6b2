"""Validate eval/gold/unseen/gold.json against its articles.

    python eval/gold/unseen/check.py [GOLD]

Checks: every event `sentence`, quote `text` and claim `text` is an exact substring of its article; pairs are
two distinct, sorted ISO3 codes (pycountry, plus historical SUN/YUG/CSK/DDR and Kosovo's XKX); dates are
YYYY[-MM[-DD]] with end >= start; bands are the ICD 203 bands (or, for hedges, any 0 <= low < high <= 100);
splits are dev/test. Prints the problems and exits 1 if there are any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
HISTORICAL = {"SUN", "YUG", "CSK", "DDR", "XKX"}
ICD203 = {(1, 5), (5, 20), (20, 45), (45, 55), (55, 80), (80, 95), (95, 99)}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def valid_codes() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.historic_countries} | HISTORICAL


def problems(gold: dict[str, Any], folder: Path) -> list[str]:
    codes = valid_codes()
    out: list[str] = []
    for art in gold["articles"]:
        name = art["file"]
        path = folder / name
        if not path.is_file():
            out.append(f"{name}: article file missing")
            continue
        text = path.read_text(encoding="utf-8")
        if art.get("split") not in ("dev", "test"):
            out.append(f"{name}: split {art.get('split')!r}")
        if art.get("published") is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", art["published"]):
            out.append(f"{name}: published {art['published']!r}")
        for e in art["events"]:
            where = f"{name}: event {e['pair']} {e['start']}"
            if e["sentence"] not in text:
                out.append(f"{where}: sentence not in article: {e['sentence'][:80]!r}")
            pair = e["pair"]
            if len(pair) != 2 or pair != sorted(pair) or pair[0] == pair[1]:
                out.append(f"{where}: pair must be two distinct codes, sorted")
            out += [f"{where}: unknown code {c}" for c in pair if c not in codes]
            if not DATE.match(e["start"]) or (e["end"] is not None and not DATE.match(e["end"])):
                out.append(f"{where}: bad date")
            elif e["end"] is not None and e["end"][: len(e["start"])] < e["start"][: len(e["end"])]:
                out.append(f"{where}: end before start")
        for q in art["quotes"]:
            if q["text"] not in text:
                out.append(f"{name}: quote not in article: {q['text'][:80]!r}")
            if not q.get("speaker"):
                out.append(f"{name}: quote without speaker: {q['text'][:60]!r}")
            if q.get("speaker_kind") not in ("person", "government", "organization", "other"):
                out.append(f"{name}: quote speaker_kind {q.get('speaker_kind')!r}")
            if q.get("speaker_country") is not None and q["speaker_country"] not in codes:
                out.append(f"{name}: quote speaker_country {q['speaker_country']!r}")
        for c in art["claims"]:
            if c["text"] not in text:
                out.append(f"{name}: claim not in article: {c['text'][:80]!r}")
            if c["estimative"].lower() not in c["text"].lower():
                out.append(f"{name}: estimative {c['estimative']!r} not in its claim text")
            band = (c["low"], c["high"])
            if c.get("hedge"):
                if not 0 <= c["low"] < c["high"] <= 100:
                    out.append(f"{name}: hedge band {band}")
            elif band not in ICD203:
                out.append(f"{name}: {c['estimative']!r} band {band} is not an ICD 203 band")
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else HERE / "gold.json"
    gold = json.loads(path.read_text(encoding="utf-8"))
    found = problems(gold, path.parent)
    for p in found:
        print(p)
    n = {k: sum(len(a[k]) for a in gold["articles"]) for k in ("events", "quotes", "claims")}
    print(
        f"{len(gold['articles'])} articles, {n['events']} events, {n['quotes']} quotes, {n['claims']} claims: "
        f"{len(found)} problems"
    )
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
