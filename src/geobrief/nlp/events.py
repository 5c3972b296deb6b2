"""Event coding: who did what to whom, when — in PLOVER types and CAMEO codes.

``geobrief_events`` runs after ``geobrief_quotes`` and reads spaCy's dependency parse, the actor linker's
mentions and the temporal tagger's expressions. A predicate is a verb or noun found in the lexicon
(knowledge/events/verbs.yaml); its code gives the CAMEO event, whose PLOVER type, mode, quad class and
Goldstein intensity come from knowledge/events/cameo.csv (built by scripts/build_event_tables.py).

Arguments come from the parse: ``nsubj``/``dobj``/``dative``/``pobj`` of the pattern's preposition, the
passive agent ("was invaded by"), a noun predicate's possessor, "by" phrase or adjectival actor ("Russia's
invasion of", "the North Korean invasion of", "an attack by Hamas on"), and for a noun that is the object
of a light verb ("joined sanctions against", "launched an invasion of") the light verb's subject.
Transparent verbs ("began supplying") pass their subject down; conjoined verbs share theirs.

Coordination: each of several sources (or targets) gets its own event. For the symmetric types (AGREE,
CONSULT, COOPERATE and the signing of agreements) with several sources and no target — "Russia and North
Korea signed a treaty" — each source is coded acting on each other one (RUS→PRK and PRK→RUS), which is how
the PLOVER GSR marks such compound actors (SRC/TAR).

Actors are resolved to the state level: a state is itself, a person or national body acts for its
``country``; an international organisation stays itself. Events need a source, and a target unless the
PLOVER manual says the type does not require a recipient (§3: only COOPERATE, AID and SANCTION do).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import permutations
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

DATA_DIR = Path(__file__).resolve().parents[1] / "knowledge" / "events"
LEXICON_PATH = DATA_DIR / "verbs.yaml"
CAMEO_PATH = DATA_DIR / "cameo.csv"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
REQUIRES_TARGET = frozenset({"COOPERATE", "AID", "SANCTION"})  # PLOVER manual §3.x "Requires recipient: Yes"
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
SYMMETRIC_CODES = frozenset({"057"})  # sign formal agreement: both parties sign
# Intent to cooperate is AGREE in PLOVER (§3.1): "Turkey will allow …", "France is ready to contribute …".
# A cooperative predicate under such a marker is coded as the matching CAMEO 03x intent.
INTENT_CODES = {"SUPPORT": "032", "CONSULT": "036", "COOPERATE": "031", "AID": "033", "CONCEDE": "035",
                "RETREAT": "035"}  # fmt: skip
_INTENT_AUX = frozenset({"will", "'ll", "shall", "would"})
_INTENT_ADJ = frozenset({"ready", "prepared", "willing", "set", "eager"})
# The predicate's target preposition, when the pattern names none (tried in this order).
_DEFAULT_TARGET_PREPS = ("to", "against", "on", "with", "into", "toward", "towards", "at", "upon", "over")
_PREPS = frozenset({*_DEFAULT_TARGET_PREPS, "of", "from", "for", "in", "by", "about"})
_ARTICLES = frozenset({"a", "an", "the"})
_CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"})
_SUBJ = ("nsubj", "csubj")
# Head nouns through which an actor is reached: "officials of X", "thousands of X", "groups in X".
_FOLLOW_PREPS = frozenset({"of", "from", "in"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None, force=True)


# --------------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code with what the event needs from it (cameo.csv)."""

    code: str
    name: str
    root: str
    goldstein: float | None
    quad_class: int
    plover_type: str
    plover_mode: str
    plover_context: str


@lru_cache(maxsize=4)
def load_cameo(path: str | None = None) -> dict[str, CameoCode]:
    """CAMEO code → `CameoCode`, from the committed table."""
    out: dict[str, CameoCode] = {}
    with Path(path or CAMEO_PATH).open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out[r["code"]] = CameoCode(
                r["code"],
                r["name"],
                r["root"],
                float(r["goldstein"]) if r["goldstein"] else None,
                int(r["quad_class"]),
                r["plover_type"],
                r["plover_mode"],
                r["plover_context"],
            )
    return out


