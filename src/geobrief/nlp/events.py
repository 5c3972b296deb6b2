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

Complements: an act governed by an intent ("offered to hand over"), a threat ("threatened to impose"), a
refusal ("refused to release") or a demand ("demanded that X cancel", "said X must withdraw") is coded on the
governing predicate with the act's CAMEO sub-code and target, and not on its own; future tense and "ready to"
make cooperation an intent (03x) and conflict a threat (13x), per the CAMEO usage notes. Unnamed targets of
domestic coercion are the source's own state; of protests, shows of force and coercion, the place.

Actors are resolved to the state level: a state is itself, a person or national body acts for its
``country``; an international organisation stays itself. Events need a source, and a target unless the
PLOVER manual says the type does not require a recipient (§3: only COOPERATE, AID and SANCTION do).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import permutations
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

from geobrief.knowledge import line_of, lineage, state_ids
from geobrief.nlp.dictionary import _LINKING, _as_date

DATA_DIR = Path(__file__).resolve().parents[1] / "knowledge" / "events"
LEXICON_PATH = DATA_DIR / "verbs.yaml"
CAMEO_PATH = DATA_DIR / "cameo.csv"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
REQUIRES_TARGET = frozenset({"COOPERATE", "AID", "SANCTION"})  # PLOVER manual §3.x "Requires recipient: Yes"
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
SYMMETRIC_CODES = frozenset({"057", "050"})  # both parties sign an agreement, establish or upgrade ties
# Future tense and readiness turn an act into a statement of intent (CAMEO usage notes for 030 and 130):
# "Turkey will allow …", "France is ready to contribute …" express intent to cooperate (03x, AGREE);
# "will attack", "is prepared to impose martial law" are threats (13x). The code maps are in the lexicon.
_INTENT_AUX = frozenset({"will", "'ll", "shall", "would", "wo"})
_OBLIGATION_AUX = frozenset({"must"})  # "X said Y must withdraw": a demand (CAMEO 10x usage examples)
# The predicate's target preposition, when the pattern names none (tried in this order).
_DEFAULT_TARGET_PREPS = ("to", "against", "on", "with", "into", "toward", "towards", "at", "upon", "over")
_PREPS = frozenset({*_DEFAULT_TARGET_PREPS, "of", "from", "for", "in", "by", "about", "between"})
_ARTICLES = frozenset({"a", "an", "the"})
_CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"})
# Nouns naming a document ("the Oslo Accords", "the Minsk agreements"): a place name compounded with one is
# where it was signed, not a party to it.
_INSTRUMENTS = frozenset(str(w).lower() for w in _LINKING.get("instruments") or [])
# Acts between two parties that a passive can tell without naming them ("relations were restored", "a treaty was
# signed"): in an analysis of a dyad, its two states are meant.
_PARTIES_IMPLIED = frozenset({"050", "054", "057", "040", "046", "043", "036", "030"})
# Documents two parties sign: "an accord signed on 14 July 1999" names no signer, yet it is the text's two states'.
_AGREEMENTS = frozenset({"agreement", "accord", "treaty", "deal", "pact", "communique", "communiqué",
                         "declaration", "memorandum", "protocol", "ceasefire", "truce", "armistice", "settlement",
                         "statement"})  # fmt: skip
# Objects that make an act mutual: "broke relations", "restored ties", "reopened their border".
_RELATIONS = frozenset({"relation", "tie", "border"})
# Bodies that act for the state they belong to: "their armies clashed", "its navy fired".
_FORCE_HOLDERS = frozenset({"force", "troop", "soldier", "navy", "army", "military", "air force", "jet",
                            "warship", "ship", "coast guard", "diplomat", "ambassador", "envoy", "embassy",
                            "official"})  # fmt: skip
# Verbs that call off the event a noun names, and modifiers of an event not (yet) real.
_CALLED_OFF = frozenset({"cancel", "postpone", "delay", "scrap", "shelve", "abandon", "defer", "suspend"})
_UNREALISED = frozenset({"planned", "proposed", "expected", "possible", "potential", "prospective", "mooted",
                         "intended", "scheduled", "upcoming", "future", "hypothetical", "threatened"})  # fmt: skip
_GATHERINGS = frozenset({"demonstration", "protest", "rally", "march", "gathering"})
_FORCE_ROOTS = frozenset({"17", "18", "19", "20"})  # coercion and force: the roots that act on people
_FACTUAL = frozenset({"asserted", "reported", "hedged"})
_AMOUNTS = frozenset(
    {"million", "billion", "trillion", "thousand", "hundred", "worth", "amount", "sum", "ton", "tonne"}
)
_WHEN_DEPS = frozenset({"advmod", "mark"})  # where "when" hangs on its clause
_SUBJ = ("nsubj", "csubj")
# Head nouns through which an actor is reached: "officials of X", "thousands of X", "groups in X".
_FOLLOW_PREPS = frozenset({"of", "from", "in", "by"})  # … "calls by X", "an offer from X" (the proposer)
_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
_COMPASS = frozenset({"North", "South", "East", "West"})
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})  # "reiterated its demand": the subject's
# "The two countries fought", "both governments signed": the dyad the text has been naming.
_COLLECTIVE_NOUNS = frozenset({
    "country", "state", "nation", "government", "army", "military", "side", "neighbour", "neighbor", "capital",
    "minister", "president", "delegation", "navy", "envoy", "diplomat", "premier", "foe", "ally",
    "leader", "power", "rival", "adversary", "party",
})  # fmt: skip
_AGENT_NOUNS = _COLLECTIVE_NOUNS | _FORCE_HOLDERS  # nouns that name a state's people or bodies
_RELATIVE = frozenset({"which", "who", "that"})
# A meeting or agreement named in an adjunct ("under an agreement with X", "at talks with X") has the clause's
# subject as its other party.
_SETTING_ROOTS = frozenset({"03", "04", "05"})
_SETTING_PREPS = frozenset({"under", "at", "in", "during", "after", "through", "following"})

# Types whose target, when unnamed, is the place or the people at home (see `_local_target`).
_LOCAL_TYPES = frozenset({"PROTEST", "MOBILIZE", "COERCE", "ASSAULT"})
_LOCAL_ROOTS = frozenset({"08", "14", "15", "17", "18", "19", "20"})  # also when intended: "will lift a curfew in X"
# Where an act without a named target takes place, which then stands for its target (CAMEO 141 usage note):
# "in X", and for force and shows of force "into the waters around X", "across X", "off X", "north of X".
_PLACE_PREPS = frozenset({"in", "at", "inside", "throughout", "into", "around", "across", "near", "off", "over",
                          "along", "within", "of", "from"})  # fmt: skip
# Acts whose target, when none is named, is the actor's own state: protests (CAMEO 14: dissent is addressed
# to one's own government unless another is named) and calling them off (082), coercion (17: arrests, bans,
# curfews and states of emergency), investigations (09); curfews lifted (0813, 0814). CAMEO codes such acts
# with the same country as source and target.
_DOMESTIC_CODES = ("14", "17", "082", "09", "0813", "0814")
# CAMEO roots of acts that always aim at someone: when the sentence names no target, the text's other side is
# meant (demands, disapproval, rejection, threats, protest, force, reduced relations, coercion, assault).
_IMPLIED_TARGET_ROOTS = frozenset({"05", "10", "11", "12", "13", "15", "16", "17", "18", "19", "20", "08"})
# Types coded with an unknown source when only the target is named: attacks and coercion by unnamed hands.
_UNKNOWN_SOURCE_TYPES = frozenset({"ASSAULT", "COERCE"})
# Roots of a settlement a mediator can stand behind: agreeing, meeting, signing, easing, yielding.
_SETTLEMENT_ROOTS = frozenset({"03", "04", "05", "08"})
_MEDIATOR_NOUNS = frozenset({"auspices", "auspice", "auspex", "mediation", "invitation", "sponsorship", "aegis"})
_NAMING_VERBS = frozenset({"call", "name", "dub", "term", "label", "brand", "style"})  # with an object predicate
_BEARINGS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
ANY_OBJECT = "*"  # in a verb pattern: any direct object ("strike *": struck a target, not went on strike)

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
        return sum(1 if w == ANY_OBJECT else 2 for w in self.words) + (self.prep is not None)


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
    intent_verbs: frozenset[str] = frozenset()  # "plans to impose", "swore to fight": the complement is intended
    intent_adjectives: frozenset[str] = frozenset()  # "is ready to contribute"
    posture_verbs: frozenset[str] = frozenset()  # "prepared to resume shelling": force posture (CAMEO 150)
    intent_codes: dict[str, str] = field(default_factory=dict)  # CAMEO prefix of an act → its code once intended
    threat_codes: dict[str, str] = field(default_factory=dict)  # … of a hostile act → the threat of it (13x)
    refusal_codes: dict[str, str] = field(default_factory=dict)  # … of a cooperative act → refusing it (12x)
    demand_codes: dict[str, str] = field(default_factory=dict)  # … of an act → demanding it (10x)
    domestic_groups: frozenset[str] = frozenset()  # "protesters", "opposition": a state's own people
    reciprocal: frozenset[str] = frozenset()  # "fight", "war": several subjects and no object act on each other
    armed_groups: frozenset[str] = frozenset()  # "rebels", "guerrillas": fighters named by what they do
    force_nouns: frozenset[str] = frozenset()  # "a roadside bomb killed": a weapon or attack as the subject
    travel_verbs: frozenset[str] = frozenset()  # "returned to Geneva for talks": the traveller holds the talks
    agent_of: frozenset[str] = frozenset()  # "the withdrawal of Serbian forces": the "of" phrase is the doer
    venues: frozenset[str] = frozenset()  # nouns of meeting and agreeing (CAMEO 03–05), derived from `nouns`

    @staticmethod
    def recode(table: dict[str, str], code: str) -> str | None:
        """The code `table` gives the longest prefix of `code` ("0874" → "087" → "08"), or None."""
        for k in range(len(code), 1, -1):
            if code[:k] in table:
                return table[code[:k]]
        return None


