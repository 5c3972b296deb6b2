"""Build src/geobrief/knowledge/events/cameo.csv from the reference tables in ../shared/reference.

Why: the event coder needs, per CAMEO code, its name and Goldstein score (cameo-codes.csv) and its PLOVER
type, mode and context (CAMEO2PLOVER-2021.txt). Joining them once here keeps the runtime free of the
reference files; the output is committed. Codes absent from the PLOVER table inherit from their nearest
listed prefix (``0212`` → ``021``); CAMEO 01 (statements) and 02 (appeals) have no PLOVER row: 02 is
given REQUEST (an appeal is a mild request) and 01 is left without a type (not coded as an event).

    python scripts/build_event_tables.py [--reference ../shared/reference] [--out src/.../cameo.csv]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REF = ROOT.parent / "shared" / "reference"
DEFAULT_OUT = ROOT / "src" / "geobrief" / "knowledge" / "events" / "cameo.csv"
# CAMEO roots 01-05 are verbal cooperation, 06-08 material cooperation, 09-13 verbal conflict, 14-20 material.
QUAD = {**dict.fromkeys(range(1, 6), 1), **dict.fromkeys(range(6, 9), 2), **dict.fromkeys(range(9, 14), 3)}
FALLBACK = {"02": ("REQUEST", "appeal", "")}  # documented above: not in the 2021 table
_LINE = re.compile(r"^(\d{2,4})\s*:\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#(.*))?$")


def read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = _LINE.match(line.strip())
        if not m:
            continue
        code, ptype, mode, context = m.group(1), m.group(2), (m.group(3) or "").strip(), (m.group(4) or "").strip()
        out.setdefault(code, (ptype, mode, context))  # first listing wins (175 is listed twice)
    return out


def plover_for(code: str, table: dict[str, tuple[str, str, str]]) -> tuple[str, str, str]:
    for k in range(len(code), 1, -1):
        if code[:k] in table:
            return table[code[:k]]
    return FALLBACK.get(code[:2], ("", "", ""))


def build(reference: Path, out: Path) -> int:
    table = read_plover(reference / "CAMEO2PLOVER-2021.txt")
    rows = []
    with (reference / "cameo-codes.csv").open(encoding="utf-8", errors="replace") as fh:
        for r in csv.DictReader(fh):
            code = r["code"].strip()
            if not code.isdigit():
                continue
            root = code[:2]
            ptype, mode, context = plover_for(code, table)
            gold = r["goldstein"].strip()
            rows.append(
                {
                    "code": code,
                    "name": r["name"].strip(),
                    "root": root,
                    "goldstein": "" if gold in ("", "NA") else float(gold),
                    "quad_class": QUAD.get(int(root), 4),
                    "plover_type": ptype,
                    "plover_mode": mode,
                    "plover_context": context,
                }
            )
    rows.sort(key=lambda r: (r["root"], r["code"]))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=DEFAULT_REF)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    print(f"wrote {build(args.reference, args.out)} CAMEO codes to {args.out}")


if __name__ == "__main__":
    main()