@dataclass(frozen=True, slots=True)
class Pattern:
    """One lexicon entry: ``head [words…] [prep]`` → CAMEO code (and an optional PLOVER override)."""

    text: str
    pos: str  # verb | noun
    head: str
    words: tuple[str, ...]  # further lemmas that must appear in the predicate's clause
    prep: str | None  # preposition introducing the target
    cameo: str
    plover: str | None = None

    @property
    def specificity(self) -> int:
        return len(self.words) * 2 + (self.prep is not None)


@dataclass
class Lexicon:
    version: int
    verbs: dict[str, list[Pattern]]
    nouns: dict[str, list[Pattern]]
    transparent: frozenset[str]
    report_verbs: frozenset[str]
    deny_verbs: frozenset[str]
    hedge_words: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    denial_words: frozenset[str]
    light_verbs: frozenset[str]  # "joined [sanctions]": the noun is the event, the verb's subject its actor


def _pattern(text: str, value: Any, pos: str) -> Pattern:
    if isinstance(value, dict):
        code, plover = str(value["cameo"]), value.get("type")
    else:
        code, plover = str(value), None
    words = [w for w in text.lower().split() if w not in _ARTICLES]
    prep = words.pop() if len(words) > 1 and words[-1] in _PREPS else None
    return Pattern(text, pos, words[0], tuple(words[1:]), prep, code, plover)


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The verb/noun lexicon; unknown CAMEO codes are an error (caught by the tests)."""
    data = yaml.safe_load(Path(path or LEXICON_PATH).read_text(encoding="utf-8"))
    tables: dict[str, dict[str, list[Pattern]]] = {"verbs": {}, "nouns": {}}
    for section, pos in (("verbs", "verb"), ("nouns", "noun")):
        for text, value in (data.get(section) or {}).items():
            p = _pattern(str(text), value, pos)
            tables[section].setdefault(p.head, []).append(p)
    for pats in (*tables["verbs"].values(), *tables["nouns"].values()):
        pats.sort(key=lambda p: -p.specificity)

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or [])

    return Lexicon(
        int(data.get("version", 1)),
        tables["verbs"],
        tables["nouns"],
        words("transparent"),
        words("report_verbs"),
        words("deny_verbs"),
        words("hedge_words"),
        words("hypothetical_aux"),
        words("hypothetical_marks"),
        words("denial_words"),
        words("light_verbs"),
    )


# --------------------------------------------------------------------------------------------------
# The event


@dataclass
class Event:
    """One coded event; ``doc.text[start:end]`` is the clause that evidences it."""

    type: str  # one of PLOVER_TYPES
    mode: str
    cameo: str
    cameo_root: str
    quad_class: int
    intensity: float | None  # Goldstein score of the CAMEO code
    source: str | None  # state-level actor ids
    target: str | None
    source_actor: str | None  # the actor ids as mentioned (a person, a ministry…)
    target_actor: str | None
    trigger: str
    start: int
    end: int
    sentence: int
    when: dict[str, Any]  # {start, end, precision, text, basis}; basis = expression|narrative|publication
    where: str | None = None
    modality: str = "asserted"  # asserted | reported | hedged | hypothetical | negated | denied
    reported_by: str | None = None
    pattern: str = ""  # the lexicon entry that fired
    trigger_start: int = -1
    depth: int = 0  # the predicate's distance from the sentence root (main events are shallow)
    extras: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("start", "end"):
            if isinstance(d["when"].get(k), dt.date):
                d["when"][k] = d["when"][k].isoformat()
        return d


# --------------------------------------------------------------------------------------------------
# Actors on tokens


@dataclass(frozen=True, slots=True)
class _Arg:
    actor_id: str  # the actor as mentioned
    state: str  # the state-level id
    token: int


def state_of(actor: Any) -> str | None:
    """The state-level id an actor acts for: states are themselves, people and national bodies their country.

    International organisations stay themselves; a place without a country, or a person without one, is no actor.
    """
    if actor.kind == "state":
        return actor.id
    if actor.country:
        return actor.country
    if actor.kind in ("organization", "organisation", "group", "igo", "ngo"):
        return actor.id
    return None


class _Ctx:
    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.by_token: dict[int, Any] = {}
        for m in doc._.actor_mentions or []:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.by_token.setdefault(t.i, m)
        self.sents = list(doc.sents)
        self.sent_of_token = {}
        for k, s in enumerate(self.sents):
            for t in s:
                self.sent_of_token[t.i] = k

    def mention_arg(self, tok: Token) -> _Arg | None:
        m = self.by_token.get(tok.i)
        if m is None:
            return None
        state = state_of(m.actor)
        return _Arg(m.actor.id, state, tok.i) if state else None

    def actor_of(self, tok: Token, depth: int = 0) -> _Arg | None:
        """The actor a noun phrase headed by `tok` denotes: the head itself, its modifiers, or "X of/in Y"."""
        arg = self.mention_arg(tok)
        if arg or depth > 2:
            return arg
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss", "appos", "npadvmod"):
                arg = self.mention_arg(c) or (self.actor_of(c, depth + 1) if c.dep_ in ("compound", "appos") else None)
                if arg:
                    return arg
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _FOLLOW_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj":
                        arg = self.actor_of(p, depth + 1)
                        if arg:
                            return arg
        return None

    def actors(self, tok: Token | None) -> list[_Arg]:
        """The actors of a noun phrase and its conjuncts ("Russia and North Korea", "Hungarian and Romanian …")."""
        if tok is None:
            return []
        if tok.pos_ == "PRON" and tok.lower_ in _PRONOUNS:
            tok = self.antecedent(tok) or tok
        out: list[_Arg] = []
        for t in (tok, *tok.conjuncts):
            a = self.actor_of(t)
            if a is None:
                continue
            group = [a]
            mod = t.doc[a.token]
            if a.token != t.i and mod.dep_ in ("amod", "compound", "nmod") and mod.head.i == t.i:
                group += [b for c in mod.conjuncts if (b := self.mention_arg(c))]
            for b in group:
                if all(b.actor_id != x.actor_id for x in out):
                    out.append(b)
        return out

    def antecedent(self, pron: Token) -> Token | None:
        """A subject pronoun's antecedent: the actor subject of a governing verb ("Moscow denied that it …"),
        else the last actor subject earlier in the sentence or the one before."""
        h = pron.head
        for _ in range(4):
            if h.dep_ in ("ccomp", "xcomp", "advcl", "conj", "parataxis") and h.head != h:
                h = h.head
                s = _child(h, *_SUBJ)
                if s is not None and s.pos_ != "PRON" and self.actor_of(s):
                    return s
            else:
                break
        k = self.sent_of_token.get(pron.i, 0)
        lo = self.sents[max(0, k - 1)].start
        for t in reversed(self.doc[lo : pron.i]):
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON" and self.actor_of(t):
                return t
        return None


# --------------------------------------------------------------------------------------------------
# Predicates and their arguments


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _pobj(tok: Token, prep: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ == prep:
            p = _child(c, "pobj")
            if p is not None:
                return p
    return None


def _clause(tok: Token) -> list[Token]:
    """The predicate's own clause: its subtree without embedded clauses."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSAL or t != tok or c.pos_ not in ("VERB", "AUX"))
    return sorted(out, key=lambda t: t.i)


