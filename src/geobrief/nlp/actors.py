"""The spaCy component that links actor mentions in a text to the dictionary.

``geobrief_actor_linker`` runs after spaCy's ``ner``: it takes spaCy's entities plus a phrase-matcher
pass over every dictionary name (the small model misses many), keeps the longest of overlapping spans,
and links each to an `Actor`, reading a leader's role at the date of the sentence. Results are on
``doc._.actor_mentions`` (a list of `Mention`) and ``doc._.actors`` (id → `Actor`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from geobrief.nlp.dictionary import (
    _LABEL_KIND,
    _LINKING,
    _MODIFIER_TITLES,
    _NAME_MODIFIERS,
    _PRONOUNS,
    _QUOTE_CHARS,
    _TITLE_MAX,
    _TITLE_WORDS,
    _TITLES,
    DATA_DIR,
    Actor,
    ActorDictionary,
    Mention,
    Role,
    _as_date,
    _is_acronym,
    _name_words,
    _title_key,
    _title_len,
    fold,
    normalize,
    parse_partial_date,
    slugify,
)
from geobrief.nlp.names import name_skeleton

# --------------------------------------------------------------------------------------------------
# Linking data (knowledge/actor_linking.yaml)

# "<leader> administration": the nouns, as token tuples, longest first.
_LEADER_BODIES = sorted((tuple(b.split()) for b in _LINKING.get("leader_bodies") or []), key=len, reverse=True)
# "the island", "the kingdom": noun (token tuple) → which states fit.
_ANAPHORS = {tuple(k.split()): v for k, v in (_LINKING.get("state_anaphors") or {}).items()}
_ANAPHOR_MAX = max((len(k) for k in _ANAPHORS), default=0)
_ISLANDS = frozenset(_LINKING.get("island_states") or [])
_MONARCHIES = frozenset(_LINKING.get("monarchies") or [])
_INDEPENDENCE: dict[str, int] = dict(_LINKING.get("independence") or {})
_NEW_YEARS = int(_LINKING.get("new_state_years") or 10)
_PART_OF: dict[str, list[dict[str, Any]]] = dict(_LINKING.get("part_of") or {})
_INSTRUMENTS = frozenset(w.lower() for w in _LINKING.get("instruments") or [])
_COMBINING: dict[str, str] = dict(_LINKING.get("combining_forms") or {})
_SHIPS: dict[str, str] = dict(_LINKING.get("ship_prefixes") or {})
_AMBIGUOUS: dict[str, list[str]] = {k: list(v) for k, v in (_LINKING.get("ambiguous_names") or {}).items()}
_REGION_WORDS = frozenset(
    f"{p}{d}{s}"
    for d in ("north", "south", "east", "west")
    for p in ("", "north", "south")
    for s in ("", "ern")
    if not (p and d in ("north", "south"))
) | {"central", "northeast", "northwest", "southeast", "southwest", "upper", "lower"}
_ANAPHOR_WINDOW = 2  # sentences before the anaphor searched for its state
_COORD = frozenset({"and", "&", ","})

# --------------------------------------------------------------------------------------------------
# The spaCy component

if not Doc.has_extension("actor_mentions"):
    Doc.set_extension("actor_mentions", default=None, force=True)
if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None, force=True)


@dataclass(slots=True)
class _Cand:
    start: int  # token offsets, end exclusive
    end: int
    label: str | None  # spaCy entity label; None = found by the dictionary matcher only
    matched: bool = False
    role_hint: str | None = None
    country_hint: str | None = None
    titled: bool = False  # a title or honorific precedes: this is a person
    outer: int = -1  # start before titles inside the entity were stripped ("Pope Francis")
    title_start: int = -1  # start of the titles right before the span


class ActorLinker:
    """Finds actor mentions (spaCy entities + dictionary phrase matches) and links them to actors."""

    def __init__(
        self, nlp: Language, dictionary: ActorDictionary, name: str = "geobrief_actor_linker", fuzzy: bool = True
    ) -> None:
        self.name = name
        self.dictionary = dictionary
        self.fuzzy = fuzzy
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._masks: dict[int, tuple[bool, ...]] = {}
        self._build_matchers(nlp)

    def _build_matchers(self, nlp: Language) -> None:
        """One pass over every dictionary name; a LOWER pattern remembers which words must be capitalised."""
        variants: set[str] = set()
        for surface, rid in self.dictionary.surface_forms():
            is_person = self.dictionary.records[rid].kind == "person"
            if is_person and _is_acronym(surface) and len(surface.replace(".", "")) <= 2:
                continue
            variants.update(_variants(surface, is_person))
        lower: dict[str, tuple[Doc, tuple[bool, ...]]] = {}
        orth: dict[str, Doc] = {}
        texts = sorted(variants)
        for text, doc in zip(texts, nlp.tokenizer.pipe(texts), strict=True):
            if not len(doc):
                continue
            if _is_acronym(text):
                orth[text] = doc
                if len(doc) == 1 and len(text) >= 4 and text.isalpha():
                    orth[text.capitalize()] = nlp.make_doc(text.capitalize())  # "Nato", "Opec"
                continue
            if len(doc) == 1 and (doc[0].is_stop or len(doc[0].text) < 2):
                continue
            mask = tuple(t.text[:1].isupper() for t in doc)
            lk = "\x1f".join(t.lower_ for t in doc)
            if lk in lower:  # several casings of one name: capitals needed only where all have them
                prev = lower[lk][1]
                mask = tuple(a and b for a, b in zip(prev, mask, strict=True))
            lower[lk] = (doc, mask)
        for lk, (doc, mask) in lower.items():
            key = f"GB_ACTOR|{lk}"
            self._lower.add(key, [doc])
            self._masks[nlp.vocab.strings[key]] = mask
        self._orth.add("GB_ACRONYM", list(orth.values()))

    # -- per document -----------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        sent_starts, sent_dates = _sentences(doc)
        published = _as_date(doc.user_data.get("published"))

        points = sorted(doc.user_data.get("date_points") or [], key=lambda p: p[0])
        point_chars = [p[0] for p in points]

        def date_at(sent: int, char: int | None = None) -> dt.date | None:
            """The date a name at `char` in sentence `sent` is read at: the date told last before it in the
            sentence, else the sentence's first, else the sentence's narrative date."""
            if char is not None and points:
                lo = sent_starts[sent] if sent < len(sent_starts) else 0
                hi = sent_starts[sent + 1] if sent + 1 < len(sent_starts) else len(doc.text)
                k = bisect_right(point_chars, char) - 1
                if k >= 0 and point_chars[k] >= lo:
                    return _as_date(points[k][1])
                k += 1
                if k < len(points) and point_chars[k] < hi:
                    return _as_date(points[k][1])
            if sent_dates is not None and sent < len(sent_dates) and sent_dates[sent] is not None:
                return _as_date(sent_dates[sent])
            return published

        def sent_of(char: int) -> int:
            return max(0, bisect_right(sent_starts, char) - 1)

        cands = self._candidates(doc, date_at, sent_of)
        chosen = _longest(cands, len(doc))

        mentions: list[Mention] = []
        covered = bytearray(len(doc))
        timeline: dict[str, list[tuple[int, Actor]]] = defaultdict(list)  # name word → (char, person)
        bare: list[tuple[int, Span, int, dt.date | None]] = []  # one-word mentions left unknown
        queue = list(chosen)
        while queue:
            c = queue.pop(0)
            span = doc[c.start : c.end]
            sent = sent_of(span.start_char)
            date = date_at(sent, span.start_char)
            for outer in (c.outer, c.title_start):  # a title that is part of a name ("Pope Francis")
                if 0 <= outer < c.start:
                    whole = doc[outer : c.end]
                    if self.dictionary.exact_id(whole.text, date):
                        span, c.start = whole, outer
                        break
            limit = queue[0].start if queue else len(doc)
            body = self._leader_body(doc, c, date, limit)
            if body is not None:  # "the Trump administration": the leader's state at the date
                actor, c.end = body
                span, from_context = doc[c.start : c.end], False
            else:
                parts = self._coordinated(doc, c, date, timeline)
                if parts:  # "Sisi and Abiy" read by spaCy as one organisation: each name on its own
                    queue[:0] = parts
                    continue
                actor, from_context = self._link(span, c, date, timeline)
            if actor is None:
                continue
            actor = self._side(actor, span, sent, mentions)
            actor = _before_independence(actor, span.text, date)
            if actor.kind == "state" and c.start > 0 and doc[c.start - 1].lower_ == "ethnic":
                # "ethnic Albanians" in Serbia or Macedonia: a people, not the state Albania
                actor = Actor(f"group:ethnic-{slugify(span.text)}", f"ethnic {span.text}", "group", None, [])
            covered[c.start : c.end] = b"\x01" * (c.end - c.start)
            if not from_context and " " not in span.text and self._guessed(actor, span.text, date):
                bare.append((len(mentions), span, sent, date))
            mentions.append(self._mention(actor, span, sent, date))
            if actor.kind == "person" and " " in span.text:  # only a full name sets the context
                self._remember(span.text, actor, span.start_char, timeline)
        # A one-word name spaCy labelled oddly, or used before the full name (a headline's
        # "Howard ... Michael Howard"), is the person whose full name has that word.
        for idx, span, sent, date in bare:
            person = _recent(timeline, span.text, span.start_char, ahead=True)
            if person is not None:
                mentions[idx] = self._mention(person, span, sent, date)
        # Surnames linked through the dictionary ("President Musharraf") also name later bare words.
        for m in mentions:
            if m.actor.kind == "person" and ":" not in m.actor.id and " " not in m.text:
                self._remember(m.actor.name, m.actor, m.start, timeline, only=normalize(m.text).casefold())
        if timeline:
            for k in timeline:
                timeline[k].sort(key=lambda e: e[0])
            mentions.extend(self._bare_names(doc, covered, timeline, sent_of, date_at))
            mentions.sort(key=lambda m: m.start)
        anaphors = self._anaphors(doc, mentions, sent_of, date_at) + self._combining(doc, mentions, sent_of)
        mentions = self._disambiguated(doc, mentions, sent_of)
        if anaphors:
            mentions = sorted([*mentions, *anaphors], key=lambda m: m.start)
        doc._.actor_mentions = mentions
        doc._.actors = {m.actor.id: m.actor for m in mentions}
        return doc

    def _disambiguated(self, doc: Doc, mentions: list[Mention], sent_of: Any) -> list[Mention]:
        """ "Congo" in a text that names the Democratic Republic of Congo elsewhere is that state (actor_linking.yaml
        ``ambiguous_names``); unread, or read as a mere place, when the text names both or neither."""
        if not _AMBIGUOUS:
            return mentions
        named = {m.actor.id for m in mentions if m.actor.kind == "state" and m.text not in _AMBIGUOUS}
        by_start = {m.start: k for k, m in enumerate(mentions)}
        out = list(mentions)
        for tok in doc:
            options = _AMBIGUOUS.get(tok.text)
            if options is None:
                continue
            fits = [iso for iso in options if iso in named]
            actor = self.dictionary.state(fits[0]) if len(fits) == 1 else None
            if actor is None:
                continue
            k = by_start.get(tok.idx)
            if k is not None and out[k].end == tok.idx + len(tok.text) and out[k].actor.kind != "state":
                out[k] = Mention(actor, tok.text, tok.idx, out[k].end, out[k].sentence, None)
            elif k is None and not any(m.start <= tok.idx < m.end for m in mentions):
                out.append(Mention(actor, tok.text, tok.idx, tok.idx + len(tok.text), sent_of(tok.idx), None))
        return sorted(out, key=lambda m: m.start)

    def _combining(self, doc: Doc, mentions: list[Mention], sent_of: Any) -> list[Mention]:
        """ "Russo-Japanese", "Sino-Soviet", "Indo-Pakistani": the combining form before a hyphen names a state
        (actor_linking.yaml ``combining_forms``)."""
        taken = {m.start for m in mentions}
        out: list[Mention] = []
        for tok in doc[:-2]:
            iso = _COMBINING.get(tok.text)
            if iso is None or tok.idx in taken or doc[tok.i + 1].text != "-" or doc[tok.i + 1].whitespace_:
                continue
            sent = sent_of(tok.idx)
            actor = self.dictionary.state(iso)
            if actor is not None:
                out.append(Mention(actor, tok.text, tok.idx, tok.idx + len(tok.text), sent, None))
        return out

    def _leader_body(self, doc: Doc, c: _Cand, date: dt.date | None, limit: int) -> tuple[Actor, int] | None:
        """ "The Trump administration", "the Sisi government", "the Biden White House": a head of state or
        government's name before a body noun is that leader's state at the date. Returns the state and the
        end of the mention (the noun may follow spaCy's entity, up to ``limit``, the next candidate)."""
        if not _LEADER_BODIES or c.label not in ("ORG", "PERSON", None):
            return None
        words = [t.lower_ for t in doc[c.start : c.end]]
        for body in _LEADER_BODIES:
            n = len(body)
            if len(words) > n and tuple(words[-n:]) == body:  # the noun inside the entity
                name, end = doc[c.start : c.end - n], c.end
            elif c.end + n <= min(limit, len(doc)) and tuple(t.lower_ for t in doc[c.end : c.end + n]) == body:
                name, end = doc[c.start : c.end], c.end + n
            else:
                continue
            if not name.text[:1].isupper() or any(t.is_punct for t in name):
                return None
            iso = self.dictionary.leader_state(name.text, date)
            state = self.dictionary.state(iso) if iso else None
            return (state, end) if state is not None else None
        return None

    def _coordinated(
        self, doc: Doc, c: _Cand, date: dt.date | None, timeline: dict[str, list[tuple[int, Actor]]]
    ) -> list[_Cand]:
        """One entity over coordinated names ("Sisi and Abiy", "Putin, Xi and Modi") that is no name
        itself: its parts, when every part links to a known person or state on its own."""
        if c.label is None or c.end - c.start < 3:
            return []
        toks = doc[c.start : c.end]
        if not any(t.lower_ in _COORD for t in toks[1:-1]):
            return []
        if self.dictionary.exact_id(toks.text, date):
            return []
        parts: list[_Cand] = []
        lo = c.start
        for i in range(c.start, c.end + 1):
            if i == c.end or doc[i].lower_ in _COORD:
                if i > lo:
                    parts.append(_Cand(lo, i, "PERSON"))
                lo = i + 1
        if len(parts) < 2:
            return []
        for p in parts:
            span = doc[p.start : p.end]
            if not span.text[:1].isupper() or len(span) > 4:
                return []
            actor = self._link(span, _Cand(p.start, p.end, "PERSON"), date, timeline)[0]
            if actor is None or ":" in actor.id or actor.kind not in ("person", "state"):
                return []
        return parts

    def _side(self, actor: Actor, span: Span, sent: int, mentions: list[Mention]) -> Actor:
        """A place between or split among states (a ceasefire line, a divided region) that no one state
        holds stands for the side the sentence has not named yet: "Indian commandos raided launch pads
        across the Line of Control" strikes Pakistan."""
        if actor.kind != "place" or actor.country is not None:
            return actor
        rec = self.dictionary.record(actor.id)
        if rec is None or len(rec.sides) < 2:
            return actor
        named = {m.actor.country for m in mentions if m.sentence == sent and m.actor.country}
        named_sides = [s for s in rec.sides if s in named]
        others = [s for s in rec.sides if s not in named]
        if len(named_sides) == 1 and len(others) == 1:
            return Actor(actor.id, actor.name, actor.kind, others[0], list(actor.aliases))
        return actor

    def _anaphors(self, doc: Doc, mentions: list[Mention], sent_of: Any, date_at: Any) -> list[Mention]:
        """ "The island", "the kingdom", "the new state": the one fitting state named in this sentence or
        the two before (none if two fit). Lower-case nouns only, so "the Republic of Korea" stays a name."""
        if not _ANAPHORS:
            return []
        states = [m for m in mentions if m.actor.kind == "state"]
        taken = {i for m in mentions for i in range(m.start, m.end)}
        out: list[Mention] = []
        n = len(doc)
        for tok in doc:
            if tok.lower_ != "the" or tok.idx in taken:
                continue
            for size in range(min(_ANAPHOR_MAX, n - tok.i - 1), 0, -1):
                noun = doc[tok.i + 1 : tok.i + 1 + size]
                fit = _ANAPHORS.get(tuple(t.text for t in noun))
                if fit is None:
                    continue
                after = doc[noun.end] if noun.end < n else None
                if after is not None and (after.lower_ == "of" or after.text[:1].isupper()):
                    break  # "the island of Hokkaido", "the island Taiwan claims"
                if after is not None and after.pos_ in ("NOUN", "PROPN") and after.lower_ not in ("'s", "’s"):
                    break  # "the country director": a modifier, not the phrase's head
                sent = sent_of(tok.idx)
                date = date_at(sent)
                near = [m for m in states if m.start < tok.idx and sent - _ANAPHOR_WINDOW <= m.sentence <= sent]
                fits = {m.actor.id for m in near if _fits(m.actor.id, fit, date)}
                if len(fits) == 1:
                    actor = self.dictionary.state(fits.pop())
                    if actor is not None:
                        span = doc[tok.i : noun.end]
                        out.append(Mention(actor, span.text, span.start_char, span.end_char, sent, None))
                break
        return out

    def _mention(self, actor: Actor, span: Span, sent: int, date: dt.date | None) -> Mention:
        role = None
        if actor.kind == "person" and date is not None:
            roles = self.dictionary.roles_at(actor.id, date)
            role = roles[0] if roles else None
        return Mention(actor, span.text, span.start_char, span.end_char, sent, role)

    def _candidates(self, doc: Doc, date_at: Any, sent_of: Any) -> list[_Cand]:
        """spaCy entities (trimmed) and dictionary phrase matches; an unresolvable GPE/NORP entity
        yields to the dictionary names inside it ("North Korea-Russia")."""
        matched: list[_Cand] = []
        for match_id, start, end in self._lower(doc):
            mask = self._masks.get(match_id)
            if mask and any(need and not doc[start + i].text[:1].isupper() for i, need in enumerate(mask)):
                continue
            matched.append(_Cand(start, end, None, True))
        matched.extend(_Cand(s, e, None, True) for _, s, e in self._orth(doc))
        matched = [c for c in matched if not _modified(doc, c.start)]

        cands: list[_Cand] = []
        for ent in doc.ents:
            if ent.label_ not in _LABEL_KIND:
                continue
            c = self._trim(doc, ent.start, ent.end, ent.label_)
            if c is None:
                continue
            if ent.label_ in ("GPE", "NORP"):
                inside = [
                    m for m in matched if c.start <= m.start and m.end <= c.end and (m.start, m.end) != (c.start, c.end)
                ]
                if inside:
                    span = doc[c.start : c.end]
                    date = date_at(sent_of(span.start_char))
                    if self.dictionary.resolve_id(span.text, date, fuzzy=False) is None:
                        continue
            cands.append(c)
        for m in matched:
            t = self._trim(doc, m.start, m.end, None)
            if t is not None:
                t.matched = True
                cands.append(t)
        return cands

    def _trim(self, doc: Doc, start: int, end: int, label: str | None) -> _Cand | None:
        """Drop a trailing possessive or punctuation, an entity's leading article, and leading titles
        (kept as hints: spaCy sometimes puts "President" inside a PERSON entity)."""
        while end > start and (
            doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "'", "’s", "’")
        ):
            end -= 1
        while start < end and (doc[start].is_space or doc[start].is_punct):
            start += 1
        for i in range(start + 1, end):  # "Moazzam Begg - have": an entity does not run over " - "
            if doc[i].is_punct and doc[i - 1].whitespace_ and doc[i].whitespace_:
                end = i
                break
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if label is not None and end - start > 1 and doc[start].lower_ == "the":
            start += 1  # dictionary matches keep "the" only where the name needs it ("the States")
        c = _Cand(start, end, label)
        words = [t.text for t in doc[start:end]]
        honorific = bool(words) and _TITLES.get(_title_key(words[:1]), "x") is None
        if label in (None, "PERSON") or honorific:
            i = 0
            while i < len(words) - 1:
                n = _title_len(words, i)
                if not n or i + n >= len(words):
                    break
                key = _title_key(words[i : i + n])
                c.role_hint = c.role_hint or _TITLES[key]
                c.titled = c.titled or key not in _MODIFIER_TITLES
                i += n
            c.start, c.outer = start + i, start
        self._hints_before(doc, c)
        return c if c.end > c.start else None

    def _hints_before(self, doc: Doc, c: _Cand) -> None:
        """Read a title ("President", "Foreign Minister", "Mr.") and a state before it ("Russian")."""
        i = c.start
        lo = max(0, i - 6)
        words = [t.text for t in doc[lo:i]]
        j = len(words)
        found = False
        while j > 0:
            for n in range(min(_TITLE_MAX, j), 0, -1):
                key = _title_key(words[j - n : j])
                if key in _TITLES:
                    c.role_hint = c.role_hint or _TITLES[key]
                    found = found or key not in _MODIFIER_TITLES
                    j -= n
                    break
            else:
                break
        if j < len(words):
            c.title_start = lo + j
        if found:
            c.titled = True
            for n in (3, 2, 1):
                if j - n >= 0:
                    iso = self.dictionary.state_of_words(words[j - n : j])
                    if iso:
                        c.country_hint = iso
                        break

    def _guessed(self, actor: Actor, text: str, date: dt.date | None) -> bool:
        """A one-word mention linked by a guess (unknown, or a surname looked up in the dictionary
        rather than an exact name), which a full name elsewhere in the text should override."""
        if ":" in actor.id:
            return True
        return actor.kind == "person" and self.dictionary.resolve_id(text, date, fuzzy=False, surname=False) is None

    def _link(
        self, span: Span, c: _Cand, date: dt.date | None, timeline: dict[str, list[tuple[int, Actor]]]
    ) -> tuple[Actor | None, bool]:
        """The actor for a candidate span, and whether it came from an earlier full name in the text."""
        text = span.text
        words = text.split()
        personish = c.label == "PERSON" or c.titled
        if personish and len(words) <= 2 and self.dictionary.state_of_words(words) is None:
            # a surname named earlier ("Nepal" after "Madhav Kumar Nepal" is still the state), or the first
            # words of a longer name ("Hassan Sheikh" after "Hassan Sheikh Mohamud")
            actor = _recent(timeline, text, span.start_char)
            if actor is not None:
                return actor, True
        return self._link_dictionary(span, c, date), False

    def _link_dictionary(self, span: Span, c: _Cand, date: dt.date | None) -> Actor | None:
        text = span.text
        words = text.split()
        personish = c.label == "PERSON" or c.titled
        d = self.dictionary
        rid = d.resolve_id(
            text,
            date,
            role_hint=c.role_hint,
            country_hint=c.country_hint,
            titled=c.titled,
            fuzzy=self.fuzzy and c.label is not None,
            surname=personish,
        )
        if rid is not None:
            return d.get(rid, date)
        if len(words) > 1 and words[0] in _SHIPS and (ship := d.state(_SHIPS[words[0]])) is not None:
            return ship  # "HMS Sheffield": a warship of the Royal Navy
        if len(words) > 1 and words[0].lower() in _REGION_WORDS and c.label in ("GPE", "LOC", None):
            # "southern Lebanon", "Western Cambodia": a region of a state (names such as "South Korea" and
            # "East Timor" resolved above, as whole names)
            rid = d.resolve_id(" ".join(words[1:]), date)
            if rid is not None and (region := d.get(rid, date)) is not None and region.kind == "state":
                return region
        if c.label is None or _junk(span):
            return None
        kind = "person" if c.titled and c.label in ("ORG", "GPE") else _LABEL_KIND[c.label]
        name = " ".join(text.split())
        country = None
        if kind in ("organization", "person", "group") and not c.titled:
            for n in (3, 2, 1):
                if n < len(words):
                    country = d.state_of_words(words[:n])
                    if country:
                        break
            if country is None and kind == "organization":
                country = self._state_after_of(words)
            if country and kind == "person":  # "Bosnian Serbs", "Kosovar Albanians": a people, not a person
                kind = "group"
        key = name_skeleton(name) if kind == "person" else slugify(name)  # spelling variants: one person
        return Actor(f"{kind}:{key}", name, kind, country, [])

    def _state_after_of(self, words: list[str]) -> str | None:
        """A body named "<noun> of <state>" ("Government of India", "Ministry of Defence of Ukraine") is
        that state's; the state must end the name ("Bank of Japan", not "Institute of Korean Studies")."""
        for i in range(len(words) - 1, 0, -1):
            if words[i - 1] == "of" and len(words) - i <= 3:
                iso = self.dictionary.state_of_words(words[i:])
                if iso:
                    return iso
        return None

    @staticmethod
    def _remember(
        text: str, actor: Actor, char: int, timeline: dict[str, list[tuple[int, Actor]]], only: str | None = None
    ) -> None:
        """A full name makes its first and last words resolvable to this person from here on
        (``only``: just this word)."""
        keys: set[str] = set()
        for name in (text, actor.name):
            words = _name_words(name)
            if words:
                keys.update((normalize(words[0]).casefold(), normalize(words[-1]).casefold()))
                if len(words) > 2:
                    keys.add(normalize(" ".join(words[:2])).casefold())
                particle, _, rest = words[-1].partition("-")  # "al-Sisi" is also "Sisi"
                if rest and particle.islower() and len(particle) <= 3 and rest[:1].isupper():
                    keys.add(normalize(rest).casefold())
        for k in keys:
            if k and k not in _TITLE_WORDS and (only is None or k == only):
                timeline[k].append((char, actor))

    def _bare_names(
        self, doc: Doc, covered: bytearray, timeline: dict[str, list[tuple[int, Actor]]], sent_of: Any, date_at: Any
    ) -> list[Mention]:
        """Capitalised words no entity covered that repeat a name already seen ("... Kim said")."""
        out: list[Mention] = []
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            if (
                covered[i]
                or not tok.text[:1].isupper()
                or len(tok.text) < 2
                or (fold(tok.text).casefold() not in timeline and not (i + 1 < n and doc[i + 1].text == "-"))
            ):
                i += 1
                continue
            end = i + 1
            # hyphenated surnames: "Foster-Carter"
            while (
                end + 1 < n
                and doc[end].text == "-"
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
                and doc[end + 1].text[:1].isupper()
                and not covered[end + 1]
            ):
                end += 2
            span = doc[i:end]
            actor = _recent(timeline, span.text, span.start_char)
            if actor is None and end > i + 1:
                span, end = doc[i : i + 1], i + 1
                actor = _recent(timeline, span.text, span.start_char)
            if actor is not None:
                sent = sent_of(span.start_char)
                out.append(self._mention(actor, span, sent, date_at(sent)))
            i = end
        return out


