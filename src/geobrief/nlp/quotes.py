"""Who said what: direct quotes, reported speech and scare-quoted terms, with their speakers.

``geobrief_quotes`` runs after ``geobrief_actor_linker`` (it reads ``doc._.actor_mentions`` when
present, else spaCy's ``doc.ents``) and sets ``doc._.quotes``: a list of `Quote` in document order,
char offsets into ``doc.text`` with ``doc.text[q.start:q.end] == q.text``.

Rules, not a model: quote marks are found on characters (the parser is unreliable inside quotes),
attribution on tokens and the dependency parse. The speech-verb lexicon is data
(``knowledge/speech_verbs.yaml``) so that it can grow without code changes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

LEXICON_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "speech_verbs.yaml"

QuoteKind = Literal["direct", "indirect", "term"]

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None, force=True)

_OPEN_CURLY = "“«„"
_CLOSE_CURLY = "”»"
_STRAIGHT = '"'
_TERM_MAX_WORDS = 4
_PERSON_LABELS = frozenset({"PERSON"})
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})
_ATTR_WINDOW = 20  # tokens after a closing mark in which an attribution verb is looked for
_ATTR_WINDOW_SHORT = 12  # … after a quote of a few words (a scare-quoted term unless attributed close by)
_FLOAT_PARAGRAPHS = 3  # a quote with no attribution inherits the speaker of a quote this close
_CONTINUE_CHARS = 400  # how far back a pronoun looks for its named antecedent (chars)
_PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
_GENDER_CUES = frozenset({"he", "she", "his"})  # "her"/"him" are as often another person's
_GENDER_WINDOW = 40
_RELATIVE = frozenset({"who", "that", "which"})  # tokens after a mention in which its he/she cue is looked for


@dataclass(slots=True)
class Quote:
    """One quote. ``text`` excludes the quote marks; ``speaker_*`` point at the named speaker.

    For a pronoun or role ("he said", "the minister said") the speaker fields hold the named
    antecedent it was resolved to, so ``doc.text[speaker_start:speaker_end] == speaker_text``.
    """

    kind: QuoteKind
    text: str
    start: int
    end: int
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_actor_id: str | None = None
    verb: str | None = None
    sentence: int = 0


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Speech verbs and friends, loaded from YAML."""

    version: int
    verbs: frozenset[str]
    weak_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    source_phrases: tuple[tuple[str, ...], ...]
    pronouns: frozenset[str]
    roles: frozenset[str]
    male_titles: frozenset[str] = frozenset()
    female_titles: frozenset[str] = frozenset()
    male_names: frozenset[str] = frozenset()
    female_names: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    quantifiers: frozenset[str] = frozenset()
    indefinites: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    stance_adjectives: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read the speech-verb lexicon (cached: it is read once per process)."""
    data = yaml.safe_load(Path(path or LEXICON_PATH).read_text(encoding="utf-8"))
    lower = lambda key: frozenset(str(w).lower() for w in data.get(key, []))  # noqa: E731
    return Lexicon(
        version=int(data["version"]),
        verbs=lower("verbs"),
        weak_verbs=lower("weak_verbs"),
        naming_verbs=lower("naming_verbs"),
        source_phrases=tuple(tuple(p.lower().split()) for p in data.get("source_phrases", [])),
        pronouns=lower("pronouns"),
        roles=lower("roles"),
        male_titles=lower("male_titles"),
        female_titles=lower("female_titles"),
        male_names=lower("male_names"),
        female_names=lower("female_names"),
        document_nouns=lower("document_nouns"),
        quantifiers=lower("quantifiers"),
        indefinites=lower("indefinites"),
        group_nouns=lower("group_nouns"),
        stance_adjectives=lower("stance_adjectives"),
    )


# --------------------------------------------------------------------------------------------------
# Speakers


@dataclass(slots=True)
class _Speaker:
    text: str
    start: int
    end: int
    actor_id: str | None = None
    named: bool = True  # False: a pronoun/role/common noun left unresolved
    subject: bool = False  # the mention is a clause subject (likely antecedent of a later "he")
    tagged: bool = True  # False: an untagged proper-noun subject, taken as a person only for pronouns


@dataclass(slots=True)
class _Ctx:
    doc: Doc
    lex: Lexicon
    sent_starts: list[int]
    persons: list[_Speaker]  # person mentions in document order (entities + person actors)
    spans: list[tuple[int, int, str | None, bool]]  # named spans: start, end, actor id, is person
    quoted: list[tuple[int, int]] = field(default_factory=list)  # direct-quote content, sorted
    speakers: list[tuple[int, _Speaker]] = field(default_factory=list)  # (char, named speaker) found so far
    person_starts: set[int] = field(default_factory=set)
    gender: dict[str, str] = field(default_factory=dict)  # name or surname (lower) → "m" / "f", gold-free cues

    def gender_of(self, sp: _Speaker) -> str | None:
        words = sp.text.lower().split()
        return (self.gender.get(" ".join(words)) or self.gender.get(words[-1])) if words else None

    def sent_of(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def in_quote(self, char: int) -> bool:
        i = bisect_right(self.quoted, (char, 1 << 30)) - 1
        return i >= 0 and self.quoted[i][0] <= char < self.quoted[i][1]


def _named_spans(doc: Doc) -> tuple[list[_Speaker], list[tuple[int, int, str | None, bool]]]:
    """Person mentions and all named spans, from the actor linker if it ran, and spaCy's entities."""
    spans: dict[tuple[int, int], tuple[str | None, bool]] = {}
    for ent in doc.ents:
        if ent.label_ in _SPEAKER_LABELS:
            spans[(ent.start_char, ent.end_char)] = (None, ent.label_ in _PERSON_LABELS)
    for m in getattr(doc._, "actor_mentions", None) or []:
        kind = getattr(m.actor, "kind", None)
        prev = spans.get((m.start, m.end))
        spans[(m.start, m.end)] = (m.actor.id, kind == "person" or (prev is not None and prev[1] and kind is None))
    ordered = sorted((s, e, aid, person) for (s, e), (aid, person) in spans.items())
    persons = [_Speaker(doc.text[s:e], s, e, aid, subject=_is_subject(doc, s, e)) for s, e, aid, p in ordered if p]
    return persons, ordered


