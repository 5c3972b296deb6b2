"""Score quote extraction (``geobrief_quotes``) on the Gender Gap Tracker benchmark.

Data: ``../shared/bench/quotes-ggt/articles.jsonl`` — 97 Canadian news articles, 1,466 human-annotated
direct and indirect quotes with speaker, resolved ``reference``, verb and character spans.

    python eval/quotes.py [--shared PATH] [--limit N] [--out eval/results/quotes.json] [--errors]

Gold clean-up. Most gold ``quote_span`` offsets are shifted (they were computed on a differently
normalised text), so each gold quote is re-anchored: the occurrence of its quote text nearest to
the stated offset plus the drift seen on the previous quote of the article. Gold quotes whose text
is not in the article (13) or that have no span (1) are dropped; one article whose text is only an
id is skipped. Counts are reported under ``gold_dropped``.

Metric — the GGT authors' own (``NLP/evaluation/src/eval/evaluate_quotes.py`` in
sfu-discourse-lab/GenderGapTracker), so the figures compare with the published 83.7 / 76.1 / ~86:
overlap = |gold ∩ pred| / |gold| (characters, asymmetric: gold is the reference); gold quotes are
taken in order and each is matched one-to-one, greedily, to the unmatched prediction of highest
overlap ≥ threshold; precision, recall and F1 are pooled over articles at thresholds 0.3 and 0.8.
Because that measure forgives over-long predictions, the symmetric measure
|∩| / max(|gold|, |pred|) is reported as well (``*_maxlen``). Gold direct quotes include their quote
marks while ``Quote.text`` excludes them, so a predicted direct quote is widened to its marks first.
Speaker accuracy, on quotes matched at 0.3: the predicted speaker string equals the gold ``speaker``
or ``reference`` after case and punctuation folding, or one is contained in the other word-wise, or
their last words (surnames) agree; a gold quote with neither speaker nor reference wants none.
Scare-quoted terms (kind ``term``) are not scored.

Split: file order; the first half (48 articles) is dev, where the rules were developed; the second
half (49) is test, looked at only as a number.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

BENCH = "bench/quotes-ggt/articles.jsonl"
THRESHOLDS = (0.3, 0.8)
DEV_SIZE = 48
_OPEN = '"“«„'
_CLOSE = '"”»'
_AFTER_QUOTES = ("geobrief_events", "geobrief_claims", "geobrief_interests")


@dataclass
class Span:
    start: int
    end: int
    speaker: str | None  # predicted speaker text
    gold_names: tuple[str, ...] = ()  # gold speaker and reference


def load_articles(shared: Path) -> list[dict[str, Any]]:
    with (shared / BENCH).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_spans(article: dict[str, Any], dropped: dict[str, int]) -> list[Span]:
    """Re-anchor each gold quote on its text (see the module docstring)."""
    text = article["text"]
    out: list[Span] = []
    drift = 0
    for q in article["quotes"]:
        quote = q.get("quote") or ""
        if not q.get("quote_span") or not quote.strip():
            dropped["no_span"] += 1
            continue
        given = q["quote_span"][0]
        needle = quote if quote in text else quote.strip()
        hits = [m.start() for m in re.finditer(re.escape(needle), text)] if needle else []
        if not hits:
            dropped["not_in_text"] += 1
            continue
        start = min(hits, key=lambda h: abs(h - (given + drift)))
        drift = start - given
        names = tuple(n for n in (q.get("speaker"), q.get("reference")) if n)
        out.append(Span(start, start + len(needle), None, names))
    return out


def widen(text: str, start: int, end: int) -> tuple[int, int]:
    """A direct quote's content → the span with its marks (and the comma inside them), as gold has it."""
    s = start
    while s > 0 and text[s - 1] == " ":
        s -= 1
    if s > 0 and text[s - 1] in _OPEN:
        start = s - 1
    e = end
    while e < len(text) and text[e] in " ,":
        e += 1
    if e < len(text) and text[e] in _CLOSE:
        end = e + 1
    return start, end


def _fold(name: str) -> list[str]:
    return re.sub(r"[^\w\s]", " ", name.lower().replace("’s", "").replace("'s", "")).split()


def speaker_ok(pred: str | None, gold: tuple[str, ...]) -> bool:
    if not gold:
        return pred is None
    if pred is None:
        return False
    p = _fold(pred)
    if not p:
        return False
    for g in gold:
        w = _fold(g)
        if not w:
            continue
        if p == w or p[-1] == w[-1]:
            return True
        joined_p, joined_w = f" {' '.join(p)} ", f" {' '.join(w)} "
        if joined_p in joined_w or joined_w in joined_p:
            return True
    return False


def overlap(g: Span, p: Span, symmetric: bool) -> float:
    inter = min(g.end, p.end) - max(g.start, p.start)
    if inter <= 0:
        return 0.0
    denom = max(g.end - g.start, p.end - p.start) if symmetric else g.end - g.start
    return inter / denom


