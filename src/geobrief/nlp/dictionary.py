"""The actor dictionary: states, organisations and people, indexed by every name they go by.

The dictionary is versioned YAML under ``geobrief/knowledge/actors/`` (states, organisations, and
``people/<ISO3>.yaml``); users merge their own files over it. The component ``geobrief_actor_linker``
runs after spaCy's ``ner``: it takes spaCy's entities plus a phrase-matcher pass over every dictionary
name (the small model misses many), keeps the longest of overlapping spans, and links each to an
`Actor`, reading a leader's role at the date of the sentence. Results are on ``doc._.actor_mentions``
(a list of `Mention`) and ``doc._.actors`` (id → `Actor`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import pickle
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "knowledge" / "actors"
KINDS = ("state", "person", "organization", "group", "place")
ROLES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "other")
_LINKING: dict[str, Any] = yaml.safe_load((DATA_DIR.parent / "actor_linking.yaml").read_text(encoding="utf-8"))
_ROLE_RANK = {r: i for i, r in enumerate(ROLES)}

# Family name first: a bare "Kim" or "Xi" is the first word of the full name.
_FAMILY_FIRST = frozenset(_LINKING["family_name_first"])

# Titles read before a name: stripped from the name and used as a hint to the person's role.
# None = an honorific or title that says nothing about which role.
_TITLES: dict[tuple[str, ...], str | None] = {tuple(k.split()): v for k, v in _LINKING["titles"].items()}
_TITLE_MAX = max(len(k) for k in _TITLES)
# Stripped like titles, but on their own they do not make a name a person's ("the former Soviet Union").
_MODIFIER_TITLES = frozenset({("former",), ("late",), ("then",), ("acting",), ("interim",), ("deputy",)})
_TITLE_WORDS = frozenset(w for k in _TITLES for w in k)

# A dictionary name preceded by one of these is part of another name ("Latin America",
# "New Mexico", "Northern Ireland"), unless the longer name is itself in the dictionary.
_NAME_MODIFIERS = frozenset(_LINKING["name_modifiers"])
_NAME_SUFFIXES = frozenset(_LINKING["name_suffixes"])
_LABEL_KIND = {
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "group",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
_PRONOUNS = frozenset(_LINKING["pronouns"])
_QUOTE_CHARS = frozenset("\"'“”‘’«»")
_CHAR_MAP = str.maketrans(
    {
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
    }
)
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$", re.IGNORECASE)
_ARTICLE = re.compile(r"the\s+", re.IGNORECASE)
_SPACES = re.compile(r"[\s\-]+")
_STRIP = " \t\r\n\"'“”‘’«»()[]{},;:!?"


# --------------------------------------------------------------------------------------------------
# Normalisation


def fold(text: str) -> str:
    """Diacritics, dashes and curly quotes folded to ASCII-ish forms ("Élysée" → "Elysee")."""
    text = unicodedata.normalize("NFKD", text.translate(_CHAR_MAP))
    return "".join(c for c in text if not unicodedata.combining(c))


def _prepare(surface: str) -> tuple[str, bool]:
    """Folded surface without possessive, leading article or dots; hyphens kept. Also: had "the"?"""
    s = fold(surface).strip(_STRIP)
    s = _POSSESSIVE.sub("", s).strip(_STRIP)
    article = False
    m = _ARTICLE.match(s)
    if m and m.end() < len(s):
        s, article = s[m.end() :], True
    s = s.replace(".", "")
    return " ".join(s.split()), article


def _key(prepared: str) -> str:
    """Hyphens and spaces are one: "Kim Il-sung" and "Kim Il Sung" share the key "Kim Il sung"."""
    return _SPACES.sub(" ", prepared).strip()


def _is_acronym(key: str) -> bool:
    """All capitals ("US", "NATO", "G7"): matched case-sensitively so "us" is never the USA."""
    return any(c.isupper() for c in key) and not any(c.islower() for c in key)


def normalize(surface: str) -> str:
    """The lookup key of a surface: case-folded unless an all-capitals acronym."""
    key = _key(_prepare(surface)[0])
    return key if _is_acronym(key) else key.casefold()


def slugify(text: str) -> str:
    """A stable id fragment: "Aidan Foster-Carter" → "aidan-foster-carter"."""
    s = fold(text).casefold().replace("'", "").replace(".", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:100]


def _year_of(value: Any) -> int | None:
    return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None


def parse_partial_date(value: Any, *, end: bool = False) -> dt.date | None:
    """YAML dates, 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' (or ints): the first day, or with end=True the last."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", str(value))
    if not m:
        raise ValueError(f"not a date: {value!r}")
    year, month, day = int(m[1]), m[2], m[3]
    if day:
        return dt.date(year, int(month), int(day))
    if month:
        mo = int(month)
        if not end:
            return dt.date(year, mo, 1)
        nxt = dt.date(year + (mo == 12), mo % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)


