"""Measure how often each stance's cue words occur in general news, for geobrief.analysis.voices.

Reads the politics section of the BBC corpus (../shared/corpus/bbc/news/politics: 2004–2005 news rather
than commentary, the register closest to the articles geobrief reads) and writes
src/geobrief/knowledge/voice_baselines.json: cues per 1,000 words, by stance. Rerun it whenever
knowledge/voices.yaml changes.

    python scripts/build_voice_baselines.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from geobrief.analysis.voices import own_words, sentence_cues, stances, words  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc" / "news" / "politics")
    args = ap.parse_args()
    files = sorted(args.corpus.rglob("*.txt"))
    if not files:
        sys.exit(f"{args.corpus}: no .txt files")
    totals = dict.fromkeys(stances()["stances"], 0)
    n_words = 0
    for f in files:
        text = own_words(f.read_text(encoding="utf-8", errors="replace"))
        n_words += words(text)
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):  # counted as in a document: own words, per sentence
            for name, found in sentence_cues(sentence).items():
                totals[name] += sum(found.values())
    out = {
        "source": f"BBC News 2004–2005, {args.corpus.name} section",
        "documents": len(files),
        "words": n_words,
        "voices_yaml_version": stances()["version"],
        "per_1000_words": {k: round(1000 * v / n_words, 3) for k, v in totals.items()},
    }
    path = ROOT / "src" / "geobrief" / "knowledge" / "voice_baselines.json"
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
