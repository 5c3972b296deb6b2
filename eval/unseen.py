"""Score events, quotes and claims on held-out analysis articles nobody on the team has seen (issues 4 and 5).

Data: ``eval/gold/unseen/`` — twelve original analysis articles (China–Taiwan, India–Pakistan, Iran–Israel,
US–Cuba, Egypt–Ethiopia, Serbia–Kosovo, Greece–Turkey, Japan–South Korea, Armenia–Azerbaijan, Saudi
Arabia–Iran, Venezuela–Guyana, Morocco–Algeria) in scraped text, Markdown and HTML, annotated blind, before
the system was run on them, in ``gold.json``; the annotation rules are in the README there.

    python eval/unseen.py [--gold PATH] [--out eval/results/unseen.json] [--details FILE] [--db PATH]

The articles are ingested into a temporary store through the public API only (``geobrief.open``,
``Geobrief.ingest``, ``Geobrief.export``), as a user would. Gold spans are looked up in each exported
document's cleaned ``text`` (quote marks, dashes and whitespace folded); a gold item the cleaner lost cannot be
matched and is counted under ``*_unlocated``.

Events. A gold event is matched by an exported event of the same document (one of its evidence spans is in
it) whose modality is not negated or hypothetical, whose unordered {source, target} equals the gold pair and
whose ``when`` interval overlaps the gold period at year precision; one-to-one (maximum bipartite matching).
``events_recall`` = matched / gold. ``events_precision``: among the exported events of those documents that
are between two distinct states, dated by their own expression (``when.basis == "expression"``) and not
negated or hypothetical, the share that matches some gold event of the document (a second copy of a matched
event counts as correct). State codes are compared as they are — the Soviet Union (SUN) is not Russia (RUS) —
except for spellings of one entity (Kosovo XKX/XKS/KOS/RKS; SCG for YUG); ``events_recall_successor`` also
lets a successor stand for its predecessor (RUS for SUN, SRB or SCG for YUG, CZE for CSK, DEU for DDR).

Quotes. The Gender Gap Tracker measure of eval/quotes.py: overlap = |gold ∩ predicted| / |gold| in characters;
gold quotes in order, each matched to the remaining prediction (any kind: direct, indirect or term) of highest
overlap ≥ 0.3; a prediction that covers two parts of one quotation interrupted by its attribution matches
both. ``quotes_recall`` needs the right speaker: the prediction's ``speaker_name`` (or the name of its speaker
actor) agrees with the gold speaker or one of its aliases — equal, same last word, the prediction's last word
among the gold name's words, or one contained in the other word-wise, after folding case, accents and
punctuation, generic words such as "government" not counting — or, where the gold speaker is a government,
the speaker actor is that state or belongs to it. ``quotes_recall_any_speaker`` ignores the speaker.

Claims. A gold claim is matched by an exported claim of the same document whose span overlaps the gold text
and whose probability band equals the gold band (the export's fractions read as whole percent); one-to-one,
gold in order, preferring the same estimative phrase. ``claims_recall`` covers the ICD 203 words,
``hedges_recall`` the hedges (could, may, might, may well, is expected to, will), whose gold bands are the
annotator's convention; the ``*_any_band`` figures ask for overlap only.

``claims_precision``: among the exported claims of those documents, the share whose span overlaps a gold
claim or hedge of the document (any band); ``claims_precision_phrase`` asks the claim's estimative phrase itself
(looked up in the claim's text) to overlap the gold clause, since a claim's span is its whole sentence and a
sentence can hold a gold estimate next to a modal that is none; ``hedges_precision`` (and
``hedges_precision_phrase``) restrict both to exported claims whose estimative phrase has no ICD 203 word.

Split: articles 01–06 are dev, 07–12 test (``dev.*`` and ``test.*`` keys). ``--details FILE`` writes the
dev misses and false alarms; nothing from the test split is shown beyond its figures.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

GOLD = ROOT / "eval" / "gold" / "unseen" / "gold.json"
OVERLAP = 0.3
UNREAL = {"negated", "hypothetical"}
SAME_ENTITY = {"XKS": "XKX", "KOS": "XKX", "RKS": "XKX", "SCG": "YUG"}
SUCCESSORS = {"SUN": {"RUS"}, "YUG": {"SRB", "SCG"}, "CSK": {"CZE"}, "DDR": {"DEU"}}
GENERIC = {
    "the",
    "a",
    "an",
    "of",
    "s",
    "government",
    "ministry",
    "office",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "minister",
    "foreign",
    "prime",
    "senior",
    "state",
    "agencies",
    "he",
    "she",
    "they",
    "it",
}
_FOLD = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}


# --------------------------------------------------------------------------- locating gold text in documents


def _normalise(text: str) -> tuple[str, list[int]]:
    """`text` with quote marks and dashes folded and whitespace runs collapsed, and each character's origin."""
    out: list[str] = []
    origin: list[int] = []
    space = False
    for i, ch in enumerate(text):
        ch = _FOLD.get(ch, ch)
        if ch.isspace():
            if space:
                continue
            ch, space = " ", True
        else:
            space = False
        out.append(ch)
        origin.append(i)
    return "".join(out), origin