def _as_date(value: Any) -> dt.date | None:
    """A sentence's or document's date from user_data: date, datetime, ISO string or None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------
# Data model


@dataclass(frozen=True, slots=True)
class Actor:
    """Someone who acts: a state (id = ISO3), person (slug), organisation, group or place.

    ``country`` is the state the actor acts for: a state's own code, a person's country at the date
    in question, an organisation's state for national bodies (None for international ones).
    """

    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)

    def __hash__(self) -> int:  # aliases is a list; identity is the id (and the date-dependent country)
        return hash((self.id, self.kind, self.country))


@dataclass(frozen=True, slots=True)
class Role:
    """A dated office: ``end`` None = still in office; partial dates are widened to whole months/years."""

    country: str
    role: str
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def active_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Mention:
    """One mention: ``doc.text[start:end] == text``; ``sentence`` indexes ``list(doc.sents)``.

    ``role`` is the person's office at the sentence's date, where known.
    """

    actor: Actor
    text: str
    start: int
    end: int
    sentence: int
    role: Role | None = None


@dataclass(slots=True)
class _Record:
    """One dictionary entry after merging all files."""

    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    historical: bool = False
    valid_from: int | None = None
    valid_until: int | None = None
    family_name: str | None = None
    capital: str | None = None
    sides: list[str] = field(default_factory=list)  # a place: the states it lies between or is split among

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_until is None or year <= self.valid_until
        )


# libyaml's loader where PyYAML was built with it: the pure-Python one takes seconds on the people files.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LIST_FIELDS = ("aliases", "demonyms", "metonyms", "roles", "members", "held_by", "sides")


# --------------------------------------------------------------------------------------------------
# Loading


def _yaml_files(path: Path) -> list[Path]:
    """The YAML files of a file or folder: generated states.yaml first, then top level, then sub-folders."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(f"actor dictionary path not found: {path}")
    files = [
        p
        for p in path.rglob("*")
        if p.suffix in (".yaml", ".yml")
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    ]
    return sorted(files, key=lambda p: (len(p.relative_to(path).parts), p.name != "states.yaml", str(p)))


def _infer_kind(entry: dict[str, Any], rel: Path) -> str:
    """An entry's kind: explicit ``kind``; else a person if it has roles or sits under ``people/``;
    else an organisation in an ``organizations*.yaml`` file; else a state."""
    if entry.get("kind"):
        return str(entry["kind"])
    stem = rel.stem.lower()
    if "place" in stem:
        return "place"
    if "roles" in entry or "people" in rel.parts[:-1]:
        return "person"
    if "organization" in stem or "organisation" in stem:
        return "organization"
    return "state"


def _merge(base: dict[str, Any], new: dict[str, Any]) -> None:
    """Lists are unioned (order kept), scalars override."""
    for k, v in new.items():
        if k in _LIST_FIELDS and isinstance(base.get(k), list) and isinstance(v, list):
            base[k].extend(x for x in v if x not in base[k])
        else:
            base[k] = list(v) if isinstance(v, list) else v


