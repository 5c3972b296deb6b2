"""The store: SQLAlchemy Core over SQLite (default) or PostgreSQL, migrated by Alembic.

One transaction per document: a killed ingest loses nothing already committed,
and a rerun skips what is there (ids are content hashes).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.engine import Connection

from geobrief.ingest.identity import NearDuplicateIndex, Signature
from geobrief.store import schema as t
from geobrief.store.fts import fts5_query, plain_words

DEFAULT_DB = "geobrief.db"


def resolve_url(db: str | os.PathLike[str] | None) -> str:
    """A path or URL, else $GEOBRIEF_DB, else ./geobrief.db, as a SQLAlchemy URL."""
    db = os.fspath(db) if db is not None else os.environ.get("GEOBRIEF_DB") or DEFAULT_DB
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


@dataclass
class DocumentRecord:
    id: str
    path: str
    text: str
    words: int
    line: int | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    published_inferred: bool = False
    summary: str | None = None
    duplicate_of: str | None = None
    minhash: bytes | None = None
    shingles: int | None = None
    ingested_at: str = ""


@dataclass
class ActorRecord:
    id: str
    name: str
    kind: str
    country: str | None
    aliases: list[str]


@dataclass
class SentenceRecord:
    start: int
    end: int
    time_start: str | None = None
    time_end: str | None = None
    time_precision: str | None = None


@dataclass
class TimexRecord:
    doc: str
    text: str
    start: int
    end: int
    value_start: str
    value_end: str
    precision: str
    anchor: str
    sentence: int | None = None


@dataclass
class QuoteRecord:
    id: str
    doc: str
    kind: str
    speaker: str | None
    speaker_name: str | None
    text: str
    start: int
    end: int
    sentence: int | None = None
    verb: str | None = None


@dataclass
class MentionRecord:
    doc: str
    actor: str
    text: str
    start: int
    end: int
    sentence: int


def _span_row(record: MentionRecord | TimexRecord | QuoteRecord, doc: str) -> dict[str, Any]:
    """A record as its table's row: `start`/`end` are stored as `start_char`/`end_char`."""
    row = dict(record.__dict__, doc=doc)
    row["start_char"], row["end_char"] = row.pop("start"), row.pop("end")
    return row


