"""The spine, end to end: ingest → nlp → store, one document per transaction.

Reading and de-duplication run lazily ahead of spaCy, so memory stays flat on a
large corpus and the progress bar moves per document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from geobrief.analysis import merge
from geobrief.config import Settings
from geobrief.ingest.identity import doc_id, signature
from geobrief.ingest.readers import Article, Failure, Source, discover, read_source
from geobrief.nlp.pipeline import Analysis, analyse_many, get_pipeline
from geobrief.nlp.timex import infer_publication_date
from geobrief.store.store import (
    ActorRecord,
    DocumentRecord,
    MentionRecord,
    QuoteRecord,
    SentenceRecord,
    Store,
    TimexRecord,
)


@dataclass
class IngestReport:
    new: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: int = 0
    seconds: float = 0.0
    words: int = 0
    errors: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.new} new, {self.unchanged} unchanged, {self.duplicates} duplicates, "
            f"{self.failed} failed in {self.seconds:.1f}s"
        )


Progress = Callable[[int], None]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def ingest(
    store: Store,
    paths: list[str],
    settings: Settings | None = None,
    *,
    on_error: Callable[[str], None] | None = None,
    progress_factory: Callable[[int], Progress] | None = None,
) -> IngestReport:
    """Read, clean, analyse and store every article under `paths`."""
    settings = settings or Settings()
    report = IngestReport()
    started = time.perf_counter()

    def fail(message: str) -> None:
        report.failed += 1
        report.errors.append(message)
        if on_error:
            on_error(message)

    sources: list[Source] = []
    for item in discover(paths):
        if isinstance(item, Failure):
            fail(str(item))
        else:
            sources.append(item)
    tick: Progress = progress_factory(len(sources)) if progress_factory else (lambda n: None)
    index = store.near_duplicate_index()
    seen: set[str] = set()

    def prepared() -> Iterator[tuple[str, str | None, DocumentRecord]]:
        for src in sources:
            for item in read_source(src, settings.max_bytes):
                if isinstance(item, Failure):
                    fail(str(item))
                    continue
                rec = _record(item)
                if rec is None:
                    fail(f"{item.source}{':' + str(item.line) if item.line else ''}: no article text found")
                    continue
                if rec.id in seen or store.has_document(rec.id):
                    report.unchanged += 1
                    continue
                seen.add(rec.id)
                sig = signature(rec.text)
                rec.minhash, rec.shingles = sig.to_bytes(), sig.size
                match = index.find(sig)
                if match is not None:
                    # Stored without NLP (its facts would double-count), after the original in stream order.
                    rec.duplicate_of = match[0]
                    yield "", rec.published, rec
                    continue
                index.add(rec.id, sig)
                yield rec.text, rec.published, rec
            tick(1)

    nlp = get_pipeline(settings)
    for rec, analysis in analyse_many(prepared(), nlp, settings):
        rec.ingested_at = _now()
        if rec.duplicate_of:
            if store.save_document(rec):
                report.duplicates += 1
                report.ids.append(rec.id)
            continue
        if store.save_document(rec, **_annotations(rec.id, analysis), prefer={"events": merge.prefer}):
            report.new += 1
            report.words += rec.words
            report.ids.append(rec.id)
    report.seconds = time.perf_counter() - started
    return report


def _record(article: Article) -> DocumentRecord | None:
    ex = article.extracted
    text = (ex.text or "").strip()
    if not text:
        return None
    published, inferred = ex.published, bool(ex.published_inferred)
    if not published or inferred:
        # Undated: a lower bound from the latest period the text mentions, if later than the cleaner's guess.
        guess = infer_publication_date(text)
        if guess and guess <= dt.date.today() and (not published or guess.isoformat() > published):
            published, inferred = guess.isoformat(), True
    return DocumentRecord(
        id=doc_id(text),
        path=article.source,
        line=article.line,
        url=ex.url,
        title=ex.title,
        author=ex.author,
        publisher=ex.publisher,
        published=published,
        published_inferred=inferred,
        summary=ex.summary,
        text=text,
        words=len(text.split()),
    )


def _annotations(doc: str, analysis: Analysis) -> dict[str, list[Any]]:
    """The store's rows for one analysed document (keyword arguments of `Store.save_document`)."""
    actors: dict[str, ActorRecord] = {}
    mentions: dict[tuple[int, int], MentionRecord] = {}
    for m in analysis.mentions:
        a = m.actor
        actors.setdefault(a.id, ActorRecord(a.id, a.name, a.kind, a.country, list(a.aliases or [])))
        mentions.setdefault((m.start, m.end), MentionRecord(doc, a.id, m.text, m.start, m.end, m.sentence))
    sentences = []
    for i, (start, end) in enumerate(analysis.sentences):
        t = analysis.sentence_times[i] if i < len(analysis.sentence_times) else None
        sentences.append(SentenceRecord(start, end, *((t[0].isoformat(), t[1].isoformat(), t[2]) if t else ())))
    starts = [s for s, _ in analysis.sentences]
    timexes = {
        (x.start, x.end): TimexRecord(
            doc,
            x.text,
            x.start,
            x.end,
            x.value_start.isoformat(),
            x.value_end.isoformat(),
            x.precision,
            x.anchor,
            max(0, bisect_right(starts, x.start) - 1),
        )
        for x in analysis.timexes
    }
    quotes: dict[str, QuoteRecord] = {}
    for q in analysis.quotes:
        qid = hashlib.sha256(f"{doc}:{q.kind}:{q.start}:{q.end}".encode()).hexdigest()[:20]
        speaker = q.speaker_actor_id if q.speaker_actor_id in actors else None  # only actors stored with it
        quotes[qid] = QuoteRecord(qid, doc, q.kind, speaker, q.speaker_text, q.text, q.start, q.end, q.sentence, q.verb)
    return {
        "rows": _fact_rows(doc, analysis),
        "sentences": sentences,
        "actors": list(actors.values()),
        "mentions": list(mentions.values()),
        "timexes": list(timexes.values()),
        "quotes": list(quotes.values()),
    }