class ActorDictionary:
    """States, organisations and people, indexed for lookup by any of their names."""

    def __init__(self, records: Iterable[_Record] = (), warnings: Sequence[str] = ()) -> None:
        self.records: dict[str, _Record] = {}
        self.warnings: list[str] = list(warnings)
        self._exact: dict[str, list[tuple[str, bool]]] = defaultdict(list)  # acronyms, case kept
        self._folded: dict[str, list[tuple[str, bool]]] = defaultdict(list)  # everything else, casefolded
        self._surnames: dict[str, list[str]] = defaultdict(list)
        self._state_words: dict[str, str] = {}  # names/aliases/demonyms of states → ISO3 (no metonyms)
        self._fuzzy: dict[str, list[str]] = defaultdict(list)
        self._actors: dict[tuple[str, str | None], Actor] = {}
        self._cache: dict[tuple[Any, ...], str | None] = {}
        for rec in records:
            self.records[rec.id] = rec
        for rec in self.records.values():
            self._index(rec)
        for bucket in (self._exact, self._folded, self._surnames, self._fuzzy):
            for k, v in bucket.items():
                bucket[k] = list(dict.fromkeys(v))  # type: ignore[assignment]

    # -- construction -----------------------------------------------------------------------------

    @classmethod
    def load(cls, directory: str | Path | None = None, extra_paths: Sequence[str | Path] = ()) -> ActorDictionary:
        """The dictionary in ``directory`` (default: the built-in one) with ``extra_paths`` merged over it.

        Cached per argument set: the same call returns the same object, so treat it as read-only.
        """
        base = str(Path(directory).resolve()) if directory else str(DATA_DIR)
        return _load_cached(base, tuple(str(Path(p).resolve()) for p in extra_paths))

    @classmethod
    def from_paths(cls, paths: Sequence[str | Path]) -> ActorDictionary:
        """An uncached dictionary from YAML files/folders; later paths are merged over earlier ones."""
        raw: dict[str, dict[str, Any]] = {}
        kinds: dict[str, str] = {}
        seen_in: dict[str, list[str]] = defaultdict(list)
        warnings: list[str] = []
        for n, root in enumerate(paths):
            root = Path(root)
            for path in _yaml_files(root):
                rel = path.relative_to(root) if root.is_dir() else Path(path.name)
                try:
                    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
                except yaml.YAMLError as exc:
                    warnings.append(f"{path}: not valid YAML: {exc}")
                    continue
                if data is None:
                    continue
                if not isinstance(data, list):
                    warnings.append(f"{path}: expected a list of entries")
                    continue
                for entry in data:
                    if not isinstance(entry, dict) or not entry.get("id"):
                        warnings.append(f"{path}: entry without an id: {entry!r}"[:200])
                        continue
                    aid = str(entry["id"])
                    kind = _infer_kind(entry, rel)
                    if aid in kinds and kinds[aid] != kind and "kind" in entry:
                        warnings.append(f"{path}: id {aid} is a {kinds[aid]} elsewhere, here a {kind}")
                    # One person may serve several states or organisations, so the same id in several
                    # people files is one person whose roles are merged; a different name is a clash.
                    if (
                        kind == "person"
                        and n == 0
                        and seen_in[aid]
                        and entry.get("name")
                        and fold(str(entry["name"])) != fold(str(raw[aid].get("name", entry["name"])))
                    ):
                        warnings.append(
                            f"{path}: person id {aid} names {entry['name']!r} here and "
                            f"{raw[aid].get('name')!r} in {seen_in[aid][0]}"
                        )
                    seen_in[aid].append(str(path))
                    kinds.setdefault(aid, kind)
                    if aid in raw:
                        _merge(raw[aid], entry)
                    else:
                        raw[aid] = {k: (list(v) if isinstance(v, list) else v) for k, v in entry.items()}
        records = []
        for aid, entry in raw.items():
            rec = _record(aid, kinds[aid], entry, warnings)
            if rec is not None:
                records.append(rec)
        for w in warnings:
            log.warning("actor dictionary: %s", w)
        return cls(records, warnings)

    def _index(self, rec: _Record) -> None:
        forms = [rec.name, *rec.aliases, *rec.demonyms, *rec.metonyms]
        for form in forms:
            self._add_key(form, rec.id)
        if rec.kind == "state":
            for form in (rec.name, *rec.aliases, *rec.demonyms):
                k = normalize(form)
                self._state_words.setdefault(k, rec.id)
        if rec.kind == "person":
            for key in self._family_keys(rec):
                self._surnames[key].append(rec.id)

    def _add_key(self, surface: str, rid: str) -> None:
        prepared, article = _prepare(surface)
        key = _key(prepared)
        if not key:
            return
        compact = key.replace(" ", "")
        if _is_acronym(key):
            if len(compact) <= 2 and self.records[rid].kind == "person":
                return  # "JK": too short to stand for a person
            for k in {key, compact}:
                self._exact[k].append((rid, article))
            if len(compact) >= 4 and compact.isalpha():
                self._exact[compact.capitalize()].append((rid, article))  # "Nato", "Opec"
        else:
            folded = key.casefold()
            for k in {folded, compact.casefold()}:
                self._folded[k].append((rid, article))
            if len(folded) >= 8 and not article:
                self._fuzzy[folded[0]].append(folded)

    def _family_keys(self, rec: _Record) -> set[str]:
        """Keys a bare surname can take: the last word of each personal-name form, and the first word
        of the name where family names come first ("Kim", "Xi")."""
        if rec.family_name:
            return {normalize(rec.family_name)}
        countries = {r.country for r in rec.roles} | ({rec.country} if rec.country else set())
        keys: set[str] = set()
        for n, form in enumerate((rec.name, *rec.aliases)):
            words = _name_words(form)
            if words:
                keys.add(normalize(words[-1]))
                if n == 0 and countries & _FAMILY_FIRST:
                    keys.add(normalize(words[0]))
        return {k for k in keys if k and k.casefold() not in _TITLE_WORDS}

    # -- queries ----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.records)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.records

    def ids(self, kind: str | None = None) -> list[str]:
        return [r.id for r in self.records.values() if kind is None or r.kind == kind]

    def record(self, actor_id: str) -> _Record | None:
        return self.records.get(actor_id)

    def get(self, actor_id: str, date: dt.date | None = None) -> Actor | None:
        """The actor with this id (a person's country read at ``date``)."""
        rec = self.records.get(actor_id)
        return self._actor(rec, date) if rec else None

    def state(self, iso3: str) -> Actor | None:
        """The state with this ISO 3166 alpha-3 (or ISO 3166-3) code."""
        rec = self.records.get(iso3.upper())
        return self._actor(rec, None) if rec and rec.kind == "state" else None

    def roles_at(self, person_id: str, date: dt.date | None) -> list[Role]:
        """The person's roles on ``date`` (None: current roles), most senior first."""
        rec = self.records.get(person_id)
        if rec is None:
            return []
        roles = [r for r in rec.roles if (r.end is None if date is None else r.active_on(date))]
        return sorted(roles, key=lambda r: _ROLE_RANK.get(r.role, len(ROLES)))

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(surface, actor id) for every name the phrase matcher should find."""
        for rec in self.records.values():
            for form in dict.fromkeys((rec.name, *rec.aliases, *rec.demonyms, *rec.metonyms)):
                yield form, rec.id

    def lookup(self, surface: str, date: dt.date | None = None) -> Actor | None:
        """The actor a surface names, or None.

        Exact match after normalisation first (case-folded except acronyms, "the"/possessive/dots
        stripped, hyphen = space = nothing, diacritics folded); then titles are stripped and used
        ("Russian President Vladimir Putin", "Mr. Kim"): a bare surname picks the person in office at
        ``date``; then a fuzzy match for names of 8 characters or more.
        """
        rid = self.resolve_id(surface, date)
        return self.get(rid, date) if rid else None

    def resolve_id(
        self,
        surface: str,
        date: dt.date | None = None,
        *,
        role_hint: str | None = None,
        country_hint: str | None = None,
        titled: bool = False,
        fuzzy: bool = True,
        surname: bool = True,
    ) -> str | None:
        """`lookup`, returning the id, with hints from context: a title's role (``titled``: a title or
        honorific preceded the name), a demonym's state."""
        ck = (surface, date, role_hint, country_hint, titled, fuzzy, surname)
        if ck in self._cache:
            return self._cache[ck]
        if len(self._cache) > 200_000:
            self._cache.clear()
        rid = self._resolve(surface, date, role_hint, country_hint, titled, fuzzy, surname)
        self._cache[ck] = rid
        return rid

    def exact_id(self, surface: str, date: dt.date | None = None) -> str | None:
        """The id of an exact (normalised) name match only: no title stripping, surname or fuzzy match."""
        prepared, article = _prepare(surface)
        return self._exact_id(prepared, article, date, None, None) if prepared else None

    def _resolve(
        self,
        surface: str,
        date: dt.date | None,
        role_hint: str | None,
        country_hint: str | None,
        titled: bool,
        fuzzy: bool,
        surname: bool,
    ) -> str | None:
        prepared, article = _prepare(surface)
        if not prepared:
            return None
        rid = self._exact_id(prepared, article, date, role_hint, country_hint)
        if rid:
            return rid
        words, role2, country2, titled2 = self.strip_titles(prepared.split())
        role_hint, country_hint, titled = role_hint or role2, country_hint or country2, titled or titled2
        if not words:
            return None
        rest = " ".join(words)
        if rest != prepared:
            rid = self._exact_id(rest, False, date, role_hint, country_hint)
            if rid:
                return rid
        if surname and len(words) == 1:
            rid = self._by_surname(words[0], date, role_hint, country_hint, titled)
            if rid:
                return rid
        if fuzzy:
            return self._fuzzy_id(rest, date)
        return None

    def _candidates(self, prepared: str, article: bool) -> list[str]:
        key = _key(prepared)
        compact = key.replace(" ", "")
        for index, k in (
            (self._exact, key),
            (self._exact, compact),
            (self._folded, key.casefold()),
            (self._folded, compact.casefold()),
        ):
            hits = [rid for rid, needs_article in index.get(k, ()) if article or not needs_article]
            if hits:
                return list(dict.fromkeys(hits))
        return []

    def _exact_id(
        self, prepared: str, article: bool, date: dt.date | None, role_hint: str | None, country_hint: str | None
    ) -> str | None:
        return self._choose(self._candidates(prepared, article), date, role_hint, country_hint)

    def _choose(
        self, ids: Sequence[str], date: dt.date | None, role_hint: str | None = None, country_hint: str | None = None
    ) -> str | None:
        """One id among candidates sharing a name: by validity at the date, then seniority; else None."""
        if len(ids) <= 1:
            return ids[0] if ids else None
        recs = [self.records[i] for i in ids]
        if any(r.kind != "person" for r in recs):
            recs = [r for r in recs if r.kind != "person"] or recs
            if date is not None:
                recs = [r for r in recs if r.valid_in(date.year)] or recs
            else:
                recs = [r for r in recs if not r.historical] or recs
            if len(recs) > 1:
                starts = sorted((r.valid_from or -10_000 for r in recs), reverse=True)
                if starts[0] != starts[1]:
                    recs = [r for r in recs if (r.valid_from or -10_000) == starts[0]]
            return recs[0].id if len(recs) == 1 else None
        return self._choose_person([r.id for r in recs], date, role_hint, country_hint)

    def _choose_person(
        self,
        ids: Sequence[str],
        date: dt.date | None,
        role_hint: str | None,
        country_hint: str | None,
        strict: bool = False,
    ) -> str | None:
        """Narrow people by country, office at the date and title; then the most senior office holder.

        ``strict`` (a bare surname, no full name earlier in the text): only people in office at the date
        qualify, and without a title only senior offices, so "Smith" or "Brown" alone stay unlinked
        rather than becoming whichever Smith the dictionary holds.
        """
        recs = [self.records[i] for i in dict.fromkeys(ids)]
        if country_hint:
            recs = [r for r in recs if any(x.country == country_hint for x in r.roles)] or recs
        if strict:
            if date is None:
                if not role_hint or role_hint == "other":
                    return None
                recs = [r for r in recs if any(x.role == role_hint for x in r.roles)]
            else:
                recs = [r for r in recs if any(x.active_on(date) and (role_hint or x.role != "other") for x in r.roles)]
            if not recs:
                return None
        elif date is not None:
            recs = [r for r in recs if any(x.active_on(date) for x in r.roles)] or recs
        if role_hint and role_hint != "other":
            recs = [r for r in recs if any(x.role == role_hint for x in r.roles)] or recs
        if len(recs) == 1:
            return recs[0].id

        def rank(r: _Record) -> int:
            roles = self.roles_at(r.id, date) if date else r.roles
            return min((_ROLE_RANK.get(x.role, len(ROLES)) for x in roles), default=len(ROLES))

        ranked = sorted(recs, key=rank)
        if len(ranked) > 1 and rank(ranked[0]) < rank(ranked[1]):
            return ranked[0].id
        return None

    def _by_surname(
        self, word: str, date: dt.date | None, role_hint: str | None, country_hint: str | None, titled: bool
    ) -> str | None:
        k = normalize(word)
        ids = self._surnames.get(k) or self._surnames.get(k.casefold()) or []
        if not ids:
            return None
        return self._choose_person(ids, date, role_hint if titled else None, country_hint, strict=True)

    def _fuzzy_id(self, prepared: str, date: dt.date | None) -> str | None:
        """A near-exact match (typos, transliterations) for multi-word names of 8+ characters only:
        one-word names differ by a letter too often ("Americas"/"Americans", "Niger"/"Nigeria"), and a
        person's surname must match exactly ("Gavin Williams" is not "Gavin Williamson")."""
        key = _key(prepared)
        words = key.split()
        if len(key) < 8 or len(words) < 2 or any(len(w) >= 2 and _is_acronym(w) for w in words):
            return None
        folded = key.casefold()
        choices = self._fuzzy.get(folded[0])
        if not choices:
            return None
        best = process.extractOne(folded, choices, scorer=fuzz.ratio, score_cutoff=92)
        if best is None or best[0].count(" ") != folded.count(" "):
            return None
        last = folded.rsplit(" ", 1)[-1]
        ids = [
            rid
            for rid, needs_article in self._folded.get(best[0], ())
            if not needs_article and (self.records[rid].kind != "person" or best[0].rsplit(" ", 1)[-1] == last)
        ]
        return self._choose(list(dict.fromkeys(ids)), date)

    def strip_titles(self, words: Sequence[str]) -> tuple[list[str], str | None, str | None, bool]:
        """Leading titles ("Foreign Minister", "Mr") and the state before them ("Russian President").

        Returns the remaining words, the role the title implies, the state's code, and whether a title
        (not just "former"/"late") was there.
        """
        words = list(words)
        role: str | None = None
        country: str | None = None
        titled = False
        i = 0
        while i < len(words):
            n = _title_len(words, i)
            if n:
                key = _title_key(words[i : i + n])
                role = role or _TITLES[key]
                titled = titled or key not in _MODIFIER_TITLES
                i += n
                continue
            for size in (3, 2, 1):
                if i + size < len(words) and _title_len(words, i + size):
                    iso = self.state_of_words(words[i : i + size])
                    if iso:
                        country = country or iso
                        i += size
                        break
            else:
                break
        return words[i:], role, country, titled

    def state_of_words(self, words: Sequence[str]) -> str | None:
        """The state these words name (name, alias or demonym; not metonym), e.g. ["North", "Korean"]."""
        if not words:
            return None
        text = _POSSESSIVE.sub("", " ".join(words))
        return self._state_words.get(normalize(text))

    def leader_state(self, surface: str, date: dt.date | None) -> str | None:
        """The state a head of state or government named by ``surface`` (a surname or full name) led at
        ``date``, else the one state any such leader of that name ever led: "the Eisenhower administration".

        Only senior offices count, so a minister's surname never makes an "administration".
        """
        prepared, _article = _prepare(surface)
        words = prepared.split()
        if not words or len(words) > 4:
            return None
        ids = [i for i in self._candidates(prepared, False) if self.records[i].kind == "person"]
        if not ids and len(words) == 1:
            k = normalize(words[0])
            ids = self._surnames.get(k) or self._surnames.get(k.casefold()) or []
        senior = ("head_of_state", "head_of_government")
        roles = [(i, r) for i in dict.fromkeys(ids) for r in self.records[i].roles if r.role in senior]
        if date is not None:
            now = {r.country for _i, r in roles if r.active_on(date)}
            if len(now) == 1:
                return now.pop()
        people = {i for i, _r in roles}
        countries = {r.country for _i, r in roles}
        return countries.pop() if len(people) == 1 and len(countries) == 1 else None

    def _actor(self, rec: _Record, date: dt.date | None) -> Actor:
        country: str | None
        if rec.kind == "state":
            country = rec.id
        elif rec.kind == "person" or (rec.kind == "place" and rec.roles):
            country = self._person_country(rec, date)
        else:
            country = rec.country
        key = (rec.id, country)
        actor = self._actors.get(key)
        if actor is None:
            actor = Actor(rec.id, rec.name, rec.kind, country, list(rec.aliases))
            self._actors[key] = actor
        return actor

    def _person_country(self, rec: _Record, date: dt.date | None) -> str | None:
        if date is not None:
            now = self.roles_at(rec.id, date)
            if now:
                return now[0].country
        if rec.roles:
            latest = max(rec.roles, key=lambda r: (r.end is None, r.start or dt.date.min, r.end or dt.date.max))
            return latest.country
        return rec.country


