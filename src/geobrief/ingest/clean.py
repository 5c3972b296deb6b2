"""Clean scraped plain text: keep the article, drop the page around it, find its metadata.

Scraped text mixes the article with menus, ads, captions, share bars, teaser lists and
bios. Headings of the article are short lines too, so lines are not judged by length
alone. Known boilerplate is recognised by the patterns in ``knowledge/boilerplate.yaml``
(data, versioned); the article is then located as the best-scoring run of prose lines
(a maximum-sum span: prose earns its words, menus and junk cost, end-of-article cues such
as "Related", comments or © cost a lot), anchored after the headline when the page repeats
it; inside that span a short line survives when it reads as a heading or a sentence.
Output lines are always input lines (stripped), never rewritten text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import Any

import yaml

from geobrief.ingest.model import Extracted

WORD = re.compile(r"\w+")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
BULLET = re.compile(r"^(?:[•●◦▪▫■□‣∙·*–—-]|\d{1,2}[.)])\s+")
SENTENCE_END = tuple(".!?。！？…")  # after closing quotes and brackets are stripped
CLOSERS = "\"'”’»)]］）」』"

# The span search (scores measured on the dev half of eval/extraction.py).
MIN_PROSE_WORDS = 40  # below this, the whole text is the article: nothing to search
SHORT_LINE_COST = 6.0  # a menu item, a kicker, a heading: pauses an article, fills a menu
JUNK_LINE_COST = 1.0  # a recognised ad, caption or share line: articles are full of them
BIO_COST = 25.0  # a contributor bio usually closes the article
END_CUE_COST = {"related block": 15.0, "related link": 5.0, "copyright": 25.0, "cookie": 25.0, "comments": float("inf")}

_NAME = r"^(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}),?\s+"


@cache
def patterns() -> dict[str, Any]:
    """Load and compile boilerplate.yaml once (the cues are data, versioned there)."""
    data = yaml.safe_load(resources.files("geobrief.knowledge").joinpath("boilerplate.yaml").read_text("utf-8"))
    # agency names match case-sensitively: "(EPA)" is a credit, "(ePA)" is not
    agencies = "(?-i:" + "|".join(re.escape(a) for a in sorted(data["caption_agencies"], key=len, reverse=True)) + ")"
    roles = "(?:" + "|".join(re.escape(r) for r in data["bio_roles"]) + r")s?(?:\s+(?:emeritus|emerita|in residence))?"
    verbs = "(?:" + "|".join(re.escape(v) for v in data["bio_verbs"]) + ")"
    return {
        "version": data["version"],
        "lines": {
            kind: [re.compile(p.replace("{agencies}", agencies), re.I) for p in pats]
            for kind, pats in data["line_patterns"].items()
        },
        "blocks": [re.compile(p, re.I) for p in data["block_starters"]],
        "summary": {s.lower() for s in data["summary_headings"]},
        "bio": re.compile(_NAME + r"(?:is|serves as|has been)\b.{0,200}?\b" + roles + r"\s+(?:at|of|with|for|in)\b"),
        # short forms, trusted only in a short paragraph: "X is the Review's Asia editor."
        "bio_short": re.compile(
            _NAME + r"(?:is\b.{0,120}?\b" + roles + r"(?:[.;,]\s|\.$)"
            r"|" + verbs + r"\b.{0,150}?\b(?:column|newsletter|blog|podcast)s?\b)"
        ),
        "about": {s.lower() for s in data["about_author_headings"]},
        "nav": {w.lower() for w in data["nav_words"]},
        "function": {w.lower() for w in data["function_words"]},
        "date_cue": re.compile(data["date_cues"], re.I),
        "bylines": [re.compile(p) for p in data["byline_patterns"]],
        "more_from": re.compile(data["more_from_pattern"]),
        "glued_ad": re.compile(data["glued_ad_prefix"]),
        "publishers": {p.lower(): p for p in data["publishers"]},
        "agencies": {a.lower() for a in data["caption_agencies"]},
        "site_words": [w.lower() for w in data["site_words"]],
        "byline_stop": {w.lower() for w in data["byline_stop_words"]},
    }


# --------------------------------------------------------------------------- lines


@dataclass
class Line:
    """One input line (stripped) with the features the decisions need; `drop` says why it went."""

    text: str
    words: float = 0.0  # \w+ tokens, CJK characters counting half a word each
    fn_ratio: float = 0.0  # share of function words: prose is full of them, menus are not
    terminal: bool = False  # ends like a sentence
    prose: bool = False  # a paragraph of running text
    drop: str | None = None

    @property
    def blank(self) -> bool:
        return not self.text


def make_line(text: str) -> Line:
    tokens = WORD.findall(text)
    cjk = len(CJK.findall(text))
    words = sum(1 for t in tokens if not CJK.search(t)) + cjk / 2
    fn = patterns()["function"]
    fn_ratio = sum(t.lower() in fn for t in tokens) / len(tokens) if tokens else 0.0
    terminal = text.rstrip(CLOSERS).endswith(SENTENCE_END)
    cut = text.endswith(("...", "…")) and words < 40  # a truncated teaser
    prose = not cut and ((words >= 8 and terminal) or (words >= 30 and (terminal or fn_ratio >= 0.1)))
    return Line(text, words, fn_ratio, terminal, prose)


def is_nav(line: Line) -> bool:
    """A strip of section names: one-line link lists, or capitalised known section words, no verbs."""
    if line.terminal:
        return False
    segments = [seg for seg in re.split(r"\s{2,}|\s[|·•/]\s", line.text) if seg.strip()]
    if len(segments) >= 3 and not line.text.startswith("|") and all(len(seg.split()) <= 3 for seg in segments):
        return True  # "Markets  Economy  Defence" or "Home | World | Europe" (not a table row)
    toks = line.text.replace("|", " ").split()
    if not toks or len(toks) > 14:
        return False
    nav = patterns()["nav"]
    if len(toks) == 1:
        return toks[0].lower().strip(":") in nav
    capital = all(t[0].isupper() or not t[0].isalpha() for t in toks)
    known = sum(t.lower().strip(",:") in nav for t in toks) / len(toks)
    verbs = patterns()["function"] - {"and", "more", "us", "in", "about"}
    return capital and known >= 0.6 and not any(t.lower() in verbs for t in toks)


def headline_like(line: Line) -> bool:
    """Could be a title or heading: short, no full stop, not a menu."""
    return (
        not line.blank
        and line.drop is None
        and 1 <= line.words <= 30
        and not line.text.rstrip(CLOSERS).endswith((".", ",", ";"))
        and not is_nav(line)
    )


def junk_kind(text: str) -> str | None:
    """Which boilerplate pattern family (if any) a line belongs to (long paragraphs are never junk)."""
    if len(text) > 600:
        return None
    for kind, pats in patterns()["lines"].items():
        if any(p.search(text) for p in pats):
            return kind
    return None


def _next(lines: list[Line], i: int, step: int = 1) -> int | None:
    """Index of the next kept (non-blank, not dropped) line from i, exclusive."""
    j = i + step
    while 0 <= j < len(lines):
        if not lines[j].blank and lines[j].drop is None:
            return j
        j += step
    return None


def _neighbour(lines: list[Line], i: int, step: int) -> int | None:
    """Index of the nearest non-blank line, dropped or not, from i, exclusive."""
    j = i + step
    while 0 <= j < len(lines) and lines[j].blank:
        j += step
    return j if 0 <= j < len(lines) else None


def _drop(line: Line, why: str) -> None:
    if line.drop is None and not line.blank:
        line.drop = why


def _tokens(text: str) -> list[str]:
    return WORD.findall(text.lower())


# --------------------------------------------------------------------------- dates

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
DATE_FORMS = [
    re.compile(rf"\b{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b"),  # June 19, 2024
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b"),  # 19 June 2024
    re.compile(rf"(?<![\d.-]){_YEAR}[-_/.](?P<mon>\d\d)[-_/.](?P<day>\d\d)(?!\d)"),  # 2024-06-19
    re.compile(rf"(?<![\d/.])(?P<day>\d{{1,2}})[/.](?P<mon>\d{{1,2}})[/.]{_YEAR}(?!\d)"),  # 19/06/2024
]
MONTH_YEAR = re.compile(
    rf"\b(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December),?\s+{_YEAR}\b"
)
COMPACT_DATE = re.compile(rf"(?<![0-9a-fA-F]){_YEAR}(?P<mon>[01]\d)(?P<day>[0-3]\d)(?![0-9a-fA-F])")


def _is_month(word: str) -> bool:
    return bool(re.fullmatch(_MON, word, re.I))


def _mk(year: str, mon: str, day: str | None) -> date | None:
    month = int(mon) if mon.isdigit() else _MONTHS.index(mon[:3].lower()) + 1
    try:
        return date(int(year), month, int(day) if day else 1)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, date]]:
    """Fully specified dates (day, month, year) in text, with their offsets."""
    found: list[tuple[int, date]] = []
    for form in DATE_FORMS:
        for m in form.finditer(text):
            day, mon = m["day"], m["mon"]
            if form is DATE_FORMS[3] and int(mon) > 12 >= int(day):
                day, mon = mon, day  # US order, m/d/y
            d = _mk(m["year"], mon, day)
            if d:
                found.append((m.start(), d))
    return sorted(found)


def latest_date(text: str) -> date | None:
    """The latest date mentioned (day-month-year, or month-year as its 1st), not in the future."""
    dates = [d for _, d in find_dates(text)]
    dates += [d for m in MONTH_YEAR.finditer(text) if (d := _mk(m["year"], m["mon"], None))]
    dates = [d for d in dates if d <= date.today()]
    return max(dates) if dates else None


def filename_date(filename: str | None) -> date | None:
    """A date in a file name ("2024-06-19_x.txt", "x_20240619.txt"); hex ids are not dates."""
    if not filename:
        return None
    name = PurePath(filename).name
    dates = find_dates(name)
    if dates:
        return dates[0][1]
    m = COMPACT_DATE.search(name)
    return _mk(m["year"], m["mon"], m["day"]) if m else None


def dateline(line: Line) -> tuple[date, bool] | None:
    """A stated publication date, and whether the line is nothing but metadata (to drop)."""
    cue = patterns()["date_cue"].match(line.text)
    head = line.text[cue.end() :] if cue else line.text
    dates = find_dates(head[:60])
    if not dates:
        return None
    offset, d = dates[0]
    if cue and offset <= 25:  # "Published 19 June 2024", "Updated: June 19, 2024 10:07 AM"
        return d, line.words <= 16
    if offset == 0 and line.words > 16 and re.match(r"[^—–|-]{0,30}[—–|-]", head):
        return d, False  # "June 19, 2024 — MOSCOW …" opens a paragraph
    if offset <= 3 and line.words <= 10 and not line.terminal:
        return d, True  # a date alone on its line
    return None


# --------------------------------------------------------------------------- people and names


def byline(line: Line) -> str | None:
    """The person of a "By Jane Roe" line, cut before the words that follow names (roles, dates)."""
    if line.words > 14 or line.terminal:
        return None
    for p in patterns()["bylines"]:
        m = p.match(line.text)
        if m:
            name: list[str] = []
            for tok in m["name"].split():
                low = tok.lower().strip(".,")
                stop = low in patterns()["byline_stop"] or _is_month(low)  # "April Smith" is still a name
                if (stop and len(name) >= 2) or any(c.isdigit() for c in tok):
                    break
                name.append(tok)
            return " ".join(name) if len(name) >= 2 else None
    return None


def bio_name(line: Line) -> str | None:
    """The person a contributor-bio paragraph describes ("X is a senior fellow at Y")."""
    m = patterns()["bio"].match(line.text) if line.words <= 120 else None
    if not m and line.words <= 30:
        m = patterns()["bio_short"].match(line.text)
    return m["name"] if m else None


COPY_HOLDER = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*(?:[-–]\s*\d{4})?)?\s*,?\s*(?P<who>[^.|,©]{2,60}?)"
    r"(?:,?\s*(?:llc|inc|ltd|plc|gmbh|s\.a)\.?)?\s*(?:[.|,]|all rights|$)",
    re.I,
)


def copyright_holder(text: str) -> str | None:
    """Who a '© 2024 Publisher' line names; photo agencies ('© Getty Images') are not publishers."""
    m = COPY_HOLDER.match(text.strip())
    who = m["who"].strip(" .,-–—:") if m else ""
    if not re.search(r"[A-Za-z]", who) or len(who.split()) > 6 or "/" in who:
        return None
    return None if who.lower() in patterns()["agencies"] else who


def split_title_site(title: str) -> tuple[str, str | None]:
    """'Headline - Site' (as <title> lines read) -> ('Headline', 'Site'); the tail may yet be a speaker."""
    m = re.match(r"^(?P<t>.{12,}?)\s+[|–—-]\s+(?P<s>[^|–—-]{2,40})$", title)
    if m and len(m["s"].split()) <= 5 and m["s"][0].isupper():
        return m["t"].strip(), m["s"].strip()
    return title, None


def _site_tail(title: str, lines: list[Line], publisher: str | None) -> tuple[str, str | None]:
    """Split off the tail of 'Headline | Site' only when it is a site: after a pipe, named by the
    © line, seen again on the page, or made of site words ("Abortion not a poll issue - Blair" stays)."""
    head, tail = split_title_site(title)
    if tail is None:
        return title, None
    low = tail.lower()
    words = re.findall(r"[\w.]+", low)
    known = (
        re.search(r"\s[|｜]\s", title)
        or (publisher and publisher.lower() in (low, head.lower()))
        or any(w in patterns()["site_words"] or re.search(r"\w\.[a-z]{2,3}$", w) for w in words)
        or any(ln.text.lower().startswith(low) and ln.text != title and ln.words <= 8 for ln in lines)
    )
    return (head, tail) if known else (title, None)


# --------------------------------------------------------------------------- the cleaner


@dataclass
class _Meta:
    author: str | None = None
    publisher: str | None = None
    stated: date | None = None
    title: str | None = None
    summary: list[str] = field(default_factory=list)


def clean_text(raw: str, *, filename: str | None = None) -> Extracted:
    """Clean one scraped article; every dropped line is listed in ``removed``."""
    return analyse(raw, filename=filename)[0]


def analyse(raw: str, *, filename: str | None = None, locate: bool = True) -> tuple[Extracted, list[Line]]:
    """The cleaning itself; also returns the judged lines (each with its drop reason) for debugging.

    ``locate=False`` is for text an extractor has already cut out of its page (HTML): the
    boilerplate lines are still dropped, but there is no span search, title or link-list pruning.
    """
    removed: list[str] = []
    lines: list[Line] = []
    for text in (raw or "").splitlines():
        text = text.strip()
        glued = patterns()["glued_ad"].match(text)  # "728x90 AdThe talks…": keep "The talks…"
        if glued:
            removed.append(glued.group(0))
            text = text[glued.end() :].strip()
        lines.append(make_line(text))

    _mark_patterns(lines)
    spaced = sum(ln.blank for ln in lines) >= 0.2 * len(lines)
    meta = _Meta(summary=_summary(lines, spaced))
    _captions(lines)
    _metadata(lines, meta)
    _blocks(lines)
    meta.publisher = _masthead(lines, meta.publisher) or meta.publisher
    meta.author = _bios(lines, 0, len(lines)) or meta.author
    _repeats(lines)

    start, end, anchored = _locate(lines) if locate else (0, len(lines), False)
    meta.author = _bios(lines, start, end) or meta.author
    if locate:
        title_idx = _find_title(lines, start, anchored)
        if title_idx is not None:
            lines[title_idx].drop = "title"
            meta.title, site = _site_tail(lines[title_idx].text, lines, meta.publisher)
            meta.publisher = meta.publisher or site
    for i, ln in enumerate(lines):
        if not start <= i < end:
            _drop(ln, "outside article")
    if locate:
        _short_lines(lines, start, end)
    _echoes(lines)

    kept = [ln.text for ln in lines if not ln.blank and ln.drop is None]
    removed += [ln.text for ln in lines if ln.drop and ln.drop not in ("summary", "title")]
    published, inferred = _published(meta.stated, filename, lines, kept)
    result = Extracted(
        text="\n\n".join(kept),
        title=meta.title,
        author=meta.author,
        publisher=meta.publisher,
        published=published,
        published_inferred=inferred,
        summary="\n".join(meta.summary) or None,
        removed=removed,
    )
    return result, lines


def _mark_patterns(lines: list[Line]) -> None:
    """Drop lines that match a boilerplate pattern family, and one-line menus."""
    for ln in lines:
        if ln.blank:
            continue
        ln.drop = junk_kind(ln.text)
        if ln.drop is None and ln.words >= 2 and is_nav(ln):
            ln.drop = "navigation"
    # a "Comments" link inside a share bar is a button, not the start of the comments
    for i, ln in enumerate(lines):
        if ln.drop == "comments":
            near = (_neighbour(lines, i, -1), _neighbour(lines, i, 1))
            if any(k is not None and lines[k].drop == "share" for k in near):
                ln.drop = "share"


def _summary(lines: list[Line], spaced: bool) -> list[str]:
    """Lift 'In a nutshell' / 'Key takeaways' bullet lists out of the body.

    Items need bullet marks, unless the text separates paragraphs by blank lines, where a
    tight group of short lines right under the heading is taken as the list.
    """
    out: list[str] = []
    for i, head in enumerate(lines):
        if head.drop or head.text.lower().strip(" :") not in patterns()["summary"]:
            continue
        j = _neighbour(lines, i, 1)
        if j is None:
            continue
        marked = bool(BULLET.match(lines[j].text))
        if not marked and not spaced:
            continue
        items: list[int] = []
        while j < len(lines) and len(items) < 8:
            ln = lines[j]
            if ln.blank:  # a list with marks may be spaced out; one without ends at the blank line
                if not marked or (j + 1 < len(lines) and not BULLET.match(lines[j + 1].text)):
                    break
            elif ln.words > (45 if marked else 40) or (marked and not BULLET.match(ln.text)):
                break
            else:
                items.append(j)
            j += 1
        if items:
            head.drop = "summary heading"
            for k in items:
                lines[k].drop = "summary"
                out.append(BULLET.sub("", lines[k].text).strip())
    return out


def _captions(lines: list[Line]) -> None:
    """A short line right above a caption is the caption's title ("Vladimir Putin and Kim Jong-un")."""
    for i in range(1, len(lines)):
        cand = lines[i - 1]
        if lines[i].drop == "captions" and cand.drop is None and headline_like(cand) and cand.words <= 25:
            cand.drop = "caption title"