def _variants(surface: str, is_person: bool) -> set[str]:
    """Spellings the matcher should find for one name: as written, ASCII, without dots, hyphen = space,
    and for people joined ("Kim Il-sung", "Kim Il Sung", "Kim Ilsung")."""
    out: set[str] = set()
    for s in {surface.strip(), fold(surface).strip()}:
        if not s:
            continue
        forms = {s, " ".join(s.replace(".", "").split())} if "." in s else {s}
        for f in forms:
            out.add(f)
            if "-" in f:
                out.add(" ".join(f.replace("-", " ").split()))
                if is_person:
                    out.add(re.sub(r"-(\w)", lambda m: m[1].lower(), f))
            words = f.split()
            if is_person and len(words) == 3 and "-" not in f:  # Korean-style "Kim Jong Un"
                out.add(f"{words[0]} {words[1]}-{words[2]}")
                out.add(f"{words[0]} {words[1]}-{words[2].lower()}")
                out.add(f"{words[0]} {words[1]}{words[2].lower()}")
    return out


def _before_independence(actor: Actor, text: str, date: dt.date | None) -> Actor:
    """A state named at a date before its independence is a territory of the state that held it then
    (actor_linking.yaml ``part_of``): "Eritrea" in 1962 stands for Ethiopia, "Juba" in 1990 for Sudan."""
    year = _INDEPENDENCE.get(actor.id) if actor.kind == "state" and actor.id in _PART_OF else None
    if year is None or date is None or date.year >= year:
        return actor
    holder = None
    for h in _PART_OF.get(actor.id) or []:
        if int(h.get("start") or -10_000) <= date.year <= int(h.get("end") or 10_000):
            holder = str(h["country"])
    return Actor(f"place:{slugify(text)}", text, "place", holder, [])


