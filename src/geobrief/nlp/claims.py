"""What sources judge and predict: analytic claims and forecasts with ICD 203 estimative bands.

``geobrief_claims`` runs after ``geobrief_actor_linker`` (and ``geobrief_quotes`` when present) and sets
``doc._.claims``: a list of `Claim` in document order, with ``doc.text[c.start:c.end] == c.text``.

Rules, not a model: an analytic statement is recognised by its estimative phrase ("likely", "will",
"may well" …), read against US ICD 203 bands; the lexicon, hedge bands, horizons and scenario headings
are data (``knowledge/estimative.yaml``) so analysts can audit and extend them without code changes.
A sentence without an estimative phrase is not a claim; a scenario heading always is.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

LEXICON_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "estimative.yaml"

ClaimKind = Literal["forecast", "judgment", "scenario"]

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None, force=True)

_HEADING_MAX_WORDS = 12
_BE_FORMS = r"(?:is|are|was|were|be|been|being|am|['’]s|['’]re)"
_QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»"}
_WINDOW_BEFORE = 3  # tokens before a term searched for forecast markers
_WINDOW_AFTER = 8


# --------------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True, slots=True)
class Horizon:
    """A stated time horizon; the interval is known only when a timex overlaps it."""

    text: str
    start: int
    end: int
    value_start: dt.date | None = None
    value_end: dt.date | None = None


@dataclass(slots=True)
class Claim:
    """One analytic judgment, forecast or scenario. ``doc.text[start:end] == text``.

    ``estimative`` is the phrase as written and ``probability_*`` its band (None only for a scenario
    heading without estimative words); ``sentence`` indexes ``list(doc.sents)``.
    """

    kind: ClaimKind
    text: str
    start: int
    end: int
    estimative: str | None
    probability_low: float | None
    probability_high: float | None
    actors: list[str] = field(default_factory=list)
    horizon: Horizon | None = None
    sentence: int = 0
    quoted: bool = False
    negated: bool = False
    estimative_start: int | None = None
    estimative_end: int | None = None


@dataclass(frozen=True, slots=True)
class _Term:
    pattern: re.Pattern[str]
    low: float
    high: float
    icd: bool  # an ICD 203 term (or comparative) rather than a hedge
    modal: bool = False
    future: bool = False
    negated: bool = False  # the phrase carries its own negation ("won't")
    be_phrase: bool = False  # "be expected to": a "not" inside negates


@dataclass(frozen=True)
class Lexicon:
    """The estimative lexicon, compiled."""

    version: int
    bands: dict[str, tuple[float, float]]
    terms: tuple[_Term, ...]
    negator: re.Pattern[str]
    modal_prefix: re.Pattern[str]
    future_words: frozenset[str]
    possibility_modals: frozenset[str]
    horizons: tuple[re.Pattern[str], ...]
    scenario_headings: tuple[re.Pattern[str], ...]


def _phrase_regex(phrase: str) -> tuple[str, bool]:
    """A phrase as a regex: flexible whitespace and apostrophes; "be X" takes any form of be (+ not)."""
    be = phrase.startswith("be ")
    words = phrase[3:] if be else phrase
    body = r"\s+".join(re.escape(w).replace("'", "['’]") for w in words.split())
    if be:
        body = _BE_FORMS + r"(?:\s+not|n['’]t)?\s+" + body
    lead = r"(?<![\w'’])" if not words.startswith("'") else r"(?<=\w)"
    return lead + body + r"(?![\w'’-])", be


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read and compile ``estimative.yaml`` (cached)."""
    data: dict[str, Any] = yaml.safe_load(Path(path or LEXICON_PATH).read_text(encoding="utf-8"))
    bands = {k: (float(v[0]), float(v[1])) for k, v in data["bands"].items()}
    terms: list[_Term] = []
    for section in ("terms", "comparatives"):
        for band, phrases in data[section].items():
            for p in phrases:
                rx, _ = _phrase_regex(p)
                terms.append(_Term(re.compile(rx, re.I), *bands[band], icd=True))
    for h in data["hedges"]:
        rx, be = _phrase_regex(h["phrase"])
        terms.append(
            _Term(
                re.compile(rx, re.I),
                float(h["low"]),
                float(h["high"]),
                icd=False,
                modal=bool(h.get("modal")),
                future=bool(h.get("future")),
                negated=bool(h.get("negated")),
                be_phrase=be,
            )
        )
    negs = "|".join(re.escape(n).replace("'", "['’]") for n in data["negators"])
    gap = int(data.get("negation_gap_words", 2))
    negator = re.compile(rf"(?:(?<![\w])(?:{negs})|n['’]t)(?:\s+[\w'’-]+){{0,{gap}}}\s+$", re.I)
    modals = "|".join(re.escape(m).replace("'", "['’]") for m in data["modal_prefixes"])
    gaps = "|".join(re.escape(w) for w in data["prefix_gap_words"])
    modal_prefix = re.compile(rf"(?<![\w])(?:{modals})(?:\s+(?:{gaps}))?\s+$", re.I)
    return Lexicon(
        version=int(data["version"]),
        bands=bands,
        terms=tuple(terms),
        negator=negator,
        modal_prefix=modal_prefix,
        future_words=frozenset(w.lower().replace("’", "'") for w in data["future_words"]),
        possibility_modals=frozenset(data["possibility_modals"]),
        horizons=tuple(re.compile(h, re.I) for h in data["horizons"]),
        scenario_headings=tuple(re.compile(h, re.I) for h in data["scenario_headings"]),
    )


