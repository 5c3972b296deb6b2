"""Score claims (``geobrief_claims``) and interests (``geobrief_interests``) on a small hand-written set.

Data: ``eval/gold/claims_interests.jsonl`` — six short analysis paragraphs written for geobrief (Iran–Israel,
China–Taiwan, India–Pakistan, Sahel, Venezuela, Arctic), each with gold claims (an anchor string inside
the claim's sentence and its band) and gold interests (actor, wants, from_actor).

    python eval/claims.py [--out eval/results/claims.json]

Claims: a prediction matches a gold claim when its sentence contains the anchor and its band is equal;
one-to-one. Interests: actor and from_actor equal and one ``wants`` contains the other (case-folded).
The set is tiny and was written by the rule author, so it is a smoke test, not a benchmark.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

GOLD = ROOT / "eval" / "gold" / "claims_interests.jsonl"


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def evaluate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    import geobrief.nlp.claims  # noqa: F401
    import geobrief.nlp.interests  # noqa: F401
    from geobrief.nlp.pipeline import get_pipeline

    nlp = get_pipeline()
    for name in ("geobrief_claims", "geobrief_interests"):
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    ctp = cpred = cgold = itp = ipred = igold = 0
    errors: list[dict[str, Any]] = []
    for row in rows:
        doc = nlp(row["text"])
        preds = [c for c in doc._.claims if c.probability_low is not None]
        used: set[int] = set()
        for g in row["claims"]:
            hit = next(
                (
                    k
                    for k, c in enumerate(preds)
                    if k not in used
                    and g["anchor"] in c.text
                    and (c.probability_low, c.probability_high) == (g["low"], g["high"])
                ),
                None,
            )
            if hit is None:
                errors.append({"id": row["id"], "missed_claim": g})
            else:
                used.add(hit)
        errors += [
            {"id": row["id"], "extra_claim": [c.estimative, c.probability_low, c.probability_high, c.text]}
            for k, c in enumerate(preds)
            if k not in used
        ]
        ctp, cpred, cgold = ctp + len(used), cpred + len(preds), cgold + len(row["claims"])
        ipreds = doc._.interests
        iused: set[int] = set()
        for g in row["interests"]:
            hit = next(
                (
                    k
                    for k, i in enumerate(ipreds)
                    if k not in iused
                    and i.actor == g["actor"]
                    and i.from_actor == g["from_actor"]
                    and (g["wants"].lower() in i.wants.lower() or i.wants.lower() in g["wants"].lower())
                ),
                None,
            )
            if hit is None:
                errors.append({"id": row["id"], "missed_interest": g})
            else:
                iused.add(hit)
        errors += [
            {"id": row["id"], "extra_interest": [i.actor, i.wants, i.from_actor]}
            for k, i in enumerate(ipreds)
            if k not in iused
        ]
        itp, ipred, igold = itp + len(iused), ipred + len(ipreds), igold + len(row["interests"])
    return {
        "documents": len(rows),
        "claims": {**_prf(ctp, cpred, cgold), "gold": cgold, "predicted": cpred, "matched": ctp},
        "interests": {**_prf(itp, ipred, igold), "gold": igold, "predicted": ipred, "matched": itp},
        "errors": errors,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "claims.json")
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = evaluate(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: result[k] for k in ("claims", "interests")}, indent=2))


if __name__ == "__main__":
    main()
