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
    negated_band: tuple[float, float] | None = None  # "could not": the band when negated, else the complement
    to_verb: bool = False  # "be set to", "appears to": only before a verb ("bound to Pyongyang" is none)


@dataclass(frozen=True)
class Scope:
    """Word lists for the syntactic scope of hedges (``scope`` in ``estimative.yaml``, documented there)."""

    reporting_verbs: frozenset[str] = frozenset()
    intent_verbs: frozenset[str] = frozenset()
    relative_heads_kept: frozenset[str] = frozenset()
    protasis_marks: frozenset[str] = frozenset()
    question_words: frozenset[str] = frozenset()
    own_side_subjects: frozenset[str] = frozenset()
    negative_subjects: frozenset[str] = frozenset()
    negative_determiners: frozenset[str] = frozenset()
    official_modals: frozenset[str] = frozenset()
    past_modals: frozenset[str] = frozenset()
    threat_verbs: frozenset[str] = frozenset()
    resolve_adverbs: frozenset[str] = frozenset()
    chance_only_terms: frozenset[str] = frozenset()
    chance_nouns: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, data: dict[str, list[str]] | None) -> Scope:
        data = data or {}
        return cls(**{f: frozenset(str(w).lower() for w in data.get(f, [])) for f in cls.__dataclass_fields__})


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
    scope: Scope = field(default_factory=Scope)


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
                negated_band=(float(h["negated_band"][0]), float(h["negated_band"][1]))
                if h.get("negated_band")
                else None,
                to_verb=h["phrase"].endswith(" to"),
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
        scope=Scope.from_data(data.get("scope")),
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
            low, high = term.negated_band or (round(1 - term.high, 2), round(1 - term.low, 2))
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