def _pattern(text: str, value: Any, pos: str) -> Pattern:
    if isinstance(value, dict):
        code, plover = str(value["cameo"]), value.get("type")
    else:
        code, plover = ("" if value is None else str(value)), None  # "": a use that is no event
    words = [w for w in text.lower().split() if w not in _ARTICLES]
    prep = words.pop() if len(words) > 1 and words[-1] in _PREPS else None
    if pos == "noun":  # English compounds end in their head: "hunger strike", "air strike on"
        return Pattern(text, pos, words[-1], tuple(words[:-1]), prep, code, plover)
    return Pattern(text, pos, words[0], tuple(words[1:]), prep, code, plover)


def _variants(text: str) -> list[str]:
    """Expand alternatives: "capture town|city at|on" → "capture town at", "capture city at", …"""
    out = [""]
    for word in text.split():
        out = [f"{o} {alt}".strip() for o in out for alt in word.split("|")]
    return out


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The verb/noun lexicon; unknown CAMEO codes are an error (caught by the tests)."""
    data = yaml.safe_load(Path(path or LEXICON_PATH).read_text(encoding="utf-8"))
    tables: dict[str, dict[str, list[Pattern]]] = {"verbs": {}, "nouns": {}}
    for section, pos in (("verbs", "verb"), ("nouns", "noun")):
        for text, value in (data.get(section) or {}).items():
            for variant in _variants(str(text)):
                p = _pattern(variant, value, pos)
                tables[section].setdefault(p.head, []).append(p)
    for pats in (*tables["verbs"].values(), *tables["nouns"].values()):
        pats.sort(key=lambda p: -p.specificity)

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or [])

    def codes(key: str) -> dict[str, str]:
        return {str(k): str(v) for k, v in (data.get(key) or {}).items()}

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
        words("intent_verbs"),
        words("intent_adjectives"),
        words("posture_verbs"),
        codes("intent_codes"),
        codes("threat_codes"),
        codes("refusal_codes"),
        codes("demand_codes"),
        words("domestic_groups"),
        words("reciprocal"),
        words("armed_groups"),
        words("force_nouns"),
        words("travel_verbs"),
        words("agent_of"),
        # an "in" phrase on a noun of meeting, agreeing or diplomacy says where ("talks in Brussels")
        frozenset(
            h for h, pats in tables["nouns"].items() if pats and all(p.cameo[:2] in ("03", "04", "05") for p in pats)
        ),
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
    domestic: bool = False  # the source's own state as target: a protest or curfew at home
    how: str = ""  # how an unnamed party was inferred: implied, dyad, place ("" = named in the clause)


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
        # "the South", "the North": the last state mentioned whose name begins with that word ("South Korea")
        self.compass: dict[int, Any] = {}
        last: dict[str, Any] = {}
        mentions = sorted(doc._.actor_mentions or [], key=lambda m: m.start)
        k = 0
        for t in doc:
            while k < len(mentions) and mentions[k].start < t.idx:
                m = mentions[k]
                first = m.actor.name.split(" ", 1)[0]
                if m.actor.kind == "state" and first in _COMPASS:
                    last[first] = m
                k += 1
            known = self.by_token.get(t.i)
            if known is not None and (known.actor.kind != "place" or known.actor.country):
                continue
            if t.text in _COMPASS and t.text in last and t.i > 0 and t.nbor(-1).lower_ == "the":
                self.compass[t.i] = last[t.text]
        self.by_token.update({i: m for i, m in self.compass.items()})
        self.sents = list(doc.sents)
        self._state_counts: dict[str, int] | None = None  # mentions per state in the whole text (`dyad`)
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
        if arg is not None and arg.state == arg.actor_id and self.by_token[tok.i].actor.kind != "state":
            # a body or people without a country qualified by a state: "Israel's cabinet", "Iraqi Kurds"
            for c in tok.children:
                m = self.by_token.get(c.i) if c.dep_ in ("compound", "amod", "nmod", "poss") else None
                if m is not None and m is not self.by_token[tok.i] and m.actor.kind == "state":
                    return _Arg(m.actor.id, m.actor.id, c.i)
        if arg is None or not _is_state(arg.state):  # also "the guarantor states, led by the United States"
            led = next((c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() == "lead"), None)
            by = _pobj(led, "by") if led is not None else None
            if by is not None and (leader := self.mention_arg(by)) is not None and _is_state(leader.state):
                return leader  # "NATO, led by the United States, bombed …": the leading state acts
        if arg or depth > 2:
            return arg
        group = None  # "the Nationalist government in Taipei": a faction's body located in a state is that state's
        for c in tok.children:
            lead = _child(c, "npadvmod", "compound") if c.dep_ == "amod" and c.lower_ in ("led", "-led") else None
            if lead is not None and (arg := self.mention_arg(lead)):  # "Vietnamese-led forces"
                return arg
            if c.dep_ == "compound" and c.pos_ == "PROPN" and tok.lemma_.lower() in _INSTRUMENTS:
                continue
            m = self.by_token.get(c.i)
            if (
                c.dep_ == "compound"
                and m is not None
                and m.actor.id.startswith("organization:")
                and not m.actor.country  # "an Argentine Exocet missile" is Argentina's
                and tok.pos_ != "PROPN"
                and tok.lemma_.lower() not in _AGENT_NOUNS
                and tok.lemma_.lower() not in self.lex.domestic_groups
            ):
                continue  # "the Torkham crossing": an unknown name on a thing is no actor ("Red Cross officials" are)
            if c.dep_ in ("compound", "amod", "nmod", "poss", "appos", "npadvmod"):
                arg = self.mention_arg(c) or (self.actor_of(c, depth + 1) if c.dep_ in ("compound", "appos") else None)
                if arg and arg.actor_id.startswith("group:") and not _is_state(arg.state):
                    group = group or arg
                elif arg:
                    return arg
        for c in tok.children:
            where = c.lower_ == "in" and (depth > 0 or tok.lemma_.lower() in self.lex.venues)
            if c.dep_ == "prep" and c.lower_ in _FOLLOW_PREPS and not where:
                # "the government in Taipei" is Taiwan's; "talks in Brussels", "a declaration of principles in
                # Washington" only say where
                for p in c.children:
                    if p.dep_ == "pobj":
                        arg = self.actor_of(p, depth + 1)
                        if arg and (group is None or _is_state(arg.state)):
                            return arg
        return group

    def actors(self, tok: Token | None) -> list[_Arg]:
        """The actors of a noun phrase and its conjuncts ("Russia and North Korea", "Hungarian and Romanian …")."""
        if tok is None:
            return []
        singular = False
        if tok.pos_ == "PRON" and (tok.lower_ in _PRONOUNS or tok.lower_ in _POSSESSIVES):
            singular = tok.lower_ not in ("they", "their", "we", "our")  # "its war": one of "Moscow and Pyongyang"
            tok = self.antecedent(tok) or tok
        out: list[_Arg] = []
        heads = [tok] if singular else [tok, *tok.conjuncts]
        if not singular:  # "Ma, Taiwan's president, and Xi met": the conjunct hangs on the apposition
            heads += [c for a in tok.children if a.dep_ == "appos" for c in a.conjuncts if c not in heads]
        collective = self.collective(tok)
        if not collective and self.mention_arg(tok) is None:  # "senior diplomats from the two countries"
            for prep in ("from", "of"):
                if (p := _pobj(tok, prep)) is not None and (collective := self.collective(p)):
                    break
        if collective:
            return collective
        for t in heads:
            a = self.actor_of(t)
            if a is None:
                continue
            group = [a]
            mod = t.doc[a.token]
            if a.token != t.i and mod.dep_ in ("amod", "compound", "nmod") and mod.head.i == t.i:
                group += [b for c in mod.conjuncts if (b := self.mention_arg(c))]
            elif a.token != t.i and mod.dep_ == "pobj" and mod.head.lower_ in _FOLLOW_PREPS:
                group += [b for c in mod.conjuncts if (b := self.actor_of(c, 1))]  # "ministers of X and Y"
            for c in t.children:  # "Egypt's Sisi and Somalia's Mohamud" parsed as one noun phrase
                if c.dep_ in ("nmod", "poss") and any(x.dep_ == "cc" for x in c.children):
                    group += [b for x in (c, *c.conjuncts) if (b := self.mention_arg(x))]
            for b in group:
                if all(b.actor_id != x.actor_id for x in out):
                    out.append(b)
        if not out and tok.pos_ != "PRON" and tok.lemma_.lower() in _AGENT_NOUNS:
            poss = _child(tok, "poss")  # "their armies clashed": the armies of those the pronoun stands for
            if poss is not None and poss.pos_ == "PRON" and poss.lower_ in _POSSESSIVES:
                out = self.actors(poss)
        return out

    def collective(self, tok: Token) -> list[_Arg]:
        """ "The two countries", "both governments": the text's dyad (`dyad`)."""
        if tok.lemma_.lower() not in _COLLECTIVE_NOUNS:
            return []
        if not any(
            (c.dep_ == "nummod" and c.lower_ == "two") or (c.dep_ in ("det", "predet") and c.lower_ == "both")
            for c in tok.children
        ):
            return []
        return self.dyad(tok)

    def dyad(self, tok: Token, exclude: Collection[str] = ()) -> list[_Arg]:
        """The two states the text is about at `tok`: the two it names far more than any other, else those named
        in this sentence or the three before it that the text has named most (an analysis of a dyad names its
        two states again and again)."""
        excluded = {line_of(x) for x in exclude}
        if self._state_counts is None:  # the same for every question about this document: counted once
            self._state_counts = {}
            for m in self.doc._.actor_mentions or []:
                state = state_of(m.actor)
                if state and _is_state(state):
                    self._state_counts[state] = self._state_counts.get(state, 0) + 1
        total = _one_per_line({st: n for st, n in self._state_counts.items() if line_of(st) not in excluded})
        top = sorted(total, key=lambda st: -total[st])
        if len(top) >= 2 and (len(top) == 2 or total[top[1]] >= 2 * total[top[2]]):
            return [_Arg(st, st, tok.i, how="dyad") for st in top[:2]]
        k = self.sent_of_token.get(tok.i, 0)
        lo = self.sents[max(0, k - 3)].start_char
        seen: dict[str, tuple[int, int]] = {}  # state → (mentions so far, last position)
        for m in self.doc._.actor_mentions or []:
            state = state_of(m.actor) if m.start < tok.idx else None
            if state and _is_state(state) and line_of(state) not in excluded:
                n, _last = seen.get(state, (0, -1))
                seen[state] = (n + 1, m.start if m.start >= lo else _last)
        near = [st for st, (_n, last) in seen.items() if last >= 0]  # named in the window
        near.sort(key=lambda st: seen[st], reverse=True)  # the states the text keeps naming, then the latest
        near = [st for k, st in enumerate(near) if all(line_of(st) != line_of(o) for o in near[:k])]
        if len(near) < 2:  # else the state the text has named most, when it has named it more than once
            lines = {line_of(st) for st in near}
            rest = sorted(
                (st for st in seen if line_of(st) not in lines and seen[st][0] > 1), key=lambda st: -seen[st][0]
            )
            near += rest[: 2 - len(near)]
        if len(near) < 2:
            return []
        return [_Arg(st, st, tok.i, how="dyad") for st in near[:2]]

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
        if pron.lower_ in ("they", "their", "them"):  # "India and Pakistan fought … They fought again"
            for t in reversed(self.doc[lo : pron.i]):
                if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON" and len(self.actors(t)) > 1:
                    return t
        for t in reversed(self.doc[lo : pron.i]):
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON" and self.actor_of(t):
                return t
        return None


