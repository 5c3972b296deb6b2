"""The analyst's brief on a dyad (or one actor): what the stored documents say, each line cited.

`build` gathers the facts from the store into a `Brief`; `to_markdown` and `to_html` render it. Every
citation names a document and a character span of its stored text, so a reader can check each line.
Text from documents is untrusted: the HTML renderer escapes all of it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from geobrief.analysis.chronology import dated_statements
from geobrief.analysis.disagreements import find as find_disagreements
from geobrief.analysis.merge import is_symmetric
from geobrief.analysis.series import dyad_series
from geobrief.knowledge import successions
from geobrief.report.charts import series_svg

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
PRECISION_CHARS = {"day": 10, "week": 10, "month": 7}


@dataclass
class Cite:
    doc: str
    start: int
    end: int


@dataclass
class Line:
    text: str
    cites: list[Cite] = field(default_factory=list)
    when: str | None = None


@dataclass
class Brief:
    title: str
    actors: list[dict[str, Any]]
    since: str | None
    until: str | None
    nutshell: list[Line]
    timeline: list[Line]
    wants: dict[str, list[Line]]
    forecasts: dict[str, list[Line]]
    disagreements: list[Line]
    quotes: list[Line]
    sources: list[dict[str, Any]]
    generated: str = field(default_factory=lambda: dt.date.today().isoformat())
    trend: list[dict[str, Any]] = field(default_factory=list)  # `dyad_series` rows, by year
    voices: list[Line] = field(default_factory=list)  # how each source describes the dyad

    @property
    def empty(self) -> bool:
        return not (self.timeline or self.forecasts or self.quotes or any(self.wants.values()))


@lru_cache(maxsize=1)
def _icd203_terms() -> re.Pattern[str]:
    data = yaml.safe_load((KNOWLEDGE / "estimative.yaml").read_text(encoding="utf-8"))
    words = [w for group in ("terms", "comparatives") for ws in data[group].values() for w in ws]
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I)


def _icd203(phrase: str | None) -> bool:
    """Whether an estimative phrase uses an ICD 203 word (likely, probably, remote…) rather than a hedge."""
    return bool(phrase and _icd203_terms().search(phrase))


def _clip(text: str, n: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _date_label(when: dict[str, Any]) -> str:
    start = when.get("start") or ""
    return start[: PRECISION_CHARS.get(when.get("precision") or "", 4)] or "undated"


def _band(c: dict[str, Any]) -> str:
    p = c["probability"]
    return f"{p['low']:.0%}–{p['high']:.0%}" if p else "no band"


def _with_predecessors(ids: list[str]) -> list[str]:
    """A state and the historical states it continues (Russia and the Soviet Union): a brief spans decades."""
    return sorted({*ids, *(p for i in ids for p in successions().get(i, []))})


class _Names:
    """Display names of actor ids, fetched in batches as the brief meets them (not every stored actor)."""

    def __init__(self, gb: Any) -> None:
        self.gb, self.known = gb, {}

    def need(self, ids: Any) -> None:
        missing = {i for i in ids if i and i not in self.known}
        if missing:
            self.known.update(self.gb.actor_names(missing))

    def __contains__(self, actor: str) -> bool:
        return actor in self.known

    def __getitem__(self, actor: str) -> str:
        return self.known[actor]

    def get(self, actor: str | None, default: str | None) -> str | None:
        return self.known.get(actor, default) if actor else default


def build(gb: Any, a: str, b: str | None = None, since: str | None = None, until: str | None = None) -> Brief:
    """Gather the brief's facts for actor `a` (and `b`) from the store behind `gb` (a `geobrief.Geobrief`)."""
    ids_a = _with_predecessors(gb._state_ids(a) or [])
    ids_b = _with_predecessors(gb._state_ids(b) or []) if b else []
    names = _Names(gb)
    names.need([*ids_a, *ids_b])
    label_a = next((names[i] for i in ids_a if i in names), a)
    label_b = next((names[i] for i in ids_b if i in names), b) if b else None
    docs = {d["id"]: d for d in gb.docs() if not d["duplicate_of"]}
    if since or until:
        docs = {
            k: d
            for k, d in docs.items()
            if (not since or (d["published"] or "") >= since) and (not until or (d["published"] or "") <= until)
        }
    pair = set(ids_a) | set(ids_b)

    def about(ev: dict[str, Any]) -> bool:
        ends = {ev["source"], ev["target"]}
        return bool(ends & set(ids_a)) and (not b or bool(ends & set(ids_b)))

    every = list(gb.events())  # read once: the timeline, the voices and the disagreements share it
    window = every if since is None and until is None else gb.events(since=since, until=until)
    events = [e for e in window if about(e)]
    events.sort(key=lambda e: (e["when"]["start"] or "9999", -e["n_sources"]))
    names.need(x for e in events for x in (e["source"], e["target"]) if x)
    texts: dict[str, str] = {}

    def snippet(doc: str, start: int, end: int) -> str:
        if doc not in texts:
            texts[doc] = gb.store.document(doc).text
        return _clip(texts[doc][start:end])

    timeline = []
    told: dict[tuple[Any, ...], Line] = {}  # one line for a mutual act coded in both directions
    for e in events:
        cites = [Cite(x["doc"], x["start"], x["end"]) for x in e["evidence"] if x["doc"] in docs]
        if not cites:
            continue
        key = (e["type"], frozenset((e["source"], e["target"])), tuple((c.doc, c.start) for c in cites))
        if key in told:
            told[key].text = told[key].text.replace(" → ", " ↔ ", 1)
            continue
        src = names.get(e["source"], e["source"])
        tgt = names.get(e["target"], e["target"] or "—")
        said = snippet(cites[0].doc, cites[0].start, cites[0].end)
        n = e["n_sources"]
        coding = f"CAMEO {e['cameo']}, intensity {e['intensity']}, {n} source{'s' if n > 1 else ''}"
        arrow = "↔" if is_symmetric(e) else "→"  # a mutual act has no direction
        line = f"{e['type'].title()} — {src} {arrow} {tgt}: “{said}” ({coding})"
        told[key] = Line(line, cites, _date_label(e["when"]))
        timeline.append(told[key])
    # Dated sentences naming both sides that no coded event cites: the rest of an analyst's chronology.
    if b:
        cited_spans = {(c.doc, c.start) for line in timeline for c in line.cites}
        for st in dated_statements(gb.store, docs, set(ids_a), set(ids_b)):
            if any(d == st.doc and st.start <= start < st.end for d, start in cited_spans):
                continue
            when = {"start": st.when_start, "precision": st.precision}
            timeline.append(Line(f"“{_clip(st.text)}”", [Cite(st.doc, st.start, st.end)], _date_label(when)))
        timeline.sort(key=lambda line: line.when or "9999")

    wants: dict[str, list[Line]] = {}
    for who, ids, other in ((label_a, ids_a, ids_b), (label_b, ids_b, ids_a)):
        if not who:
            continue
        rows = [i for i in gb.interests(actor=ids[0] if ids else who) if i["doc"] in docs]
        if other:
            rows = [i for i in rows if i["from"] in other or i["from"] is None]
        names.need(i["from"] for i in rows if i["from"])
        wants[who] = [
            Line(
                f"{i['wants']}" + (f" (from {names.get(i['from'], i['from'])})" if i["from"] else ""),
                [Cite(i["doc"], i["start"], i["end"])],
            )
            for i in rows
        ]

    forecasts: dict[str, list[Line]] = {}
    claims = [c for c in gb.claims() if c["doc"] in docs and (set(c["actors"]) & pair)]
    for c in claims:
        if c["kind"] == "judgment" and not _icd203(c["estimative"]):
            continue  # "seems", "may": hedged description, not an estimate the brief should list
        d = docs[c["doc"]]
        key = f"{d['author'] or 'Unknown author'}, {d['title'] or d['path']} ({d['published'] or 'undated'})"
        label = f"{c['kind']}: “{c['estimative']}” ({_band(c)})" if c["estimative"] else c["kind"]
        forecasts.setdefault(key, []).append(
            Line(f"{label} — {' '.join(c['text'].split())}", [Cite(c["doc"], c["start"], c["end"])])
        )

    disagreements = [
        Line(
            f"{d.kind.title()} — {d.about}: “{d.a.text}” / “{d.b.text}”",
            [Cite(d.a.doc, d.a.start, d.a.end), Cite(d.b.doc, d.b.start, d.b.end)],
        )
        for d in find_disagreements(gb, a, b, events=every)
        if d.a.doc in docs and d.b.doc in docs
    ]

    quotes = [q for q in gb.quotes() if q["doc"] in docs and q["speaker"] and q["kind"] != "indirect"]
    country = gb.store.actor_countries({q["speaker"] for q in quotes})
    quotes = [q for q in quotes if q["speaker"] in pair or country.get(q["speaker"]) in pair]
    names.need(q["speaker"] for q in quotes)
    quotes.sort(key=lambda q: (q["kind"] != "direct", -len(q["text"])))
    key_quotes: list[Line] = []
    shown: set[tuple[str, str]] = set()
    for q in quotes:
        said = " ".join(q["text"].split())
        if (q["speaker"], said.lower()) in shown:  # the same words quoted again
            continue
        shown.add((q["speaker"], said.lower()))
        key_quotes.append(
            Line(f"{names.get(q['speaker'], q['speaker_name'])}: “{said}”", [Cite(q["doc"], q["start"], q["end"])])
        )
    key_quotes = key_quotes[:10]

    voices: list[Line] = []
    voice_rows: list[dict[str, Any]] = []
    if b:
        from geobrief.analysis.voices import compare

        for v in compare(gb, a, b, events=every):
            if v["doc"] not in docs:
                continue
            d = docs[v["doc"]]
            scores = ", ".join(f"{k} {x:.1f}×" for k, x in v["stance"].items())
            cues = ", ".join(v["cues"].get(v["voice"], [])[:4])
            events_note = (
                f"{v['events']} events, {v['cooperation']:.0%} cooperative" if v["events"] else "no events coded"
            )
            fc = "no banded claims"
            if v["forecasts"]:
                fc = f"{v['forecasts']} banded claims, mean {v['probability']:.0%}"
            spans = v["evidence"].get(v["voice"]) or max(v["evidence"].values(), key=len)
            cites = [Cite(x["doc"], x["start"], x["end"]) for x in spans]
            if not cites:  # nothing in the text to show for it
                continue
            voice_rows.append(v)
            voices.append(
                Line(
                    f"{d['author'] or 'Unknown author'}, {d['title'] or d['path']}: {v['voice']}"
                    + (f" ({cues})" if cues else "")
                    + f" — stance vs news: {scores}; {events_note}; {fc}",
                    cites,
                )
            )
    # The nutshell: the most reported events, the leading estimate, how the sources differ, what each wants.
    nutshell: list[Line] = []
    for line in sorted(timeline, key=lambda t: -len({c.doc for c in t.cites}))[:2]:
        nutshell.append(Line(f"{line.when}: {line.text}", line.cites))
    estimates = sorted(
        (c for c in claims if c["probability"] and c["kind"] in ("scenario", "forecast") and _icd203(c["estimative"])),
        key=lambda c: (c["kind"] != "scenario", -c["probability"]["low"], c["doc"], c["start"]),
    )
    for c in estimates[:1]:
        text = _clip(c["text"], 260)
        nutshell.append(Line(f"{text} (“{c['estimative']}”, {_band(c)})", [Cite(c["doc"], c["start"], c["end"])]))
    if len(voice_rows) > 1:
        by_voice: dict[str, list[str]] = {}
        for v in voice_rows:
            by_voice.setdefault(v["voice"], []).append(docs[v["doc"]]["author"] or "an unsigned piece")
        parts = [
            f"{', '.join(who[:3])}{' and others' if len(who) > 3 else ''} {voice}"
            + (f" ({len(who)} sources)" if len(who) > 1 else "")
            for voice, who in sorted(by_voice.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ]
        nutshell.append(
            Line(f"The sources read differently: {'; '.join(parts)}.", [c for line in voices for c in line.cites[:1]])
        )
    for who, lines in wants.items():
        if lines and len(nutshell) < 5:
            nutshell.append(Line(f"{who} wants {lines[0].text}", lines[0].cites))
    cited = {
        c.doc
        for section in (nutshell, timeline, disagreements, voices, key_quotes, *wants.values(), *forecasts.values())
        for line in section
        for c in line.cites
    }
    sources = [docs[d] for d in sorted(cited, key=lambda d: (docs[d]["published"] or "", d)) if d in docs]
    title = f"{label_a} – {label_b}" if label_b else label_a
    # The trend counts the events the timeline can cite (evidence in the brief's documents).
    trend = dyad_series(
        [e for e in events if any(x["doc"] in docs for x in e["evidence"])], ids_a, ids_b if b else None, since=since
    )
    return Brief(
        title,
        [{"id": i, "name": names[i]} for i in sorted(pair) if i in names],
        since,
        until,
        nutshell[:5],
        timeline,
        wants,
        forecasts,
        disagreements,
        key_quotes,
        sources,
        trend=trend,
        voices=voices,
    )


def _cite_md(cites: list[Cite], number: dict[str, int]) -> str:
    return " ".join(f"[{number[c.doc]}:{c.start}–{c.end}]" if c.end else f"[{number[c.doc]}]" for c in cites)


def _trend_md(rows: list[dict[str, Any]]) -> list[str]:
    out = ["## Trend", ""]
    if not rows:
        return [*out, "_None found._", ""]
    out += ["| period | events | cooperation | conflict | intensity |", "| --- | ---: | ---: | ---: | ---: |"]
    out += [
        f"| {r['period']}{' *' if r['coarse'] else ''} | {r['events']} | {r['cooperation']} | {r['conflict']} "
        f"| {r['intensity']:g} |"
        for r in rows
        if r["events"]  # the chart in the HTML brief shows the empty years; the table lists the others
    ]
    return [
        *out,
        "",
        "_By year, years without events left out; cooperation is quad classes 1–2, conflict 3–4, "
        "intensity the summed Goldstein scores; "
        "* marks a year with events dated only to a decade or coarser._",
        "",
    ]


def to_markdown(brief: Brief) -> str:
    number = {d["id"]: i for i, d in enumerate(brief.sources, start=1)}
    out = [f"# Brief: {brief.title}", ""]
    scope = " to ".join(x for x in (brief.since, brief.until) if x)
    out += [
        f"_{len(brief.sources)} sources{', ' + scope if scope else ''}; generated {brief.generated}. "
        "Citations are [source:start–end] character spans of the stored text._",
        "",
    ]
    if brief.empty:
        out += [
            f"No events, forecasts, interests or quotes about {brief.title} were found in the stored documents.",
            "",
        ]
    sections: list[tuple[str, list[Line]]] = [("In a nutshell", brief.nutshell), ("Timeline", brief.timeline)]
    for title, lines in sections:
        out += [f"## {title}", ""]
        out += [f"- {f'**{x.when}** ' if x.when else ''}{x.text} {_cite_md(x.cites, number)}" for x in lines] or [
            "_None found._"
        ]
        out.append("")
    out += _trend_md(brief.trend)
    out += ["## What each side wants", ""]
    for who, lines in brief.wants.items():
        out += [f"### {who}", ""] + ([f"- {x.text} {_cite_md(x.cites, number)}" for x in lines] or ["_None found._"])
        out.append("")
    out += ["## Scenarios and forecasts", ""]
    for src, lines in brief.forecasts.items():
        out += [f"### {src}", ""] + [f"- {x.text} {_cite_md(x.cites, number)}" for x in lines] + [""]
    if not brief.forecasts:
        out += ["_None found._", ""]
    if brief.voices:
        out += ["## How the sources differ", ""] + [f"- {x.text} {_cite_md(x.cites, number)}" for x in brief.voices]
        out += ["", "_Stance: cue words per 1,000 words of the sentences naming either side, against news._", ""]
    for title, lines in (("Where sources disagree", brief.disagreements), ("Key quotes", brief.quotes)):
        out += [f"## {title}", ""] + ([f"- {x.text} {_cite_md(x.cites, number)}" for x in lines] or ["_None found._"])
        out.append("")
    out += ["## Sources", ""]
    for d in brief.sources:
        out.append(
            f"{number[d['id']]}. {d['title'] or d['path']} — {d['author'] or 'unknown author'}, "
            f"{d['publisher'] or 'unknown publisher'}, {d['published'] or 'undated'}"
            f"{' (date inferred)' if d['published_inferred'] else ''}. `{d['path']}` (id {d['id']})"
        )
    return "\n".join(out) + "\n"


CSS = """body{font:15px/1.5 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.7rem}h2{border-bottom:1px solid #ccc;margin-top:2rem}.when{font-weight:bold;margin-right:.4em}
.cite{font:12px monospace;color:#555;text-decoration:none;margin-left:.3em}.meta{color:#666}
.span{background:#ffe9a8}li{margin:.3em 0}.source-text{white-space:pre-wrap;font-size:13px;max-height:12em;
overflow:auto;border-left:3px solid #ddd;padding-left:.6em;color:#444}"""


def to_html(brief: Brief, texts: dict[str, str] | None = None) -> str:
    """One self-contained page; `texts` (doc id → stored text) lets each citation show its exact span."""
    e = html.escape
    texts = texts or {}
    number = {d["id"]: i for i, d in enumerate(brief.sources, start=1)}

    def cites(cs: list[Cite]) -> str:
        out = []
        for c in cs:
            label = f"{number[c.doc]}:{c.start}–{c.end}" if c.end else str(number[c.doc])
            snippet = texts.get(c.doc, "")[c.start : c.end]
            out.append(
                f'<a class="cite" href="#src-{e(c.doc)}" data-doc="{e(c.doc)}" data-start="{c.start}" '
                f'data-end="{c.end}" title="{e(snippet)}">[{e(label)}]</a>'
            )
        return "".join(out)

    def items(lines: list[Line]) -> str:
        if not lines:
            return "<p class='meta'>None found.</p>"
        li = "".join(
            f"<li>{f'<span class=when>{e(x.when)}</span>' if x.when else ''}{e(x.text)}{cites(x.cites)}</li>"
            for x in lines
        )
        return f"<ul>{li}</ul>"

    parts = [
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>Brief: {e(brief.title)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>Brief: {e(brief.title)}</h1>",
        f"<p class=meta>{len(brief.sources)} sources; generated {e(brief.generated)}.</p>",
    ]
    if brief.empty:
        parts.append(
            f"<p id=empty>No events, forecasts, interests or quotes about {e(brief.title)} were found "
            "in the stored documents.</p>"
        )
    parts += [
        f"<section id=nutshell><h2>In a nutshell</h2>{items(brief.nutshell)}</section>",
        f"<section id=timeline><h2>Timeline</h2>{items(brief.timeline)}</section>",
        "<section id=trend><h2>Trend</h2>"
        + (series_svg(brief.trend, f"{brief.title}, by year") if brief.trend else "<p class='meta'>None found.</p>")
        + "</section>",
        "<section id=wants><h2>What each side wants</h2>",
    ]
    parts += [f"<h3>{e(who)}</h3>{items(lines)}" for who, lines in brief.wants.items()]
    parts.append("</section><section id=forecasts><h2>Scenarios and forecasts</h2>")
    parts += [f"<h3>{e(src)}</h3>{items(lines)}" for src, lines in brief.forecasts.items()] or ["<p>None found.</p>"]
    parts += [
        "</section>",
        (
            f"<section id=voices><h2>How the sources differ</h2>{items(brief.voices)}"
            "<p class=meta>Stance: cue words per 1,000 words of the sentences naming either side, "
            "against news.</p></section>"
            if brief.voices
            else ""
        ),
        f"<section id=disagreements><h2>Where sources disagree</h2>{items(brief.disagreements)}</section>",
        f"<section id=quotes><h2>Key quotes</h2>{items(brief.quotes)}</section>",
        "<section id=sources><h2>Sources</h2><ol>",
    ]
    for d in brief.sources:
        parts.append(
            f"<li id='src-{e(d['id'])}'><b>{e(d['title'] or d['path'])}</b> — "
            f"{e(d['author'] or 'unknown author')}, {e(d['publisher'] or 'unknown publisher')}, "
            f"{e(d['published'] or 'undated')}{' (date inferred)' if d['published_inferred'] else ''}. "
            f"<code>{e(d['path'])}</code></li>"
        )
    parts.append("</ol></section></body></html>")
    return "\n".join(parts)