def _metadata(lines: list[Line], meta: _Meta) -> None:
    """Bylines, datelines, "More from X", site names and © lines: read, and mostly dropped."""
    pat = patterns()
    for ln in lines:
        if ln.drop == "copyright":
            meta.publisher = meta.publisher or copyright_holder(ln.text)
        if ln.blank or ln.drop:
            continue
        if ln.text.lower() in pat["publishers"]:
            meta.publisher = meta.publisher or pat["publishers"][ln.text.lower()]
            ln.drop = "site name"
        elif (m := pat["more_from"].match(ln.text)) and not is_nav(make_line(m["name"])):
            meta.author = meta.author or m["name"]
            ln.drop = "more from"
        elif name := byline(ln):
            meta.author = meta.author or name
            ln.drop = "byline"
        elif found := dateline(ln):
            meta.stated = meta.stated or found[0]
            if found[1]:
                ln.drop = "dateline"


def _blocks(lines: list[Line]) -> None:
    """Drop 'Related' / 'Read more' headers and the teaser links that follow them, up to real prose."""
    for i, head in enumerate(lines):
        if head.blank or head.drop or head.words > 10 or head.terminal:
            continue
        if not any(p.search(head.text) for p in patterns()["blocks"]):
            continue
        head.drop = "related block"
        for ln in lines[i + 1 :]:
            if ln.blank or ln.drop:
                continue
            if ln.prose and not re.search(r"\[\w+\]\s*$", ln.text):
                break
            ln.drop = "related link"


