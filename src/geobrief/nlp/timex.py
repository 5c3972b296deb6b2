"""Temporal tagger: every date expression in a text resolved to an inclusive interval of days.

The knowledge graph dates each fact, so a date mention must become a concrete interval (``the late
1980s`` → 1987-01-01..1989-12-31), with its precision and what it was resolved against: nothing
(``absolute``), the publication date (``last week``), or the narrative time of the text so far
(``that February`` after a sentence set in 2021). General-purpose parsers (dateparser's search) read
``$28`` or ``we`` as dates on news text, so this is a small grammar of regular expressions whose
vocabulary (month names, seasons, decade parts, number words…) is data in ``knowledge/timex.yaml``.

`tag` returns dates only. `tag_all` also returns what TempEval annotates but geobrief does not date
facts with — durations (``for two years`` → P2Y), sets (``daily``), clock times and vague references
(``now`` → PRESENT_REF) — and keeps ranges split as TimeML does; it exists for the evaluation.
Precisions: day, week, month, quarter, season, year, decade, century.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from dateutil.relativedelta import relativedelta

DATA_FILE = Path(__file__).resolve().parents[1] / "knowledge" / "timex.yaml"

PRECISIONS = ("day", "week", "month", "quarter", "season", "year", "decade", "century")
_FINE = {"day", "week", "month", "quarter", "season", "year"}  # precise enough to set the narrative time
_MIN_YEAR, _MAX_YEAR = 1000, 2099  # bare four-digit numbers outside are not read as years


@dataclass
class Timex:
    """One temporal expression: its span in the text and the inclusive interval it denotes."""

    text: str
    start: int
    end: int
    value_start: dt.date
    value_end: dt.date
    precision: str
    anchor: str  # absolute, publication, narrative
    timex_type: str = "DATE"  # DATE, TIME, DURATION, SET
    value: str = ""  # TimeML-style normalised value


# --------------------------------------------------------------------------------------------
# Vocabulary and patterns


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "Sept" wins over "Sep"; spaces match any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@dataclass
class _Vocab:
    data: dict[str, Any]
    months: dict[str, int] = field(init=False)
    weekdays: dict[str, int] = field(init=False)
    numbers: dict[str, float] = field(init=False)
    ordinals: dict[str, int] = field(init=False)
    patterns: list[tuple[str, re.Pattern[str]]] = field(init=False)
    named: dict[str, tuple[dt.date, dt.date, str]] = field(init=False)

    def __post_init__(self) -> None:
        d = self.data
        self.months = {k.lower(): int(v) for k, v in d["months"].items()}
        self.weekdays = {k.lower(): int(v) for k, v in d["weekdays"].items()}
        self.numbers = {k.lower(): float(v) for k, v in d["number_words"].items()}
        self.ordinals = {k.lower(): int(v) for k, v in d["ordinals"].items()}
        self.ambiguous_months = {m.lower() for m in d["ambiguous_months"]}
        self.named = {
            " ".join(n.split()): (p["start"], p["end"], p["precision"])
            for p in d.get("named_periods", [])
            for n in p["names"]
        }
        self.patterns = _build_patterns(d)

    def number(self, word: str) -> float | None:
        """A count written in digits or words ("3", "three", "twenty-five"); None for vague counts."""
        w = re.sub(r"\s+", " ", word.lower().strip())
        if re.fullmatch(r"\d+(?:\.\d+)?", w):
            return float(w)
        if w in self.numbers:
            return self.numbers[w]
        parts = re.split(r"[\s-]+", w)
        if len(parts) == 2 and all(p in self.numbers for p in parts) and self.numbers[parts[0]] >= 20:
            return self.numbers[parts[0]] + self.numbers[parts[1]]
        return None


def _build_patterns(d: dict[str, Any]) -> list[tuple[str, re.Pattern[str]]]:
    """Compile the grammar: (rule name, pattern) in priority order (ties on length go to the first)."""
    full_months = [m for m in d["months"] if len(m) > 4 or m in ("May", "June", "July")]
    abbr_months = [m for m in d["months"] if m not in full_months]
    mon = rf"(?:{_alt(full_months)}\b|(?:{_alt(abbr_months)})(?:\.|\b))"
    mon_ci = mon  # month names are matched case-sensitively (the verbs "may", "march")
    full_days = [w for w in d["weekdays"] if len(w) > 5]
    wday = rf"(?:{_alt(full_days)})"
    any_wday = rf"(?:{_alt(d['weekdays'])})\.?"
    year = r"(?<![\w$£€¥#.,/:-])(?:1\d{3}|20\d{2})(?![\w%]|[.,:/]\d)"
    day = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
    seasons = _alt(d["seasons"])
    dparts = _alt(d["decade_parts"])
    pparts = _alt(d["period_parts"])
    units = _alt(list(d["units"]) + ["centurie"])
    tunits = _alt(d["time_units"])
    nums = _alt([w for w in d["number_words"]])
    tens = _alt(w for w, n in d["number_words"].items() if n in (20, 30, 40, 50, 60, 70, 80, 90))
    ones = _alt(w for w, n in d["number_words"].items() if isinstance(n, int) and 1 <= n <= 9 and len(w) > 2)
    num = rf"(?:\d{{1,3}}(?:\.\d+)?(?!\d)|(?:{tens})[\s-](?:{ones})|(?:{nums}))"
    vague = _alt(d["vague_numbers"])
    rel_pub = _alt(d["relative_publication"])
    rel_nar = _alt(d["relative_narrative"])
    after = _alt(a for a in d["after_count"])
    ords = _alt(d["ordinals"])
    dmods = _alt(d["duration_modifiers"])
    dayparts = _alt(d["day_parts"])
    deictic = _alt(d["deictic_days"])
    vrefs = _alt(d["vague_refs"])
    sets = _alt(d["sets"])
    named = _alt(n for p in d.get("named_periods", []) for n in p["names"])
    I = re.IGNORECASE  # noqa: E741 - short flag name keeps the table readable
    ci = "(?i:{})".format  # a case-insensitive piece inside a case-sensitive pattern
    wd_prefix = rf"(?:{any_wday},?\s+)?"
    rules: list[tuple[str, str, int]] = [
        ("iso", r"(?<![\w.:/-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\w-]|\.\d)", 0),
        ("iso", r"(?<![\w.:/-])(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})(?![\w/]|\.\d)", 0),
        ("us", r"(?<![\w.:/-])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?![\w/]|\.\d)", 0),
        (
            "mdy",
            rf"\b{wd_prefix}(?:{ci('(?P<mod>' + pparts + ')')}[\s-]+)?(?P<mon>{mon})\s+(?P<d>{day})\b"
            rf"(?:,?\s+(?P<y>{year}))?",
            0,
        ),
        (
            "dmy",
            rf"\b{wd_prefix}(?:{ci('the')}\s+)?(?P<d>{day})\s+(?:{ci('of')}\s+)?(?P<mon>{mon_ci})"
            rf"(?:,?\s+(?P<y>{year}))?",
            0,
        ),
        ("my", rf"(?:\b{ci('(?P<mod>' + pparts + ')')}[\s-]*)?(?P<mon>{mon})(?:\s+{ci('of')})?,?\s+(?P<y>{year})", 0),
        ("month", rf"(?P<mon>{mon})\s+{ci('(?P<relyear>this|last|next)')}\s+{ci('year')}\b", 0),
        (
            "month",
            rf"(?:\b{ci('(?P<rel>' + rel_pub + '|' + rel_nar + '|' + pparts + ')')}[\s-]+)?(?P<mon>{mon})"
            r"(?!\s*\d)",
            1,
        ),
        (
            "season",
            rf"\b(?:(?P<rel>{rel_pub}|{rel_nar})\s+|(?P<the>the)\s+)?(?:(?P<mod>{dparts})\s+)?"
            rf"(?P<season>{seasons})\b(?:(?:\s+of)?,?\s+(?P<y>{year}))?",
            1,
        ),
        ("year", rf"(?:\b(?P<pre>fiscal|FY|calendar|{pparts})[\s-]*)?(?P<y>{year})", 2),
        ("yrange", rf"(?P<y>{year})\s*[-–—]\s*(?P<y2>(?:1\d|20)?\d\d)(?![\w%]|[.,:/]\d)", 0),
        ("decade", rf"\b(?:(?P<the>the)\s+)?(?:(?P<mod>{dparts})[\s-]+)?(?P<dec>1\d\d0|20\d0)['’]?s\b", 0),
        ("decade", rf"(?:\b(?P<the>the)\s+)?(?:\b(?P<mod>{dparts})[\s-]+)?(?<!\w)['’‘](?P<dd>\d0)s\b", 0),
        (
            "century",
            rf"\b(?:(?P<the>the)\s+)?(?:(?P<mod>{dparts})[\s-]+)?(?:(?P<c>\d{{1,2}})(?:st|nd|rd|th)|"
            rf"(?P<cw>{ords}))[\s-]+century\b",
            0,
        ),
        (
            "quarter",
            rf"\b(?:the\s+)?(?P<q>{ords}|[1-4](?:st|nd|rd|th))[\s-]+quarter\b"
            rf"(?:(?:\s+of|,)?\s+(?P<y>{year}))?",
            1,
        ),
        ("quarter", rf"\bQ(?P<qn>[1-4])\s+(?P<y>{year})", 0),
        ("deictic", rf"\b(?P<w>{deictic})\b(?!['’]s\b)(?:\s+(?P<part>{dayparts})\b)?", 0),
        ("thispart", rf"\b(?:(?P<pre>earlier|later)\s+)?this\s+(?P<part>{dayparts})\b", 0),
        (
            "weekday",
            rf"\b(?:{ci('(?P<rel>last|next|this|that|the following|the previous)')}\s+)?(?P<wd>{wday})\b"
            rf"(?:\s+{ci('(?P<part>' + dayparts + ')')}\b)?(?!,?\s+(?:{mon}|\d))",
            1,
        ),
        (
            "relpub",
            rf"\b(?:(?P<pre>earlier|later|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|"
            rf"the\s+start\s+of|the\s+middle\s+of)[\s-]+)?(?P<the>the\s+)?(?P<rel>{rel_pub})\s+(?P<unit>{units})\b",
            1,
        ),
        ("relnar", rf"\b(?P<rel>{rel_nar})\s+(?P<unit>{units})\b", 1),
        ("named", rf"(?<![\w-])(?P<name>{named})(?![\w-])", 0),
        ("count", rf"\b(?:(?P<mod>{dmods})\s+)?(?P<n>{num}|{vague})[\s-]+(?P<unit>{units})s?\s+(?P<dir>{after})\b", 0),
        ("anniversary", rf"\b(?P<n>{num})[\s-]+(?P<unit>{units})s?\s+ago\s+(?:today|this\s+week)\b", 0),
        # eval-only kinds below (not dates for geobrief)
        ("time", r"(?<![\w.:])(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]m\b|[ap]\.m\b)", 0),
        ("time", r"\b(?P<noon>noon|midnight)\b", 1),
        (
            "duration",
            rf"\b(?:(?P<mod>{dmods})\s+)?(?:the\s+)?(?:(?P<pre>past|last|next|first|coming|previous|final|"
            rf"recent|latest)\s+)?(?P<n>{num}|{vague})[\s-]+(?:(?P<unit>{units})|(?P<tunit>{tunits}))s?\b(?!-old)",
            3,
        ),
        (
            "duration",
            rf"\b(?:(?P<mod>{dmods})\s+)?(?:the\s+)?(?:(?P<pre>past|next|coming|recent|previous)\s+)?"
            rf"(?:(?P<unit>{units})|(?P<tunit>{tunits}))s\b",
            4,
        ),
        ("duration", rf"\b(?:the\s+)?(?P<pre>past|next|coming)\s+(?:(?P<unit>{units})|(?P<tunit>{tunits}))\b", 3),
        ("vague", rf"\b(?P<w>{vrefs})\b", 5),
        ("set", rf"\b(?P<w>{sets})\b", 5),
    ]
    out: list[tuple[str, re.Pattern[str]]] = []
    for name, pattern, _prio in rules:
        flags = 0 if name in ("mdy", "dmy", "my", "month", "weekday", "quarter", "named") else I
        out.append((name, re.compile(pattern, flags)))
    return out


@lru_cache(maxsize=1)
def vocab() -> _Vocab:
    """The vocabulary from knowledge/timex.yaml, loaded once."""
    return _Vocab(yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")))


_PRIORITY = {
    "iso": 0,
    "us": 0,
    "mdy": 0,
    "dmy": 0,
    "my": 0,
    "yrange": 0,
    "decade": 0,
    "century": 0,
    "named": 0,
    "count": 0,
    "anniversary": 0,
    "deictic": 0,
    "thispart": 0,
    "quarter": 1,
    "month": 1,
    "season": 1,
    "weekday": 1,
    "relpub": 1,
    "relnar": 1,
    "time": 1,
    "year": 2,
    "duration": 3,
    "vague": 5,
    "set": 5,
}
_EVAL_ONLY = {"time", "duration", "vague", "set"}
# Named periods are events in TimeML, not TIMEX3, and TimeML tags "five years ago" and "today" apart: both are
# left out of the evaluation.
_GEOBRIEF_ONLY = {"named", "anniversary"}


# --------------------------------------------------------------------------------------------
# Calendar helpers


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _week(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _week_value(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _part(lo: dt.date, hi: dt.date, frac: tuple[float, float]) -> tuple[dt.date, dt.date]:
    """The part of an interval between two fractions of its length ("early June" = its first third)."""
    days = (hi - lo).days
    return lo + dt.timedelta(days=round(days * frac[0])), lo + dt.timedelta(days=round(days * frac[1]))


def _period(unit: str, day: dt.date) -> tuple[dt.date, dt.date, str]:
    """The calendar period of the given unit that contains a day, with its TimeML value."""
    if unit == "day":
        return day, day, day.isoformat()
    if unit == "week":
        lo, hi = _week(day)
        return lo, hi, _week_value(day)
    if unit == "weekend":
        lo, hi = _week(day)
        return hi - dt.timedelta(days=1), hi, _week_value(day) + "-WE"
    if unit == "month":
        return day.replace(day=1), _month_end(day.year, day.month), f"{day.year:04d}-{day.month:02d}"
    if unit == "quarter":
        q = (day.month - 1) // 3
        return dt.date(day.year, 3 * q + 1, 1), _month_end(day.year, 3 * q + 3), f"{day.year}-Q{q + 1}"
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), str(day.year)
    if unit == "decade":
        y = day.year - day.year % 10
        return dt.date(y, 1, 1), dt.date(y + 9, 12, 31), str(y // 10)
    y = day.year - day.year % 100  # century
    return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), str(y // 100)


def _shift(day: dt.date, unit: str, n: float) -> dt.date:
    """A day moved by n units (fractions of a unit are rounded to whole days or months)."""
    if unit in ("day",):
        return day + dt.timedelta(days=round(n))
    if unit in ("week", "weekend"):
        return day + dt.timedelta(days=round(7 * n))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    return day + relativedelta(months=round(months * n))


def _unit(word: str) -> str:
    w = word.lower()
    return "century" if w.startswith("centur") else w.rstrip("s")


# --------------------------------------------------------------------------------------------
# The tagger


@dataclass
class _State:
    """Resolution context: the publication date and the narrative time so far."""

    published: dt.date | None
    text: str
    sentence_starts: list[int]
    narrative: Timex | None = None
    narrative_sentence: int = -1
    eval_mode: bool = False

    def sentence_of(self, pos: int) -> int:
        lo = 0
        for i, s in enumerate(self.sentence_starts):
            if s <= pos:
                lo = i
            else:
                break
        return lo

    def future(self, pos: int) -> bool:
        """Whether the clause around a position speaks of the future (for bare weekdays and months)."""
        s = self.sentence_starts[self.sentence_of(pos)]
        window = self.text[max(s, pos - 50) : pos].lower()
        return bool(
            re.search(r"\b(?:will|'ll|shall|going to|plans? to|scheduled|expected to|due to|upcoming)\b", window)
        )


def _naive_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation and line breaks (when the caller has no parser's sentences)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z•\-*])", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _plausible(kind: str, m: re.Match[str], text: str) -> bool:
    """Cheap context checks that reject look-alikes before spans compete ("$28 billion", "Article 4")."""
    v = vocab()
    g = m.groupdict()
    before = text[max(0, m.start() - 25) : m.start()]
    after = text[m.end() : m.end() + 25]
    if kind in ("year", "yrange"):
        if not g.get("pre"):
            prev = re.search(r"([A-Za-z]+)\.?\s*$", before)
            if prev and prev.group(1).lower() in v.data["year_blockers_before"]:
                return False
            if re.search(r"[$£€¥#]\s*$|\d[.,]?\s*$|[A-Za-z]-$", before):
                return False
        if kind == "year" and re.match(r"-[a-z]", after):
            return False  # "1000-page", "2014-strong"
        nxt = re.match(r"\s+([A-Za-z0-9]+)", after)
        if nxt and nxt.group(1).lower() in v.data["year_blockers_after"]:
            return False
        y = int(g["y"])
        if not _MIN_YEAR <= y <= _MAX_YEAR:
            return False
        if kind == "yrange":
            y2 = _range_end(y, g["y2"])
            return y2 is not None and 0 < y2 - y <= 100
    if kind in ("month",) and g["mon"].rstrip(".").lower() in v.ambiguous_months and not g.get("rel"):
        # "May" and "March" are months only with a date cue before them
        return bool(
            re.search(
                r"\b(?:in|since|by|until|till|of|during|through|from|before|after|early|late|mid|"
                r"between|and|or|to|last|next|this|that)\s*$",
                before,
                re.I,
            )
        )
    if kind == "mdy" and not 1 <= int(re.match(r"\d+", g["d"]).group()) <= 31:  # type: ignore[union-attr]
        return False
    if kind == "season":
        word = g["season"].lower()
        if not (g.get("y") or g.get("rel")):
            if not g.get("the") or word == "fall" and re.match(r"\s+of\b", after):
                return False
            if word != "fall" and re.match(r"\s+of\b", after):
                return True
    if kind == "relpub" and g.get("the") and g["rel"].lower() in ("next", "coming", "past"):
        return False  # "the next day" is narrative, "the past year" a duration
    if kind == "relnar" and re.search(r"\b(?:over|for|within|during|throughout)\s*$", before, re.I):
        return False
    if kind == "deictic" and re.search(r"\bUSA\s*$", before):
        return False
    if kind == "duration" and not g.get("unit") and not g.get("tunit"):
        return False
    return not (kind == "time" and g.get("h") and not 1 <= int(g["h"]) <= 12)


def _range_end(y: int, y2: str) -> int | None:
    if len(y2) == 2:
        end = y - y % 100 + int(y2)
        return end if end > y else None
    return int(y2) if len(y2) == 4 else None


def _candidates(text: str, eval_mode: bool) -> list[tuple[int, int, str, re.Match[str]]]:
    """All rule matches, then the longest non-overlapping ones (ties by rule priority)."""
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    for kind, pattern in vocab().patterns:
        if (kind in _EVAL_ONLY and not eval_mode) or (kind in _GEOBRIEF_ONLY and eval_mode):
            continue
        for m in pattern.finditer(text):
            if m.end() > m.start() and _plausible(kind, m, text):
                found.append((m.start(), m.end(), _PRIORITY[kind], kind, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    for start, end, _prio, kind, m in found:
        if all(end <= s or start >= e for s, e, _k, _m in taken):
            taken.append((start, end, kind, m))
    taken.sort(key=lambda c: c[0])
    return taken


def _mk(
    text: str,
    m: re.Match[str],
    lo: dt.date,
    hi: dt.date,
    precision: str,
    anchor: str,
    value: str,
    ttype: str = "DATE",
    start: int | None = None,
) -> Timex:
    s = m.start() if start is None else start
    e = m.end()
    while e > s and text[e - 1] in " \t\n,":
        e -= 1
    return Timex(text[s:e], s, e, lo, hi, precision, anchor, ttype, value)


def _reference(st: _State, pos: int, need: str = "year") -> tuple[dt.date | None, str]:
    """The day a relative expression is read against: the narrative time if the text has set one, else publication."""
    if st.narrative is not None:
        return st.narrative.value_start, "narrative"
    return st.published, "publication"


_IMPLICIT_AHEAD = 6  # months: a later month of the publication year is read as last year's beyond this


_CARRY_SENTENCES = 2  # a bare month or day reads in the narrative year set this many sentences back at most
_CARRY_PRECISIONS = frozenset({"day", "week", "month", "quarter", "season"})
# … when that year lies well before publication: news recalls last year's events and goes back to this year's
# months ("… in November 1988. On Aug. 2, …" in 1990), histories walk forward through an old year.
_CARRY_GAP_YEARS = 3
_NEXT_YEAR = re.compile(
    r"\s*(?:and|or|to|until|till|through|[-–—])\s+(?:early\s+|late\s+|mid-?)?[A-Z][a-z]+\.?"
    r"(?:\s+[0-3]?\d(?:st|nd|rd|th)?)?,?\s+(1\d{3}|20\d{2})\b"
)


def _implicit_year(st: _State, pos: int, month: int, end: int | None = None, day: int = 1) -> tuple[int | None, str]:
    """The year of a month or day written without one. A coordinated date that gives one lends it ("August
    and September 1965"); a history told date by date keeps its year ("In October 1962 … On 22 October"): the
    narrative's year when the same sentence set it, or one of the last two in the paragraph with a month, season
    or day; else
    the publication year (news speaks of the months around publication: a month far ahead is last year's, an
    earlier month in a clause about the future is next year's)."""
    if end is not None and (nxt := _NEXT_YEAR.match(st.text, end)):
        return int(nxt.group(1)), "absolute"
    nar = st.narrative
    if nar is not None and nar.anchor == "absolute" and st.sentence_of(pos) == st.narrative_sentence:
        return nar.value_start.year, "narrative"
    if (
        nar is not None
        and nar.anchor in ("absolute", "narrative")
        and (nar.precision in _CARRY_PRECISIONS or nar.anchor == "narrative")
        and 0 <= st.sentence_of(pos) - st.narrative_sentence <= _CARRY_SENTENCES
        # a new paragraph leaves an old year behind, unless this year's month is yet to come
        and (
            "\n" not in st.text[nar.start : pos]
            or (st.published is not None and (month, day) > (st.published.month, st.published.day))
        )
        and (st.published is None or st.published.year - nar.value_start.year > _CARRY_GAP_YEARS)
        and month >= nar.value_start.month
    ):
        return nar.value_start.year, "narrative"
    if st.published is None:
        return (nar.value_start.year, "narrative") if nar is not None else (None, "")
    y = st.published.year
    # a past-tense date later in the year than publication happened in an earlier year: the narrative's
    # ("Sixteen years ago tonight … On 12 August")
    later = (month, day) > (st.published.month, st.published.day) and not st.future(pos)
    if later and nar is not None and nar.value_start.year < y:
        return nar.value_start.year, "narrative"
    gap = month - st.published.month
    if gap > _IMPLICIT_AHEAD or gap < 0 and st.future(pos):
        return (y - 1 if gap > 0 else y + 1), "publication"
    return y, "publication"


def _resolve(kind: str, m: re.Match[str], st: _State) -> Timex | None:  # noqa: C901 - one branch per rule
    """Turn one matched rule into a Timex (None when it cannot be resolved, e.g. no publication date)."""
    v = vocab()
    g = {k: val for k, val in m.groupdict().items() if val is not None}
    text = st.text
    pub = st.published

    if kind in ("iso", "us"):
        d = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        return _mk(text, m, d, d, "day", "absolute", d.isoformat())

    if kind in ("mdy", "dmy"):
        mon = v.months[g["mon"].rstrip(".").lower()]
        day = int(re.match(r"\d+", g["d"]).group())  # type: ignore[union-attr]
        if "y" in g:
            y, anchor = int(g["y"]), "absolute"
        else:
            y_opt, anchor = _implicit_year(st, m.start(), mon, m.end(), day)
            if y_opt is None:
                return None
            y = y_opt
        d = dt.date(y, mon, day)
        return _mk(text, m, d, d, "day", anchor, d.isoformat())

    if kind in ("my", "month"):
        mon = v.months[g["mon"].rstrip(".").lower()]
        rel = re.sub(r"\s+", " ", g.get("rel", g.get("mod", ""))).lower()
        anchor = "absolute"
        if "y" in g:
            y = int(g["y"])
        elif "relyear" in g:
            if pub is None:
                return None
            y, anchor = pub.year + int(v.data["relative_publication"][g["relyear"].lower()]), "publication"
        elif rel in v.data["relative_narrative"]:
            ref, anchor = _reference(st, m.start())
            if ref is None:
                return None
            y = ref.year + int(v.data["relative_narrative"][rel])
        elif rel in v.data["relative_publication"]:
            if pub is None:
                return None
            anchor, shift = "publication", int(v.data["relative_publication"][rel])
            y = pub.year
            if shift < 0:
                y = pub.year if mon < pub.month else pub.year - 1
            elif shift > 0:
                y = pub.year if mon > pub.month else pub.year + 1
        else:
            y_opt, anchor = _implicit_year(st, m.start(), mon, m.end())
            if y_opt is None:
                return None
            y = y_opt
        lo, hi = dt.date(y, mon, 1), _month_end(y, mon)
        part = rel if rel in v.data["period_parts"] else re.sub(r"\s+", " ", g.get("mod", "")).lower()
        if part in v.data["period_parts"]:
            lo, hi = _part(lo, hi, tuple(v.data["period_parts"][part]))
        return _mk(text, m, lo, hi, "month", anchor, f"{y:04d}-{mon:02d}")

    if kind == "season":
        info = v.data["seasons"][g["season"].lower()]
        rel = re.sub(r"\s+", " ", g.get("rel", "")).lower()
        first, last = info["months"]
        anchor = "absolute"
        if "y" in g:
            y = int(g["y"])
        elif rel in v.data["relative_publication"] and pub is not None:
            anchor, shift = "publication", int(v.data["relative_publication"][rel])
            y = _season_year(pub, first, last, shift)
        else:
            ref, anchor = _reference(st, m.start())
            if ref is None:
                return None
            y = ref.year + int(v.data["relative_narrative"].get(rel, 0))
        lo = dt.date(y, first, 1)
        hi = _month_end(y + (1 if last < first else 0), last)
        if g.get("mod") and g["mod"].lower() in v.data["decade_parts"]:
            lo, hi = _part(lo, hi, tuple(v.data["period_parts"].get(g["mod"].lower(), (0.0, 1.0))))
        return _mk(text, m, lo, hi, "season", anchor, f"{y}-{info['code']}")

    if kind == "year":
        y = int(g["y"])
        lo, hi = dt.date(y, 1, 1), dt.date(y, 12, 31)
        pre = re.sub(r"\s+", " ", g.get("pre", "")).lower()
        if pre in v.data["period_parts"]:
            lo, hi = _part(lo, hi, tuple(v.data["period_parts"][pre]))
        value = f"FY{y}" if pre in ("fiscal", "fy") else str(y)
        if pre in ("fiscal", "fy"):
            value = str(y)
        return _mk(text, m, lo, hi, "year", "absolute", value)

    if kind == "yrange":
        y = int(g["y"])
        y2 = _range_end(y, g["y2"])
        if y2 is None:
            return None
        return _mk(text, m, dt.date(y, 1, 1), dt.date(y2, 12, 31), "year", "absolute", f"{y}/{y2}")

    if kind == "decade":
        base = int(g["dec"]) if "dec" in g else _short_decade(int(g["dd"]), st, m.start())
        lo_y, hi_y = base, base + 9
        if g.get("mod"):
            a, b = v.data["decade_parts"][g["mod"].lower()]
            lo_y, hi_y = base + a, base + b
        return _mk(text, m, dt.date(lo_y, 1, 1), dt.date(hi_y, 12, 31), "decade", "absolute", str(base // 10))

    if kind == "named":
        lo, hi, precision = v.named[" ".join(g["name"].split())]
        return _mk(text, m, lo, hi, precision, "absolute", str(lo.year))

    if kind == "century":
        c = int(g["c"]) if "c" in g else v.ordinals[g["cw"].lower()]
        if not 1 <= c <= 21:
            return None
        base = (c - 1) * 100
        lo_y, hi_y = base, base + 99
        if g.get("mod"):
            a, b = v.data["century_parts"][g["mod"].lower()]
            lo_y, hi_y = base + a, base + b
        return _mk(text, m, dt.date(max(lo_y, 1), 1, 1), dt.date(hi_y, 12, 31), "century", "absolute", f"{c - 1:02d}")

    if kind == "quarter":
        q = int(g["qn"]) if "qn" in g else v.ordinals.get(g["q"].lower(), 0) or int(g["q"][0])
        if not 1 <= q <= 4:
            return None
        anchor = "absolute"
        if "y" in g:
            y = int(g["y"])
        else:
            ref, anchor = _reference(st, m.start())
            if ref is None:
                return None
            y = ref.year if anchor == "narrative" or q <= (ref.month - 1) // 3 + 1 else ref.year - 1
        return _mk(text, m, dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter", anchor, f"{y}-Q{q}")

    if kind == "deictic":
        if pub is None:
            return None
        d = pub + dt.timedelta(days=int(v.data["deictic_days"][g["w"].lower()]))
        value = d.isoformat()
        if g["w"].lower() == "tonight":
            value += "TNI"
        if "part" in g:
            value += "T" + v.data["day_parts"][g["part"].lower()]
        return _mk(text, m, d, d, "day", "publication", value, "TIME" if "T" in value else "DATE")

    if kind == "thispart":
        if pub is None:
            return None
        return _mk(
            text,
            m,
            pub,
            pub,
            "day",
            "publication",
            pub.isoformat() + "T" + v.data["day_parts"][g["part"].lower()],
            "TIME",
        )

    if kind == "weekday":
        wd = v.weekdays[g["wd"].lower()]
        rel = re.sub(r"\s+", " ", g.get("rel", "")).lower()
        if rel in ("that", "the following", "the previous") and st.narrative is not None:
            ref, anchor = st.narrative.value_start, "narrative"
        elif pub is None:
            return None
        else:
            ref, anchor = pub, "publication"
        delta = (ref.isoweekday() - wd) % 7
        if rel in ("next", "the following") or (not rel and st.future(m.start()) and anchor == "publication"):
            d = ref + dt.timedelta(days=(wd - ref.isoweekday()) % 7 or (7 if rel else 0))
        elif rel == "this":
            d = ref + dt.timedelta(days=wd - ref.isoweekday())
        elif rel in ("last", "the previous"):
            d = ref - dt.timedelta(days=delta or 7)
        else:
            d = ref - dt.timedelta(days=delta)
        value = d.isoformat()
        if "part" in g:
            value += "T" + v.data["day_parts"][g["part"].lower()]
        return _mk(text, m, d, d, "day", anchor, value)

    if kind in ("relpub", "relnar"):
        unit = _unit(g["unit"])
        rel = re.sub(r"\s+", " ", g["rel"]).lower()
        if kind == "relpub":
            if rel == "past" or (g.get("the") and rel in ("next", "coming")):
                return None  # "the past year", "the next month": durations
            if pub is None:
                return None
            ref, anchor, shift = pub, "publication", int(v.data["relative_publication"][rel])
        else:
            ref, anchor = _reference(st, m.start())
            if ref is None:
                return None
            shift = int(v.data["relative_narrative"][rel])
        day = _shift(ref, unit, shift)
        lo, hi, value = _period(unit, day)
        pre = re.sub(r"\s+", " ", g.get("pre", "")).lower()
        if pre == "earlier" and shift == 0:
            hi = min(hi, ref)
        elif pre == "later" and shift == 0:
            lo = max(lo, ref)
        elif pre:
            frac = v.data["period_parts"].get(pre.replace("the ", "")) or v.data["period_parts"].get(pre)
            if frac:
                lo, hi = _part(lo, hi, tuple(frac))
        precision = v.data["units"][unit]["precision"]
        return _mk(text, m, lo, hi, precision, anchor, value)

    if kind == "anniversary":  # "five years ago today": that day, so many years back
        n = v.number(g["n"])
        if pub is None or n is None:
            return None
        unit = _unit(g["unit"])
        d = _shift(pub, unit, -n)
        return _mk(text, m, d, d, "day", "publication", d.isoformat())

    if kind == "count":
        n = v.number(g["n"])
        unit = _unit(g["unit"])
        info = v.data["after_count"][re.sub(r"\s+", " ", g["dir"]).lower()]
        if info["anchor"] == "publication":
            ref, anchor = pub, "publication"
        else:
            ref, anchor = _reference(st, m.start())
        if ref is None:
            return None
        if n is None:  # "several years ago"
            if not st.eval_mode:
                return None
            value = "PAST_REF" if info["shift"] < 0 else "FUTURE_REF"
            return _mk(text, m, ref, ref, "day", anchor, value)
        day = _shift(ref, unit, info["shift"] * n)
        lo, hi, value = _period(unit, day)
        return _mk(text, m, lo, hi, v.data["units"][unit]["precision"], anchor, value)

    # eval-only kinds: TempEval values, the interval is the reference day
    ref = st.published or dt.date(1, 1, 1)
    if kind == "time":
        if "noon" in g:
            hh, mi = (12, 0) if g["noon"].lower() == "noon" else (24, 0)
        else:
            hh = int(g["h"]) % 12 + (12 if g["ap"].lower().startswith("p") else 0)
            mi = int(g.get("mi", 0))
        base = st.narrative.value_start if st.narrative and st.narrative.precision == "day" else ref
        return _mk(text, m, base, base, "day", "publication", f"{base.isoformat()}T{hh:02d}:{mi:02d}", "TIME")
    if kind == "vague":
        return _mk(text, m, ref, ref, "day", "publication", v.data["vague_refs"][re.sub(r"\s+", " ", g["w"]).lower()])
    if kind == "set":
        return _mk(text, m, ref, ref, "day", "publication", v.data["sets"][re.sub(r"\s+", " ", g["w"]).lower()], "SET")
    if kind == "duration":
        n = v.number(g["n"]) if "n" in g else None
        if "n" not in g and not m.group(0).lower().endswith("s"):
            n = 1.0  # "the past year"
        if "unit" in g:
            unit = _unit(g["unit"])
            code = v.data["units"][unit]["code"]
            if code == "DE":
                code, n = "Y", None if n is None else n * 10
            elif code == "CE":
                code, n = "Y", None if n is None else n * 100
            elif code == "WE":
                code, n = "D", None if n is None else n * 2
            value = f"P{_num(n)}{code}"
        else:
            value = f"PT{_num(n)}{v.data['time_units'][g['tunit'].lower().rstrip('s')]}"
        if g.get("pre", "").lower() == "recent" and "n" not in g:
            value = "PAST_REF"
        return _mk(text, m, ref, ref, "day", "publication", value, "DURATION")
    return None


def _season_year(pub: dt.date, first: int, last: int, shift: int) -> int:
    """The year of "this/last/next <season>": the one under way (or of the publication year), the latest
    ended before publication, or the first starting after it."""

    def bounds(y: int) -> tuple[dt.date, dt.date]:
        return dt.date(y, first, 1), _month_end(y + (1 if last < first else 0), last)

    if shift == 0:
        for y in (pub.year - 1, pub.year):
            lo, hi = bounds(y)
            if lo <= pub <= hi:
                return y
        return pub.year
    if shift < 0:
        return max(y for y in (pub.year - 2, pub.year - 1, pub.year) if bounds(y)[1] < pub)
    return min(y for y in (pub.year, pub.year + 1) if bounds(y)[0] > pub)


def _num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def _short_decade(dd: int, st: _State, pos: int) -> int:
    """The century of "the ’70s": that of a decade just before ("the 1960s and ’70s"), else the latest such
    decade not after publication."""
    nar = st.text[max(0, pos - 40) : pos]
    prev = re.findall(r"\b(1\d|20)\d0['’]?s\b", nar)
    if prev:
        return int(prev[-1]) * 100 + dd
    now = (st.published or dt.date.today()).year
    return 2000 + dd if 2000 + dd <= now else 1900 + dd


_CLOCK_GAP = re.compile(r"(?:\s*,?\s*(?:at|on|[ECMP][SD]?T|GMT|UTC|local time)?)*\s*,?\s*", re.I)


def _merge_clock_times(text: str, timexes: list[Timex]) -> list[Timex]:
    """Join a clock time and the day next to it ("10 p.m. Wednesday", "Friday at noon") as TimeML does."""
    out: list[Timex] = []
    for t in timexes:
        p = out[-1] if out else None
        if p is not None and _CLOCK_GAP.fullmatch(text[p.end : t.start]) and len(text[p.end : t.start]) <= 16:
            clock, day = (p, t) if p.timex_type == "TIME" and "T" in p.value else (t, p)
            if clock.timex_type == "TIME" and day.timex_type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
                value = day.value + clock.value[clock.value.index("T") :]
                out[-1] = Timex(
                    text[p.start : t.end],
                    p.start,
                    t.end,
                    day.value_start,
                    day.value_end,
                    "day",
                    day.anchor,
                    "TIME",
                    value,
                )
                continue
        out.append(t)
    return out


def _split_range(t: Timex) -> list[Timex]:
    """A year range as TimeML annotates it: two years ("2009-2010"), or the first alone ("2009-10")."""
    first, second = re.split(r"\s*[-–—]\s*", t.text, maxsplit=1)
    y1 = int(first)
    out = [
        Timex(
            first,
            t.start,
            t.start + len(first),
            dt.date(y1, 1, 1),
            dt.date(y1, 12, 31),
            "year",
            "absolute",
            "DATE",
            first,
        )
    ]
    if len(second) == 4:
        y2, s2 = int(second), t.end - len(second)
        out.append(Timex(second, s2, t.end, dt.date(y2, 1, 1), dt.date(y2, 12, 31), "year", "absolute", "DATE", second))
    return out


_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|to|until|till|through|and)\s*$", re.I)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.I)


def _merge_ranges(text: str, timexes: list[Timex]) -> list[Timex]:
    """Join "from 1948 to 1994", "between 1950 and 1953", "June 1950–July 1953" into one interval."""
    out: list[Timex] = []
    for t in timexes:
        if out:
            p = out[-1]
            gap = text[p.end : t.start]
            dash = re.fullmatch(r"\s*[-–—]\s*", gap) is not None
            opened = _RANGE_OPEN.search(text[max(0, p.start - 10) : p.start])
            between = opened is not None and opened.group(0).lower().startswith("between")
            joinable = p.anchor == t.anchor == "absolute" and p.timex_type == t.timex_type == "DATE"
            if (
                joinable
                and p.value_end < t.value_start
                and len(gap) <= 9
                and _RANGE_JOIN.fullmatch(gap)
                and (dash or opened)
                and not (between and "and" not in gap.lower())
            ):
                start = p.start - len(opened.group(0)) if opened else p.start
                out[-1] = Timex(
                    text[start : t.end],
                    start,
                    t.end,
                    p.value_start,
                    t.value_end,
                    max(p.precision, t.precision, key=PRECISIONS.index),
                    "absolute",
                    "DATE",
                    f"{p.value}/{t.value}",
                )
                continue
        out.append(t)
    return out


def tag_all(
    text: str, published: dt.date | None, *, sentences: list[tuple[int, int]] | None = None, eval_mode: bool = True
) -> list[Timex]:
    """Every temporal expression; in eval mode also durations, sets, times, vague references, ranges split."""
    if not isinstance(text, str) or not text:
        return []
    try:
        spans = sentences or _naive_sentences(text)
        st = _State(published, text, [s for s, _e in spans] or [0], eval_mode=eval_mode)
        out: list[Timex] = []
        for _start, _end, kind, m in _candidates(text, eval_mode):
            try:
                t = _resolve(kind, m, st)
            except (ValueError, OverflowError, KeyError, IndexError, AttributeError, TypeError):
                t = None
            if t is None or not t.text or t.value_start > t.value_end:
                continue
            if kind == "yrange" and eval_mode:
                out += _split_range(t)
                continue
            out.append(t)
            if (
                t.timex_type == "DATE"
                and t.precision in _FINE
                and t.value[:1].isdigit()
                and kind != "yrange"
                and not _attributive(text, t)
            ):
                st.narrative, st.narrative_sentence = t, st.sentence_of(t.start)
        return _merge_clock_times(text, out) if eval_mode else _merge_ranges(text, out)
    except Exception:  # noqa: BLE001 - the tagger must never raise on any text
        return []


def tag(text: str, published: dt.date | None, *, sentences: list[tuple[int, int]] | None = None) -> list[Timex]:
    """The dates in a text, each resolved to an inclusive interval (no durations, times or vague words)."""
    return [t for t in tag_all(text, published, sentences=sentences, eval_mode=False) if t.timex_type == "DATE"]


tag_dates = tag


def durations(text: str) -> list[Timex]:
    """The durations of a text ("for two years" → P2Y), which are never dates: kept apart for scoring."""
    return [t for t in tag_all(text, None) if t.timex_type == "DURATION"]


def narrative_times(
    text: str, published: dt.date | None, sentences: list[tuple[int, int]], timexes: list[Timex] | None = None
) -> list[tuple[dt.date, dt.date, str] | None]:
    """Each sentence's narrative time: the last precise-enough date in it, else the one carried over.
    A bound ("since 1928", "until 2030", "before 1967") is no time the narrative is at."""
    if timexes is None:
        timexes = tag(text, published, sentences=sentences)
    ordered = sorted((t for t in timexes if is_narrative(text, t)), key=lambda t: t.start)
    out: list[tuple[dt.date, dt.date, str] | None] = []
    current: tuple[dt.date, dt.date, str] | None = None
    i = 0
    for _s, e in sentences:
        while i < len(ordered) and ordered[i].start < e:
            t = ordered[i]
            if t.precision in _FINE:
                current = (t.value_start, t.value_end, t.precision)
            i += 1
        out.append(current)
    return out


_BOUND = re.compile(r"\b(?:since|until|till|before|ahead\s+of)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)


_ATTRIBUTE_BEFORE = re.compile(r"\b(?:the|its|their|his|her|our|a|an)\s+$", re.I)
_ATTRIBUTE_AFTER = re.compile(r"^\s+(?!and\b|or\b|to\b|in\b|on\b|at\b|by\b|for\b|of\b)[a-z]")


def _attributive(text: str, timex: Timex) -> bool:
    """A year naming a thing rather than dating the sentence: "the 2018 military agreement", "its 1992 consensus"."""
    return (
        timex.precision == "year"
        and bool(_ATTRIBUTE_BEFORE.search(text[max(0, timex.start - 10) : timex.start]))
        and bool(_ATTRIBUTE_AFTER.match(text[timex.end : timex.end + 20]))
    )


def is_narrative(text: str, timex: Timex) -> bool:
    """The expression dates what the sentence tells, rather than bounding it ("since 1928") or naming a thing
    ("the 2018 military agreement")."""
    return (
        timex.precision in _FINE
        and not _BOUND.search(text[max(0, timex.start - 30) : timex.start])
        and not _attributive(text, timex)
    )


_NOT_PAST = re.compile(r"\b(?:by|until|till|before|through|in\s+the\s+next)\s+$", re.I)


def infer_publication_date(text: str) -> dt.date | None:
    """A lower bound for an undated document's publication date: the start of the latest period it mentions
    (targets such as "by 2030" aside). With a "this week"/"today" cue, a latest day is taken as the day."""
    found = [
        t
        for t in tag(text, None)
        if t.anchor == "absolute"
        and t.precision in _FINE | {"decade"}
        and not _NOT_PAST.search(text[max(0, t.start - 20) : t.start])
        and "/" not in t.value
    ]
    if not found:
        return None
    latest = max(found, key=lambda t: (t.value_end, -PRECISIONS.index(t.precision)))
    return latest.value_start