# --------------------------------------------------------------------------------------------------
# Predicates and their arguments


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _pobj(tok: Token, prep: str) -> Token | None:
    """The object of `tok`'s preposition `prep`; a date phrase is skipped ("On 29 September … called on X")."""
    for c in tok.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ == prep:
            p = _child(c, "pobj")
            if p is not None and not _is_time(p):
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


def _adjuncts(tok: Token) -> list[Token]:
    """A verb with its own modifiers, leaving out its conjuncts, complements and embedded clauses."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if t != tok or c.dep_ not in _CLAUSAL | {"conj", "xcomp", "ccomp", "cc"})
    return sorted(out, key=lambda t: t.i)


def _bag(tok: Token) -> set[str]:
    """Lemmas near a verb that may complete a multiword pattern (objects, particles, prepositions' objects)."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "conj", "nsubj", "csubj", "cc", "punct"):
            continue  # a passive subject is the act's object: "relations were restored", "sanctions were imposed"
        for t in c.subtree:
            if t.i - c.i > 6 or t.i < c.i - 3:
                continue
            out.add(t.lemma_.lower())
            out.add(t.lower_)
    return out


def _noun_bag(tok: Token) -> set[str]:
    """A noun predicate's modifiers that may complete a compound pattern ("hunger strike", "air strike")."""
    return {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}


def _lemma(tok: Token, table: dict[str, Any] | frozenset[str]) -> str:
    """The token's lemma as the lexicon knows it. The statistical lemmatizer sometimes drops a final "e"
    ("staged" → "stag", "eased" → "eas"); the lemma with it restored is tried when the given one is unknown."""
    lemma = tok.lemma_.lower()
    if lemma.startswith("re-") and lemma not in table and lemma[3:] in table:
        lemma = lemma[3:]  # "re-open", "re-impose": the act again
    if lemma in table or tok.pos_ not in ("VERB", "AUX") or lemma.endswith("e"):
        return lemma
    low = tok.lower_
    if (low.endswith("ed") or low.endswith("ing")) and lemma + "e" in table:
        return lemma + "e"
    return lemma


def _is_time(tok: Token) -> bool:
    """A date or time phrase ("on Monday"), never the target of an event."""
    return tok.ent_type_ in ("DATE", "TIME")


def _preps(tok: Token) -> set[str]:
    """Prepositions attached to `tok` whose object is not a date ("strike on Monday" is no "strike on")."""
    return {
        c.lower_
        for c in tok.children
        if c.dep_ in ("prep", "dative", "agent", "prt") and not any(_is_time(g) for g in c.children if g.dep_ == "pobj")
    }


def _match(pats: list[Pattern], tok: Token, bag: set[str]) -> Pattern | None:
    preps = _preps(tok)
    for c in tok.children:
        if c.dep_ in ("dobj", "attr"):
            preps |= {g.lower_ for g in c.children if g.dep_ == "prep" and not any(_is_time(x) for x in g.children)}
    has_object = any(c.dep_ == "dobj" for c in tok.children)
    for p in pats:  # most specific first
        if any(w not in bag and not (w == ANY_OBJECT and has_object) for w in p.words):
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
        if s is not None and s.lower_ in _RELATIVE and t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN"):
            return t.head, False  # "Iran, which was at war with Iraq": the relative's antecedent
        if s is not None:
            return s, False
        s = _swallowed_subject(t)
        if s is not None:
            return s, False
        sp = _child(t, "nsubjpass")
        if sp is not None:
            return (sp, True) if t == tok else (sp, False)
        purpose = t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
        if t.dep_ in ("xcomp", "conj", "pcomp", "acomp") or (t.dep_ == "advcl" and t.tag_ == "VBG") or purpose:
            by = t.dep_ == "pcomp" and t.head.dep_ == "prep"  # "Caracas answered by mobilising warships"
            t = t.head.head if by else t.head
            continue
        if t.dep_ == "acl" and t.tag_ == "VBG" and t.head.dep_ == "dobj" and t.head.head.pos_ == "VERB":
            t = t.head.head  # "issued a statement demanding …": the issuer demands
            continue
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):  # "troops sent to X": the noun is the doer
            # a noun as the sentence's root is a misparse of "Haig, the US secretary of state, shuttled …":
            # the clause is the main one, active
            return t.head, t.tag_ == "VBN" and t.head.dep_ != "ROOT"
        break
    return None, False


_TIME_NOUNS = frozenset({"day", "week", "month", "year", "anniversary", "eve", "morning", "night", "evening"})
_NEWCOMERS = frozenset({"refugee", "migrant", "immigrant", "asylum-seeker", "exile"})  # people from elsewhere


def _hyphened(mod: Token) -> list[Token]:
    """The first half of a hyphenated pair modifying a noun: "[Iran]-Iraq war", "[Russo]-Japanese War"."""
    doc = mod.doc
    return [
        c for c in mod.children if c.dep_ in ("compound", "amod") and c.i + 1 < len(doc) and doc[c.i + 1].text == "-"
    ]


def _stateless_group(arg: _Arg) -> bool:
    return arg.actor_id.startswith("group:") and not _is_state(arg.state)