def _masthead(lines: list[Line], publisher: str | None) -> str | None:
    """A site name heading the page ("CONTINENTAL LEDGER"), known by its footer or © line: drop it."""
    first = _next(lines, -1)
    if first is None:
        return None
    head = lines[first]
    name = head.text.lower()
    if head.words > 5 or head.terminal:
        return None
    echoed = [ln.text for ln in lines[first + 1 :] if ln.text.lower().startswith(name) and len(ln.text) > len(name) + 2]
    if (publisher and publisher.lower() == name) or echoed:
        head.drop = "site name"
        proper = [t[: len(name)] for t in echoed if not t[: len(name)].isupper()]
        return publisher or (proper[0] if proper else head.text)
    return None


def _bios(lines: list[Line], lo: int, hi: int) -> str | None:
    """Drop a contributor bio that opens or closes lines[lo:hi] (or sits above it); return its person."""
    found = None
    ends = {i for i in (_next(lines, lo - 1), _next(lines, hi, -1)) if i is not None and lo <= i < hi}
    above = {i for i in range(max(0, lo - 12), lo) if lines[i].drop in (None, "outside article")}
    for idx in sorted(ends | above):
        name = bio_name(lines[idx])
        prev = _neighbour(lines, idx, -1)
        after_about = prev is not None and lines[prev].text.lower().strip(" :") in patterns()["about"]
        if name or (after_about and lines[idx].prose):
            found = found or name
            lines[idx].drop = "bio"
            if after_about and prev is not None:
                lines[prev].drop = "about heading"
    return found