class Store:
    """The database behind a geobrief project."""

    def __init__(self, db: str | os.PathLike[str] | None = None) -> None:
        self.url = resolve_url(db)
        if self.url.startswith("sqlite:///"):
            Path(self.url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(self.url, future=True)
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # --- writing -------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(t.documents.c.id).where(t.documents.c.id == doc_id)).first() is not None

    def near_duplicate_index(self) -> NearDuplicateIndex:
        index = NearDuplicateIndex()
        q = select(t.documents.c.id, t.documents.c.minhash, t.documents.c.shingles).where(
            t.documents.c.duplicate_of.is_(None), t.documents.c.minhash.is_not(None)
        )
        with self.engine.connect() as conn:
            for row in conn.execute(q.order_by(t.documents.c.ingested_at, t.documents.c.id)):
                index.add(row.id, Signature.from_bytes(row.minhash, row.shingles or 0))
        return index

    def save_document(
        self,
        doc: DocumentRecord,
        sentences: Iterable[SentenceRecord | tuple[int, int]] = (),
        actors: Iterable[ActorRecord] = (),
        mentions: Iterable[MentionRecord] = (),
        timexes: Iterable[TimexRecord] = (),
        quotes: Iterable[QuoteRecord] = (),
        rows: dict[str, list[dict[str, Any]]] | None = None,
        prefer: dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]] | None = None,
    ) -> bool:
        """Write one document and its annotations atomically; False if it was already stored."""
        with self.engine.begin() as conn:
            if conn.execute(select(t.documents.c.id).where(t.documents.c.id == doc.id)).first():
                return False
            conn.execute(t.documents.insert().values(**doc.__dict__))
            if self.dialect == "sqlite":
                conn.execute(
                    text(
                        "INSERT INTO documents_fts(rowid, title, text) "
                        "SELECT rowid, title, text FROM documents WHERE id = :id"
                    ),
                    {"id": doc.id},
                )
            srows = []
            for i, s in enumerate(sentences):
                s = s if isinstance(s, SentenceRecord) else SentenceRecord(*s)
                srows.append(
                    {
                        "doc": doc.id,
                        "idx": i,
                        "start_char": s.start,
                        "end_char": s.end,
                        "time_start": s.time_start,
                        "time_end": s.time_end,
                        "time_precision": s.time_precision,
                    }
                )
            if srows:
                conn.execute(t.sentences.insert(), srows)
            self._upsert_actors(conn, actors)
            # Mentions, timexes and quotes: record fields are column names, but for the span offsets.
            for table, records in ((t.mentions, mentions), (t.timexes, timexes), (t.quotes, quotes)):
                span_rows = [_span_row(r, doc.id) for r in records]
                if span_rows:
                    conn.execute(table.insert(), span_rows)
            # Later stages' rows (events and their evidence, claims, interests), table by table, in order.
            # A row whose id exists already is another report of it: it replaces the stored row only
            # where `prefer[table](new, old)` says so (see geobrief.analysis.merge).
            for table_name, trows_ in (rows or {}).items():
                table = t.metadata.tables[table_name]
                choose = (prefer or {}).get(table_name)
                if choose and trows_:
                    ids = [r["id"] for r in trows_]
                    stored = {r.id: dict(r._mapping) for r in conn.execute(select(table).where(table.c.id.in_(ids)))}
                    for r in trows_:
                        if r["id"] in stored and choose(r, stored[r["id"]]):
                            conn.execute(table.update().where(table.c.id == r["id"]).values(**r))
                    trows_ = [r for r in trows_ if r["id"] not in stored]
                if trows_:
                    conn.execute(self._insert_ignore(table), trows_)
        return True

    def _insert_ignore(self, table: Any) -> Any:
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table).on_conflict_do_nothing()

    def _upsert_actors(self, conn: Connection, actors: Iterable[ActorRecord]) -> None:
        """Insert new actors; an actor already stored gains the spellings this document used for it
        (people the dictionary does not know share an id across spellings, see geobrief.nlp.names)."""
        rows = {}
        for a in actors:
            spellings = set(a.aliases) | ({a.name} if ":" in a.id else set())
            row = rows.setdefault(a.id, {"id": a.id, "name": a.name, "kind": a.kind, "country": a.country})
            row["aliases"] = sorted(set(row.get("aliases", [])) | spellings)
        if not rows:
            return
        stored = {
            r.id: set(json.loads(r.aliases or "[]"))
            for r in conn.execute(select(t.actors.c.id, t.actors.c.aliases).where(t.actors.c.id.in_(list(rows))))
        }
        for rid, old in stored.items():
            new = set(rows[rid]["aliases"])
            if not new <= old:
                aliases = json.dumps(sorted(old | new), ensure_ascii=False)
                conn.execute(t.actors.update().where(t.actors.c.id == rid).values(aliases=aliases))
        fresh = [{**r, "aliases": json.dumps(r["aliases"], ensure_ascii=False)} for i, r in rows.items()
                 if i not in stored]  # fmt: skip
        if fresh:
            conn.execute(self._insert_ignore(t.actors), fresh)

    # --- reading -------------------------------------------------------------

    def documents(self, *, include_text: bool = True, limit: int | None = None) -> Iterator[DocumentRecord]:
        cols = [c for c in t.documents.c if include_text or c.name not in ("text", "minhash")]
        q = select(*cols).order_by(t.documents.c.published, t.documents.c.path, t.documents.c.id)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                data = dict(row._mapping)
                data.setdefault("text", "")
                data["published_inferred"] = bool(data["published_inferred"])
                yield DocumentRecord(**data)

    def document(self, doc_id: str) -> DocumentRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).first()
        if row is None:
            return None
        data = dict(row._mapping)
        data["published_inferred"] = bool(data["published_inferred"])
        return DocumentRecord(**data)

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.documents)).scalar_one())

    def actors(self, *, top: int | None = None, kind: str | None = None) -> list[tuple[ActorRecord, int]]:
        """Actors with their mention counts in non-duplicate documents, most mentioned first."""
        live = select(t.documents.c.id).where(t.documents.c.duplicate_of.is_(None))
        counts = (
            select(t.mentions.c.actor, func.count().label("n"))
            .where(t.mentions.c.doc.in_(live))
            .group_by(t.mentions.c.actor)
            .subquery()
        )
        q = (
            select(t.actors, func.coalesce(counts.c.n, 0).label("n"))
            .select_from(t.actors.outerjoin(counts, counts.c.actor == t.actors.c.id))
            .order_by(func.coalesce(counts.c.n, 0).desc(), t.actors.c.id)
        )
        if kind:
            q = q.where(t.actors.c.kind == kind)
        if top:
            q = q.limit(top)
        surface: dict[str, set[str]] = {}
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
            ids = [r.id for r in rows]
            for i in range(0, len(ids), 500):
                sq = (
                    select(t.mentions.c.actor, t.mentions.c.text)
                    .distinct()
                    .where(t.mentions.c.actor.in_(ids[i : i + 500]))
                )
                for actor, txt in conn.execute(sq):
                    surface.setdefault(actor, set()).add(txt)
        out = []
        for r in rows:
            aliases = set(json.loads(r.aliases or "[]")) | surface.get(r.id, set())
            aliases.discard(r.name)
            out.append((ActorRecord(r.id, r.name, r.kind, r.country, sorted(aliases)), int(r.n)))
        return out

    def find_actor_ids(self, name: str) -> list[str]:
        """Actor ids for an id or a name as a user types it ("PRK", "north korea", "Putin")."""
        key = name.strip().lower()
        q = select(t.actors.c.id).where((func.lower(t.actors.c.id) == key) | (func.lower(t.actors.c.name) == key))
        with self.engine.connect() as conn:
            ids = [r.id for r in conn.execute(q)]
            if not ids:
                q = select(t.mentions.c.actor).distinct().where(func.lower(t.mentions.c.text) == key)
                ids = [r.actor for r in conn.execute(q)]
        return sorted(ids)

    def actor_names(self, ids: Iterable[str]) -> dict[str, str]:
        """Display names for these actor ids (one indexed query per 500), for labels in reports."""
        ids = sorted(set(ids))
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                q = select(t.actors.c.id, t.actors.c.name).where(t.actors.c.id.in_(ids[i : i + 500]))
                out.update({r.id: r.name for r in conn.execute(q)})
        return out

    def actor_countries(self, ids: Iterable[str]) -> dict[str, str]:
        """The state each of these actors acts for, where it has one (a leader's, a ministry's)."""
        ids = sorted(set(ids))
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                q = select(t.actors.c.id, t.actors.c.country).where(
                    t.actors.c.id.in_(ids[i : i + 500]), t.actors.c.country.is_not(None)
                )
                out.update({r.id: r.country for r in conn.execute(q)})
        return out

    def countries_of(self, ids: list[str]) -> set[str]:
        """The states these actors act for (a leader's or a ministry's country)."""
        q = select(t.actors.c.country).where(t.actors.c.id.in_(ids), t.actors.c.country.is_not(None)).distinct()
        with self.engine.connect() as conn:
            return {r.country for r in conn.execute(q)}

    def mentions(self, *, doc: str | None = None, actor: str | None = None) -> Iterator[MentionRecord]:
        q = select(t.mentions).order_by(t.mentions.c.doc, t.mentions.c.start_char)
        if doc:
            q = q.where(t.mentions.c.doc == doc)
        if actor:
            q = q.where(t.mentions.c.actor == actor)
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                yield MentionRecord(r.doc, r.actor, r.text, r.start_char, r.end_char, r.sentence)

    def sentences(self, doc: str) -> list[SentenceRecord]:
        q = select(t.sentences).where(t.sentences.c.doc == doc).order_by(t.sentences.c.idx)
        with self.engine.connect() as conn:
            return [
                SentenceRecord(r.start_char, r.end_char, r.time_start, r.time_end, r.time_precision)
                for r in conn.execute(q)
            ]

    def timexes(self, *, doc: str | None = None) -> Iterator[TimexRecord]:
        q = select(t.timexes).order_by(t.timexes.c.doc, t.timexes.c.start_char)
        if doc:
            q = q.where(t.timexes.c.doc == doc)
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                yield TimexRecord(
                    r.doc,
                    r.text,
                    r.start_char,
                    r.end_char,
                    r.value_start,
                    r.value_end,
                    r.precision,
                    r.anchor,
                    r.sentence,
                )

    def quotes(
        self,
        *,
        doc: str | None = None,
        speaker: str | list[str] | None = None,
        kind: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Iterator[QuoteRecord]:
        """Quotes, optionally by speaker and by the publication date of their document."""
        q = select(t.quotes).join(t.documents, t.documents.c.id == t.quotes.c.doc)
        q = q.where(t.documents.c.duplicate_of.is_(None)).order_by(t.quotes.c.doc, t.quotes.c.start_char)
        if doc:
            q = q.where(t.quotes.c.doc == doc)
        if speaker:
            q = q.where(t.quotes.c.speaker.in_([speaker] if isinstance(speaker, str) else speaker))
        if kind:
            q = q.where(t.quotes.c.kind == kind)
        if since:
            q = q.where(t.documents.c.published >= since)
        if until:
            q = q.where(t.documents.c.published <= until)
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                yield QuoteRecord(
                    r.id, r.doc, r.kind, r.speaker, r.speaker_name, r.text, r.start_char, r.end_char, r.sentence, r.verb
                )

    def _live_docs(self, since: str | None, until: str | None) -> Any:
        q = select(t.documents.c.id).where(t.documents.c.duplicate_of.is_(None))
        if since:
            q = q.where(t.documents.c.published >= since)
        if until:
            q = q.where(t.documents.c.published <= until)
        return q

    def events(
        self,
        *,
        actor: list[str] | None = None,
        target: list[str] | None = None,
        type: str | None = None,  # noqa: A002 - the export's field name
        since: str | None = None,
        until: str | None = None,
        include_unreal: bool = False,
    ) -> list[dict[str, Any]]:
        """Events with their evidence; `since`/`until` bound the event's date. Negated and
        hypothetical events are stored but left out unless `include_unreal`."""
        ev, evid = t.events, t.event_evidence
        q = select(ev).where(ev.c.id.in_(select(evid.c.event).where(evid.c.doc.in_(self._live_docs(None, None)))))
        if actor:
            q = q.where(ev.c.source.in_(actor))
        if target:
            q = q.where(ev.c.target.in_(target))
        if type:
            q = q.where(ev.c.type == type.upper())
        if since:
            q = q.where(ev.c.when_end >= since)
        if until:
            q = q.where(ev.c.when_start <= until)
        if not include_unreal:
            q = q.where(ev.c.modality.not_in(["negated", "hypothetical", "denied"]))
        q = q.order_by(ev.c.when_start, ev.c.id)
        with self.engine.connect() as conn:
            events = [dict(r._mapping) for r in conn.execute(q)]
            evidence: dict[str, list[dict[str, Any]]] = {}
            ids = [e["id"] for e in events]
            for i in range(0, len(ids), 500):
                eq = select(evid).where(evid.c.event.in_(ids[i : i + 500])).order_by(evid.c.doc, evid.c.start_char)
                for r in conn.execute(eq):
                    evidence.setdefault(r.event, []).append(
                        {
                            "doc": r.doc,
                            "sentence": r.sentence,
                            "start": r.start_char,
                            "end": r.end_char,
                            "parties": r.parties,
                        }
                    )
        for e in events:
            e["evidence"] = evidence.get(e["id"], [])
            e["n_sources"] = len({x["doc"] for x in e["evidence"]})
        return events

    def claims(
        self,
        *,
        actor: list[str] | None = None,
        kind: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """Claims and forecasts, by the actors they are about and their document's date."""
        q = select(t.claims).where(t.claims.c.doc.in_(self._live_docs(since, until)))
        if kind:
            q = q.where(t.claims.c.kind == kind)
        q = q.order_by(t.claims.c.doc, t.claims.c.start_char)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(q)]
        for r in rows:
            r["actors"] = json.loads(r["actors"] or "[]")
            r["quoted"] = bool(r["quoted"])
        if actor:
            rows = [r for r in rows if set(actor) & set(r["actors"])]
        return rows

    def interests(
        self,
        *,
        actor: list[str] | None = None,
        source: list[str] | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """What actors want, and from whom (`source`)."""
        q = select(t.interests).where(t.interests.c.doc.in_(self._live_docs(since, until)))
        if actor:
            q = q.where(t.interests.c.actor.in_(actor))
        if source:
            q = q.where(t.interests.c.from_actor.in_(source))
        q = q.order_by(t.interests.c.doc, t.interests.c.start_char)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Documents matching `query` with a highlighted snippet; any string is safe."""
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                match = fts5_query(query)
                if match is None:
                    return []
                sql = text(
                    "SELECT d.id, d.title, d.path, d.published, "
                    "snippet(documents_fts, 1, '[', ']', ' … ', 16) AS snippet, bm25(documents_fts) AS score "
                    "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                    "WHERE documents_fts MATCH :q ORDER BY score LIMIT :n"
                )
                rows = conn.execute(sql, {"q": match, "n": limit}).all()
            else:
                words = plain_words(query)
                if not words:
                    return []
                sql = text(
                    "SELECT id, title, path, published, "
                    "ts_headline('english', text, plainto_tsquery('english', :q), "
                    "'StartSel=[, StopSel=], MaxWords=20, MinWords=8') AS snippet, "
                    "-ts_rank(to_tsvector('english', coalesce(title, '') || ' ' || text), "
                    "plainto_tsquery('english', :q)) AS score FROM documents "
                    "WHERE to_tsvector('english', coalesce(title, '') || ' ' || text) "
                    "@@ plainto_tsquery('english', :q) ORDER BY score LIMIT :n"
                )
                rows = conn.execute(sql, {"q": words, "n": limit}).all()
        return [dict(r._mapping) for r in rows]
