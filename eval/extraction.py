"""Score article extraction against the shared benchmark (181 news pages with gold text).

Two paths are scored: the HTML extractor (`geobrief.ingest.html.extract_html`) on the raw
pages, and the plain-text cleaner (`geobrief.ingest.clean.clean_text`) on each page's full
visible text (`output/html-text.json`). The metric is the benchmark's own: per-document word
4-gram precision, recall and F1 (lower-case, ``\\w+`` tokens, multisets; unigrams for texts
under four words), averaged over pages; an empty output scores 0.

Pages are split by a hash of their id into a dev half (where the heuristics were developed)
and a test half (looked at only as a number), so the published figure is honest:

    python eval/extraction.py [--shared PATH] [--out eval/results/extraction.json] [--split dev|test]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import multiprocessing
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

BENCH = "bench/article-extraction"
WORD = re.compile(r"\w+")
Scores = tuple[float, float, float]


def ngrams(text: str) -> Counter[tuple[str, ...]]:
    words = WORD.findall((text or "").lower())
    n = 4 if len(words) >= 4 else 1
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def prf(pred: str, gold: str) -> Scores:
    """Word 4-gram precision, recall, F1 of one document (0 when either side is empty)."""
    p, g = ngrams(pred), ngrams(gold)
    if not p or not g:
        return 0.0, 0.0, 0.0
    hit = sum((p & g).values())
    precision, recall = hit / sum(p.values()), hit / sum(g.values())
    f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
    return precision, recall, f1


def half(page_id: str) -> str:
    """Deterministic dev/test split by a hash of the page id."""
    return "dev" if hashlib.sha256(page_id.encode()).digest()[0] % 2 == 0 else "test"


def mean(scores: Iterable[Scores]) -> Scores:
    rows = list(scores)
    if not rows:
        return 0.0, 0.0, 0.0
    return tuple(round(sum(r[k] for r in rows) / len(rows), 4) for k in range(3))  # type: ignore[return-value]


def _html_worker(args: tuple[str, str]) -> tuple[str, str]:
    from geobrief.ingest.html import extract_html

    page_id, path = args
    with gzip.open(path, "rb") as fh:
        return page_id, extract_html(fh.read()).text


def _plain_worker(args: tuple[str, str]) -> tuple[str, str]:
    from geobrief.ingest.clean import clean_text

    page_id, text = args
    return page_id, clean_text(text).text


def run_all(worker: Callable[[tuple[str, str]], tuple[str, str]], jobs: list[tuple[str, str]]) -> dict[str, str]:
    """Map over 2 processes where fork is available (children inherit this module, however it was loaded)."""
    procs = min(2, os.cpu_count() or 1)
    if procs > 1 and len(jobs) > 8 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(procs) as pool:
            return dict(pool.map(worker, jobs, chunksize=4))
    return dict(map(worker, jobs))


def evaluate(shared: Path, ids: list[str] | None = None) -> dict:
    """All figures for the given page ids (default: every page), with dev/test breakdowns."""
    root = shared / BENCH
    gold = json.loads((root / "ground-truth.json").read_text())
    visible = json.loads((root / "output" / "html-text.json").read_text())["output"]
    reference = json.loads((root / "output" / "trafilatura.json").read_text())["output"]
    ids = sorted(ids if ids is not None else gold)

    t0 = time.perf_counter()
    html_out = run_all(_html_worker, [(i, str(root / "html" / f"{i}.html.gz")) for i in ids])
    html_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    plain_out = run_all(_plain_worker, [(i, visible[i]["articleBody"]) for i in ids])
    plain_s = time.perf_counter() - t0

    def body(source: dict, i: str) -> str:
        value = source.get(i, "")
        return value.get("articleBody", "") if isinstance(value, dict) else value

    per_page = {
        i: {
            "html": prf(html_out[i], gold[i]["articleBody"]),
            "plaintext": prf(plain_out[i], gold[i]["articleBody"]),
            "keep_all": prf(body(visible, i), gold[i]["articleBody"]),
            "trafilatura": prf(body(reference, i), gold[i]["articleBody"]),
        }
        for i in ids
    }

    def figures(subset: list[str]) -> dict:
        html = mean(per_page[i]["html"] for i in subset)
        plain = mean(per_page[i]["plaintext"] for i in subset)
        return {
            "html_f1": html[2],
            "html_precision": html[0],
            "html_recall": html[1],
            "plaintext_f1": plain[2],
            "plaintext_precision": plain[0],
            "plaintext_recall": plain[1],
            "n_html": len(subset),
            "n_plaintext": len(subset),
            "baseline_keep_all_plaintext_f1": mean(per_page[i]["keep_all"] for i in subset)[2],
            "trafilatura_reference_f1": mean(per_page[i]["trafilatura"] for i in subset)[2],
        }

    from geobrief.ingest.clean import patterns

    result = figures(ids)
    for name in ("dev", "test"):
        subset = [i for i in ids if half(i) == name]
        if subset:
            result[name] = figures(subset)
    result["boilerplate_version"] = patterns()["version"]
    result["seconds"] = {"html": round(html_s, 1), "plaintext": round(plain_s, 1)}
    result["worst_html"] = sorted(ids, key=lambda i: per_page[i]["html"][2])[:5]
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared data folder")
    ap.add_argument("--out", default=str(ROOT / "eval" / "results" / "extraction.json"))
    ap.add_argument("--split", choices=("dev", "test"), help="score only this half (the top-level figures)")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / BENCH / "ground-truth.json").is_file():
        print(f"skip: benchmark not found under {shared / BENCH}", file=sys.stderr)
        return 0
    ids = None
    if args.split:
        gold = json.loads((shared / BENCH / "ground-truth.json").read_text())
        ids = [i for i in gold if half(i) == args.split]
    result = evaluate(shared, ids)
    if args.split:
        result["split"] = args.split
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