def _repeats(lines: list[Line]) -> None:
    """Lines printed three times or more (carousels, teasers), and the title line repeated as prose."""
    counts: dict[str, int] = {}
    for ln in lines:
        counts[ln.text] = counts.get(ln.text, 0) + 1
    first = _next(lines, -1)
    head = split_title_site(lines[first].text)[0] if first is not None else None
    for i, ln in enumerate(lines):
        if ln.blank or ln.drop or i == first:
            continue
        if counts[ln.text] >= 3 or (ln.prose and ln.text == head):
            ln.drop = "repeated"


def _locate(lines: list[Line]) -> tuple[int, int, bool]:
    """The article's [start, end) span, and whether it was anchored after the repeated headline."""
    if sum(ln.words for ln in lines if ln.drop is None and ln.prose) < MIN_PROSE_WORDS:
        first = next((i for i, ln in enumerate(lines) if ln.drop is None and ln.terminal), 0)
        return first, len(lines), False
    scores = [_score(ln) for ln in lines]
    anchor = _anchor(lines)
    if anchor is None:
        start, end = _max_span(scores)
    else:
        start, end = anchor, _best_end(scores, anchor)
    return start, _closing_sentences(lines, end), anchor is not None


def _score(ln: Line) -> float:
    """Prose earns its words; other lines cost, end-of-article cues a lot."""
    if ln.blank:
        return 0.0
    if ln.drop:
        return -END_CUE_COST.get(ln.drop, JUNK_LINE_COST)
    if ln.prose:
        return -BIO_COST if bio_name(ln) else ln.words
    return -SHORT_LINE_COST