def _title_key(words: Sequence[str]) -> tuple[str, ...]:
    """Titles compare case-folded, but an all-capitals word is an acronym, not a title ("DR Congo")."""
    return tuple("\x00" if len(w) > 1 and w.isupper() and w != "PM" else w.casefold().rstrip(".,") for w in words)


def _title_len(words: Sequence[str], i: int) -> int:
    """Length of the longest title starting at words[i] (0 if none)."""
    for n in range(min(_TITLE_MAX, len(words) - i), 0, -1):
        if _title_key(words[i : i + n]) in _TITLES:
            return n
    return 0


def _name_words(form: str) -> list[str]:
    """The words of a personal-name form without titles and suffixes ("Pope Francis" → ["Francis"]),
    or [] for forms that are one word or not a personal name ("Prince of Wales", "JK")."""
    words = _prepare(form)[0].split()
    if len(words) < 2 or _is_acronym(form):
        return []
    i = 0
    while i < len(words) - 1 and (n := _title_len(words, i)):
        i += n
    words = words[i:]
    while len(words) > 1 and words[-1].rstrip(",") in _NAME_SUFFIXES:
        words = words[:-1]
    return words if words and words[0][:1].isupper() and all(_name_word(w) for w in words) else []


_PARTICLE = re.compile(r"^(?:[a-z]{1,3}-\w|(?:al|el|bin|ibn|bint|van|von|der|den|de|da|di|du|la|le|dos|das)$)")