def _hid(*parts: object) -> str:
    return hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:20]


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def _fact_rows(doc: str, analysis: Analysis) -> dict[str, list[dict[str, Any]]]:
    """Rows for events and their evidence, claims and interests, keyed by table.

    An event's id is its canonical id (`analysis.merge`): the same event from another document gets the
    same id, so storing it adds an evidence row to the existing event.
    """
    events: dict[str, dict[str, Any]] = {}
    evidence = []
    for e in analysis.events:
        when = e.when or {}
        row = {
            "id": "",
            "type": e.type,
            "mode": e.mode,
            "cameo": e.cameo,
            "quad_class": e.quad_class,
            "intensity": e.intensity,
            "source": e.source,
            "target": e.target,
            "source_actor": e.source_actor,
            "target_actor": e.target_actor,
            "when_start": _iso(when.get("start")),
            "when_end": _iso(when.get("end")),
            "when_precision": when.get("precision"),
            "when_text": when.get("text"),
            "when_basis": when.get("basis"),
            "where": e.where,
            "modality": e.modality,
            "reported_by": e.reported_by,
            "trigger": e.trigger,
        }
        row["id"] = eid = merge.event_id(row)
        if eid not in events or merge.prefer(row, events[eid]):
            events[eid] = row
        evidence.append(
            {
                "event": eid,
                "doc": doc,
                "start_char": e.start,
                "end_char": e.end,
                "sentence": e.sentence,
                "parties": e.extras.get("parties", "named"),
            }
        )
    claims = []
    for c in analysis.claims:
        h = c.horizon
        claims.append(
            {
                "id": _hid(doc, "claim", c.start, c.end, c.estimative_start),
                "doc": doc,
                "kind": c.kind,
                "text": c.text,
                "start_char": c.start,
                "end_char": c.end,
                "estimative": c.estimative,
                "probability_low": c.probability_low,
                "probability_high": c.probability_high,
                "actors": json.dumps(list(c.actors)),
                "horizon": h.text if h else None,
                "horizon_start": _iso(h.value_start) if h else None,
                "horizon_end": _iso(h.value_end) if h else None,
                "sentence": c.sentence,
                "quoted": bool(c.quoted),
            }
        )
    interests = [
        {
            "id": _hid(doc, "interest", i.start, i.actor, i.wants, i.from_actor),
            "doc": doc,
            "actor": i.actor,
            "wants": i.wants,
            "from_actor": i.from_actor,
            "text": i.text,
            "start_char": i.start,
            "end_char": i.end,
            "sentence": i.sentence,
        }
        for i in analysis.interests
    ]
    return {"events": list(events.values()), "event_evidence": evidence, "claims": claims, "interests": interests}