def _max_span(scores: list[float]) -> tuple[int, int]:
    """Kadane: the [start, end) span with the largest total score."""
    best, span, cur, start = 0.0, (0, 0), 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, start = 0.0, i
        cur += s
        if cur > best:
            best, span = cur, (start, i + 1)
    return span


def _best_end(scores: list[float], start: int) -> int:
    """The end of the best-scoring span that starts at `start`."""
    best, end, acc = 0.0, start + 1, 0.0
    for i in range(start + 1, len(scores)):
        acc += scores[i]
        if acc > best:
            best, end = acc, i + 1
    return end


def _anchor(lines: list[Line]) -> int | None:
    """The first paragraph after the headline's repeat (a page's <title> line, later its <h1>)."""
    first = _next(lines, -1)
    if first is None or not headline_like(lines[first]):
        return None
    head = set(_tokens(split_title_site(lines[first].text)[0]))
    if len(head) < 3:
        return None
    for i in range(first + 1, len(lines)):
        if lines[i].blank or lines[i].prose:
            continue
        toks = set(_tokens(lines[i].text))
        if toks and len(toks & head) >= 0.8 * max(len(head), len(toks)):
            j: int | None = i
            for _ in range(15):
                j = _next(lines, j)
                if j is None or lines[j].prose:
                    return j
            return None
    return None