# --------------------------------------------------------------------------------------------------
# Layout: paragraphs, headings and sentences clipped to paragraphs (shared with interests)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the cleaned text; ``heading`` when it is a short line of its own."""

    start: int
    end: int
    heading: bool


def blocks(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; short unpunctuated single lines are headings."""
    out: list[Block] = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        heading = (
            "\n" not in stripped and len(stripped.split()) <= _HEADING_MAX_WORDS and stripped[-1] not in ".!?;,\"”’'"
        )
        out.append(Block(start, end, heading))
    return out


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    index: int  # index into list(doc.sents)
    block: int


def sentences(doc: Doc, layout: list[Block] | None = None) -> list[Sentence]:
    """spaCy's sentences cut at paragraph breaks (the small model runs headings into the next line)."""
    layout = layout if layout is not None else blocks(doc.text)
    starts = [b.start for b in layout]
    out: list[Sentence] = []
    for i, s in enumerate(doc.sents):
        lo, hi = s.start_char, s.end_char
        k = max(0, bisect_right(starts, lo) - 1)
        while k < len(layout) and layout[k].start < hi:
            b = layout[k]
            a, z = max(lo, b.start), min(hi, b.end)
            seg = doc.text[a:z]
            a += len(seg) - len(seg.lstrip())
            z -= len(seg) - len(seg.rstrip())
            if z > a:
                out.append(Sentence(a, z, i, k))
            k += 1
    return out


def state_of(actor: Any) -> str:
    """A person or national body stands for its state; others for themselves."""
    if actor.kind == "state" or not getattr(actor, "country", None):
        return str(actor.id)
    return str(actor.country)


def actor_ids(doc: Doc, start: int, end: int) -> list[str]:
    """Ids of the actors mentioned in [start, end): states first (with people's states), then others."""
    states: list[str] = []
    others: list[str] = []
    for m in doc._.actor_mentions or []:
        if m.start < start or m.end > end:
            continue
        if m.actor.kind == "state" or m.actor.country:
            sid = state_of(m.actor)
            if sid not in states:
                states.append(sid)
        if m.actor.kind != "state" and m.actor.id not in others:
            others.append(m.actor.id)
    return states + [o for o in others if o not in states]


# --------------------------------------------------------------------------------------------------
# Extraction


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    term: _Term
    low: float
    high: float
    negated: bool


def _find_terms(text: str, base: int, lex: Lexicon, tok_at: Any) -> list[_Hit]:
    """Non-overlapping estimative phrases in a sentence (longest first), with negation applied."""
    raw: list[tuple[int, int, _Term]] = []
    for term in lex.terms:
        for m in term.pattern.finditer(text):
            raw.append((m.start(), m.end(), term))
    raw.sort(key=lambda r: (r[0], -(r[1] - r[0]), not r[2].icd))
    hits: list[_Hit] = []
    last_end = -1
    for s, e, term in raw:
        if s < last_end:
            continue
        if term.modal:
            tok = tok_at(base + s)
            if tok is None or tok.tag_ != "MD":
                continue
        last_end = e
        phrase = text[s:e]
        negated = term.negated
        if term.be_phrase and re.search(r"\bnot\b|n['’]t", phrase, re.I):
            negated = True
        if term.modal:
            after = re.match(r"\s+(?:not|never)\b", text[e:], re.I)
            if after:
                negated, e = True, e + after.end()
        if not term.negated and lex.negator.search(text[max(0, s - 40) : s]):
            neg = lex.negator.search(text[max(0, s - 40) : s])
            if neg is not None:
                negated, s = True, max(0, s - 40) + neg.start()
        low, high = term.low, term.high
        if negated and not term.negated:
            low, high = round(1 - term.high, 2), round(1 - term.low, 2)
        hits.append(_Hit(s, e, term, low, high, negated))
    return _merge_modals(text, hits, lex)


def _merge_modals(text: str, hits: list[_Hit], lex: Lexicon) -> list[_Hit]:
    """Join a modal to the ICD term right after it: "will likely" is one phrase, read as likely."""
    out: list[_Hit] = []
    for h in hits:
        m = lex.modal_prefix.search(text[max(0, h.start - 30) : h.start]) if h.term.icd and not h.negated else None
        if m is not None:
            start = max(0, h.start - 30) + m.start()
            while out and out[-1].end > start:  # the modal was found as a hedge of its own
                out.pop()
            h = _Hit(start, h.end, h.term, h.low, h.high, h.negated)
        out.append(h)
    return out


def _is_forecast(doc: Doc, hit: _Hit, sent_start: int, sent_end: int, lex: Lexicon, has_horizon: bool) -> bool:
    """Future markers near the phrase, a future-only phrase, "likely to <verb>", or a stated horizon."""
    if hit.term.future or has_horizon:
        return True
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return False
    sent = doc.char_span(sent_start, sent_end, alignment_mode="expand")
    lo = max(span.start - _WINDOW_BEFORE, sent.start if sent is not None else 0)
    hi = min(span.end + _WINDOW_AFTER, sent.end if sent is not None else len(doc))
    toks = list(doc[lo:hi])
    for i, t in enumerate(toks):
        low = t.lower_.replace("’", "'")
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if low in lex.future_words and (t.tag_ == "MD" or low not in {"will", "wo", "'ll", "shall"}):
            if low == "going" and (nxt is None or nxt.lower_ != "to"):
                continue
            if low in {"next", "coming", "future", "soon"} and t.i < span.start:
                continue
            return True
        if t.tag_ == "MD" and t.lemma_.lower() in lex.possibility_modals:
            rest = [x for x in toks[i + 1 :] if x.pos_ not in {"ADV", "PART"}]
            if rest and rest[0].lemma_ != "have":
                return True
    # "likely to stay", "expected to" (adjective + to + verb)
    after = doc[span.end : span.end + 2]
    return len(after) == 2 and after[0].lower_ == "to" and after[1].tag_ == "VB" and after[1].lemma_ != "have"


def _last_token(doc: Doc, hit: _Hit) -> Token | None:
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None


def _nested(tok: Token, earlier: list[Token]) -> bool:
    """True when `tok` sits in the clausal complement of an earlier estimative word.

    "it is likely that X will happen" is one claim (read as likely), not two.
    """
    for e in earlier:
        # the clause hangs off the estimative word itself, or off "be" in "it is likely that …"
        governors = {e.i} | ({e.head.i} if e.head.lemma_ == "be" and e.dep_ in {"acomp", "advmod"} else set())
        if any(anc.dep_ in {"ccomp", "csubj"} and anc.head.i in governors for anc in tok.ancestors):
            return True
    return False


def _horizon(doc: Doc, start: int, end: int, lex: Lexicon) -> Horizon | None:
    """The first stated horizon in [start, end), with its interval from an overlapping timex."""
    text = doc.text[start:end]
    found: list[tuple[int, int]] = []
    for rx in lex.horizons:
        found += [(m.start(), m.end()) for m in rx.finditer(text)]
    if not found:
        return None
    s, e = min(found, key=lambda f: (f[0], -f[1]))
    s, e = s + start, e + start
    vs = ve = None
    for x in doc._.timexes or []:
        if x.start < e and x.end > s:
            vs, ve = x.value_start, x.value_end
            if doc.text[s:e].lower().startswith("by "):
                vs = None
            break
    return Horizon(doc.text[s:e], s, e, vs, ve)


def _quoted_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Direct-quote spans: geobrief_quotes' when it ran, else paired quotation marks."""
    qs = doc._.quotes
    if qs is not None:
        return [(q.start, q.end) for q in qs if q.kind == "direct"]
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"“[^”]*”|\"[^\"\n]*\"|«[^»]*»", text):
        out.append((m.start(), m.end()))
    return out


