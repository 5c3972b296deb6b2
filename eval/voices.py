"""Score dyad voices (``Geobrief.sources``) on a small held-out set of commentary written blind.

Data: ``eval/gold/voices/`` — fifteen op-ed style articles (450–800 words) on five dyads (China–Pakistan,
China–Russia, Iran–Russia, Saudi Arabia–China, Turkey–Russia). Each dyad has one article per voice, by
different invented authors: ``alarmed`` (the relationship as a danger), ``transactional`` (an exchange of
goods, services and favours driven by needs) and ``dismissive`` (overrated: limited, symbolic, exaggerated,
weak or short-lived). ``labels.json`` gives each file's dyad (ISO3 codes and the names passed to
``sources``), its voice and its split: two dyads (six articles) are ``dev``, three (nine) are ``test``.
The articles were written without reading the voice lexicon or the analysis code; develop on dev only.

    python eval/voices.py [--out eval/results/voices.json] [--details FILE]

All fifteen files are ingested into one temporary SQLite store; ``sources(names[0], names[1])`` is called
once per dyad and each row is mapped back to its file through ``docs()``'s path. ``voice_accuracy`` is the
share of labelled articles whose predicted voice equals the gold one (no row for the article = wrong),
overall and per split (``dev.``/``test.``); ``confusion`` counts gold voice → predicted voice over all
articles (``"none"`` for a missing row or an empty voice). ``--details`` writes per-file predictions for
the dev split only, so the test articles stay unread while tuning. Fifteen articles is a smoke test.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

GOLD = ROOT / "eval" / "gold" / "voices"
VOICES = ("alarmed", "transactional", "dismissive")
NONE = "none"


def load_labels(gold: Path = GOLD) -> list[dict[str, Any]]:
    """The rows of ``labels.json`` (file, dyad, names, voice, split)."""
    return json.loads((gold / "labels.json").read_text(encoding="utf-8"))["files"]


def _key(path: str | Path) -> str:
    """A comparable form of a document path (the store may keep it relative or absolute)."""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return str(path)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def predict(gold: Path, labels: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Ingest the gold files into a throwaway store and return (file → sources row or {}, ingest errors)."""
    import geobrief

    errors: list[str] = []
    preds: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="geobrief-voices-") as tmp, geobrief.open(Path(tmp) / "voices.db") as gb:
        paths = [gold / r["file"] for r in labels]
        gb.ingest([str(p) for p in paths], on_error=errors.append)
        by_path = {_key(p): p.name for p in paths}
        by_name = {p.name: p.name for p in paths}
        doc_file: dict[Any, str] = {}
        for d in gb.docs():
            path = d.get("path") or ""
            name = by_path.get(_key(path)) or by_name.get(Path(str(path)).name)
            if name is not None:
                doc_file[d["id"]] = name
        dyads: dict[tuple[str, str], list[str]] = {}
        for r in labels:
            dyads.setdefault(tuple(r["names"]), []).append(r["file"])
        for (a, b), files in dyads.items():
            for row in gb.sources(a, b):
                name = doc_file.get(row.get("doc"))
                if name in files and name not in preds:  # rows for other dyads' files are ignored
                    preds[name] = dict(row)
    return preds, errors


def evaluate(gold: Path = GOLD, details: bool = False) -> dict[str, Any]:
    """Figures over all articles and per split; with `details`, the dev split's per-file predictions."""
    labels = load_labels(gold)
    preds, errors = predict(gold, labels)
    counts: dict[str, list[int]] = {}
    confusion = {g: dict.fromkeys((*VOICES, NONE), 0) for g in VOICES}
    rows: list[dict[str, Any]] = []
    for r in labels:
        row = preds.get(r["file"], {})
        voice = row.get("voice") or NONE
        ok = int(voice == r["voice"])
        for s in (r["split"], "all"):
            c = counts.setdefault(s, [0, 0])
            c[0], c[1] = c[0] + ok, c[1] + 1
        confusion[r["voice"]][voice] = confusion[r["voice"]].get(voice, 0) + 1  # an unknown label gets a column
        if details and r["split"] == "dev":
            rows.append({"file": r["file"], "dyad": r["names"], "gold": r["voice"], "pred": voice, "row": row})
    out: dict[str, Any] = {}
    for split in ("all", "dev", "test"):
        ok, n = counts.get(split, [0, 0])
        prefix = "" if split == "all" else f"{split}."
        out[prefix + "voice_accuracy"] = _ratio(ok, n)
        out[prefix + "n"] = n
    out["missing"] = sum(1 for r in labels if r["file"] not in preds)
    out["confusion"] = confusion
    if errors:
        out["ingest_errors"] = errors
    if details:
        out["details"] = rows
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "voices.json")
    ap.add_argument("--details", type=Path, default=None, help="also write the dev split's per-file predictions")
    args = ap.parse_args()
    t0 = time.time()
    res = evaluate(args.gold, details=args.details is not None)
    if args.details:
        args.details.parent.mkdir(parents=True, exist_ok=True)
        args.details.write_text(json.dumps(res.pop("details"), indent=1, ensure_ascii=False, default=str) + "\n")
    res["seconds"] = round(time.time() - t0, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(res, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