def _name_word(word: str) -> bool:
    """A word of a personal name: capitalised, or a particle ("al-Sisi", "bin Salman", "van der Bellen")."""
    return word[:1].isupper() or bool(_PARTICLE.match(word))


def _record(aid: str, kind: str, entry: dict[str, Any], warnings: list[str]) -> _Record | None:
    """A validated record from a merged YAML entry (bad roles and dates are warned about and dropped)."""
    if kind not in KINDS:
        warnings.append(f"{aid}: unknown kind {kind!r}")
        return None
    name = entry.get("name")
    if not name:
        warnings.append(f"{aid}: no name")
        return None

    def strings(k: str) -> list[str]:
        return [str(x) for x in entry.get(k) or [] if x is not None and str(x).strip()]

    roles: list[Role] = []
    # A place's dated holders are read like a person's offices: the state it stands for at a date.
    for r in (entry.get("held_by") or []) if kind == "place" else (entry.get("roles") or []):
        if not isinstance(r, dict) or not r.get("country"):
            warnings.append(f"{aid}: role without a country: {r!r}")
            continue
        role = str(r.get("role") or "other")
        if role not in _ROLE_RANK:
            warnings.append(f"{aid}: unknown role {role!r}, read as 'other'")
            role = "other"
        try:
            start = parse_partial_date(r.get("start"))
            end = parse_partial_date(r.get("end"), end=True)
        except ValueError as exc:
            warnings.append(f"{aid}: {exc}")
            continue
        roles.append(Role(str(r["country"]).upper(), role, r.get("title"), start, end))
    return _Record(
        id=aid,
        name=str(name),
        kind=kind,
        country=entry.get("country") or None,
        aliases=[a for a in strings("aliases") if a != name],
        demonyms=strings("demonyms"),
        metonyms=strings("metonyms"),
        roles=roles,
        members=strings("members"),
        historical=bool(entry.get("historical", False)),
        valid_from=_year_of(entry.get("valid_from")),
        valid_until=_year_of(entry.get("valid_until")),
        family_name=entry.get("family_name"),
        capital=entry.get("capital"),
        sides=[str(x).upper() for x in entry.get("sides") or [] if x],
    )