def _is_subject(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children) for t in span):
        return False  # one of two people ("Jane Roe and John Doe said") is not a later "he"
    return any(t.dep_ in _SUBJ_DEPS or (t.dep_ == "appos" and t.head.dep_ in _SUBJ_DEPS) for t in span)


def _extra_persons(ctx: _Ctx) -> None:
    """Untagged proper-noun subjects ("Niederreiter has four goals") and sentence-initial persons are topics."""
    doc, text = ctx.doc, ctx.doc.text
    taken = [(s, e) for s, e, _a, _p in ctx.spans]
    added = []
    for tok in doc:
        if tok.dep_ in _SUBJ_DEPS and tok.pos_ == "PROPN" and not tok.ent_type_ and tok.is_title:
            if ctx.in_quote(tok.idx) or tok.lower_ in ctx.lex.document_nouns:
                continue
            if any(c.dep_ == "conj" for c in tok.children):
                continue  # "Jane Roe and John Doe said": a pair, not a later "he"
            span = _propn_chain(tok)
            if any(t.lower_ in ctx.lex.roles for t in span):
                continue  # "Director Smith": the title, not a name
            if not any(s < span.end_char and span.start_char < e for s, e in taken):
                added.append(_Speaker(span.text, span.start_char, span.end_char, subject=True, tagged=False))
    for p in ctx.persons:
        floor = max(ctx.sent_starts[ctx.sent_of(p.start)], text.rfind("\n", 0, p.start) + 1)  # sentence or paragraph
        lead = text[floor : p.start].strip().rstrip(".").lower()
        if not lead or lead in ctx.lex.male_titles or lead in ctx.lex.female_titles:
            p.subject = True
    # a photo credit ("Jane Roe / Agency", "(Jane Roe/Agency)") names no one in the story
    persons = [p for p in ctx.persons + added if "/" not in text[p.start : p.end + 3]]
    ctx.persons = sorted(persons, key=lambda p: (p.start, p.end))


def _genders(ctx: _Ctx) -> dict[str, str]:
    """Name → gender, from a title (Mr., Ms.), a known first name, or the he/she that follows its mentions.

    A title or first name settles it; otherwise each mention outside quotes votes with the first
    he/she/his after it, and the majority wins (one "when Roe left, she …" is outvoted). A one-word
    mention votes for the full name it is part of. Keys are the full name and, where no two genders
    claim it, its surname and first name alone ("Mary Nicholson" and "Trevor Nicholson" share a
    surname, not a gender).
    """
    fulls = {p.text.lower() for p in ctx.persons if " " in p.text}
    owner: dict[str, set[str]] = {}
    for name in fulls:
        words = name.split()
        for part in {words[0], words[-1]}:
            owner.setdefault(part, set()).add(name)
    strong: dict[str, str] = {}
    votes: dict[str, list[str]] = {}
    for p in ctx.persons:
        key = p.text.lower()
        if not key or ctx.in_quote(p.start):
            continue
        if " " not in key and len(owner.get(key, ())) == 1:
            key = next(iter(owner[key]))
        g, sure = _gender_cue(ctx, p)
        if g is not None and sure:
            strong.setdefault(key, g)
        elif g is not None:
            votes.setdefault(key, []).append(g)
    full: dict[str, str] = {}
    for key, vs in votes.items():
        m, f = vs.count("m"), vs.count("f")
        if m != f:
            full[key] = "m" if m > f else "f"
    full.update(strong)
    return {**_name_parts(full), **full}


def _name_parts(full: dict[str, str]) -> dict[str, str]:
    """First names and surnames of gendered full names, where only one gender claims them."""
    parts: dict[str, set[str]] = {}
    for name, g in full.items():
        words = name.split()
        if len(words) > 1:
            for part in {words[0], words[-1]}:
                parts.setdefault(part, set()).add(g)
    return {part: next(iter(gs)) for part, gs in parts.items() if len(gs) == 1}