def _edge(place: Token) -> bool:
    """ "on the Thai border": a place at a state's edge says where, not whom."""
    return place.lemma_.lower() in ("border", "frontier", "boundary", "borderland", "coast", "shore")


def _swallowed_subject(verb: Token) -> Token | None:
    """A name the parser read into a date phrase just before the verb: "On 22 October [Kennedy] announced", "In
    December 2022 Pakistani [troops] and Afghan forces exchanged fire"."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children) or verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    for _ in range(3):  # "On 18 March Tshisekedi and [Kagame] met": the first of the names
        if prev.dep_ == "conj" and prev.head.i < prev.i:
            prev = prev.head
    named = prev.pos_ == "PROPN" or (prev.pos_ == "NOUN" and prev.lemma_.lower() in _AGENT_NOUNS)
    if not named or prev.dep_ != "pobj" or prev.head.head != verb:
        return None
    if not any(c.like_num or c.ent_type_ == "DATE" for c in prev.head.subtree if c.i < prev.i):
        return None
    return prev


def _mediator_marker(tok: Token) -> Token | None:
    """The mediator phrase a token opens: "brokered|mediated|hosted by X", "under the auspices of X", "(the)
    mediation of X", "at the invitation of X"."""
    lemma = tok.lemma_.lower()
    if lemma in ("broker", "mediate", "facilitate", "sponsor", "host") and tok.tag_ == "VBN":
        return _pobj(tok, "by")
    if lemma in _MEDIATOR_NOUNS:
        return _pobj(tok, "of")
    return None


