"""Actors: the dictionary of states, organisations and people, and the spaCy component that links
mentions in a text to them.

The dictionary is versioned YAML under ``geobrief/knowledge/actors/`` (states, organisations, and
``people/<ISO3>.yaml``); users merge their own files over it. The component ``geobrief_actor_linker``
runs after spaCy's ``ner``: it takes spaCy's entities plus a phrase-matcher pass over every dictionary
name (the small model misses many), keeps the longest of overlapping spans, and links each to an
`Actor`, reading a leader's role at the date of the sentence. Results are on ``doc._.actor_mentions``
(a list of `Mention`) and ``doc._.actors`` (id → `Actor`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "knowledge" / "actors"
KINDS = ("state", "person", "organization", "group", "place")
ROLES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "other")
_ROLE_RANK = {r: i for i, r in enumerate(ROLES)}

# Family name first: a bare "Kim" or "Xi" is the first word of the full name.
_FAMILY_FIRST = frozenset({"CHN", "TWN", "PRK", "KOR", "KHM", "SGP", "HKG", "MAC"})

# Titles read before a name: stripped from the name and used as a hint to the person's role.
# None = an honorific or title that says nothing about which role.
_TITLES: dict[tuple[str, ...], str | None] = {
    tuple(k.split()): v
    for k, v in {
        "president": "head_of_state",
        "king": "head_of_state",
        "queen": "head_of_state",
        "emperor": "head_of_state",
        "empress": "head_of_state",
        "supreme leader": "head_of_state",
        "sultan": "head_of_state",
        "emir": "head_of_state",
        "amir": "head_of_state",
        "general secretary": "head_of_state",
        "chairman": "head_of_state",
        "pope": "head_of_state",
        "prime minister": "head_of_government",
        "premier": "head_of_government",
        "chancellor": "head_of_government",
        "pm": "head_of_government",
        "foreign minister": "foreign_minister",
        "foreign secretary": "foreign_minister",
        "secretary of state": "foreign_minister",
        "minister of foreign affairs": "foreign_minister",
        "foreign affairs minister": "foreign_minister",
        "external affairs minister": "foreign_minister",
        "defence minister": "defence_minister",
        "defense minister": "defence_minister",
        "defence secretary": "defence_minister",
        "defense secretary": "defence_minister",
        "secretary of defense": "defence_minister",
        "minister of defence": "defence_minister",
        "minister of defense": "defence_minister",
        "vice president": "other",
        "vice-president": "other",
        "president-elect": "other",
        "deputy prime minister": "other",
        "first deputy prime minister": "other",
        "crown prince": "other",
        "prince": "other",
        "princess": "other",
        "minister": "other",
        "secretary": "other",
        "secretary-general": "other",
        "secretary general": "other",
        "director-general": "other",
        "director general": "other",
        "ambassador": "other",
        "envoy": "other",
        "special envoy": "other",
        "senator": "other",
        "sen": "other",
        "rep": "other",
        "representative": "other",
        "congressman": "other",
        "congresswoman": "other",
        "governor": "other",
        "gov": "other",
        "mayor": "other",
        "general": "other",
        "gen": "other",
        "lt": "other",
        "lieutenant": "other",
        "colonel": "other",
        "col": "other",
        "admiral": "other",
        "adm": "other",
        "marshal": "other",
        "field marshal": "other",
        "commander": "other",
        "spokesman": "other",
        "spokeswoman": "other",
        "spokesperson": "other",
        "leader": None,
        "mr": None,
        "mrs": None,
        "ms": None,
        "miss": None,
        "dr": None,
        "sir": None,
        "dame": None,
        "lord": None,
        "lady": None,
        "madam": None,
        "sheikh": None,
        "ayatollah": None,
        "comrade": None,
        "former": None,
        "late": None,
        "then": None,
        "acting": None,
        "interim": None,
        "deputy": None,
    }.items()
}
_TITLE_MAX = max(len(k) for k in _TITLES)
# Stripped like titles, but on their own they do not make a name a person's ("the former Soviet Union").
_MODIFIER_TITLES = frozenset({("former",), ("late",), ("then",), ("acting",), ("interim",), ("deputy",)})
_TITLE_WORDS = frozenset(w for k in _TITLES for w in k)

# A dictionary name preceded by one of these is part of another name ("Latin America",
# "New Mexico", "Northern Ireland"), unless the longer name is itself in the dictionary.
_NAME_MODIFIERS = frozenset(
    {
        "Latin",
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "New",
        "Upper",
        "Lower",
        "Greater",
        "Little",
        "Old",
        "Anglo",
        "Pan",
        "Indo",
        "Sino",
        "Afro",
        "Euro",
        "Trans",
    }
)
_NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV", "V"})
_LABEL_KIND = {
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "group",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
_PRONOUNS = frozenset(
    {
        "i",
        "me",
        "my",
        "mine",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "this",
        "that",
        "these",
        "those",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "one",
    }
)
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

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_until is None or year <= self.valid_until
        )


# libyaml's loader where PyYAML was built with it: the pure-Python one takes seconds on the people files.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LIST_FIELDS = ("aliases", "demonyms", "metonyms", "roles", "members")


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
    if "roles" in entry or "people" in rel.parts[:-1]:
        return "person"
    stem = rel.stem.lower()
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

    def _actor(self, rec: _Record, date: dt.date | None) -> Actor:
        country: str | None
        if rec.kind == "state":
            country = rec.id
        elif rec.kind == "person":
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
    return words if words and all(w[:1].isupper() for w in words) else []


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
    for r in entry.get("roles") or []:
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
    )


@lru_cache(maxsize=8)
def _load_cached(base: str, extra: tuple[str, ...]) -> ActorDictionary:
    return ActorDictionary.from_paths([base, *extra])


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

        def date_at(sent: int) -> dt.date | None:
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
        for c in chosen:
            span = doc[c.start : c.end]
            sent = sent_of(span.start_char)
            date = date_at(sent)
            for outer in (c.outer, c.title_start):  # a title that is part of a name ("Pope Francis")
                if 0 <= outer < c.start:
                    whole = doc[outer : c.end]
                    if self.dictionary.exact_id(whole.text, date):
                        span, c.start = whole, outer
                        break
            actor, from_context = self._link(span, c, date, timeline)
            if actor is None:
                continue
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
        doc._.actor_mentions = mentions
        doc._.actors = {m.actor.id: m.actor for m in mentions}
        return doc

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
        if personish and len(words) == 1:
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
        if c.label is None or _junk(span):
            return None
        kind = "person" if c.titled and c.label in ("ORG", "GPE") else _LABEL_KIND[c.label]
        name = " ".join(text.split())
        country = None
        if kind == "organization":
            for n in (3, 2, 1):
                if n < len(words):
                    country = d.state_of_words(words[:n])
                    if country:
                        break
        return Actor(f"{kind}:{slugify(name)}", name, kind, country, [])

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
    lower-case words, quoted titles of works, text running across lines."""
    text = span.text
    letters = sum(c.isalpha() for c in text)
    if letters < 2 or "\n" in text or len(span) > 8:
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