@lru_cache(maxsize=8)
def _load_cached(base: str, extra: tuple[str, ...]) -> ActorDictionary:
    """The dictionary, built once per content of its files: a few thousand people take seconds to parse and
    index on a slow machine, so the built index is kept on disk (``$GEOBRIEF_CACHE``, else
    ``~/.cache/geobrief``) under a hash of every file it was built from and of this module's code."""
    paths = [base, *extra]
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for root in paths:
        for f in _yaml_files(Path(root)) if Path(root).is_dir() else [Path(root)]:
            digest.update(str(f).encode() + b"\0" + (f.read_bytes() if f.is_file() else b"") + b"\0")
    cache_dir = Path(os.environ.get("GEOBRIEF_CACHE") or Path.home() / ".cache" / "geobrief")
    cached = cache_dir / f"actors-{digest.hexdigest()[:32]}.pickle"
    try:
        with cached.open("rb") as fh:
            loaded = pickle.load(fh)  # noqa: S301 - our own cache file, keyed by content
        if isinstance(loaded, ActorDictionary):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    built = ActorDictionary.from_paths(paths)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cached)
        for old in sorted(cache_dir.glob("actors-*.pickle"), key=lambda f: f.stat().st_mtime)[:-8]:
            old.unlink(missing_ok=True)  # keep the eight most recent builds
    except OSError:
        pass  # a read-only home: build every time
    return built