def match(gold: list[Span], pred: list[Span], threshold: float, symmetric: bool) -> list[tuple[Span, Span]]:
    """GGT's matching: gold in order, each to the best remaining prediction at or above the threshold."""
    remaining = list(pred)
    pairs: list[tuple[Span, Span]] = []
    for g in gold:
        best, best_score = None, 0.0
        for p in remaining:
            score = overlap(g, p, symmetric)
            if score >= threshold and score > best_score:
                best, best_score = p, score
        if best is not None:
            remaining.remove(best)
            pairs.append((g, best))
    return pairs


def predict(nlp: Any, articles: list[dict[str, Any]]) -> list[list[Span]]:
    out: list[list[Span]] = []
    texts = (a["text"] for a in articles)
    for doc in nlp.pipe(texts, batch_size=8):
        spans = []
        for q in doc._.quotes:
            if q.kind == "term":
                continue
            s, e = widen(doc.text, q.start, q.end) if q.kind == "direct" else (q.start, q.end)
            spans.append(Span(s, e, q.speaker_text))
        out.append(spans)
    return out


def score(gold: list[list[Span]], pred: list[list[Span]]) -> dict[str, Any]:
    res: dict[str, Any] = {"gold": sum(map(len, gold)), "predicted": sum(map(len, pred))}
    for symmetric in (False, True):
        for th in THRESHOLDS:
            pairs = [pr for g, p in zip(gold, pred, strict=True) for pr in match(g, p, th, symmetric)]
            tp = len(pairs)
            prec = tp / res["predicted"] if res["predicted"] else 0.0
            rec = tp / res["gold"] if res["gold"] else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            key = f"{int(th * 10):02d}" + ("_maxlen" if symmetric else "")
            res[f"f1_overlap_{key}"] = round(f1, 4)
            res[f"precision_overlap_{key}"] = round(prec, 4)
            res[f"recall_overlap_{key}"] = round(rec, 4)
            res[f"matched_overlap_{key}"] = tp
            if th == THRESHOLDS[0] and not symmetric:
                ok = sum(speaker_ok(p.speaker, g.gold_names) for g, p in pairs)
                res["speaker_accuracy"] = round(ok / tp, 4) if tp else 0.0
                res["speaker_matched"] = ok
    return res


def evaluate(shared: Path, limit: int | None = None, errors: bool = False) -> dict[str, Any]:
    """Run the pipeline on the benchmark; figures for all articles, the dev half and the test half."""
    import geobrief.nlp.quotes  # noqa: F401  (registers the factory)
    from geobrief.config import Settings
    from geobrief.nlp.pipeline import get_pipeline

    t0 = time.perf_counter()
    articles = [a for a in load_articles(shared) if len(a["text"]) >= 200]  # one record's text is only an id
    split = {a["id"]: ("dev" if i < DEV_SIZE else "test") for i, a in enumerate(load_articles(shared))}
    if limit:
        articles = articles[:limit]
    dropped = {"no_span": 0, "not_in_text": 0}
    gold = [gold_spans(a, dropped) for a in articles]
    nlp = get_pipeline(Settings(components=["geobrief_quotes"]))
    later = [n for n in nlp.pipe_names if n in _AFTER_QUOTES]  # quotes read nothing they produce
    with nlp.select_pipes(disable=later):
        pred = predict(nlp, articles)
    result: dict[str, Any] = score(gold, pred)
    for part in ("dev", "test"):
        idx = [i for i, a in enumerate(articles) if split[a["id"]] == part]
        if idx:
            result[part] = score([gold[i] for i in idx], [pred[i] for i in idx])
    result.update(articles=len(articles), gold_dropped=dropped, seconds=round(time.perf_counter() - t0, 1))
    if errors:
        result["errors"] = _errors(articles, gold, pred)
    return result


def _errors(articles: list[dict[str, Any]], gold: list[list[Span]], pred: list[list[Span]]) -> list[dict[str, Any]]:
    """Misses, false alarms and wrong speakers at 0.3, for development."""
    out = []
    for a, g, p in zip(articles, gold, pred, strict=True):
        text = a["text"]
        pairs = match(g, p, THRESHOLDS[0], False)
        hit_g = {id(x) for x, _ in pairs}
        hit_p = {id(y) for _, y in pairs}
        for x in g:
            if id(x) not in hit_g:
                out.append({"id": a["id"], "type": "miss", "text": text[x.start : x.end][:160], "gold": x.gold_names})
        for y in p:
            if id(y) not in hit_p:
                out.append({"id": a["id"], "type": "false", "text": text[y.start : y.end][:160], "pred": y.speaker})
        for x, y in pairs:
            if not speaker_ok(y.speaker, x.gold_names):
                out.append(
                    {
                        "id": a["id"],
                        "type": "speaker",
                        "text": text[x.start : x.end][:100],
                        "gold": x.gold_names,
                        "pred": y.speaker,
                    }
                )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (file order)")
    ap.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    ap.add_argument("--errors", action="store_true", help="list misses, false alarms and speaker errors")
    args = ap.parse_args(argv)
    res = evaluate(args.shared, args.limit, args.errors)
    summary = {k: v for k, v in res.items() if k != "errors"}
    print(json.dumps(summary, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