def _fits(iso: str, fit: str, date: dt.date | None) -> bool:
    """Whether a state fits an anaphor's noun (actor_linking.yaml ``state_anaphors``)."""
    if fit == "island":
        return iso in _ISLANDS
    if fit == "monarchy":
        return iso in _MONARCHIES
    if fit == "republic":
        return iso not in _MONARCHIES
    if fit == "new":
        year = _INDEPENDENCE.get(iso)
        return year is not None and date is not None and 0 <= date.year - year <= _NEW_YEARS
    return True


def _modified(doc: Doc, start: int) -> bool:
    """True if the dictionary name is the tail of a longer name ("Latin [America]", "New [Mexico]")."""
    if start == 0:
        return False
    prev = doc[start - 1]
    return prev.text in _NAME_MODIFIERS and bool(prev.whitespace_)


def _longest(cands: list[_Cand], n_tokens: int) -> list[_Cand]:
    """Non-overlapping candidates, longest first; an entity and a dictionary match on one span merge."""
    same: dict[tuple[int, int], _Cand] = {}
    for c in cands:
        prev = same.get((c.start, c.end))
        if prev is None:
            same[(c.start, c.end)] = c
        else:
            prev.label = prev.label or c.label
            prev.matched = prev.matched or c.matched
            prev.role_hint = prev.role_hint or c.role_hint
            prev.country_hint = prev.country_hint or c.country_hint
            prev.titled = prev.titled or c.titled
    taken = bytearray(n_tokens)
    out: list[_Cand] = []
    for c in sorted(same.values(), key=lambda c: (c.start - c.end, c.label is None, c.start)):
        if any(taken[c.start : c.end]):
            continue
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def _recent(timeline: dict[str, list[tuple[int, Actor]]], text: str, char: int, ahead: bool = False) -> Actor | None:
    """The person most recently named before ``char`` with this word as a first or last name
    (with ``ahead``, failing that the first one named after it)."""
    entries = timeline.get(normalize(text).casefold())
    if not entries:
        return None
    best = None
    for pos, actor in entries:
        if pos < char:
            best = actor
        elif ahead and best is None:
            return actor
    return best