def _gender_cue(ctx: _Ctx, p: _Speaker) -> tuple[str | None, bool]:
    """A mention's gender cue and whether it is sure (a title or first name) or a vote (a later pronoun)."""
    doc, lex = ctx.doc, ctx.lex
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return None, False
    words = p.text.lower().split()
    cues = {words[0], doc[span.start - 1].lower_ if span.start > 0 else ""}
    if cues & lex.male_titles or (len(words) > 1 and words[0] in lex.male_names):
        return "m", True
    if cues & lex.female_titles or (len(words) > 1 and words[0] in lex.female_names):
        return "f", True
    sent = ctx.sent_of(p.start)
    limit = ctx.sent_starts[sent + 2] if sent + 2 < len(ctx.sent_starts) else len(doc.text)
    for t in doc[span.end : span.end + _GENDER_WINDOW]:
        if t.idx >= limit or (t.idx in ctx.person_starts and t.idx != p.start):
            break  # another person comes first: the pronoun may be theirs
        if t.lower_ in _GENDER_CUES and not ctx.in_quote(t.idx):
            return _PRONOUN_GENDER[t.lower_], False
    return None, False


def _lookup(ctx: _Ctx, start: int, end: int) -> tuple[int, int, str | None, bool] | None:
    """The named span that overlaps [start, end), preferring a linked actor, then the longest."""
    best = None
    for s, e, aid, person in ctx.spans:
        if s >= end:
            break
        if e > start and (best is None or (aid is not None, e - s) > (best[2] is not None, best[1] - best[0])):
            best = (s, e, aid, person)
    return best


def _propn_chain(tok: Token) -> Span:
    """A proper-noun head with its compound/flat proper-noun dependents ("Mao Zedong")."""
    doc = tok.doc
    lo = hi = tok.i
    while lo - 1 >= 0 and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].head.i in range(lo, tok.i + 1):
        lo -= 1
    while hi + 1 < len(doc) and doc[hi + 1].pos_ == "PROPN" and doc[hi + 1].dep_ in ("compound", "flat", "appos"):
        hi += 1
    return doc[lo : hi + 1]


