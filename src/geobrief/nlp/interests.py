"""What actors want: "X wants / seeks / is interested in Y (from Z)", "Z can provide Y (to X)", needs lists.

``geobrief_interests`` runs after ``geobrief_actor_linker`` and sets ``doc._.interests``: a list of
`Interest` in document order, ``doc.text[i.start:i.end] == i.text`` (the sentence). Actors are read
as states first: a leader or national body stands for its state, so "Kim is interested in …" is PRK's
interest. Under a needs heading ("North Korean needs", "Russian requests") the heading's actor is the
one who wants, up to the next heading.

Rules over spaCy's dependency parse; the cue words are data (``knowledge/interest_verbs.yaml``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

from geobrief.nlp.claims import Sentence, blocks, sentences, state_of

LEXICON_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "interest_verbs.yaml"

if not Doc.has_extension("interests"):
    Doc.set_extension("interests", default=None, force=True)

_ANAPHOR_CHARS = 400  # how far back an anaphoric subject looks for its actor
_SUBJ = {"nsubj", "nsubjpass"}
_CUT_DEPS = {"relcl", "acl", "advcl", "appos"}
_LEAD_DROP = {"the", "a", "an", "some", "any"}
_SUFFIXES = (("ies", "y"), ("es", ""), ("es", "e"), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))
_NOT_WANTS = {"PRP", "WP", "WDT", "EX"}  # pronouns and wh-words are no answer to "wants what"


@dataclass(slots=True)
class Interest:
    """``actor`` wants ``wants`` (from ``from_actor``); ``text`` is the sentence it is stated in."""

    actor: str
    wants: str
    from_actor: str | None
    text: str
    start: int
    end: int
    sentence: int
    cue: str = ""  # the lemma that signalled it ("seek", "interested", "provide", "section:accept")
    wants_start: int = 0
    wants_end: int = 0


@dataclass(frozen=True)
class InterestLexicon:
    version: int
    want_verbs: frozenset[str]
    want_phrasal: dict[str, frozenset[str]]
    want_adjectives: dict[str, frozenset[str]]
    want_xcomp: frozenset[str]
    acquire_verbs: frozenset[str]
    provide_verbs: frozenset[str]
    pay_verbs: frozenset[str]
    section_verbs: frozenset[str]
    section_heading: re.Pattern[str]
    anaphors: frozenset[str]
    cut_preps: frozenset[str]
    vague_objects: frozenset[str]

    @property
    def cues(self) -> frozenset[str]:
        return (
            self.want_verbs
            | self.want_xcomp
            | frozenset(self.want_phrasal)
            | self.provide_verbs
            | self.pay_verbs
            | self.section_verbs
        )


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> InterestLexicon:
    """Read ``interest_verbs.yaml`` (cached)."""
    d: dict[str, Any] = yaml.safe_load(Path(path or LEXICON_PATH).read_text(encoding="utf-8"))

    def fs(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in d.get(key, []))

    nouns = sorted(d["section_nouns"], key=len, reverse=True)
    heading = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in nouns) + r")\s*:?$", re.I)
    return InterestLexicon(
        version=int(d["version"]),
        want_verbs=fs("want_verbs"),
        want_phrasal={k: frozenset(v) for k, v in d["want_phrasal"].items()},
        want_adjectives={k: frozenset(v) for k, v in d["want_adjectives"].items()},
        want_xcomp=fs("want_xcomp"),
        acquire_verbs=fs("acquire_verbs"),
        provide_verbs=fs("provide_verbs"),
        pay_verbs=fs("pay_verbs"),
        section_verbs=fs("section_verbs"),
        section_heading=heading,
        anaphors=fs("anaphors"),
        cut_preps=fs("cut_preps"),
        vague_objects=fs("vague_objects"),
    )


class _Ctx:
    """Per-document lookups: token → actor mention, sentence and section of a character."""

    def __init__(self, doc: Doc, lex: InterestLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.mentions = sorted(doc._.actor_mentions or [], key=lambda m: m.start)
        self.tok_mention: dict[int, Any] = {}
        for m in self.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.tok_mention[t.i] = m
        layout = blocks(doc.text)
        self.sents: list[Sentence] = sentences(doc, layout)
        self.sent_starts = [s.start for s in self.sents]
        self.block_starts = [b.start for b in layout]
        self.section: list[str | None] = []  # per block: the actor of the needs heading above it
        current: str | None = None
        for b in layout:
            if b.heading:
                current = None
                head = doc.text[b.start : b.end]
                if lex.section_heading.search(head):
                    inside = [m for m in self.mentions if b.start <= m.start < b.end]
                    current = state_of(inside[0].actor) if inside else None
                self.section.append(None)
            else:
                self.section.append(current)

    def sentence_of(self, char: int) -> Sentence | None:
        i = bisect_right(self.sent_starts, char) - 1
        return self.sents[i] if i >= 0 and char < self.sents[i].end else None

    def section_of(self, char: int) -> str | None:
        i = bisect_right(self.block_starts, char) - 1
        return self.section[i] if 0 <= i < len(self.section) else None

    def actor_in(self, tok: Token) -> str | None:
        """The actor a phrase names: its head's mention, else the first mention in it."""
        if tok.i in self.tok_mention:
            return state_of(self.tok_mention[tok.i].actor)
        for t in tok.subtree:
            if t.dep_ == "prep":
                break
            if t.i in self.tok_mention:
                return state_of(self.tok_mention[t.i].actor)
        return None

    def antecedent(self, char: int) -> str | None:
        """The section's actor, else the last actor (states preferred) named shortly before."""
        sec = self.section_of(char)
        if sec:
            return sec
        before = [m for m in self.mentions if char - _ANAPHOR_CHARS <= m.end <= char]
        states = [m for m in before if m.actor.kind == "state" or m.actor.country]
        pick = (states or before)[-1:] if before else []
        return state_of(pick[0].actor) if pick else None

    def subject_actor(self, verb: Token) -> str | None:
        """Who does `verb`: its subject, climbing conj/xcomp/relcl heads; anaphors resolved."""
        t: Token | None = verb
        for _ in range(4):
            if t is None:
                return None
            subj = next((c for c in t.children if c.dep_ in _SUBJ), None)
            if subj is not None:
                if subj.tag_ == "WDT" and t.dep_ == "relcl":
                    subj = t.head
                actor = self.actor_in(subj)
                if actor:
                    return actor
                if subj.lemma_.lower() in self.lex.anaphors or subj.tag_ in {"PRP", "DT"}:
                    return self.antecedent(subj.idx)
                return self.section_of(subj.idx) if subj.lemma_.lower() in self.lex.anaphors else None
            if t.dep_ in {"xcomp", "conj", "acomp", "ccomp"} and t.head is not t:
                t = t.head
            else:
                return None
        return None


