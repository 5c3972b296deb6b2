"""Exports: the public interface. Kinds are registered by name; later stages add theirs."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from geobrief.store.store import Store

Exporter = Callable[[Store], Iterable[dict[str, Any]]]
EXPORTERS: dict[str, Exporter] = {}
FIELDS: dict[str, list[str]] = {}


def exporter(kind: str, fields: list[str]) -> Callable[[Exporter], Exporter]:
    def register(fn: Exporter) -> Exporter:
        EXPORTERS[kind] = fn
        FIELDS[kind] = fields
        return fn

    return register


@exporter(
    "documents",
    [
        "id",
        "path",
        "url",
        "title",
        "author",
        "publisher",
        "published",
        "published_inferred",
        "summary",
        "text",
        "words",
        "duplicate_of",
    ],
)
def export_documents(store: Store) -> Iterator[dict[str, Any]]:
    for d in store.documents():
        yield {k: getattr(d, k) for k in FIELDS["documents"]}


@exporter("actors", ["id", "name", "kind", "country", "aliases", "mentions"])
def export_actors(store: Store) -> Iterator[dict[str, Any]]:
    for a, n in store.actors():
        yield {"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "aliases": a.aliases, "mentions": n}


@exporter("mentions", ["doc", "actor", "text", "start", "end", "sentence"])
def export_mentions(store: Store) -> Iterator[dict[str, Any]]:
    for m in store.mentions():
        yield {"doc": m.doc, "actor": m.actor, "text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence}


@exporter("timexes", ["doc", "text", "start", "end", "value_start", "value_end", "precision", "anchor"])
def export_timexes(store: Store) -> Iterator[dict[str, Any]]:
    for x in store.timexes():
        yield {k: getattr(x, k) for k in FIELDS["timexes"]}


@exporter("quotes", ["id", "doc", "kind", "speaker", "speaker_name", "text", "start", "end"])
def export_quotes(store: Store) -> Iterator[dict[str, Any]]:
    for q in store.quotes():
        yield {k: getattr(q, k) for k in FIELDS["quotes"]}


def event_record(e: dict[str, Any]) -> dict[str, Any]:
    """The public shape of an event (the `events` export, `geobrief events --format json`)."""
    return {
        "id": e["id"],
        "type": e["type"],
        "mode": e["mode"],
        "cameo": e["cameo"],
        "quad_class": e["quad_class"],
        "intensity": e["intensity"],
        "source": e["source"],
        "target": e["target"],
        "when": {
            "start": e["when_start"],
            "end": e["when_end"],
            "precision": e["when_precision"],
            "text": e["when_text"],
            "basis": e["when_basis"],
        },
        "where": e["where"],
        "modality": e["modality"],
        "evidence": e["evidence"],
        "n_sources": e["n_sources"],
    }


@exporter(
    "events",
    [
        "id",
        "type",
        "mode",
        "cameo",
        "quad_class",
        "intensity",
        "source",
        "target",
        "when",
        "where",
        "modality",
        "evidence",
        "n_sources",
    ],
)
def export_events(store: Store) -> Iterator[dict[str, Any]]:
    from geobrief.analysis.merge import fold

    for e in fold(store.events(include_unreal=True)):
        yield event_record(e)


def claim_record(c: dict[str, Any]) -> dict[str, Any]:
    low, high = c["probability_low"], c["probability_high"]
    return {
        "id": c["id"],
        "doc": c["doc"],
        "kind": c["kind"],
        "text": c["text"],
        "estimative": c["estimative"],
        "probability": None if low is None else {"low": low, "high": high},
        "actors": c["actors"],
        "horizon": c["horizon"],
        "start": c["start_char"],
        "end": c["end_char"],
    }


@exporter("claims", ["id", "doc", "kind", "text", "estimative", "probability", "actors", "horizon", "start", "end"])
def export_claims(store: Store) -> Iterator[dict[str, Any]]:
    for c in store.claims():
        yield claim_record(c)


def interest_record(i: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": i["id"],
        "doc": i["doc"],
        "actor": i["actor"],
        "wants": i["wants"],
        "from": i["from_actor"],
        "text": i["text"],
        "start": i["start_char"],
        "end": i["end_char"],
    }


@exporter("interests", ["id", "doc", "actor", "wants", "from", "text", "start", "end"])
def export_interests(store: Store) -> Iterator[dict[str, Any]]:
    for i in store.interests():
        yield interest_record(i)


SERIES_FIELDS = ["a", "b", "period", "events", "q1", "q2", "q3", "q4", "cooperation", "conflict", "intensity"]


@exporter("series", SERIES_FIELDS)
def export_series(store: Store) -> Iterator[dict[str, Any]]:
    """Every dyad with (real) events, by year: `a` < `b` are the pair's actor ids, both directions counted."""
    from geobrief.analysis.merge import fold
    from geobrief.analysis.series import dyad_series

    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in fold(store.events()):
        if not e["source"] or not e["target"] or e["source"] == e["target"]:
            continue
        a, b = sorted((e["source"], e["target"]))
        pairs.setdefault((a, b), []).append(event_record(e))
    for (a, b), events in sorted(pairs.items()):
        for row in dyad_series(events, [a], [b], by="year"):
            yield {"a": a, "b": b, **{k: row[k] for k in SERIES_FIELDS[2:]}}


@exporter("disagreements", ["id", "about", "a", "b", "kind"])
def export_disagreements(store: Store) -> Iterator[dict[str, Any]]:
    """Where documents disagree; `a` and `b` are {doc, text, start, end}."""
    from geobrief.analysis.disagreements import find
    from geobrief.api import Geobrief

    yield from (d.record() for d in find(Geobrief.of(store)))


def records(store: Store, kind: str) -> Iterable[dict[str, Any]]:
    if kind not in EXPORTERS:
        raise KeyError(f"unknown export kind '{kind}' (known: {', '.join(sorted(EXPORTERS))})")
    return EXPORTERS[kind](store)


def write(store: Store, kind: str, fmt: str, out: IO[str]) -> int:
    """Write every record of `kind` to `out` as JSON lines or CSV; returns the count."""
    rows = records(store, kind)
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=FIELDS[kind], extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in row.items()}
            )
            n += 1
    else:
        raise ValueError(f"unknown format '{fmt}' (use jsonl or csv)")
    return n