def _speaker_from_token(ctx: _Ctx, tok: Token) -> _Speaker:
    """The speaker a subject token names: its entity, proper-noun chain, or noun phrase; pronouns resolved."""
    doc = ctx.doc
    # an appositive name beats a role noun: "the spokesman, John Smith, said", "Keeper of the Seal, Jane Roe, said"
    if tok.pos_ in ("NOUN", "PRON") or (tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON"):
        for child in tok.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and (tok.pos_ != "PROPN" or child.ent_type_ == "PERSON"):
                tok = child
                break
        else:  # the parser hangs the name on the title's last word: "Keeper of the Seal, Jane Roe, said"
            tok = next((t for t in tok.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"), tok)
    low = tok.lower_
    hit = _lookup(ctx, tok.idx, tok.idx + len(tok.text))
    named = bool(tok.ent_type_) and tok.text[:1].isupper() and low not in ctx.lex.pronouns
    pronoun = tok.pos_ == "PRON" and not named  # a name tagged as a pronoun: "Brind'Amour"
    if pronoun and low in ctx.lex.quantifiers:  # "some in the community say", "others said": no one named
        phrase = doc[tok.i : tok.right_edge.i + 1] if tok.right_edge.i - tok.i < 6 else doc[tok.i : tok.i + 1]
        return _Speaker(phrase.text, phrase.start_char, phrase.end_char, named=False)
    conj = [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    if conj and tok.pos_ == "PROPN":  # "Jane Roe and John Doe said": both speak, neither is a later "he"
        s, e = (
            min(tok.left_edge.idx, hit[0] if hit else tok.idx),
            conj[-1].right_edge.idx + len(conj[-1].right_edge.text),
        )
        return _Speaker(doc.text[s:e], s, e)
    if hit is not None and not pronoun:
        s, e, aid, _person = hit
        return _Speaker(doc.text[s:e], s, e, aid)
    if tok.pos_ == "PROPN":
        span = _propn_chain(tok)
        return _Speaker(span.text, span.start_char, span.end_char)
    if low == "it":  # "It blamed the South and declared …": the state or body last named as a subject
        found = _last_body(ctx, tok) or next(  # … else the last speaker who is no person
            (sp for _c, sp in reversed(ctx.speakers) if sp.start not in ctx.person_starts and not ctx.gender_of(sp)),
            None,
        )
        return found or _Speaker(tok.text, tok.idx, tok.idx + len(tok.text), named=False)
    if low in ctx.lex.pronouns or pronoun:
        return _resolve(ctx, tok.lower_, tok.idx) or _Speaker(tok.text, tok.idx, tok.idx + len(tok.text), named=False)
    # a common noun phrase: a role pointing back, or a source in its own right ("the city", "police")
    left = tok.left_edge
    for t in tok.lefts:  # a name inside the phrase: "Foreign Minister Sergei Lavrov"
        h = _lookup(ctx, t.idx, t.idx + len(t.text))
        if h is not None and h[3]:
            return _Speaker(doc.text[h[0] : h[1]], h[0], h[1], h[2])
    if tok.lemma_.lower() in ctx.lex.document_nouns:  # "a release from the union said" → the union
        for t in tok.subtree:
            h = (
                _lookup(ctx, t.idx, t.idx + len(t.text))
                if t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME")
                else None
            )
            if h is not None:
                return _Speaker(doc.text[h[0] : h[1]], h[0], h[1], h[2])
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is not None:  # "her statement read", "the ministry's release said": the owner speaks
            return _speaker_from_token(ctx, owner)
    phrase = doc[left.i : tok.i + 1]
    words = " ".join(t.lower_ for t in phrase if t.pos_ not in ("DET", "PUNCT"))
    indefinite = any(c.dep_ == "det" and c.lower_ in ctx.lex.indefinites for c in tok.children)
    if (low in ctx.lex.roles or words in ctx.lex.roles) and not indefinite:  # "a spokeswoman said": someone new
        found = _with_role(ctx, tok) or _resolve(ctx, tok.lower_, tok.idx)
        if found is not None:
            return found
    return _Speaker(phrase.text, phrase.start_char, phrase.end_char, named=False)


def _with_role(ctx: _Ctx, role: Token) -> _Speaker | None:
    """A role ("the mayor") → the last person named with that role: "Mayor Jane Roe", "Jane Roe, the mayor"."""
    doc = ctx.doc
    for p in reversed(ctx.persons):
        if p.end > role.idx or ctx.in_quote(p.start) or not p.tagged:
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        near = list(doc[max(0, span.start - 2) : span.start])  # "Mayor Jane Roe"
        if span.end < len(doc) and doc[span.end].text == ",":  # "Jane Roe, the mayor of X"
            near += list(doc[span.end + 1 : span.end + 4])
        if any(t.lemma_.lower() == role.lemma_.lower() and t.i != role.i for t in near):
            return _fuller(ctx, p)
    return None


def _last_body(ctx: _Ctx, tok: Token) -> _Speaker | None:
    """The last named non-person (a state, an organisation) that is a clause subject before ``tok``."""
    for s, e, aid, person in reversed(ctx.spans):
        if e > tok.idx or person or ctx.in_quote(s) or tok.idx - s > _CONTINUE_CHARS:
            continue
        if s < tok.idx - _CONTINUE_CHARS:
            break
        if _is_subject(ctx.doc, s, e):
            return _Speaker(ctx.doc.text[s:e], s, e, aid)
    return None


def _resolve(ctx: _Ctx, word: str, char: int) -> _Speaker | None:
    """A pronoun or role → the last named person before it.

    Antecedents are, most recent first, named speakers and person mentions that are clause subjects
    (the topic of a passage); a person only mentioned in passing is a last resort.
    """
    if word in ("i", "we", "they"):
        return ctx.speakers[-1][1] if ctx.speakers and word != "they" else None
    want = _PRONOUN_GENDER.get(word)

    def agrees(sp: _Speaker) -> bool:  # "she" never points back to a man, nor "he" to a woman or a council
        g = ctx.gender_of(_fuller(ctx, sp))
        if want is not None and g is None and not ctx.lex.group_nouns.isdisjoint(sp.text.lower().split()):
            return False  # "the Youth Council said … she said": a body is not a he or she
        return want is None or (g in (None, want) and " and " not in sp.text)

    best: tuple[int, _Speaker] | None = None
    fallback: _Speaker | None = None
    for p in reversed(ctx.persons):
        if p.end <= char and not ctx.in_quote(p.start) and agrees(p):
            fallback = fallback or p
            if p.subject:
                best = (p.start, p)
                break
    last = next((sp for sp in reversed(ctx.speakers) if agrees(sp[1])), None)
    if last is not None and (best is None or last[0] >= best[0]):
        return _fuller(ctx, last[1])
    if best is not None:
        return _fuller(ctx, best[1])
    return _fuller(ctx, fallback) if fallback else None


def _fuller(ctx: _Ctx, sp: _Speaker) -> _Speaker:
    """A surname-only mention → the earlier full-name mention of the same person, if any."""
    if " " in sp.text:
        return sp
    for p in ctx.persons:
        if p.start >= sp.start:
            break
        if " " in p.text and p.text.split()[-1] == sp.text:
            return _Speaker(p.text, p.start, p.end, p.actor_id or sp.actor_id)
    return sp


def _subject(tok: Token) -> Token | None:
    """The grammatical subject of a verb, looking through conjunctions and "saying"-type clauses.

    A passive verb's speaker is its agent ("was called … by Roe"), or no one: the subject of "X has
    long been called a “…”" is what was named.
    """
    if tok.dep_ == "acomp" and tok.head is not tok:  # "observers, who became concerned that …"
        tok = tok.head
    for _ in range(3):
        for child in tok.children:
            if child.dep_ == "nsubjpass" and tok.tag_ == "VBN":
                agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if child.dep_ in _SUBJ_DEPS:
                if "\n" in tok.doc.text[child.idx : tok.idx] and tok.i > 0 and tok.doc[tok.i - 1].pos_ == "PROPN":
                    return tok.doc[tok.i - 1]  # a heading run into the sentence: "Trade talks\n\nRoe said"
                if child.lower_ in _RELATIVE and tok.dep_ == "relcl" and tok.head.pos_ in ("PROPN", "NOUN"):
                    return tok.head  # "… by Roe, who noted that …": the relative pronoun's antecedent
                return child
        if tok.dep_ in ("conj", "advcl", "xcomp", "ccomp") and tok.head is not tok:
            tok = tok.head
        else:
            break
    return None


# --------------------------------------------------------------------------------------------------
# Direct quotes


@dataclass(slots=True)
class _Piece:
    start: int  # content, marks excluded
    end: int
    open_mark: int  # position of the opening mark
    close_mark: int  # position of the closing mark, or -1 where the paragraph ended open
    para: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip(" .\t\r"):
            out.append((m.start(), m.end()))
    return out


def _find_pieces(text: str) -> list[_Piece]:
    """Quoted stretches per paragraph; a quote still open at the paragraph's end runs to it."""
    pieces: list[_Piece] = []
    for p_i, (ps, pe) in enumerate(_paragraphs(text)):
        open_at: int | None = None
        carried = bool(pieces) and pieces[-1].close_mark < 0 and pieces[-1].para == p_i - 1
        for i in range(ps, pe):
            c = text[i]
            if carried and open_at is None and (c in _CLOSE_CURLY or (c == _STRAIGHT and _closes(text, i, pe))):
                # the quote left open by the last paragraph ends here, its opening mark omitted: “… / … ,” said Roe
                pieces.append(_Piece(ps, i, ps - 1, i, p_i))
                carried = False
                continue
            if c in _OPEN_CURLY or (c == _STRAIGHT and open_at is None):
                if c == _STRAIGHT and i > ps and text[i - 1].isalnum() and i + 1 < pe and text[i + 1] in " ,.":
                    continue  # inch mark / stray closer: 12" gun
                open_at = i
                carried = False
            elif (c in _CLOSE_CURLY or c == _STRAIGHT) and open_at is not None:
                pieces.append(_Piece(open_at + 1, i, open_at, i, p_i))
                open_at = None
        if open_at is not None and pe - open_at > 2:
            pieces.append(_Piece(open_at + 1, pe, open_at, -1, p_i))
    out = []
    for pc in pieces:
        s, e = pc.start, pc.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
            e -= 1
        if e > s:
            pc.start, pc.end = s, e
            out.append(pc)
    return out


def _closes(text: str, i: int, end: int) -> bool:
    """A straight mark that closes: after a word or punctuation, before a space, punctuation or the line end."""
    return i > 0 and not text[i - 1].isspace() and (i + 1 >= end or text[i + 1] in " ,.;:?!)—-")


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    return list(span) if span is not None else []


def _is_speech(tok: Token, lex: Lexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.verbs


def _attribution_after(
    ctx: _Ctx, pc: _Piece, limit: int, window: int = _ATTR_WINDOW, sources: bool = True
) -> tuple[Token, Token | None] | None:
    """`“…,” he said` / `“…,” said the minister`: a speech verb right after the closing mark."""
    doc = ctx.doc
    toks = _tokens_between(doc, pc.close_mark + 1, limit)[:window]
    ended = doc.text[pc.start : pc.end].rstrip().rstrip("'’\"")[-1:]  # a quote ending on a nested one: “… son,’”
    words = [t for t in toks if t.is_alpha]
    if ended == "." and words and words[0].is_title and words[0].text not in ("I",):
        return None  # “… done.” The next sentence starts: no attribution here
    raw = doc.text[pc.close_mark + 1 : pc.close_mark + 3].lstrip()
    comma = doc.text[pc.end : pc.end + 1] == "," or raw.startswith((",", "—"))
    typo = sources and ended.isalnum() and bool(words) and words[0].text[:1].isupper()  # a sentence, comma left out
    if ended not in (",", "?", "!", "—", "-") and not comma and not typo:
        return None  # attribution after a quote is set off by a comma (or typed without one: “… now” Roe said)
    for j, tok in enumerate(toks):
        if tok.text in _OPEN_CURLY or tok.text == _STRAIGHT or tok.text in ".!?;":
            break
        if sources and j + 2 < len(toks) and tuple(t.lower_ for t in toks[j : j + 2]) in ctx.lex.source_phrases:
            return tok, _source_head(ctx, toks[j + 1])  # “…,” according to Dr. Jane Roe, a family doctor
        if _is_speech(tok, ctx.lex):
            if any(c.dep_ == "ccomp" and c.idx > pc.close_mark and not ctx.in_quote(c.idx) for c in tok.children):
                return None  # the verb reports a clause of its own, after the quote
            subj = _subject(tok)
            if subj is None or subj.idx < pc.close_mark:
                subj = _adjacent_subject(toks, j, after_ok=all(t.is_punct for t in toks[:j]))
            return tok, subj
    return None


def _adjacent_subject(toks: list[Token], j: int, after_ok: bool = True) -> Token | None:
    """Where the parse gives no subject: the nominal right after the verb ("said X"), else right before it."""
    for k in range(j + 1, min(len(toks), j + 8) if after_ok else j + 1):
        t = toks[k]
        if t.pos_ in ("PROPN", "PRON", "NOUN"):
            # walk to the head of a proper-noun chain
            while t.dep_ in ("compound", "flat") and t.head.i > t.i and t.head.pos_ in ("PROPN", "NOUN"):
                t = t.head
            return t
        if t.text in ",.;" or t.pos_ == "VERB":
            break
    for k in range(j - 1, -1, -1):
        t = toks[k]
        if t.pos_ in ("PROPN", "PRON", "NOUN") and t.ent_type_ not in ("DATE", "TIME"):
            return t
        if t.ent_type_ in _SPEAKER_LABELS and t.is_alpha and not t.is_lower:
            return t  # a name the tagger took for a verb: "“…,” DeBoer said"
        if t.text in '”"':
            break
    return None


def _attribution_before(ctx: _Ctx, pc: _Piece, floor: int) -> tuple[Token, Token | None] | None:
    """`He said: “…”` / `he said, “…”`: a speech verb in the same sentence, before the opening mark."""
    doc = ctx.doc
    lead = doc.text[floor : pc.open_mark].rstrip()
    if not lead or lead[-1] not in ":,—-" and not lead.endswith(("that", "saying")):
        return None
    toks = _tokens_between(doc, floor, floor + len(lead))
    for j in range(len(toks) - 1, max(-1, len(toks) - 15), -1):
        tok = toks[j]
        if tok.text in ".!?" or ctx.in_quote(tok.idx):
            break
        if _is_speech(tok, ctx.lex):
            subj = _subject(tok)
            if subj is None or subj.idx >= pc.open_mark:
                subj = _adjacent_subject(toks, j)
            return tok, subj
    return None


def _embedding_verb(ctx: _Ctx, pc: _Piece, floor: int) -> Token | None:
    """A speech verb earlier in the sentence whose reported clause holds the quote (a partial quote)."""
    doc = ctx.doc
    toks = _tokens_between(doc, floor, pc.open_mark)
    if len([t for t in toks if t.is_alpha]) < 3:
        return None
    for tok in reversed(toks):
        if ctx.in_quote(tok.idx) or tok.text in _OPEN_CURLY + _CLOSE_CURLY + _STRAIGHT:
            continue  # a term quoted earlier in the sentence: “completely unfair” for the students “to …”
        if tok.text in ".!?":
            return None
        stance = tok.dep_ == "acomp" and tok.lemma_.lower() in ctx.lex.stance_adjectives
        if (_is_speech(tok, ctx.lex) or stance) and (_subject(tok) is not None or _passive(tok)):
            inside = any(t.idx >= pc.open_mark for t in tok.subtree)
            return tok if inside else None
    return None


def _passive(tok: Token) -> bool:
    return tok.tag_ == "VBN" and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _colon_subject(ctx: _Ctx, pc: _Piece, floor: int) -> Token | None:
    """The named subject of the clause a colon ends: "Roe, the doctor, is more blunt: “…”"."""
    toks = [t for t in _tokens_between(ctx.doc, floor, pc.open_mark) if not ctx.in_quote(t.idx)]
    roots = [t for t in toks if t.head is t or t.head.i not in {x.i for x in toks}]
    for root in roots:
        subj = _subject(root)
        if subj is not None and subj.pos_ == "PROPN" and subj.idx >= floor:
            return subj
    return None


def _naming(verb: Token, lex: Lexicon) -> bool:
    """`as X calls it`: a naming verb, or any speech verb introduced by "as"."""
    return verb.lemma_.lower() in lex.naming_verbs or any(t.lower_ == "as" for t in verb.lefts)


def _words(text: str) -> int:
    return len(text.split())


# --------------------------------------------------------------------------------------------------
# The extractor


@dataclass(slots=True)
class _Cand:
    """A quote found but not yet attributed: speakers are resolved in document order afterwards."""

    kind: QuoteKind
    start: int
    end: int
    para: int
    verb: Token | None = None
    subj: Token | None = None
    verb_text: str | None = None
    open_end: bool = False  # a paragraph ended inside the quote: the next paragraph continues it


def extract_quotes(doc: Doc, lexicon: Lexicon | None = None) -> list[Quote]:
    """All quotes in a parsed doc (needs tagger, parser and lemmatizer; uses NER or actor mentions)."""
    lex = lexicon or load_lexicon()
    text = doc.text
    sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    persons, spans = _named_spans(doc)
    ctx = _Ctx(doc, lex, sent_starts, persons, spans)
    pieces = _find_pieces(text)
    ctx.quoted = sorted((pc.start, pc.end) for pc in pieces)
    _extra_persons(ctx)
    ctx.person_starts = {p.start for p in ctx.persons}
    ctx.gender = _genders(ctx)
    # an untagged proper noun is a person only if a he/she points back to it ("Niederreiter … his")
    ctx.persons = [p for p in ctx.persons if p.tagged or ctx.gender_of(p) is not None]
    paras = _paragraphs(text) or [(0, len(text))]
    para_start = [p[0] for p in paras]

    def para_of(char: int) -> int:
        return max(0, bisect_right(para_start, char) - 1)

    cands: list[_Cand] = []
    used_verbs: set[int] = set()
    terms: list[_Piece] = []
    for n, pc in enumerate(pieces):
        content = text[pc.start : pc.end]
        nxt = pieces[n + 1].open_mark if n + 1 < len(pieces) else len(text)
        p_end = paras[pc.para][1] if pc.para < len(paras) else len(text)
        short = _words(content) <= _TERM_MAX_WORDS
        window = _ATTR_WINDOW_SHORT if short else _ATTR_WINDOW  # a far verb does not make a term a quote
        after = _attribution_after(ctx, pc, min(nxt, p_end), window, not short) if pc.close_mark >= 0 else None
        prev_end = pieces[n - 1].close_mark + 1 if n > 0 and pieces[n - 1].para == pc.para else paras[pc.para][0]
        floor = max(prev_end, ctx.sent_starts[ctx.sent_of(pc.open_mark)])
        before = None if after else _attribution_before(ctx, pc, max(floor, paras[pc.para][0]))
        attr = after or before
        if short and (attr is None or _naming(attr[0], lex)):
            terms.append(pc)  # a scare-quoted term, or one named: the “special operation”, as the minister called it
            continue
        cand = _Cand("direct", pc.start, pc.end, pc.para, open_end=pc.close_mark < 0)
        sent_floor = max(ctx.sent_starts[ctx.sent_of(pc.open_mark)], paras[pc.para][0])
        embedded = _embedding_verb(ctx, pc, sent_floor) if attr is None else None
        if embedded is not None:  # X said the plan has “a culture of …”: the reporter's clause names the speaker
            cand.verb, cand.subj = embedded, _subject(embedded)
            cand.verb_text = embedded.text
        elif attr is None and text[sent_floor : pc.open_mark].rstrip().endswith(":"):
            cand.subj = _colon_subject(ctx, pc, sent_floor)  # “Roe is more blunt: “…”'”: the sentence's subject
        if attr is not None:
            cand.verb, cand.subj = attr
            cand.verb_text = cand.verb.text
            if cand.verb.lower_ != "according":  # its clause may still be reported speech of its own
                used_verbs.add(cand.verb.i)
        cands.append(cand)

    direct = [(c.start, c.end) for c in cands]
    cands.extend(_indirect(ctx, used_verbs, direct, para_of))
    cands.sort(key=lambda c: (c.start, c.end))

    quotes: list[Quote] = []
    last: tuple[int, _Speaker | None] | None = None  # (paragraph, speaker) of the last quote
    for c in cands:
        speaker: _Speaker | None = None
        if c.subj is not None:
            speaker = _speaker_from_token(ctx, c.subj)
        elif c.verb is None and last is not None and last[1] is not None and c.para - last[0] <= _FLOAT_PARAGRAPHS:
            speaker = last[1]  # a floating quote continues the last speaker's words
        elif c.verb is None:
            speaker = _resolve(ctx, "", c.start)  # … or gives the words of the person just introduced
        if speaker is not None and speaker.named:
            ctx.speakers.append((c.end, speaker))  # where its words end: a name inside them is not the topic
        last = (c.para, speaker)
        quotes.append(_make(ctx, c.kind, c.start, c.end, speaker, c.verb_text))
    for i in range(len(cands) - 2, -1, -1):  # “… (paragraph ends open) / “…,” she said: same speaker
        c, nxt = cands[i], cands[i + 1]
        if c.open_end and c.verb is None and nxt.kind == "direct" and nxt.para == c.para + 1:
            q, n = quotes[i], quotes[i + 1]
            q.speaker_text, q.speaker_start, q.speaker_end = n.speaker_text, n.speaker_start, n.speaker_end
            q.speaker_actor_id = n.speaker_actor_id
    quotes.extend(_terms(ctx, terms, quotes))
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def _make(ctx: _Ctx, kind: QuoteKind, start: int, end: int, sp: _Speaker | None, verb: str | None) -> Quote:
    text = ctx.doc.text
    if sp is None:
        return Quote(kind, text[start:end], start, end, verb=verb, sentence=ctx.sent_of(start))
    return Quote(kind, text[start:end], start, end, sp.text, sp.start, sp.end, sp.actor_id, verb, ctx.sent_of(start))


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = doc.text
    while start < end and (text[start].isspace() or text[start] in ",;:—-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—-."):
        end -= 1
    return start, end


def _indirect(ctx: _Ctx, used: set[int], direct: list[tuple[int, int]], para_of: Callable[[int], int]) -> list[_Cand]:
    """Reported speech: the complement clause of a speech verb, or the clause beside "according to X"."""
    doc, lex = ctx.doc, ctx.lex
    out: list[_Cand] = []

    def overlaps_direct(s: int, e: int) -> bool:
        # a direct quote that is most of the clause wins; a short one inside it is a term or fragment
        return any(min(e, de) - max(s, ds) > 0.5 * (e - s) for ds, de in direct)

    for tok in doc:
        if tok.i in used or ctx.in_quote(tok.idx):
            continue
        if _is_speech(tok, lex):
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
                continue  # "If anyone told him that …": a supposition, not a report
            clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if clause is None and tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
                clause = tok.head  # "The talks, he said, had failed": the host clause is the report
            if clause is None:
                continue
            left, right = clause.left_edge, clause.right_edge
            s, e = _trim(doc, left.idx, right.idx + len(right.text))
            if e - s < 12 or len(doc[left.i : right.i + 1]) < 3:
                continue
            if tok.lemma_.lower() in lex.weak_verbs and not any(c.dep_ == "mark" for c in clause.children):
                continue
            if overlaps_direct(s, e):
                continue
            subj = _subject(tok)
            if subj is not None and s <= subj.idx < e and tok.dep_ != "parataxis":
                subj = None
            out.append(_Cand("indirect", s, e, para_of(s), tok, subj, tok.text))
        elif tok.lower_ == "according":
            c = _according(ctx, tok, para_of)
            if c is not None and not overlaps_direct(c.start, c.end):
                out.append(c)
    return out


def _according(ctx: _Ctx, tok: Token, para_of: Callable[[int], int]) -> _Cand | None:
    """`According to X, <clause>.` / `<clause>, according to X.`"""
    doc, lex = ctx.doc, ctx.lex
    words = tuple(t.lower_ for t in doc[tok.i : tok.i + 2])
    if words not in lex.source_phrases or tok.i + 2 >= len(doc):
        return None
    prep = doc[tok.i + 1]
    obj = next((c for c in prep.children if c.dep_ == "pobj"), doc[tok.i + 2])
    phrase_end = max(obj.right_edge.i, obj.i)
    sent = tok.sent
    if tok.i <= sent.start + 1:  # phrase leads: the clause follows the comma
        s, e = doc[phrase_end].idx + len(doc[phrase_end].text), sent.end_char
    else:
        s, e = sent.start_char, tok.idx
    s, e = _trim(doc, s, e)
    if e - s < 12:
        return None
    return _Cand("indirect", s, e, para_of(s), tok, _source_head(ctx, prep), "according to")


def _source_head(ctx: _Ctx, prep: Token) -> Token:
    """The source in "according to X": a named person or organisation in X, not a date ("Friday's release")."""
    doc = ctx.doc
    nxt = doc[prep.i + 1] if prep.i + 1 < len(doc) else prep
    obj = next((c for c in prep.children if c.dep_ == "pobj"), nxt)
    owner = next((c for c in obj.children if c.dep_ == "poss"), None)
    if owner is not None and obj.lemma_.lower() in ctx.lex.document_nouns:
        return owner  # "according to the city's Street Needs Assessment": the city, whatever its report is called
    end = max(obj.right_edge.i, obj.i)
    for t in doc[prep.i + 1 : end + 1]:
        if t.ent_type_ in _SPEAKER_LABELS and t.pos_ == "PROPN":
            return t
    for t in doc[prep.i + 1 : end + 1]:
        if t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME"):
            return t
    return obj


def _terms(ctx: _Ctx, terms: list[_Piece], quotes: list[Quote]) -> list[Quote]:
    """Scare-quoted terms: the user is whoever the sentence says calls it so, or the speaker quoted around it."""
    doc, lex = ctx.doc, ctx.lex
    out: list[Quote] = []
    for pc in terms:
        sp: _Speaker | None = None
        verb: str | None = None
        around = next((q for q in quotes if q.kind != "term" and q.start <= pc.start and pc.end <= q.end), None)
        if around is not None and around.speaker_text is not None:
            sp = _Speaker(
                around.speaker_text, around.speaker_start or 0, around.speaker_end or 0, around.speaker_actor_id
            )
            verb = around.verb
        else:
            sent = doc[ctx.doc.char_span(pc.start, pc.end, alignment_mode="expand").start].sent
            for tok in sent:
                low = tok.lemma_.lower()
                if tok.pos_ == "VERB" and (low in lex.naming_verbs or low in lex.verbs) and not ctx.in_quote(tok.idx):
                    subj = _subject(tok)
                    if subj is not None and not (pc.start <= subj.idx < pc.end):
                        sp = _speaker_from_token(ctx, subj)
                        verb = tok.text
                        break
        end = pc.end
        while end > pc.start + 1 and ctx.doc.text[end - 1] in ".,;:":
            end -= 1  # “iron curtain.”: the full stop closes the sentence, not the term
        out.append(_make(ctx, "term", pc.start, end, sp, verb))
    return out


# --------------------------------------------------------------------------------------------------
# The spaCy component


class QuoteExtractor:
    """spaCy component: sets ``doc._.quotes``."""

    def __init__(self, nlp: Language, name: str = "geobrief_quotes", lexicon_path: str | None = None) -> None:
        self.name = name
        self.lexicon = load_lexicon(lexicon_path)

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc, self.lexicon)
        return doc


@Language.factory(
    "geobrief_quotes",
    default_config={"lexicon_path": None},
    assigns=["doc._.quotes"],
    requires=["token.dep", "token.lemma"],
)
def make_quote_extractor(nlp: Language, name: str, lexicon_path: str | None) -> QuoteExtractor:
    """spaCy factory: ``nlp.add_pipe("geobrief_quotes", after="geobrief_actor_linker")`` (or last)."""
    return QuoteExtractor(nlp, name=name, lexicon_path=lexicon_path)


def quotes_to_dicts(quotes: list[Quote]) -> list[dict[str, Any]]:
    """Plain dicts, for JSON output."""
    return [{f: getattr(q, f) for f in Quote.__slots__} for q in quotes]


__all__ = ["LEXICON_PATH", "Lexicon", "Quote", "QuoteExtractor", "extract_quotes", "load_lexicon", "quotes_to_dicts"]