def _names(verb: Token) -> bool:
    """The verb gives something a name: an object predicate ("called Kim a friend") or two objects, as the
    parser reads "drills that Beijing called Joint Sword"."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
    return len(objects) > 1 or any(c.dep_ == "oprd" for c in objects)


def _light_verb(noun: Token) -> Token | None:
    """The verb whose object the noun predicate is: "joined [sanctions]", "launched [an attack]", "paid [a visit]"."""
    h = noun.head
    if noun.dep_ in ("dobj", "attr") and h.pos_ in ("VERB", "AUX"):
        return h
    if noun.dep_ == "pobj" and h.head.pos_ == "VERB" and h.lower_ in ("in", "into"):  # "took part in talks"
        return h.head
    if noun.dep_ == "pobj" and h.lower_ == "at" and h.head.lemma_ == "be":  # "was at war with"
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
    code: str = ""  # the CAMEO code; the pattern's unless recoded as an intent, threat, refusal or demand
    intended: bool = False  # coded as a statement about a future act: "would" is not hypothetical here
    negation_coded: bool = False  # "will not accept" coded as a refusal: the negation is in the code
    unnamed_hands: bool = False  # done by someone unnamed: passive with no actor agent, or a weapon as subject

    def __post_init__(self) -> None:
        self.code = self.code or self.pat.cameo


class EventExtractor:
    """Finds the events in one parsed, actor-linked document."""

    def __init__(self, lexicon: Lexicon | None = None, cameo: dict[str, CameoCode] | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.cameo = cameo or load_cameo()

    # -- predicates ------------------------------------------------------------------------------

    def predicates(self, doc: Doc, ctx: _Ctx | None = None) -> list[_Pred]:
        ctx = ctx or _Ctx(doc, self.lex)
        preds: list[_Pred] = []
        absorbed: set[int] = set()  # nouns already coded by their light verb's pattern ("imposed sanctions")
        for tok in doc:
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            lemma = _lemma(tok, self.lex.verbs)
            if lemma in self.lex.verbs:
                pat = _match(self.lex.verbs[lemma], tok, _bag(tok))
                if pat is None or (lemma in _NAMING_VERBS and _names(tok)):
                    continue  # "drills it called Joint Sword": naming, not a phone call
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
            pat = _match(self.lex.nouns[lemma], tok, _noun_bag(tok))
            if pat is not None:
                preds.append(self._noun(ctx, tok, pat))
        preds += self._obligations(ctx, preds)
        preds = self._complements(ctx, preds)
        return preds + self._mediations(ctx, preds)

    def _mediations(self, ctx: _Ctx, preds: list[_Pred]) -> list[_Pred]:
        """The third party of a settlement: "signed a peace agreement in Jeddah under the auspices of Saudi
        Arabia's King Salman", "a declaration brokered by Turkey's Erdoğan" — the mediator mediates (CAMEO 045)
        between each party."""
        out: list[_Pred] = []
        for p in preds:
            if p.code[:2] not in _SETTLEMENT_ROOTS or (p.intended and p.code[:2] != "03"):
                continue  # "agreed to normalise relations at a meeting hosted by Egypt": the meeting took place
            parties = [a for a in (*p.sources, *p.targets) if _is_state(a.state)]
            for t in p.anchor.subtree:
                marker = _mediator_marker(t)
                if marker is None:
                    continue
                found = [m for m in ctx.actors(marker) if _is_state(m.state)]
                mediators = [m for m in found if all(m.state != a.state for a in parties)]
                if mediators and parties:
                    pat = Pattern(f"{t.lower_} … (mediator)", "noun", t.lemma_.lower(), (), None, "045")
                    out.append(_Pred(t, pat, mediators[:1], parties, p.clause, p.anchor, "045"))
                    break
        return out

    # -- complement clauses: intents, threats, refusals, demands ---------------------------------

    def _kind(self, p: _Pred) -> str:
        """How a predicate codes an act it governs: as intended, threatened, refused or demanded."""
        root = p.code[:2]
        if root == "03" or _lemma(p.tok, self.lex.intent_verbs) in self.lex.intent_verbs:
            return "intent"
        return {"13": "threat", "12": "refusal", "10": "demand", "02": "appeal"}.get(root, "")

    def _governor(self, inner: _Pred, by_tok: dict[int, _Pred]) -> tuple[_Pred, Token] | None:
        """The predicate whose complement `inner` is: "threatened [to ban]", "agreed [to a ceasefire]",
        "threatened [sanctions]", "demanded [that the US cancel]" — through transparent verbs ("vowed to resume")."""
        if inner.anchor is not inner.tok and (outer := by_tok.get(inner.anchor.i)) is not None and outer is not inner:
            return (outer, inner.anchor) if self._kind(outer) else None
        t = inner.anchor
        for _ in range(3):
            infinitive = t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            if (t.dep_ not in ("xcomp", "ccomp") and not infinitive) or t.head is t:
                return None
            head = t.head
            outer = by_tok.get(head.i)
            if outer is not None and outer is not inner:
                kind = self._kind(outer)
                if kind and (t.dep_ != "ccomp" or kind in ("demand", "appeal")):
                    return outer, t
                return None
            if _lemma(head, self.lex.transparent) not in self.lex.transparent:
                return None
            t = head
        return None

    def _complements(self, ctx: _Ctx, preds: list[_Pred]) -> list[_Pred]:
        """Code an act governed by an intent, threat, refusal or demand as that, on the governing predicate.

        "Libya offered to hand over the suspects to Britain" is AGREE (express intent to release, 0353) with
        Britain as target; "threatened to impose sanctions on X" is THREATEN (1312) against X; "refused to
        release" REJECT (1243); "demanded that the US cancel" REQUEST with the US as target. The governed act
        did not happen and is not coded on its own. A predicate with no such governor but in the future tense,
        or under "ready to", "plans to", is coded the same way on itself (CAMEO usage notes for 030 and 130).
        """
        lex = self.lex
        by_tok = {p.tok.i: p for p in preds}
        dropped: set[int] = set()
        for inner in preds:
            found = self._governor(inner, by_tok)
            if found is None:
                continue
            outer, comp = found
            kind = self._kind(outer)
            if kind == "intent" and any(c.dep_ == "neg" for c in inner.anchor.children):
                outer.code = lex.recode(lex.refusal_codes, inner.code) or outer.code  # "vowed not to return"
            elif kind == "intent" and (code := self._intended(inner, outer.tok)):
                outer.code = code
            elif kind == "threat":
                outer.code = lex.recode(lex.threat_codes, inner.code) or outer.code
            elif kind == "refusal":
                outer.code = lex.recode(lex.refusal_codes, inner.code) or outer.code
            elif kind == "demand":
                outer.code = lex.recode(lex.demand_codes, inner.code) or outer.code
            doers = [t for t in inner.sources if all(t.state != s.state for s in outer.sources)]
            if kind in ("demand", "appeal") and inner.tok.pos_ == "NOUN" and doers:
                outer.targets = doers  # "demanded the withdrawal of Serbian forces": who must withdraw is asked
            elif not outer.targets:
                if kind in ("demand", "appeal") and comp.dep_ == "ccomp":
                    subj = _child(comp, "nsubj")  # "demanded that the US cancel …": the US is asked
                    outer.targets = ctx.actors(subj) if subj is not None else inner.sources
                else:
                    outer.targets = [t for t in inner.targets if all(t.actor_id != s.actor_id for s in outer.sources)]
            if not outer.sources and kind != "demand":
                outer.sources = inner.sources
            outer.intended = True
            dropped.add(inner.tok.i)
        out = []
        for p in preds:
            if p.tok.i in dropped:
                continue
            if not p.intended:
                self._own_intent(p)
            out.append(p)
        return out

    def _intended(self, p: _Pred, governor: Token | None = None) -> str | None:
        """The code of `p` as intended: intent to cooperate (03x), a threat (13x) or a force posture (150)."""
        lex = self.lex
        if governor is not None and _lemma(governor, lex.posture_verbs) in lex.posture_verbs and p.code[:2] in (
            "18", "19", "20"
        ):  # fmt: skip
            return "150"
        return lex.recode(lex.intent_codes, p.code) or lex.recode(lex.threat_codes, p.code)

    def _own_intent(self, p: _Pred) -> None:
        """Recode a predicate stated as future, readiness or plan ("will withdraw", "is prepared to impose")."""
        lex = self.lex
        verb = p.anchor
        if verb.pos_ not in ("VERB", "AUX"):
            return
        governor = None
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"} & _INTENT_AUX
        if aux - {"would"} or (aux and self._reported(verb)):  # "would" is future only in reported speech
            governor = verb
        else:  # "plans to …", "is ready to …", through transparent verbs ("prepared to resume shelling")
            t = verb
            for _ in range(3):
                if t.dep_ != "xcomp" or t.head is t:
                    break
                h = t.head
                if h.lemma_.lower() in lex.intent_adjectives or _lemma(h, lex.intent_verbs) in lex.intent_verbs:
                    governor = h
                    break
                if _lemma(h, lex.transparent) not in lex.transparent:
                    break
                t = h
        if governor is None:
            return
        negated = any(c.dep_ == "neg" for c in (*verb.children, *governor.children))
        conditional = any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
            for c in verb.children
        )
        if negated:
            code = lex.recode(lex.refusal_codes, p.code)  # "will not accept refugees": refusing to yield
            p.negation_coded = code is not None
        elif conditional and not lex.recode(lex.threat_codes, p.code):
            code = "130"  # "will withdraw its force unless …": a conditional, coercive statement
        else:
            code = self._intended(p, governor if governor is not verb else None)
        if code:
            p.code, p.intended = code, True

    def _reported(self, verb: Token) -> bool:
        """The clause is the complement of a reporting verb: "said they would boycott …"."""
        return verb.dep_ == "ccomp" and _lemma(verb.head, self.lex.report_verbs) in self.lex.report_verbs

    def _obligations(self, ctx: _Ctx, preds: list[_Pred]) -> list[_Pred]:
        """Demands stated as obligations: "Britain said that Libya must hand over the suspects" is REQUEST
        from Britain to Libya (CAMEO 10x examples), coded on the reporting verb from the act demanded."""
        out: list[_Pred] = []
        by_tok = {p.tok.i: p for p in preds}
        for tok in ctx.doc:
            if tok.pos_ != "VERB" or _lemma(tok, self.lex.report_verbs) not in self.lex.report_verbs:
                continue
            comp = _child(tok, "ccomp")
            if comp is None or not any(c.dep_ == "aux" and c.lower_ in _OBLIGATION_AUX for c in comp.children):
                continue
            subj, passive = _subject(tok, self.lex)
            sources = [] if passive else ctx.actors(subj)
            targets = ctx.actors(_child(comp, "nsubj", "nsubjpass"))
            if not sources or not targets:
                continue
            inner = by_tok.get(comp.i)
            code = (self.lex.recode(self.lex.demand_codes, inner.code) if inner else None) or "100"
            pat = Pattern(f"{tok.lemma_} … must", "verb", tok.lemma_.lower(), (), None, code)
            out.append(_Pred(tok, pat, sources, targets, _clause(tok), tok, code, True))
            if inner is not None:
                preds.remove(inner)
        return out

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
            sources = self._subject_actors(ctx, subj, tok)
            for extra in tok.children:  # "Egypt and newly independent Sudan signed": two subjects parsed apart
                if extra.dep_ == "nsubj" and subj is not None and extra.i != subj.i and subj.head == tok:
                    sources += [a for a in ctx.actors(extra) if all(a.actor_id != b.actor_id for b in sources)]
            targets = self._verb_targets(ctx, tok, pat, sources)
            if pat.cameo.startswith("115") and not any(_is_state(t.state) for t in targets):
                targets = []  # "took the dispute to the International Court of Justice": the court is the forum
            if pat.cameo[:2] == "11" and not any(_is_state(t.state) for t in targets):
                # "complained to the United Nations over two Israeli air raids": the accused, not the addressee
                for prep in ("over", "about", "against"):
                    accused = [a for a in ctx.actors(_pobj(tok, prep)) if _is_state(a.state)]
                    if accused:
                        targets = accused
                        break
            if not sources and subj is not None:
                sources = self._located_group(ctx, subj, tok)
            if sources:  # "Riyadh withdrew its ambassador, as did Abu Dhabi and Manama": the same act again
                sources += [a for a in self._echoes(ctx, tok) if all(a.actor_id != b.actor_id for b in sources)]
        pred = _Pred(tok, pat, sources, targets, _clause(tok), tok)
        doer = agent if passive else subj
        pred.unnamed_hands = not sources and (
            (passive and not ctx.actors(doer)) or (doer is not None and doer.lemma_.lower() in self.lex.force_nouns)
        )
        return pred

    @staticmethod
    def _echoes(ctx: _Ctx, verb: Token) -> list[_Arg]:
        """Subjects of an elided repeat of the verb: "…, as did X and Y", "…, and so did X" — hung on the verb,
        or after it on the clause it qualifies ("came on 5 March, when Riyadh withdrew …, as did Abu Dhabi")."""
        out: list[_Arg] = []
        hosts = [verb]
        up = verb
        for _ in range(3 if verb.dep_ in ("relcl", "advcl") else 0):
            up = up.head
            if up.pos_ in ("VERB", "AUX"):
                hosts.append(up)
                break
        for c in (c for h in hosts for c in h.children if c.i > verb.i):
            if c.lemma_.lower() != "do" or c.dep_ not in ("advcl", "conj"):
                continue
            marks = {m.lower_ for m in c.children if m.dep_ in ("mark", "advmod")}
            if marks & {"as", "so"} and not [x for x in c.children if x.dep_ in ("dobj", "xcomp", "ccomp")]:
                out += ctx.actors(_child(c, "nsubj"))
        return out

    def _subject_actors(self, ctx: _Ctx, subj: Token | None, verb: Token) -> list[_Arg]:
        """The subject's actors, with those the parser cut off it ("…at Camp David, Sadat and Begin signed";
        "On 6 October 1973, the holy day of Yom Kippur, Egypt and Syria launched": a date is no subject)."""
        if subj is None:  # "Late on Wednesday, in Ankara, Abiy and Hassan Sheikh agreed": no subject parsed
            return self._left_coordination(ctx, verb)
        sources = [] if subj.lemma_.lower() in _TIME_NOUNS else ctx.actors(subj)
        extra = self._left_coordination(ctx, subj if sources else verb)
        return sources + [a for a in extra if all(a.actor_id != b.actor_id for b in sources)]

    @staticmethod
    def _left_coordination(ctx: _Ctx, tok: Token) -> list[_Arg]:
        """Actors coordinated just before `tok` ("Sadat and [Begin]", "…Yom Kippur, Egypt and Syria [launched]")
        that the parser attached elsewhere: names joined by "and" or commas, right up to `tok`."""
        doc = ctx.doc
        i = tok.i - 1
        if tok.pos_ in ("VERB", "AUX"):  # the names end right before the verb
            if i < 0 or ctx.mention_arg(doc[i]) is None:
                return []
        else:  # step over the subject's own name ("Menachem Begin")
            m = ctx.by_token.get(tok.i)
            while m is not None and i >= 0 and ctx.by_token.get(i) is m:
                i -= 1
            if i < 0 or doc[i].lower_ != "and" or doc[i].head == tok or tok.head == doc[i].head:
                return []
        out: list[_Arg] = []
        while i >= 0:
            t = doc[i]
            if t.lower_ in ("and", ","):
                i -= 1
                continue
            arg = ctx.mention_arg(t)
            if arg is None or t.dep_ == "pobj":
                break  # "in Ankara, Abiy and …", "talks hosted by Norway, Rabin and …": another phrase's
            m = ctx.by_token.get(t.i)
            while i >= 0 and ctx.by_token.get(i) is m:
                i -= 1
            out.append(arg)
            if i >= 0 and doc[i].lower_ not in ("and", ","):
                break
            if i >= 0 and doc[i].lower_ == "," and (i == 0 or ctx.by_token.get(i - 1) is None):
                break
        return out if tok.pos_ not in ("VERB", "AUX") or len(out) > 1 else []

    def _located_group(self, ctx: _Ctx, subj: Token, verb: Token) -> list[_Arg]:
        """Unnamed people acting where the sentence places them: "students throughout Indonesia staged
        demonstrations", "prisoners rioted at a jail in Dili", "rebels in the Ivory Coast blocked transport" —
        they act for that state (CAMEO codes such actors by country and sector)."""
        head = self._group_head(subj, ("of",), 3)  # "tens of thousands of students"
        if head is None or ctx.actors(head):
            return []
        tokens = sorted({*head.subtree, *_clause(verb)}, key=lambda t: t.i)
        found = self._first_place(ctx, tokens, {head.i, verb.i, subj.i})
        return [_Arg(f"group:{head.lemma_.lower()}", found[0].state, head.i, how="place")] if found else []

    def _group_head(self, phrase: Token, preps: tuple[str, ...], hops: int) -> Token | None:
        """The group noun ("students", "rebels") heading `phrase` or reached through up to `hops` of `preps`
        ("tens of thousands of students")."""
        head: Token | None = phrase
        groups = self.lex.domestic_groups | self.lex.armed_groups
        for _ in range(hops + 1):
            if head is None or head.lemma_.lower() in groups:
                return head
            head = next((o for prep in preps if (o := _pobj(head, prep)) is not None), None)
        return None

    def _first_place(
        self,
        ctx: _Ctx,
        tokens: list[Token],
        heads: set[int],
        exclude: Collection[str] = (),
    ) -> list[_Arg]:
        """The states named by the first place phrase among `tokens` that locates one of `heads` ("in Dili",
        "into the waters around Taiwan"), leaving out `exclude` and places at a border."""
        for t in tokens:
            if t.dep_ == "pobj" and t.head.lower_ in _PLACE_PREPS and self._placed_on(t, heads) and not _edge(t):
                found = [a for a in ctx.actors(t) if _is_state(a.state) and a.state not in exclude]
                if found:
                    return found
        return []

    def _verb_targets(self, ctx: _Ctx, tok: Token, pat: Pattern, sources: list[_Arg]) -> list[_Arg]:
        """The first phrase naming a target; one naming only the source's own side ("banned American exports
        to the island") gives way to a later one, and is kept only when there is none."""
        own = {a.state for a in sources}
        first: list[_Arg] = []
        people = None
        for phrase in self._target_phrases(tok, pat):
            if phrase is not None and phrase.lemma_.lower() in _MEDIATOR_NOUNS:
                continue  # "met at the invitation of Qatar's emir": the host, not the other party
            found = ctx.actors(phrase)
            if found and all(_stateless_group(a) for a in found) and self._people(phrase) is not None:
                found = []  # "Moslem fundamentalist demonstrators": people, of no named state
            if found and not {a.state for a in found} <= own:
                return found
            if phrase is not None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in phrase.children):
                continue  # "pulled its troops out": the actor's own, never its target
            first = first or found
            if people is None and phrase is not None and not found and self._people(phrase) is not None:
                people = phrase
        # "dispersed demonstrators", "accepted demands from rebels" — but "lifted the ban … to protests" is no act
        # on people: a gathering is their target only under force
        if people is not None and pat.cameo[:2] not in _FORCE_ROOTS and self._people(people) in _GATHERINGS:
            people = None
        if not first and people is not None and len(own) == 1 and _is_state(next(iter(own))):
            # "ordered the opposition newspaper to close", "dispersed demonstrators": the source's own people
            state = next(iter(own))
            return [_Arg(f"group:{self._people(people)}", state, people.i, domestic=True)]
        return first

    def _people(self, phrase: Token) -> str | None:
        """The group noun heading `phrase` ("demonstrators", "tens of thousands of students"), if any, unless
        they come from elsewhere (refugees)."""
        head = self._group_head(phrase, ("of", "from"), 2)
        lemma = head.lemma_.lower() if head is not None else None
        return lemma if lemma not in _NEWCOMERS else None

    @staticmethod
    def _target_phrases(tok: Token, pat: Pattern) -> Iterator[Token | None]:
        """Where a verb's target may be named, in order of preference."""
        dobj = _child(tok, "dobj")
        if dobj is not None and dobj.lemma_.lower() in _AMOUNTS:  # "withheld £21 million in budget support to X"
            dobj = _pobj(dobj, "in") or _pobj(dobj, "of") or dobj
        if pat.prep:
            for host in (tok, dobj):
                yield _pobj(host, pat.prep) if host is not None else None
        yield dobj
        yield _child(tok, "dative")
        if dobj is not None and dobj.lemma_.lower() in pat.words:  # "imposed sanctions against X"
            yield from (_pobj(dobj, prep) for prep in _DEFAULT_TARGET_PREPS)
        yield from (_pobj(tok, prep) for prep in _DEFAULT_TARGET_PREPS)
        if dobj is not None:  # "would boycott all contact with the US", "cut off electricity to X"
            yield from (_pobj(dobj, prep) for prep in _DEFAULT_TARGET_PREPS)
            # "lifted the flight ban and scrapped visa requirements for Georgian citizens": who benefits
            yield from (_pobj(d, "for") for d in (dobj, *dobj.conjuncts))
            yield _pobj(dobj, "between")  # "brokered a prisoner swap between the US and Iran"

    def _noun(self, ctx: _Ctx, tok: Token, pat: Pattern) -> _Pred:
        targets: list[_Arg] = []
        # "talks between X and Y" names both parties: handled below, as sources
        preps = (pat.prep,) if pat.prep and pat.prep != "between" else ("of", *_DEFAULT_TARGET_PREPS)
        agent_of = tok.lemma_.lower() in self.lex.agent_of  # "the withdrawal of Serbian forces from Bosnia"
        if agent_of:
            preps = tuple(dict.fromkeys(p for p in (*preps, "from", *_DEFAULT_TARGET_PREPS) if p != "of"))
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
            if not targets:  # "the first visit by a Japanese premier [to Seoul]", the parser hanging it on him
                for prep in preps:
                    if (p := _pobj(by, prep)) is not None and (targets := ctx.actors(p)):
                        break
        if not sources and agent_of and (of := _pobj(tok, "of")) is not None:
            sources = [a for a in ctx.actors(of) if all(a.state != t.state for t in targets)]
        if not sources:
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod") and c.i not in taken:
                    sources = [a for t in (c, *c.conjuncts, *_hyphened(c)) if (a := ctx.mention_arg(t))]
                    if sources:
                        break
        if not sources and not targets:  # "talks between X and Y", "the restoration of relations between X and Y"
            for host in (tok, _pobj(tok, "of")):
                if host is not None and (p := _pobj(host, "between")) is not None and len(found := ctx.actors(p)) > 1:
                    sources = found
                    break
        verb = _light_verb(tok)
        anchor = tok
        if not sources and verb is None and tok.dep_ == "pobj" and tok.head.lower_ == "for":
            mover = tok.head.head  # "U.S. and Russian negotiators return to Geneva for talks"
            if mover.pos_ == "VERB" and _lemma(mover, self.lex.travel_verbs) in self.lex.travel_verbs:
                subj, passive = _subject(mover, self.lex)
                if not passive:  # "Marcos joined Biden and Kishida … for the first summit": all of them
                    found = self._subject_actors(ctx, subj, mover) + ctx.actors(_child(mover, "dobj"))
                    sources = [a for a in found if all(a.state != t.state for t in targets)]
                    anchor = mover if sources else anchor
        if not sources and targets and verb is None and pat.cameo[:2] in _SETTING_ROOTS and tok.dep_ == "pobj":
            head = tok.head.head  # "Under an agreement with Britain, Egypt obtained …": the subject is the party
            if tok.head.lower_ in _SETTING_PREPS and head.pos_ in ("VERB", "AUX"):
                subj, passive = _subject(head, self.lex)
                if not passive:
                    sources = [a for a in ctx.actors(subj) if all(a.state != t.state for t in targets)]
        if verb is not None:
            anchor = verb
            if not sources and (_lemma(verb, self.lex.light_verbs) in self.lex.light_verbs or verb.lemma_ == "be"):
                subj, passive = _subject(verb, self.lex)
                if not passive:
                    sources = self._subject_actors(ctx, subj, verb)
                    if not sources and subj is not None:
                        sources = self._located_group(ctx, subj, verb)
            if not targets:  # "imposed sanctions on X" with "on X" attached to the verb
                for prep in preps:
                    if (p := _pobj(verb, prep)) is not None and (targets := ctx.actors(p)):
                        break
        clause = _clause(anchor) if anchor != tok else sorted(tok.subtree, key=lambda t: t.i)
        pred = _Pred(tok, pat, sources, targets, clause, anchor)
        pred.unnamed_hands = not sources  # "the assassination of the minister": a deed without its doer
        return pred

    # -- events ----------------------------------------------------------------------------------

    def __call__(self, doc: Doc, require_actors: bool = True) -> list[Event]:
        events: list[Event] = []
        ctx = _Ctx(doc, self.lex)
        for pred in self.predicates(doc, ctx):
            code = self.cameo.get(pred.code)
            if code is None:
                continue
            ptype = pred.pat.plover if pred.pat.plover and pred.code == pred.pat.cameo else code.plover_type
            if ptype not in PLOVER_TYPES:
                continue
            local = ptype in _LOCAL_TYPES or pred.pat.cameo[:2] in _LOCAL_ROOTS
            if local:  # "bombed a market in Bentiu", "invaded in Operation Litani": an unknown name is a place
                pred.targets = [t for t in pred.targets if not _unknown_org(ctx, t)]
            joint = len({a.state for a in pred.sources}) > 1 and self._mutual(pred)
            if joint:  # "X and Y ended their standoff at Doklam", "exchanged fire at Chaman": each other
                pred.targets = [t for t in pred.targets if not _place_mention(ctx, t) and not _located(ctx, t)]
            elif not pred.targets and local:
                pred.targets = self._local_target(ctx, pred, ptype, code.code)
            elif local and pred.sources and {t.state for t in pred.targets} <= {a.state for a in pred.sources}:
                # "bombed a camp of the FARC guerrillas inside Ecuador": the foreign place over the own-side group
                pred.targets = self._local_target(ctx, pred, ptype, code.code) or pred.targets
            elif local and all(_stateless_group(t) for t in pred.targets):
                # "killed three ethnic Albanians in southeastern Serbia": a people without a state of its own,
                # where the sentence places them
                heads = {pred.tok.i, pred.anchor.i} | {t.token for t in pred.targets}
                place = self._first_place(ctx, pred.clause, heads)
                if place:
                    pred.targets = [_Arg(t.actor_id, place[0].state, t.token, how="place") for t in pred.targets]
            own = {a.actor_id for a in pred.sources}
            at_home = all(t.actor_id in own for t in pred.targets)  # none, or only the source itself
            if at_home and pred.sources and pred.pat.cameo.startswith(_DOMESTIC_CODES):
                src = pred.sources[0]  # "Iraqi Kurds demonstrated", "imposed martial law": at home
                if _is_state(src.state):
                    pred.targets = [_Arg(src.state, src.state, src.token, domestic=True)]
            if not pred.sources and not pred.targets and code.code[:3] in _PARTIES_IMPLIED and _agentless(pred.tok):
                # "Diplomatic relations were restored in Madrid on 15 February 1990", "Talks resumed in 1997"
                pred.sources = ctx.dyad(pred.tok)
            if pred.sources and not pred.targets and code.code[:3] == "045":
                own = {a.state for a in pred.sources}  # "the guarantor states brokered a ceasefire": between the two
                pred.targets = ctx.dyad(pred.tok, exclude=own)
            own_states = {a.state for a in pred.sources}
            if code.code[:3] == "087" and pred.targets and all(t.state in own_states for t in pred.targets):
                pred.targets = []  # "Barak pulled the last troops out": a withdrawal's own side is no target
            if not pred.targets and pred.sources and code.code[:2] in _IMPLIED_TARGET_ROOTS:
                pred.targets = self._implied_target(ctx, pred)
            pairs = self._pairs(pred, ptype, code.code)
            if not pairs:
                if require_actors:
                    continue
                pairs = [(None, None)]
            modality, reporter = self._modality(pred)
            start, end = pred.clause[0].idx, pred.clause[-1].idx + len(pred.clause[-1].text)
            when = self._when(doc, pred, start, end)
            if modality in _FACTUAL and _after_publication(doc, when) and pred.anchor.tag_ not in ("VBD", "VBN"):
                # "a war between the two states in 2025" written in 2024: not (yet) a fact (a verb in the past
                # tense dated later than publication has a wrong date, not a hypothetical modality)
                modality = "hypothetical"
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
                        extras={"parties": how} if (how := _parties(src, tgt)) != "named" else {},
                    )
                )
        events.sort(key=lambda e: (e.sentence, e.trigger_start))
        return events

    def _local_target(self, ctx: _Ctx, pred: _Pred, ptype: str, code: str) -> list[_Arg]:
        """The target of an event that names none: the people a state coerces at home ("police dispersed
        demonstrators": the source's own state), else the state where a protest, show of force or coercion
        takes place (CAMEO 141 usage note: the location of a demonstration can represent its target)."""
        if (ptype == "COERCE" or code.startswith("175")) and pred.sources and _is_state(pred.sources[0].state):
            obj = _child(pred.tok, "dobj", "nsubjpass") if pred.tok.pos_ in ("VERB", "AUX") else _pobj(pred.tok, "of")
            if obj is None and pred.tok.pos_ in ("VERB", "AUX"):
                obj = next((p for prep in _DEFAULT_TARGET_PREPS if (p := _pobj(pred.tok, prep)) is not None), None)
            if obj is not None and (of := _pobj(obj, "of")) is not None:  # "dozens of protesters"
                obj = of
            words = {obj.lemma_.lower()} | {c.lemma_.lower() for c in obj.children} if obj is not None else set()
            if obj is not None and words & self.lex.domestic_groups and not ctx.actors(obj):
                src = pred.sources[0]
                return [_Arg(f"group:{obj.lemma_.lower()}", src.state, obj.i, domestic=True)]  # the people
        heads = {pred.tok.i, pred.anchor.i}
        heads |= {c.i for h in (pred.tok, pred.anchor) for c in h.children if c.dep_ == "dobj"}  # "a curfew in X"
        heads |= {c.i for h in list(heads) for c in ctx.doc[h].conjuncts}  # "struck batteries and sites across X"
        found = self._first_place(ctx, pred.clause, heads, {a.state for a in pred.sources})[:1]
        return [_Arg(a.actor_id, a.state, a.token, how="place") for a in found]

    @staticmethod
    def _placed_on(place: Token, heads: set[int]) -> bool:
        """`place` locates one of `heads` through a chain of place phrases: "fired missiles [into the waters
        [around Taiwan]]", "test-fired missiles into the sea [north of Taiwan]", "struck sites [across Iran]"."""
        t = place
        for _ in range(4):
            prep = t.head
            if t.dep_ != "pobj" or prep.lower_ not in _PLACE_PREPS:
                return False
            up = prep.head
            if up.dep_ == "advmod" and up.lower_ in _BEARINGS:  # "north of Taiwan"
                up = up.head
            if up.i in heads:
                return True
            t = up
        return False

    def _implied_target(self, ctx: _Ctx, pred: _Pred) -> list[_Arg]:
        """The target of an act aimed at someone the sentence leaves unnamed ("the PLA staged drills", "the
        administration eased restrictions"): the one other state the text has been naming just before — in
        this sentence and the two before, the state named most there (ties broken by the whole text so far),
        when it clearly leads. Analyses of a relationship leave its other side implied this way."""
        own = {a.state for a in pred.sources}
        if len(own) != 1 or not all(_is_state(s) for s in own):
            return []  # "the two countries fought a war": a joint or reciprocal act has its parties already
        own |= {st for st, succ in lineage().items() if succ in {line_of(o) for o in own}}  # and its predecessors
        k = ctx.sent_of_token.get(pred.tok.i, 0)
        lo, hi = ctx.sents[max(0, k - 2)].start_char, ctx.sents[k].end_char
        near: dict[str, int] = {}
        before: dict[str, int] = {}
        for m in ctx.doc._.actor_mentions or []:
            state = state_of(m.actor) if m.start < hi else None
            if not state or not _is_state(state) or state in own:
                continue
            before[state] = before.get(state, 0) + 1
            if m.start >= lo:
                near[state] = near.get(state, 0) + 1
        ranked = sorted(near, key=lambda st: (near[st], before[st]), reverse=True)
        if not ranked or (
            len(ranked) > 1 and (near[ranked[0]], before[ranked[0]]) == (near[ranked[1]], before[ranked[1]])
        ):
            return []
        if len(ranked) > 1 and near[ranked[0]] < 2 * near[ranked[1]] and before[ranked[0]] < 2 * before[ranked[1]]:
            return []  # no clear other side
        return [_Arg(ranked[0], ranked[0], pred.tok.i, how="implied")]

    def _pairs(self, pred: _Pred, ptype: str, code: str) -> list[tuple[_Arg | None, _Arg | None]]:
        srcs = pred.sources
        tgts = [t for t in pred.targets if t.domestic or all(t.actor_id != s.actor_id for s in srcs)]
        if not srcs:  # "three US servicemen were killed by a roadside bomb": force on a known target, by someone
            return [(None, t) for t in tgts] if ptype in _UNKNOWN_SOURCE_TYPES and pred.unnamed_hands else []
        if not tgts:
            reciprocal = self._mutual(pred) and not pred.intended
            if len(srcs) > 1 and (ptype in SYMMETRIC or code in SYMMETRIC_CODES or reciprocal):
                return list(permutations(srcs, 2))
            if reciprocal and pred.tok.pos_ in ("NOUN", "PROPN") and not pred.pat.prep:
                return []  # "the Korean War", "a split": a bare noun of conflict needs its two sides named
            if ptype in REQUIRES_TARGET:
                return []
            return [(s, None) for s in srcs]
        pairs: dict[tuple[str, str], tuple[_Arg | None, _Arg | None]] = {}
        for s in srcs:  # one event per pair of states: "Somalia's president Mohamud" is Somalia once
            for t in tgts:
                if s.state != t.state and line_of(s.state) == line_of(t.state):
                    continue  # Russia and the Soviet Union are one line of states, not two parties
                pairs.setdefault((s.state, t.state), (s, t))
        return list(pairs.values())

    def _mutual(self, pred: _Pred) -> bool:
        """An act its several subjects do to each other: "X and Y fought a war", "broke off relations"."""
        return bool({pred.pat.head, *pred.pat.words} & (_RELATIONS | self.lex.reciprocal))

    # -- modality, time, place -------------------------------------------------------------------

    def _modality(self, pred: _Pred) -> tuple[str, str | None]:
        """The strongest qualifier on the predicate: denied > negated > hypothetical > hedged > reported."""
        lex = self.lex
        chain: list[Token] = [pred.tok]
        if pred.anchor != pred.tok:
            chain.append(pred.anchor)
        t = chain[-1]
        while t.dep_ in ("xcomp", "conj", "acomp") and t.head != t:  # "did not begin supplying", "is ready to …"
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
        if any(c.dep_ == "neg" for c in kids) and not pred.negation_coded:
            return "negated", None
        head = pred.tok.head
        off = head.lemma_.lower() == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in head.children)
        if (
            pred.tok.pos_ == "NOUN"
            and pred.tok.dep_ in ("dobj", "nsubjpass")
            and (off or _lemma(head, _CALLED_OFF) in _CALLED_OFF)
        ):
            return "negated", None  # "the visit … was postponed", "cancelled the summit": it did not take place
        if pred.tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in _UNREALISED for c in pred.tok.children):
            return "hypothetical", None  # "the planned visit", "a possible invasion"
        hypothetical = lex.hypothetical_aux - _INTENT_AUX if pred.intended else lex.hypothetical_aux
        if any(c.dep_ == "aux" and c.lower_ in hypothetical and _timex_at(c.doc, c) is None for c in kids) or any(
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
        # not the date of a clause inside an argument: "The government, which had refused … in February 2022,
        # welcomed the decision"
        inner = {
            d.i
            for t in pred.clause
            if t.dep_ in ("relcl", "acl")
            and t.pos_ in ("VERB", "AUX")
            and t not in (pred.tok, pred.anchor)
            and t.head not in (pred.tok, pred.anchor)  # "a treaty, signed in February 2000": the treaty's own
            and not any(a.i in (pred.tok.i, pred.anchor.i) for a in t.subtree)
            for d in t.subtree
        }
        best = self._own_time(doc, pred, {t.idx for t in pred.clause if t.i not in inner}, start, end)
        head = pred.anchor
        for _ in range(3):  # "In 1954 artillery began shelling X": the time of the governing verb
            if best is not None or head.head.i == head.i:
                break
            if head.dep_ == "relcl" and (at := _timex_at(doc, head.head)) is not None:
                best = at  # "on 5 March 2014, when Riyadh withdrew its ambassador": the date the clause qualifies
                break
            if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubj", "nsubjpass", "dobj"):
                verb = head.head  # "Talks resumed in Brasília in 1997": the noun's time is its verb's
                mine = {d.i for d in head.subtree}
                own = [t for t in _adjuncts(verb) if t.i not in mine]
                if own:
                    best = self._own_time(doc, pred, {t.idx for t in own}, own[0].idx, own[-1].idx + len(own[-1].text))
                break
            marks = {c.lower_ for c in head.children if c.dep_ in _WHEN_DEPS}
            # "sank the cruiser, killing 323 men": a participle clause happens with its verb
            when = head.dep_ == "advcl" and ("when" in marks or (not marks and head.tag_ == "VBG"))
            if head.dep_ not in ("xcomp", "conj", "pcomp") and not when:
                break  # "The war ended on 14 June, when the commander surrendered": a when-clause shares it
            head = head.head.head if head.dep_ == "pcomp" and head.head.dep_ == "prep" else head.head
            own = [t for t in _adjuncts(head)]
            best = self._own_time(doc, pred, {t.idx for t in own}, own[0].idx, own[-1].idx + len(own[-1].text))
        if best is not None:
            x = best
            return {"start": x.value_start, "end": x.value_end, "precision": x.precision, "text": x.text,
                    "basis": "expression"}  # fmt: skip
        k = _sent_index(doc, pred.tok.sent)
        times = doc._.sentence_times or []
        if k < len(times) and times[k] is not None:
            s, e, p = times[k]
            return {"start": s, "end": e, "precision": p, "text": None, "basis": "narrative"}
        pub = _as_date(doc.user_data.get("published"))
        return {"start": pub, "end": pub, "precision": "day" if pub else None, "text": None, "basis": "publication"}

    @staticmethod
    def _own_time(doc: Doc, pred: _Pred, idx: set[int], start: int, end: int) -> Any:
        """The time expression within [start, end) on tokens `idx` nearest the trigger, leaving out reference
        points ("the first visit since 1928")."""
        best = None
        for x in doc._.timexes or []:
            if x.start < start or x.end > end:
                continue
            span = doc.char_span(x.start, x.end, alignment_mode="expand")
            if span is None or not any(t.idx in idx for t in span):
                continue
            if span.root.dep_ == "pobj" and span.root.head.lower_ == "since":
                continue
            attributive = span.root.dep_ in ("compound", "nummod", "amod", "nmod") and span.root.head.pos_ == "NOUN"
            attributive = attributive and span.root.head != pred.tok  # "a 1904 treaty" dates the treaty itself
            if attributive and x.precision == "year" and x.text.isdigit():
                continue  # "the 1961 treaty", "the 2018 military agreement": a name, not the time of the act
            dist = abs(x.start - pred.tok.idx)
            if best is None or dist < best[0]:
                best = (dist, x)
        return best[1] if best is not None else None

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


def _is_state(code: str | None) -> bool:
    """A state's id, not an organisation's that looks like one (ICJ, IMF)."""
    return bool(code) and code in state_ids()


def _one_per_line(total: dict[str, int]) -> dict[str, int]:
    """Mention counts with a historical state folded into its successor's (Soviet Union into Russia)."""
    out: dict[str, int] = {}
    for st, n in total.items():
        key = line_of(st) if line_of(st) in total else st
        out[key] = out.get(key, 0) + n
    return out


def _unknown_org(ctx: _Ctx, arg: _Arg) -> bool:
    """An organisation the dictionary does not know and that acts for no state: often a place the entity
    recogniser mislabelled."""
    m = ctx.by_token.get(arg.token)
    return m is not None and m.actor.id.startswith("organization:") and not m.actor.country


def _located(ctx: _Ctx, arg: _Arg) -> bool:
    """The argument is the object of a preposition of place ("at Chaman")."""
    tok = ctx.doc[arg.token]
    return tok.dep_ == "pobj" and tok.head.lower_ in ("at", "in", "near", "along", "on")


def _place_mention(ctx: _Ctx, arg: _Arg) -> bool:
    m = ctx.by_token.get(arg.token)
    return m is not None and m.actor.kind == "place"


def _parties(src: _Arg | None, tgt: _Arg | None) -> str:
    """How the sentence gives the event's parties: named, or the first inference that supplied one."""
    for a in (src, tgt):
        if a is not None and a.how:
            return a.how
    return "domestic" if tgt is not None and tgt.domestic else "named"


def _agentless(tok: Token) -> bool:
    """A passive verb, finite or participle, that names no doer: "relations were restored", "an agreement
    signed on 14 July 1999"."""
    if tok.pos_ == "NOUN":  # "Talks resumed in Brasília in 1997", "the peace treaty followed on 26 March 1979": the
        # subject of a past event, with no party named ("The treaty commits both sides" tells no signing)
        return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.tag_ in ("VBD", "VBN")
    if tok.pos_ not in ("VERB", "AUX") or tok.tag_ != "VBN" or _child(tok, "agent") is not None:
        return False
    if tok.dep_ == "acl":  # "an accord signed on 14 July 1999", not "the Taiwan Relations Act, signed in 1979"
        return tok.head.lemma_.lower() in _AGREEMENTS
    return any(c.dep_ == "auxpass" for c in tok.children)


def _after_publication(doc: Doc, when: dict[str, Any]) -> bool:
    """The event's time (its own expression or the narrative's) starts after the document was published."""
    pub = _as_date(doc.user_data.get("published"))
    start = when.get("start")
    return when.get("basis") != "publication" and pub is not None and isinstance(start, dt.date) and start > pub


def _timex_at(doc: Doc, tok: Token) -> Any:
    """The time expression covering `tok`, if any."""
    return next((x for x in doc._.timexes or [] if x.start <= tok.idx < x.end), None)


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