def _phrase(
    tok: Token, ctx: _Ctx, extra_cuts: frozenset[str] = frozenset(), skip_to: int = -1
) -> tuple[int, int, str | None] | None:
    """The wanted noun phrase headed by `tok` as token bounds, cut before its prepositional tail,
    and the actor it is wanted from ("aid from Z", "Z's technology")."""
    lex = ctx.lex
    cut_at = tok.right_edge.i + 1
    source: str | None = None
    for t in tok.subtree:
        if t.i <= tok.i and t.dep_ != "relcl":
            continue
        if (t.dep_ == "prep" and (t.lower_ in lex.cut_preps or t.lower_ in extra_cuts)) or t.dep_ in _CUT_DEPS:
            cut_at = min(cut_at, t.left_edge.i if t.left_edge.i > tok.i else t.i)
            if t.dep_ == "prep" and t.lower_ == "from" and source is None:
                pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
                source = ctx.actor_in(pobj) if pobj is not None else None
    start = tok.left_edge.i
    for t in tok.subtree:  # a possessor that is an actor is the source: "Russia's space technologies"
        if t.dep_ == "poss" and t.head.i == tok.i or (t.dep_ == "poss" and t.head.head.i == tok.i):
            actor = ctx.actor_in(t)
            if actor:
                source = source or actor
                start = max(start, t.right_edge.i + 1)
    start = max(start, skip_to)
    doc = ctx.doc
    while start < cut_at and (doc[start].lower_ in _LEAD_DROP or doc[start].dep_ == "case" or doc[start].is_punct):
        start += 1
    end = cut_at
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ in {"cc", "prep"}):
        end -= 1
    if end <= start:
        return None
    return start, end, source