def extract_claims(doc: Doc, lexicon: Lexicon | None = None) -> list[Claim]:
    """All claims in a parsed doc (actor mentions are read from ``doc._.actor_mentions`` if set)."""
    lex = lexicon or load_lexicon()
    text = doc.text
    layout = blocks(text)
    sents = sentences(doc, layout)
    char_tok = {t.idx: t for t in doc}

    def tok_at(char: int) -> Token | None:
        return char_tok.get(char)

    quoted = _quoted_spans(doc, text)
    claims: list[Claim] = []
    heading_blocks: set[int] = set()

    for k, b in enumerate(layout):
        if not b.heading:
            continue
        head = text[b.start : b.end].strip()
        if not any(rx.search(head) for rx in lex.scenario_headings):
            continue
        heading_blocks.add(k)
        end = b.end
        if k + 1 < len(layout) and not layout[k + 1].heading:
            end = layout[k + 1].end
        hits = _find_terms(head, b.start, lex, tok_at)
        for h in hits:
            h.start, h.end = h.start + b.start, h.end + b.start
        hit = next((h for h in hits if h.term.icd), hits[0] if hits else None)
        sent = next((s.index for s in sents if s.block == k), 0)
        claims.append(
            Claim(
                kind="scenario",
                text=text[b.start : end],
                start=b.start,
                end=end,
                estimative=text[hit.start : hit.end] if hit else None,
                probability_low=hit.low if hit else None,
                probability_high=hit.high if hit else None,
                actors=actor_ids(doc, b.start, end),
                horizon=_horizon(doc, b.start, end, lex),
                sentence=sent,
                negated=hit.negated if hit else False,
                estimative_start=hit.start if hit else None,
                estimative_end=hit.end if hit else None,
            )
        )

    for s in sents:
        if s.block in heading_blocks or layout[s.block].heading:
            continue
        stext = text[s.start : s.end]
        if stext.rstrip("”\"’' )").endswith("?"):
            continue  # questions are not claims
        hits = _find_terms(stext, s.start, lex, tok_at)
        seen: set[tuple[float, float]] = set()
        horizon = _horizon(doc, s.start, s.end, lex)
        kept: list[Token] = []
        for h in hits:
            h.start, h.end = h.start + s.start, h.end + s.start
            tok = _last_token(doc, h)
            if (h.low, h.high) in seen or (tok is not None and _nested(tok, kept)):
                continue
            if tok is not None:
                kept.append(tok)
            seen.add((h.low, h.high))
            forecast = _is_forecast(doc, h, s.start, s.end, lex, horizon is not None)
            claims.append(
                Claim(
                    kind="forecast" if forecast else "judgment",
                    text=stext,
                    start=s.start,
                    end=s.end,
                    estimative=text[h.start : h.end],
                    probability_low=h.low,
                    probability_high=h.high,
                    actors=actor_ids(doc, s.start, s.end),
                    horizon=horizon,
                    sentence=s.index,
                    quoted=any(a <= h.start < z for a, z in quoted),
                    negated=h.negated,
                    estimative_start=h.start,
                    estimative_end=h.end,
                )
            )
    claims.sort(key=lambda c: (c.start, c.estimative_start or c.start))
    return claims