def _closing_sentences(lines: list[Line], end: int) -> int:
    """Short closing sentences ("He likes the look.") and bullet items end the article when only junk
    follows them."""
    last = end
    for j in range(end, len(lines)):
        ln = lines[j]
        if not (ln.blank or ln.drop or (ln.terminal and ln.words < 8) or BULLET.match(ln.text)):
            return end
        if not ln.blank and ln.drop is None:
            last = j + 1
    return last


def _label_list(text: str) -> bool:
    """'Defence & Security | Analysis': section labels joined by separators, not a headline."""
    segments = re.split(r"\s[|/]\s", text)
    return len(segments) > 1 and all(len(seg.split()) <= 3 for seg in segments)


def _title_ok(ln: Line) -> bool:
    return (
        (headline_like(ln) or (ln.drop is None and ln.words <= 30 and ln.text.endswith(("...", "…"))))
        and not ln.text.endswith(":")
        and not BULLET.match(ln.text)
        and (ln.words >= 3 or len(ln.text) >= 12)
        and ln.fn_ratio < 0.6
        and not (ln.text.isupper() and ln.words <= 4)  # a kicker or section label
        and not _label_list(ln.text)
    )


def _find_title(lines: list[Line], start: int, anchored: bool) -> int | None:
    """The headline: the first substantial headline-like line above the article (menus, kickers and
    mastheads are dropped by then), else the one nearest above it."""
    for i in range(start):
        ln = lines[i]
        if ln.blank or ln.drop:
            continue
        if _title_ok(ln) and (ln.words >= 4 or len(ln.text) >= 20):
            return i
        if ln.prose or anchored:
            break
    if anchored:
        return None
    seen = 0
    for i in range(start - 1, -1, -1):
        ln = lines[i]
        if ln.blank or ln.drop:
            continue
        if _title_ok(ln):
            return i
        seen += 1
        if not bio_name(ln) and (ln.prose or seen >= 8):
            break
    return None