def _bag(tok: Token) -> set[str]:
    """Lemmas near a verb that may complete a multiword pattern (objects, particles, prepositions' objects)."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "conj", "nsubj", "nsubjpass", "csubj", "cc", "punct"):
            continue
        for t in c.subtree:
            if t.i - c.i > 6 or t.i < c.i - 3:
                continue
            out.add(t.lemma_.lower())
            out.add(t.lower_)
    return out


def _match(pats: list[Pattern], tok: Token, bag: set[str]) -> Pattern | None:
    preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "dative", "agent", "prt")}
    for c in tok.children:
        if c.dep_ in ("dobj", "attr"):
            preps |= {g.lower_ for g in c.children if g.dep_ == "prep"}
    for p in pats:  # most specific first
        if any(w not in bag for w in p.words):
            continue
        if p.prep and p.prep not in preps:
            continue
        return p
    return None


def _subject(tok: Token, lex: Lexicon) -> tuple[Token | None, bool]:
    """(subject token, passive?) — inherited through xcomp, conjunction and transparent verbs."""
    seen = 0
    t = tok
    while t is not None and seen < 6:
        seen += 1
        s = _child(t, *_SUBJ)
        if s is not None:
            return s, False
        sp = _child(t, "nsubjpass")
        if sp is not None:
            return (sp, True) if t == tok else (sp, False)
        if t.dep_ in ("xcomp", "conj", "pcomp") or (t.dep_ == "advcl" and t.tag_ == "VBG"):
            t = t.head
            continue
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):  # "troops sent to X": the noun is the doer
            return t.head, t.tag_ == "VBN"
        break
    return None, False


def _light_verb(noun: Token) -> Token | None:
    """The verb whose object the noun predicate is: "joined [sanctions]", "launched [an attack]", "paid [a visit]"."""
    h = noun.head
    if noun.dep_ in ("dobj", "attr") and h.pos_ in ("VERB", "AUX"):
        return h
    if noun.dep_ == "pobj" and h.head.pos_ == "VERB" and h.lower_ in ("in", "into"):  # "took part in talks"
        return h.head
    return None


@dataclass
class _Pred:
    tok: Token
    pat: Pattern
    sources: list[_Arg]
    targets: list[_Arg]
    clause: list[Token]
    anchor: Token  # the verb whose modality and clause the event shares


class EventExtractor:
    """Finds the events in one parsed, actor-linked document."""

    def __init__(self, lexicon: Lexicon | None = None, cameo: dict[str, CameoCode] | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.cameo = cameo or load_cameo()

    # -- predicates ------------------------------------------------------------------------------

    def predicates(self, doc: Doc) -> list[_Pred]:
        ctx = _Ctx(doc, self.lex)
        preds: list[_Pred] = []
        absorbed: set[int] = set()  # nouns already coded by their light verb's pattern ("imposed sanctions")
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") and lemma in self.lex.verbs:
                pat = _match(self.lex.verbs[lemma], tok, _bag(tok))
                if pat is None:
                    continue
                for c in tok.children:
                    if c.dep_ in ("dobj", "attr") and c.lemma_.lower() in pat.words:
                        absorbed.add(c.i)
                preds.append(self._verb(ctx, tok, pat))
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.i in absorbed or tok.pos_ not in ("NOUN", "PROPN") or lemma not in self.lex.nouns:
                continue
            if ctx.by_token.get(tok.i) is not None:  # part of a name ("the Paris Agreement")
                continue
            pat = _match(self.lex.nouns[lemma], tok, set())
            if pat is not None:
                preds.append(self._noun(ctx, tok, pat))
        return preds

    def _verb(self, ctx: _Ctx, tok: Token, pat: Pattern) -> _Pred:
        subj, passive = _subject(tok, self.lex)
        agent = None
        passive = passive or any(c.dep_ == "auxpass" for c in tok.children)
        if passive:
            ag = _child(tok, "agent")
            agent = _child(ag, "pobj") if ag is not None else None
        if passive:
            sources = ctx.actors(agent)
            targets = ctx.actors(subj) if subj is not None and subj.head == tok else []
        else:
            sources = ctx.actors(subj)
            targets = self._verb_targets(ctx, tok, pat)
        return _Pred(tok, pat, sources, targets, _clause(tok), tok)

    def _verb_targets(self, ctx: _Ctx, tok: Token, pat: Pattern) -> list[_Arg]:
        dobj = _child(tok, "dobj")
        if pat.prep:
            for host in (tok, dobj):
                if host is not None and (p := _pobj(host, pat.prep)) is not None and (found := ctx.actors(p)):
                    return found
        for cand in (dobj, _child(tok, "dative")):
            found = ctx.actors(cand)
            if found:
                return found
        if dobj is not None and dobj.lemma_.lower() in pat.words:  # "imposed sanctions against X"
            for prep in _DEFAULT_TARGET_PREPS:
                if (p := _pobj(dobj, prep)) is not None and (found := ctx.actors(p)):
                    return found
        for prep in _DEFAULT_TARGET_PREPS:
            if (p := _pobj(tok, prep)) is not None and (found := ctx.actors(p)):
                return found
        return []

    def _noun(self, ctx: _Ctx, tok: Token, pat: Pattern) -> _Pred:
        targets: list[_Arg] = []
        preps = (pat.prep,) if pat.prep else ("of", *_DEFAULT_TARGET_PREPS)
        for prep in preps:
            if (p := _pobj(tok, prep)) is not None and (targets := ctx.actors(p)):
                break
        taken = {a.token for a in targets}
        sources: list[_Arg] = []
        poss = _child(tok, "poss")
        by = _pobj(tok, "by")
        if poss is not None:
            sources = ctx.actors(poss)
        if not sources and by is not None:
            sources = ctx.actors(by)
        if not sources:
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod") and c.i not in taken:
                    sources = [a for t in (c, *c.conjuncts) if (a := ctx.mention_arg(t))]
                    if sources:
                        break
        verb = _light_verb(tok)
        anchor = tok
        if verb is not None:
            anchor = verb
            if not sources and verb.lemma_.lower() in self.lex.light_verbs:
                subj, passive = _subject(verb, self.lex)
                if not passive:
                    sources = ctx.actors(subj)
            if not targets:  # "imposed sanctions on X" with "on X" attached to the verb
                for prep in preps:
                    if (p := _pobj(verb, prep)) is not None and (targets := ctx.actors(p)):
                        break
        clause = _clause(anchor) if anchor != tok else sorted(tok.subtree, key=lambda t: t.i)
        return _Pred(tok, pat, sources, targets, clause, anchor)

    # -- events ----------------------------------------------------------------------------------

    def __call__(self, doc: Doc, require_actors: bool = True) -> list[Event]:
        events: list[Event] = []
        for pred in self.predicates(doc):
            code = self.cameo.get(pred.pat.cameo)
            if code is None:
                continue
            ptype = pred.pat.plover or code.plover_type
            if ptype in INTENT_CODES and _intent(pred.anchor) and INTENT_CODES[ptype] in self.cameo:
                code = self.cameo[INTENT_CODES[ptype]]
                ptype = code.plover_type
            if ptype not in PLOVER_TYPES:
                continue
            pairs = self._pairs(pred, ptype, code.code)
            if not pairs:
                if require_actors:
                    continue
                pairs = [(None, None)]
            modality, reporter = self._modality(pred)
            start, end = pred.clause[0].idx, pred.clause[-1].idx + len(pred.clause[-1].text)
            when = self._when(doc, pred, start, end)
            where = self._where(doc, pred, {a.token for pair in pairs for a in pair if a})
            sent = pred.tok.sent
            depth = 0
            t = pred.anchor
            while t.head != t and depth < 50:
                t, depth = t.head, depth + 1
            for src, tgt in pairs:
                events.append(
                    Event(
                        type=ptype,
                        mode=code.plover_mode,
                        cameo=code.code,
                        cameo_root=code.root,
                        quad_class=code.quad_class,
                        intensity=code.goldstein,
                        source=src.state if src else None,
                        target=tgt.state if tgt else None,
                        source_actor=src.actor_id if src else None,
                        target_actor=tgt.actor_id if tgt else None,
                        trigger=pred.tok.text,
                        start=start,
                        end=end,
                        sentence=_sent_index(doc, sent),
                        when=when,
                        where=where,
                        modality=modality,
                        reported_by=reporter,
                        pattern=pred.pat.text,
                        trigger_start=pred.tok.idx,
                        depth=depth,
                    )
                )
        events.sort(key=lambda e: (e.sentence, e.trigger_start))
        return events

    @staticmethod
    def _pairs(pred: _Pred, ptype: str, code: str) -> list[tuple[_Arg | None, _Arg | None]]:
        srcs = pred.sources
        tgts = [t for t in pred.targets if all(t.actor_id != s.actor_id for s in srcs)]
        if not srcs:
            return []
        if not tgts:
            if len(srcs) > 1 and (ptype in SYMMETRIC or code in SYMMETRIC_CODES):
                return list(permutations(srcs, 2))
            if ptype in REQUIRES_TARGET:
                return []
            return [(s, None) for s in srcs]
        return [(s, t) for s in srcs for t in tgts]

    # -- modality, time, place -------------------------------------------------------------------

    def _modality(self, pred: _Pred) -> tuple[str, str | None]:
        """The strongest qualifier on the predicate: denied > negated > hypothetical > hedged > reported."""
        lex = self.lex
        chain: list[Token] = [pred.tok]
        if pred.anchor != pred.tok:
            chain.append(pred.anchor)
        t = chain[-1]
        while t.dep_ in ("xcomp", "conj") and t.head != t:  # "did not begin supplying", "refused to …"
            t = t.head
            chain.append(t)
        kids = [c for h in chain for c in h.children]
        sent = pred.tok.sent
        lemmas = {w.lemma_.lower() for w in sent}
        # reported / denied: the clause is the complement of a speech or denial verb
        outer: Token | None = None
        h = chain[-1]
        for _ in range(4):
            if h.dep_ in ("ccomp", "xcomp", "parataxis", "advcl") and h.head != h:
                h = h.head
                if h.lemma_.lower() in lex.report_verbs | lex.deny_verbs:
                    outer = h
                    break
            else:
                break
        if (outer is not None and outer.lemma_.lower() in lex.deny_verbs) or (
            lemmas & lex.denial_words and lemmas & {"rumour", "rumor", "report", "claim", "allegation", "speculation"}
        ):
            return "denied", None
        if pred.tok.lemma_.lower() in lex.deny_verbs:
            return "denied", None
        if any(c.dep_ == "neg" for c in kids):
            return "negated", None
        if any(c.dep_ == "aux" and c.lower_ in lex.hypothetical_aux for c in kids) or any(
            c.dep_ == "mark" and c.lower_ in lex.hypothetical_marks for c in kids
        ):
            return "hypothetical", None
        if any(c.lower_ in lex.hedge_words for c in kids) or (
            outer is not None and any(c.dep_ in ("nsubjpass", "auxpass") for c in outer.children)
        ):
            return "hedged", None
        if outer is not None and outer.lemma_.lower() in lex.report_verbs:
            subj = _child(outer, "nsubj")
            if subj is not None:
                return "reported", _span_text(subj)
            return "reported", None
        for tok in sent:  # "according to U.S. officials"
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
                obj = _child(tok.nbor(1), "pobj")
                return "reported", _span_text(obj) if obj is not None else None
        return "asserted", None

    def _when(self, doc: Doc, pred: _Pred, start: int, end: int) -> dict[str, Any]:
        clause_idx = {t.idx for t in pred.clause}
        best = None
        for x in doc._.timexes or []:
            if x.start < start or x.end > end:
                continue
            first = doc.char_span(x.start, x.end, alignment_mode="expand")
            if first is None or not any(t.idx in clause_idx for t in first):
                continue
            dist = abs(x.start - pred.tok.idx)
            if best is None or dist < best[0]:
                best = (dist, x)
        if best is not None:
            x = best[1]
            return {"start": x.value_start, "end": x.value_end, "precision": x.precision, "text": x.text,
                    "basis": "expression"}  # fmt: skip
        k = _sent_index(doc, pred.tok.sent)
        times = doc._.sentence_times or []
        if k < len(times) and times[k] is not None:
            s, e, p = times[k]
            return {"start": s, "end": e, "precision": p, "text": None, "basis": "narrative"}
        pub = doc.user_data.get("published")
        if isinstance(pub, str):
            try:
                pub = dt.date.fromisoformat(pub)
            except ValueError:
                pub = None
        return {"start": pub, "end": pub, "precision": "day" if pub else None, "text": None, "basis": "publication"}

    def _where(self, doc: Doc, pred: _Pred, used: set[int]) -> str | None:
        """A place named in the clause after "in"/"at" ("in Pyongyang"), as its actor id or its text."""
        heads = {pred.tok.i, pred.anchor.i}
        for t in pred.clause:
            if t.dep_ != "pobj" or t.head.lower_ not in ("in", "at") or t.head.head.i not in heads or t.i in used:
                continue
            for m in doc._.actor_mentions or []:
                if m.start <= t.idx < m.end and m.actor.kind in ("place", "state"):
                    return m.actor.id
            if t.ent_type_ in ("GPE", "LOC", "FAC"):
                return _span_text(t)
        return None


def _intent(verb: Token) -> bool:
    """Future or readiness, not fact: "will allow", "would provide", "is ready to contribute"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _INTENT_AUX for c in verb.children):
        return True
    h = verb.head
    return verb.dep_ == "xcomp" and h.lemma_.lower() in _INTENT_ADJ