def _junk(span: Span) -> bool:
    """Entities that are not actors: digits/punctuation, single letters, pronouns, stop words, titles,
    lower-case words, quoted titles of works, named agreements and laws, text running across lines."""
    text = span.text
    letters = sum(c.isalpha() for c in text)
    if letters < 2 or "\n" in text or len(span) > 8:
        return True
    if len(span) > 1 and span[-1].lower_ in _INSTRUMENTS:  # "the Brussels Agreement": a text, not an actor
        return True
    first = next((c for c in text if c.isalpha()), "")
    if not first.isupper():
        return True
    if all(t.is_stop or t.is_punct or t.lower_ in _PRONOUNS or t.pos_ == "PRON" for t in span):
        return True
    doc = span.doc
    if _title_len([t.text for t in span], 0) == len(span):
        return True
    for lo in range(max(0, span.start - 3), span.start + 1):  # inside a title: "Secretary of [State]"
        n = _title_len([t.text for t in doc[lo : span.end + 2]], 0)
        if n and lo + n >= span.end:
            return True
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    return len(span) > 1 and before in _QUOTE_CHARS and after in _QUOTE_CHARS


def _sentences(doc: Doc) -> tuple[list[int], list[Any] | None]:
    """Sentence start offsets (one sentence if the pipeline sets none) and per-sentence dates if given."""
    starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    dates = doc.user_data.get("sentence_dates")
    return starts, (list(dates) if dates is not None else None)


@Language.factory(
    "geobrief_actor_linker",
    default_config={"directory": None, "extra_paths": [], "fuzzy": True},
    assigns=["doc._.actor_mentions", "doc._.actors"],
    requires=["doc.ents"],
)
def make_actor_linker(
    nlp: Language, name: str, directory: str | None, extra_paths: list[str], fuzzy: bool
) -> ActorLinker:
    """spaCy factory: add with ``nlp.add_pipe("geobrief_actor_linker", after="ner")``.

    ``directory`` replaces the built-in dictionary; ``extra_paths`` (YAML files or folders) are merged
    over it, so users can add their own actors without touching the package.
    """
    return ActorLinker(nlp, ActorDictionary.load(directory, extra_paths), name=name, fuzzy=fuzzy)


__all__ = [
    "DATA_DIR",
    "Actor",
    "ActorDictionary",
    "ActorLinker",
    "Mention",
    "Role",
    "fold",
    "make_actor_linker",
    "normalize",
    "parse_partial_date",
    "slugify",
]