def _lemma(tok: Token, lex: InterestLexicon) -> str:
    """spaCy's lemma, or a plain suffix-stripped form where that is a cue the lemmatizer missed ("hopes" → "hop")."""
    lemma = tok.lemma_.lower()
    if lemma in lex.cues:
        return lemma
    low = tok.lower_
    for suffix, repl in _SUFFIXES:
        if low.endswith(suffix) and low[: -len(suffix)] + repl in lex.cues:
            return low[: -len(suffix)] + repl
    return lemma


def _child(tok: Token, deps: set[str], lemmas: frozenset[str] | None = None) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps and (lemmas is None or c.lower_ in lemmas):
            return c
    return None


def _pobj(tok: Token, preps: frozenset[str]) -> Token | None:
    prep = _child(tok, {"prep"}, preps)
    return _child(prep, {"pobj"}) if prep is not None else None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def extract_interests(doc: Doc, lexicon: InterestLexicon | None = None) -> list[Interest]:
    """All interests in a parsed doc; needs ``doc._.actor_mentions`` for actors."""
    lex = lexicon or load_lexicon()
    ctx = _Ctx(doc, lex)
    found: list[Interest] = []
    seen: set[tuple[str, str]] = set()

    def add(actor: str | None, obj: Token | None, source: str | None, cue: str, at: Token, skip_to: int = -1) -> None:
        if actor is None or obj is None or obj.tag_ in _NOT_WANTS:
            return
        sent = ctx.sentence_of(at.idx)
        if sent is None or doc.text[sent.start : sent.end].rstrip().endswith("?"):
            return
        ph = _phrase(obj, ctx, frozenset({"with"}) if cue in lex.pay_verbs else frozenset(), skip_to)
        if ph is None:
            return
        s, e, from_poss = ph
        source = source or from_poss
        wants = doc[s:e].text
        if source == actor:
            source = None
        key = (actor, wants.lower())
        bare = re.sub(r"^(?:a|an|the|some|any)\s+", "", wants.lower())
        if key in seen or wants.lower() in ctx.lex.anaphors or bare in ctx.lex.vague_objects:
            return
        seen.add(key)
        found.append(
            Interest(
                actor=actor,
                wants=wants,
                from_actor=source,
                text=doc.text[sent.start : sent.end],
                start=sent.start,
                end=sent.end,
                sentence=sent.index,
                cue=cue,
                wants_start=doc[s].idx,
                wants_end=doc[e - 1].idx + len(doc[e - 1].text),
            )
        )

    def source_of(verb: Token) -> str | None:
        pobj = _pobj(verb, frozenset({"from"}))
        return ctx.actor_in(pobj) if pobj is not None else None

    for tok in doc:
        lemma = _lemma(tok, lex)
        if _negated(tok):
            continue
        if tok.pos_ in {"VERB", "AUX"} and lemma in lex.want_verbs | lex.want_xcomp:
            obj = _child(tok, {"dobj"}) if lemma in lex.want_verbs else None
            verb = tok
            if obj is None:  # "hopes to get Y", "seeks to acquire Y"
                x = _child(tok, {"xcomp"}, None)
                if x is not None and x.lemma_.lower() in lex.acquire_verbs:
                    obj, verb = _child(x, {"dobj"}), x
            if obj is not None and obj.tag_ not in {"PRP", "WDT"}:
                add(ctx.subject_actor(tok), obj, source_of(verb) or source_of(tok), lemma, tok)
        if tok.pos_ == "VERB" and lemma in lex.want_phrasal:
            obj = _pobj(tok, lex.want_phrasal[lemma])
            if obj is not None:
                add(ctx.subject_actor(tok), obj, source_of(tok), lemma, tok)
        if lemma in lex.want_adjectives and tok.pos_ == "ADJ":
            obj = _pobj(tok, lex.want_adjectives[lemma])
            if obj is not None:
                add(ctx.subject_actor(tok.head if tok.dep_ == "acomp" else tok), obj, source_of(tok), lemma, tok)
        if tok.pos_ == "VERB" and lemma in lex.provide_verbs:
            giver = ctx.subject_actor(tok)
            obj = _child(tok, {"dobj"})
            recipient: str | None = None
            to = _pobj(tok, frozenset({"to", "for"}))
            dative = _child(tok, {"dative"})
            if obj is not None and ctx.actor_in(obj) and _pobj(tok, frozenset({"with"})) is not None:
                recipient, obj = ctx.actor_in(obj), _pobj(tok, frozenset({"with"}))  # "supply X with Y"
            elif to is not None and ctx.actor_in(to):
                recipient = ctx.actor_in(to)
            elif dative is not None and ctx.actor_in(dative):
                recipient = ctx.actor_in(dative)
            else:
                recipient = ctx.section_of(tok.idx)
            skip = -1
            lead = obj.left_edge if obj is not None else None
            if lead is not None and lead.dep_ in {"nmod", "compound"} and lead.i in ctx.tok_mention:
                # "offers Pakistan cheap credit", parsed as one noun phrase: the leading actor receives
                recipient, skip = state_of(ctx.tok_mention[lead.i].actor), lead.right_edge.i + 1
                while skip < obj.i and doc[skip].i in ctx.tok_mention:
                    skip += 1
            if giver and recipient and giver != recipient and obj is not None and obj.tag_ not in {"WDT"}:
                add(recipient, obj, giver, lemma, tok, skip)
        if tok.pos_ == "VERB" and lemma in lex.pay_verbs:
            obj = _pobj(tok, frozenset({"for"}))
            if obj is not None:
                add(ctx.subject_actor(tok), obj, None, lemma, tok)
        section = ctx.section_of(tok.idx)
        if section and tok.pos_ == "VERB" and lemma in lex.section_verbs:
            obj = _child(tok, {"dobj"})
            who = ctx.subject_actor(tok) or section
            if obj is not None and who == section:
                add(section, obj, source_of(tok), f"section:{lemma}", tok)
    found.sort(key=lambda i: (i.start, i.wants_start))
    return found


class InterestExtractor:
    """The spaCy component: sets ``doc._.interests``."""

    def __init__(self, nlp: Language, name: str = "geobrief_interests", lexicon_path: str | None = None) -> None:
        self.name = name
        self.lexicon = load_lexicon(lexicon_path)

    def __call__(self, doc: Doc) -> Doc:
        doc._.interests = extract_interests(doc, self.lexicon)
        return doc


@Language.factory(
    "geobrief_interests",
    default_config={"lexicon_path": None},
    assigns=["doc._.interests"],
    requires=["token.dep", "token.lemma"],
)
def make_interest_extractor(nlp: Language, name: str, lexicon_path: str | None) -> InterestExtractor:
    """spaCy factory: ``nlp.add_pipe("geobrief_interests", last=True)``."""
    return InterestExtractor(nlp, name=name, lexicon_path=lexicon_path)


def interests_to_dicts(interests: list[Interest]) -> list[dict[str, Any]]:
    """Plain dicts, for JSON output."""
    return [{f: getattr(i, f) for f in Interest.__slots__} for i in interests]