class Locator:
    """Finds strings in a document's text up to quote-mark, dash, whitespace and (failing that) case variants."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm, self.origin = _normalise(text)
        self.lower = self.norm.lower()

    def find(self, needle: str, after: int = 0) -> tuple[int, int] | None:
        """(start, end) in the original text of the first occurrence at or after `after`, else the first one."""
        n = _normalise(needle)[0].strip()
        if not n:
            return None
        k = bisect_left(self.origin, after)
        for hay, nd in ((self.norm, n), (self.lower, n.lower())):
            pos = hay.find(nd, k)
            if pos < 0:
                pos = hay.find(nd)
            if pos >= 0:
                return self.origin[pos], self.origin[pos + len(nd) - 1] + 1
        return None

    def same(self, start: int, end: int, text: str) -> bool:
        return _normalise(self.text[start:end])[0].strip().lower() == _normalise(text)[0].strip().lower()


def locate_all(loc: Locator, texts: list[str]) -> list[tuple[int, int] | None]:
    """Gold strings in reading order: each is looked for after the previous one first."""
    out: list[tuple[int, int] | None] = []
    cursor = 0
    for t in texts:
        span = loc.find(t, cursor)
        out.append(span)
        if span:
            cursor = span[0]
    return out


def pred_span(loc: Locator, rec: dict[str, Any], stats: Counter) -> tuple[int, int] | None:
    """A record's (start, end), checked against its text; re-found near its offset when they disagree."""
    s, e, t = rec.get("start"), rec.get("end"), rec.get("text") or ""
    ok = isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(loc.text)
    if ok and (not t or loc.same(s, e, t)):
        return s, e
    stats["offset_mismatch"] += 1
    if t:
        found = loc.find(t, max(0, (s if isinstance(s, int) else 0) - 300))
        if found:
            return found
    return (s, e) if ok else None


# --------------------------------------------------------------------------- events


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


def period_overlaps(pred_when: dict[str, Any], start: str, end: str | None) -> bool:
    ys = _year(pred_when.get("start"))
    if ys is None:
        return False
    ye = _year(pred_when.get("end")) or ys
    gs, ge = _year(start), _year(end) or _year(start)
    assert gs is not None and ge is not None
    return min(ys, ye) <= ge and gs <= max(ys, ye)


def _code(c: str | None) -> str | None:
    return SAME_ENTITY.get(c, c) if c else c


def pair_matches(gold_pair: list[str], source: str, target: str, successor: bool = False) -> bool:
    a, b = (_code(c) for c in gold_pair)
    s, t = _code(source), _code(target)

    def ok(g: str | None, p: str | None) -> bool:
        return g == p or (successor and p in SUCCESSORS.get(g or "", set()))

    return (ok(a, s) and ok(b, t)) or (ok(a, t) and ok(b, s))