_CLAUSE_POS = {"VERB", "AUX"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl"}


def _clause_verb(span: Any) -> Token:
    """The verb whose clause a hedge qualifies: the head of a modal or adverb, else the hedge's own verb."""
    root = span.root
    if root.tag_ == "MD" or root.dep_ in {"aux", "auxpass", "advmod", "neg"} or root.pos_ not in _CLAUSE_POS:
        return root.head
    return root


def _chain(v: Token) -> list[Token]:
    """`v` and the heads above it, up to the sentence root."""
    out = [v]
    while v.head.i != v.i:
        v = v.head
        out.append(v)
    return out


def _subject(v: Token) -> Token | None:
    """The subject of `v`'s clause; a conjoined verb without one shares its first conjunct's."""
    while True:
        subj = next((c for c in v.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is not None or v.dep_ != "conj" or v.head.i == v.i:
            return subj
        v = v.head


def _negative_subject(subj: Token | None, sc: Scope) -> bool:
    """ "no government", "nobody", "neither side": a subject that negates its verb."""
    if subj is None:
        return False
    if subj.lower_ in sc.negative_subjects:
        return True
    return any(c.dep_ == "det" and c.lower_ in sc.negative_determiners for c in subj.children)


def _wh_clause(e: Token, sc: Scope) -> bool:
    """A clause opened by a wh-word (free relative or indirect question), or by "whether"."""
    for c in e.children:
        if c.lower_ in sc.question_words and (c.tag_ in {"WP", "WDT", "WRB", "WP$"} or c.dep_ == "mark"):
            return True
        if c.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "npadvmod"} and any(
            g.dep_ == "det" and g.tag_ == "WDT" and g.lower_ in sc.question_words for g in c.children
        ):
            return True  # "what consequences this might have"
    return False


def _descriptive_relative(e: Token, hit: _Hit, sc: Scope) -> bool:
    """A relative clause that describes its noun rather than estimates: restrictive, and either relativising an
    object ("a condition Tokyo could accept", "which it could apply") or denying ("a partner that will not
    buckle", "defences it could never test"). A subject relative with a plain modal may forecast ("a thaw that
    could take years"); a non-restrictive one (", which could …") asserts a proposition of its own, as does a
    clause on a noun of `relative_heads_kept` ("the reasons it could break") or a noun complement ("fears
    that …")."""
    if e.head.lemma_.lower() in sc.relative_heads_kept:
        return False
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in e.children):
        return False
    first = e.left_edge
    if first.i > 0 and first.nbor(-1).text in {",", "(", "—", "–"}:
        return False  # ", which could …", ", after which they will …"
    subj = next((c for c in e.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    subject_relative = subj is None or subj.tag_ in {"WDT", "WP"}
    return hit.negated or not subject_relative


def _official(actor: Any) -> bool:
    """A state or body, or a person the dictionary places in a country: one who speaks for a side."""
    if actor is None:
        return False
    return actor.kind in {"state", "organization"} or (actor.kind == "person" and bool(getattr(actor, "country", None)))


def _speaker_of(doc: Doc, start: int, chain: list[Token], sc: Scope) -> Any:
    """The actor whose speech holds the phrase at `start`: a quote's speaker, or a reporting verb's subject."""
    actors = doc._.actors or {}
    for q in doc._.quotes or []:
        inside = q.speaker_start is not None and q.start <= q.speaker_start < q.end  # a quote holds no speaker
        if q.start <= start < q.end and q.speaker_actor_id and not inside:
            return actors.get(q.speaker_actor_id)
    for e in chain[1:]:
        if e.pos_ in _CLAUSE_POS and e.lemma_.lower() in sc.reporting_verbs:
            subj = _subject(e)
            if subj is None:
                return None
            lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
            inside = [m for m in doc._.actor_mentions or [] if lo <= m.start and m.end <= hi]
            # the subject's own name first ("Jaishankar, India's minister"), else its state ("Turkey's president")
            own = [m for m in inside if m.start <= subj.idx < m.end]
            found = own or inside
            return found[0].actor if found else None
    return None


def _own_side(doc: Doc, v: Token, speaker: Any, sc: Scope, possibility: bool) -> bool:
    """The clause speaks of the speaker's own side, or threatens, not of what others will do.

    For a possibility modal ("could") only a denial counts: "no force could stop us"."""
    subj = _subject(v)
    if possibility:
        return _negative_subject(subj, sc)
    if v.lemma_.lower() in sc.threat_verbs or any(
        c.dep_ in {"advmod", "neg"} and c.lower_ in sc.resolve_adverbs for c in v.children
    ):
        return True  # "it will pay for it", "it will definitely be realized"
    if subj is None:
        return False
    if subj.lower_ in sc.own_side_subjects or _negative_subject(subj, sc):
        return True
    if any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in subj.children):
        return True  # "his country will never give up …"
    side = state_of(speaker)
    lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
    return any(lo <= m.start and m.end <= hi and state_of(m.actor) == side for m in doc._.actor_mentions or [])


def _past(e: Token) -> bool:
    """A verb in the past, or a conditional or past perfect one ("would build", "had hoped")."""
    return e.tag_ == "VBD" or any(c.dep_ == "aux" and c.lower_ in {"would", "had"} for c in e.children)


def _governor(chain: list[Token], sc: Scope) -> int | None:
    """Where the clause is reported or decided: the first verb above it that says, thinks, shows or decides it
    (or takes it as its complement); None when the clause is the writer's own."""
    for i in range(1, len(chain)):
        e, below = chain[i], chain[i - 1]
        if e.pos_ not in _CLAUSE_POS or below.dep_ == "conj":
            continue
        lemma = e.lemma_.lower()
        if lemma in sc.reporting_verbs or lemma in sc.intent_verbs or below.dep_ == "ccomp":
            return i
    return None


def _not_an_estimate(doc: Doc, hit: _Hit, lex: Lexicon) -> str | None:
    """Why the phrase at `hit` is no estimate (None when it is one): see ``scope`` in ``estimative.yaml``.

    ICD 203 words estimate wherever they stand (the reported "was likely" included); hedges are modal
    verbs and verbs of seeming whose reading depends on the clause they sit in.
    """
    sc = lex.scope
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    end = next((t for t in doc[span.end : span.sent.end] if t.text in {".", "!", "?", ";"}), None)
    if end is not None and end.text == "?":
        return "question"  # '"Will Seoul blink?" he asked.'
    if hit.term.icd:
        word = span[-1]
        if word.lower_ in sc.chance_only_terms and (
            (word.dep_ == "amod" and word.head.lemma_.lower() not in sc.chance_nouns)
            or (word.dep_ == "advmod" and word.head.tag_ == "VBN")
        ):
            return "not about a chance"
        return None
    if hit.term.to_verb:
        nxt = next((t for t in doc[span.end : span.end + 4] if t.pos_ not in {"ADV", "PART"}), None)
        if nxt is None or (nxt.tag_ != "VB" and nxt.pos_ not in _CLAUSE_POS):
            return "not before a verb"  # "bound to Pyongyang"; "expected to further tighten" is one
    v = _clause_verb(span)
    chain = _chain(v)
    modal = next((t for t in span if t.tag_ == "MD"), None)
    backshifted = modal is not None and modal.lower_ in sc.past_modals
    g = _governor(chain, sc)
    for i, e in enumerate(chain if g is None else chain[:g]):
        if e.dep_ == "relcl":
            if _descriptive_relative(e, hit, sc):
                return "relative clause"
        elif e.dep_ not in {"csubj", "ROOT"} and _wh_clause(e, sc):
            return "free relative or indirect question"
        if i and chain[i - 1].dep_ == "conj":
            continue  # a coordinated clause has its own marks, tense and governor
        if any(c.dep_ == "mark" and c.lower_ in sc.protasis_marks for c in e.children):
            return "conditional protasis or indirect question"
        if i and g is None and backshifted and e.pos_ in _CLAUSE_POS and _past(e):
            return "past narrative"
    if g is not None and chain[g].lemma_.lower() in sc.intent_verbs and modal is not None and not backshifted:
        return "statement of intent"
    if modal is None and span[0].tag_ == "VBD" and g is None:
        return "past narrative"  # "seemed", "appeared to"
    if modal is not None and modal.lower_.replace("’", "'") in sc.official_modals:
        speaker = _speaker_of(doc, hit.start, chain, sc)
        if _official(speaker) and _own_side(doc, v, speaker, sc, backshifted):
            return "resolve, intent or threat of an official"
    return None


def _negate_by_subject(doc: Doc, hit: _Hit, lex: Lexicon) -> None:
    """ "no government will sign": a negated subject negates the modal, as "will not" would."""
    if not hit.term.modal or hit.negated:
        return
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None or not len(span) or not _negative_subject(_subject(_clause_verb(span)), lex.scope):
        return
    hit.negated = True
    hit.low, hit.high = hit.term.negated_band or (round(1 - hit.term.high, 2), round(1 - hit.term.low, 2))


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
            if _not_an_estimate(doc, h, lex) is not None:
                continue
            _negate_by_subject(doc, h, lex)
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