def _span_text(tok: Token) -> str:
    toks = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl", "punct") or t == tok]
    return tok.doc[toks[0].i : toks[-1].i + 1].text if toks else tok.text


def _sent_index(doc: Doc, sent: Any) -> int:
    return sum(1 for s in doc.sents if s.start < sent.start)


def extract_events(doc: Doc, require_actors: bool = True) -> list[Event]:
    """The events in a parsed doc that has been through the actor linker (and the timex tagger)."""
    return _default_extractor()(doc, require_actors=require_actors)


@lru_cache(maxsize=1)
def _default_extractor() -> EventExtractor:
    return EventExtractor()


def main_event(events: list[Event]) -> Event | None:
    """The sentence's main event: the predicate closest to the root, then the first."""
    return min(events, key=lambda e: (e.depth, e.trigger_start)) if events else None


class EventComponent:
    """spaCy component: sets ``doc._.events``."""

    def __init__(self, name: str = "geobrief_events", lexicon_path: str | None = None) -> None:
        self.name = name
        self.extractor = EventExtractor(load_lexicon(lexicon_path))

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.extractor(doc)
        return doc


@Language.factory(
    "geobrief_events",
    default_config={"lexicon_path": None},
    assigns=["doc._.events"],
    requires=["token.dep", "token.lemma"],
)
def make_event_extractor(nlp: Language, name: str, lexicon_path: str | None) -> EventComponent:
    """spaCy factory: ``nlp.add_pipe("geobrief_events", after="geobrief_quotes")`` (or last)."""
    return EventComponent(name=name, lexicon_path=lexicon_path)


__all__ = [
    "PLOVER_TYPES",
    "CameoCode",
    "Event",
    "EventComponent",
    "EventExtractor",
    "Lexicon",
    "Pattern",
    "extract_events",
    "load_cameo",
    "load_lexicon",
    "main_event",
    "state_of",
]