def max_matching(adjacency: list[list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn): gold index → prediction index."""
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in adjacency[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(adjacency)):
        augment(g, set())
    return {g: p for p, g in owner.items()}


# --------------------------------------------------------------------------- quotes and claims


def _words(name: str | None) -> list[str]:
    if not name:
        return []
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"'s\b", "", name.replace("\u2019", "'"))
    return re.sub(r"[^\w\s]", " ", name).split()


def name_ok(pred: str | None, gold_names: list[str]) -> bool:
    """The predicted speaker string names the gold speaker (see the module docstring)."""
    p = [w for w in _words(pred) if w not in ("the", "a", "an")]
    if not p or all(w in GENERIC for w in p):
        return False
    for g in gold_names:
        w = [x for x in _words(g) if x not in ("the", "a", "an")]
        if not w:
            continue
        if p == w:
            return True
        if p[-1] == w[-1] and p[-1] not in GENERIC:
            return True
        if p[-1] in w and p[-1] not in GENERIC and len(p[-1]) > 1:
            return True
        jp, jw = f" {' '.join(p)} ", f" {' '.join(w)} "
        shorter = p if len(jp) <= len(jw) else w
        if (jp in jw or jw in jp) and any(x not in GENERIC for x in shorter):
            return True
    return False


def speaker_ok(pred: dict[str, Any], gold: dict[str, Any], actors: dict[str, dict[str, Any]]) -> bool:
    names = [gold["speaker"], *gold.get("speaker_aliases", [])]
    actor = actors.get(pred.get("speaker") or "")
    if name_ok(pred.get("speaker_name"), names) or (actor and name_ok(actor.get("name"), names)):
        return True
    if gold.get("speaker_kind") == "government" and gold.get("speaker_country") and pred.get("speaker"):
        country = pred["speaker"] if actor is None or actor.get("kind") == "state" else actor.get("country")
        return _code(country) == _code(gold["speaker_country"])
    return False


def _overlap(gold: tuple[int, int], pred: tuple[int, int]) -> float:
    inter = min(gold[1], pred[1]) - max(gold[0], pred[0])
    return inter / (gold[1] - gold[0]) if inter > 0 else 0.0


def match_quotes(gold: list[dict[str, Any]], preds: list[dict[str, Any]], need_speaker: bool) -> list[int | None]:
    """GGT's greedy matching (gold in order, best remaining prediction ≥ 0.3), speaker-aware when asked."""
    used: dict[int, list[int]] = {}
    out: list[int | None] = []
    for gi, g in enumerate(gold):
        best: int | None = None
        best_key: tuple[int, float] | None = None
        for pi, p in enumerate(preds):
            if g["span"] is None or p["span"] is None:
                continue
            ov = _overlap(g["span"], p["span"])
            if ov < OVERLAP or (need_speaker and not p["speaker_ok"][gi]):
                continue
            if pi in used:  # one prediction for the parts of a quotation interrupted by its attribution
                if ov < 0.999 or any(gold[j]["speaker"] != g["speaker"] for j in used[pi]):
                    continue
                key = (0, ov)
            else:
                key = (1, ov)
            if best_key is None or key > best_key:
                best, best_key = pi, key
        if best is not None:
            used.setdefault(best, []).append(gi)
        out.append(best)
    return out


def percent_band(prob: dict[str, Any] | None) -> tuple[int | None, int | None]:
    """An exported probability band in whole percent (the export gives fractions: 0.55-0.8 is 55-80)."""
    if not prob or prob.get("low") is None or prob.get("high") is None:
        return None, None
    low, high = float(prob["low"]), float(prob["high"])
    scale = 100 if high <= 1.0 else 1
    return round(low * scale), round(high * scale)


def _same_estimative(a: str | None, b: str | None) -> bool:
    x, y = (a or "").lower().strip(), (b or "").lower().strip()
    return bool(x and y) and (x in y or y in x)


ICD_WORDS = re.compile(
    r"\b(?:likely|unlikely|probabl[ey]|improbabl[ey]|remote(?:ly)?|almost no chance|even (?:chance|odds)"
    r"|fifty-fifty|certain(?:ly)?)\b",
    re.I,
)


def _phrase_spans(loc: Locator, span: tuple[int, int] | None, phrase: str | None) -> list[tuple[int, int]]:
    """Every occurrence of an estimative phrase inside a claim's span (the export gives no phrase offsets)."""
    if span is None or not phrase:
        return []
    out: list[tuple[int, int]] = []
    cursor = span[0]
    while True:
        found = loc.find(phrase, cursor)
        if found is None or found[0] < cursor or found[1] > span[1]:
            return out
        out.append(found)
        cursor = found[0] + 1


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def match_claims(gold: list[dict[str, Any]], preds: list[dict[str, Any]], need_band: bool) -> list[int | None]:
    used: set[int] = set()
    out: list[int | None] = []
    for g in gold:
        best: int | None = None
        best_key: tuple[bool, int] | None = None
        for pi, p in enumerate(preds):
            if pi in used or g["span"] is None or p["span"] is None:
                continue
            inter = min(g["span"][1], p["span"][1]) - max(g["span"][0], p["span"][0])
            if inter <= 0:
                continue
            if need_band and (p["low"], p["high"]) != (g["low"], g["high"]):
                continue
            key = (_same_estimative(p["estimative"], g["estimative"]), inter)
            if best_key is None or key > best_key:
                best, best_key = pi, key
        if best is not None:
            used.add(best)
        out.append(best)
    return out


# --------------------------------------------------------------------------- the evaluation


@dataclass
class DocResult:
    file: str
    split: str
    counts: Counter = field(default_factory=Counter)
    details: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _is_state(actor_id: str | None, actors: dict[str, dict[str, Any]]) -> bool:
    if not actor_id:
        return False
    a = actors.get(actor_id)
    if a is not None:
        return a.get("kind") == "state"
    return bool(re.fullmatch(r"[A-Z]{3}", actor_id))


def score_document(
    art: dict[str, Any],
    doc: dict[str, Any] | None,
    events: list[dict[str, Any]],
    quotes: list[dict[str, Any]],
    claims: list[dict[str, Any]],
    actors: dict[str, dict[str, Any]],
) -> DocResult:
    res = DocResult(art["file"], art["split"])
    c = res.counts
    gold_claims = [g for g in art["claims"] if not g.get("hedge")]
    gold_hedges = [g for g in art["claims"] if g.get("hedge")]
    c.update(
        documents=1,
        events_gold=len(art["events"]),
        quotes_gold=len(art["quotes"]),
        claims_gold=len(gold_claims),
        hedges_gold=len(gold_hedges),
    )
    if doc is None:
        c["documents_missing"] = 1
        res.details["missing_document"] = [{"file": art["file"]}]
        return res
    c["published_ok"] = int((doc.get("published") or None) == art.get("published"))
    res.details["published"] = [{"gold": art.get("published"), "exported": doc.get("published")}]
    loc = Locator(doc.get("text") or "")

    # events ------------------------------------------------------------------
    real = [e for e in events if e.get("modality") not in UNREAL and e.get("source") and e.get("target")]
    adjacency: list[list[int]] = []
    adjacency_succ: list[list[int]] = []
    for g in art["events"]:
        adjacency.append(
            [
                i
                for i, e in enumerate(real)
                if pair_matches(g["pair"], e["source"], e["target"])
                and period_overlaps(e.get("when") or {}, g["start"], g["end"])
            ]
        )
        adjacency_succ.append(
            [
                i
                for i, e in enumerate(real)
                if pair_matches(g["pair"], e["source"], e["target"], successor=True)
                and period_overlaps(e.get("when") or {}, g["start"], g["end"])
            ]
        )
    matched = max_matching(adjacency)
    c["events_matched"] = len(matched)
    c["events_matched_successor"] = len(max_matching(adjacency_succ))
    scored = [
        e
        for e in real
        if e["source"] != e["target"]
        and _is_state(e["source"], actors)
        and _is_state(e["target"], actors)
        and (e.get("when") or {}).get("basis") == "expression"
    ]
    correct = [
        any(
            pair_matches(g["pair"], e["source"], e["target"])
            and period_overlaps(e.get("when") or {}, g["start"], g["end"])
            for g in art["events"]
        )
        for e in scored
    ]
    c["events_predicted"] = len(scored)
    c["events_predicted_correct"] = sum(correct)
    res.details["events_missed"] = [
        {k: g[k] for k in ("pair", "start", "end", "sentence")} for i, g in enumerate(art["events"]) if i not in matched
    ]
    res.details["events_false"] = [
        {
            "pair": [e["source"], e["target"]],
            "when": {k: (e.get("when") or {}).get(k) for k in ("start", "end", "text", "basis")},
            "type": e.get("type"),
            "modality": e.get("modality"),
            "evidence": _evidence_text(e, doc, loc),
        }
        for e, ok in zip(scored, correct, strict=True)
        if not ok
    ]

    # quotes ------------------------------------------------------------------
    stats: Counter = Counter()
    gq = [
        dict(g, span=span)
        for g, span in zip(art["quotes"], locate_all(loc, [g["text"] for g in art["quotes"]]), strict=True)
    ]
    c["quotes_unlocated"] = sum(g["span"] is None for g in gq)
    pq = []
    for q in quotes:
        span = pred_span(loc, q, stats)
        pq.append(dict(q, span=span, speaker_ok=[speaker_ok(q, g, actors) for g in gq]))
    c["quotes_predicted"] = len(pq)
    any_speaker = match_quotes(gq, pq, need_speaker=False)
    with_speaker = match_quotes(gq, pq, need_speaker=True)
    c["quotes_matched_any_speaker"] = sum(m is not None for m in any_speaker)
    c["quotes_matched"] = sum(m is not None for m in with_speaker)
    res.details["quotes_missed"] = []
    for g, m_any, m_spk in zip(gq, any_speaker, with_speaker, strict=True):
        if m_spk is not None:
            continue
        item: dict[str, Any] = {"text": g["text"], "speaker": g["speaker"]}
        if g["span"] is None:
            item["problem"] = "gold text not found in the cleaned document"
        elif m_any is None:
            item["problem"] = "no quote"
        else:
            p = pq[m_any]
            item.update(problem="wrong speaker", predicted_speaker=p.get("speaker_name"))
            item["predicted_actor"] = p.get("speaker")
        res.details["quotes_missed"].append(item)

    # claims ------------------------------------------------------------------
    pc = []
    for cl in claims:
        low, high = percent_band(cl.get("probability"))
        pc.append(
            {
                "span": pred_span(loc, cl, stats),
                "low": low,
                "high": high,
                "estimative": cl.get("estimative"),
                "kind": cl.get("kind"),
                "text": cl.get("text"),
            }
        )
    c["claims_predicted"] = len(pc)
    c["claims_predicted_with_band"] = sum(p["low"] is not None for p in pc)
    res.details["claims_missed"] = []
    gold_spans: list[tuple[int, int]] = []
    for name, golds in (("claims", gold_claims), ("hedges", gold_hedges)):
        gc = [dict(g, span=s) for g, s in zip(golds, locate_all(loc, [g["text"] for g in golds]), strict=True)]
        gold_spans += [g["span"] for g in gc if g["span"] is not None]
        c[f"{name}_unlocated"] = sum(g["span"] is None for g in gc)
        band = match_claims(gc, pc, need_band=True)
        anyb = match_claims(gc, pc, need_band=False)
        c[f"{name}_matched"] = sum(m is not None for m in band)
        c[f"{name}_matched_any_band"] = sum(m is not None for m in anyb)
        for g, mb, ma in zip(gc, band, anyb, strict=True):
            if mb is not None:
                continue
            item = {"kind": name, "text": g["text"], "estimative": g["estimative"], "band": [g["low"], g["high"]]}
            if g["span"] is None:
                item["problem"] = "gold text not found in the cleaned document"
            elif ma is None:
                item["problem"] = "no claim"
            else:
                p = pc[ma]
                item.update(
                    problem="wrong band", predicted_estimative=p["estimative"], predicted_band=[p["low"], p["high"]]
                )
            res.details["claims_missed"].append(item)
    # precision: an exported claim is right when it overlaps a gold claim or hedge (any band)
    res.details["claims_false"] = []
    for p in pc:
        hedge = not ICD_WORDS.search(p["estimative"] or "")
        ok = p["span"] is not None and any(_overlaps(p["span"], g) for g in gold_spans)
        phrases = _phrase_spans(loc, p["span"], p["estimative"])
        ok_phrase = ok and (not phrases or any(_overlaps(x, g) for x in phrases for g in gold_spans))
        c.update(
            claims_predicted_correct=int(ok),
            claims_predicted_correct_phrase=int(ok_phrase),
            hedges_predicted=int(hedge),
            hedges_predicted_correct=int(hedge and ok),
            hedges_predicted_correct_phrase=int(hedge and ok_phrase),
        )
        if not ok_phrase:
            res.details["claims_false"].append(
                {
                    "estimative": p["estimative"],
                    "band": [p["low"], p["high"]],
                    "kind": p["kind"],
                    "problem": "overlaps no gold claim" if not ok else "phrase outside the gold clause",
                    "text": p["text"],
                }
            )
    c["offset_mismatch"] = stats["offset_mismatch"]
    return res


def _evidence_text(event: dict[str, Any], doc: dict[str, Any], loc: Locator) -> list[str]:
    out = []
    for ev in event.get("evidence") or []:
        if ev.get("doc") != doc["id"]:
            continue
        s, e = ev.get("start"), ev.get("end")
        if isinstance(s, int) and isinstance(e, int):
            out.append(loc.text[s:e][:300])
        elif isinstance(ev.get("sentence"), str):
            out.append(ev["sentence"][:300])
    return out


def figures(counts: Counter) -> dict[str, Any]:
    def ratio(a: str, b: str) -> float | None:
        return round(counts[a] / counts[b], 4) if counts[b] else None

    out: dict[str, Any] = {
        "events_recall": ratio("events_matched", "events_gold"),
        "events_precision": ratio("events_predicted_correct", "events_predicted"),
        "events_recall_successor": ratio("events_matched_successor", "events_gold"),
        "quotes_recall": ratio("quotes_matched", "quotes_gold"),
        "quotes_recall_any_speaker": ratio("quotes_matched_any_speaker", "quotes_gold"),
        "claims_recall": ratio("claims_matched", "claims_gold"),
        "claims_recall_any_band": ratio("claims_matched_any_band", "claims_gold"),
        "hedges_recall": ratio("hedges_matched", "hedges_gold"),
        "hedges_recall_any_band": ratio("hedges_matched_any_band", "hedges_gold"),
        "claims_precision": ratio("claims_predicted_correct", "claims_predicted"),
        "claims_precision_phrase": ratio("claims_predicted_correct_phrase", "claims_predicted"),
        "hedges_precision": ratio("hedges_predicted_correct", "hedges_predicted"),
        "hedges_precision_phrase": ratio("hedges_predicted_correct_phrase", "hedges_predicted"),
        "published_accuracy": ratio("published_ok", "documents"),
    }
    p, r = out["events_precision"], out["events_recall"]
    out["events_f1"] = round(2 * p * r / (p + r), 4) if p and r else 0.0
    out.update({k: counts[k] for k in sorted(counts)})
    return out


def evaluate(gold_path: Path = GOLD, db: str | None = None) -> tuple[dict[str, Any], list[DocResult]]:
    import geobrief

    t0 = time.perf_counter()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    folder = gold_path.parent
    articles = gold["articles"]
    with tempfile.TemporaryDirectory(prefix="geobrief-unseen-") as tmp:
        gb = geobrief.open(db or str(Path(tmp) / "unseen.db"))
        try:
            errors: list[str] = []
            report = gb.ingest([str(folder / a["file"]) for a in articles], on_error=errors.append)
            docs = {Path(d["path"] or "").name: d for d in gb.export("documents")}
            actors = {a["id"]: a for a in gb.export("actors")}
            events = list(gb.export("events"))
            quotes = list(gb.export("quotes"))
            claims = list(gb.export("claims"))
        finally:
            gb.close()
    results: list[DocResult] = []
    for art in articles:
        doc = docs.get(art["file"])
        did = doc["id"] if doc else None
        results.append(
            score_document(
                art,
                doc,
                [e for e in events if any(ev.get("doc") == did for ev in e.get("evidence") or [])],
                [q for q in quotes if q.get("doc") == did],
                [c for c in claims if c.get("doc") == did],
                actors,
            )
        )
    out: dict[str, Any] = {}
    for scope, members in (
        ("", results),
        ("dev.", [r for r in results if r.split == "dev"]),
        ("test.", [r for r in results if r.split == "test"]),
    ):
        total: Counter = Counter()
        for r in members:
            total.update(r.counts)
        out.update({scope + k: v for k, v in figures(total).items()})
    out.update(
        articles=len(articles),
        ingest=report.summary(),
        ingest_errors=[*getattr(report, "errors", []), *errors],
        gold=str(gold_path.relative_to(ROOT)) if gold_path.is_relative_to(ROOT) else str(gold_path),
        seconds=round(time.perf_counter() - t0, 1),
    )
    return out, results


def dev_details(results: list[DocResult]) -> list[dict[str, Any]]:
    """Misses and false alarms, per article, for the dev split only."""
    return [{"file": r.file, **r.details} for r in results if r.split == "dev"]


HEADLINE = [
    "events_recall",
    "events_precision",
    "quotes_recall",
    "quotes_recall_any_speaker",
    "claims_recall",
    "claims_recall_any_band",
    "hedges_recall",
    "hedges_recall_any_band",
    "claims_precision",
    "claims_precision_phrase",
    "hedges_precision",
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "unseen.json")
    ap.add_argument("--details", type=Path, default=None, help="write the dev split's misses and false alarms here")
    ap.add_argument("--db", default=None, help="ingest into this store instead of a temporary one")
    args = ap.parse_args(argv)
    res, per_doc = evaluate(args.gold.resolve(), args.db)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.details:
        args.details.parent.mkdir(parents=True, exist_ok=True)
        args.details.write_text(json.dumps(dev_details(per_doc), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = {f"{s}{k}": res[f"{s}{k}"] for s in ("", "dev.", "test.") for k in HEADLINE}
    summary.update(ingest=res["ingest"], seconds=res["seconds"])
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