class ClaimExtractor:
    """The spaCy component: sets ``doc._.claims``."""

    def __init__(self, nlp: Language, name: str = "geobrief_claims", lexicon_path: str | None = None) -> None:
        self.name = name
        self.lexicon = load_lexicon(lexicon_path)

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = extract_claims(doc, self.lexicon)
        return doc


@Language.factory(
    "geobrief_claims",
    default_config={"lexicon_path": None},
    assigns=["doc._.claims"],
    requires=["token.tag", "token.lemma"],
)
def make_claim_extractor(nlp: Language, name: str, lexicon_path: str | None) -> ClaimExtractor:
    """spaCy factory: ``nlp.add_pipe("geobrief_claims", last=True)``."""
    return ClaimExtractor(nlp, name=name, lexicon_path=lexicon_path)


def claims_to_dicts(claims: list[Claim]) -> list[dict[str, Any]]:
    """Plain dicts, for JSON output (dates as ISO strings)."""
    out = []
    for c in claims:
        d = {f: getattr(c, f) for f in Claim.__slots__}
        if c.horizon is not None:
            h = c.horizon
            d["horizon"] = {
                "text": h.text,
                "start": h.start,
                "end": h.end,
                "value_start": h.value_start.isoformat() if h.value_start else None,
                "value_end": h.value_end.isoformat() if h.value_end else None,
            }
        out.append(d)
    return out