def _short_lines(lines: list[Line], start: int, end: int) -> None:
    """Inside the article, keep short lines that read as headings or sentences, drop link runs."""
    i = start
    while i < end:
        if lines[i].blank or lines[i].drop or lines[i].prose:
            i += 1
            continue
        run = [i]
        j = _next(lines, i)
        while j is not None and j < end and not lines[j].prose:
            run.append(j)
            j = _next(lines, j)
        before_prose = j is not None and j < end
        for k in run:
            ln = lines[k]
            sentence = ln.terminal or bool(BULLET.match(ln.text)) or ln.text.endswith(":")
            heading = len(run) <= 2 and before_prose and headline_like(ln)
            if not (sentence or heading) or (len(run) >= 4 and not sentence):
                ln.drop = "link list"
        i = run[-1] + 1


def _echoes(lines: list[Line]) -> None:
    """Drop kept lines that repeat earlier kept text (teasers quoting the article, pull quotes)."""
    seen: set[tuple[str, ...]] = set()
    for ln in lines:
        if ln.blank or ln.drop:
            continue
        toks = _tokens(ln.text.rstrip(".…"))
        grams = {tuple(toks[k : k + 4]) for k in range(len(toks) - 3)}
        if len(toks) >= 6 and grams and len(grams & seen) >= 0.8 * len(grams):
            ln.drop = "repeated"
        seen |= grams


def _published(
    stated: date | None, filename: str | None, lines: list[Line], kept: list[str]
) -> tuple[str | None, bool]:
    """A stated dateline; else a date in the file or screenshot name, else the latest in the text (inferred)."""
    if stated:
        return stated.isoformat(), False
    guess = filename_date(filename)
    if not guess:
        shots = [ln.text for ln in lines if ln.drop == "screenshots"]
        guess = next((d for s in shots for _, d in find_dates(s)), None)
    guess = guess or latest_date("\n".join([*kept, *(ln.text for ln in lines if ln.drop == "captions")]))
    return (guess.isoformat(), True) if guess else (None, False)
