"""Benchmark: ingest the BBC corpus, and time bare spaCy over the same texts.

Writes bench/results/ingest.json. Run with `make bench` (about 15 minutes on 2 cores),
or `python bench/ingest.py --limit 200` for a quick look.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N files (sorted)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "ingest.json"))
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"skip: corpus not found at {corpus}", file=sys.stderr)
        return 0
    files = sorted(str(p) for p in corpus.rglob("*.txt"))[: args.limit]

    import geobrief
    from geobrief.nlp.pipeline import load_model

    with tempfile.TemporaryDirectory() as tmp:
        gb = geobrief.open(Path(tmp) / "bench.db")
        from geobrief.nlp.pipeline import get_pipeline

        get_pipeline(gb.settings)  # model loading is not ingest throughput
        t0 = time.perf_counter()
        report = gb.ingest(files)
        ingest_s = time.perf_counter() - t0
        texts = [d["text"] for d in gb.docs(text=True) if d["duplicate_of"] is None]
        ingest_rss = peak_rss_mb()
        gb.close()

    nlp = load_model(gb.settings.model)
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=gb.settings.batch_size):
        pass
    spacy_s = time.perf_counter() - t0

    result = {
        "corpus": str(corpus),
        "files": len(files),
        "new": report.new,
        "duplicates": report.duplicates,
        "failed": report.failed,
        "errors": report.errors[:20],
        "seconds": round(ingest_s, 2),
        "docs_per_s": round(len(files) / ingest_s, 3),
        "words_per_s": round(report.words / ingest_s, 1),
        "peak_rss_mb": round(ingest_rss, 1),
        "spacy_seconds": round(spacy_s, 2),
        "spacy_words_per_s": round(words / spacy_s, 1),
        "ratio_vs_spacy": round((report.words / ingest_s) / (words / spacy_s), 3),
        "model": gb.settings.model,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores",
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
