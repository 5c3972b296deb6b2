"""The store's tables: the spine's contract that every later stage reads and writes.

documents → sentences → mentions → actors. Ids are content hashes (documents) or
dictionary ids (actors), so re-ingesting never duplicates a row. Offsets are
character offsets into ``documents.text``.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("path", Text, nullable=False),
    Column("line", Integer),
    Column("url", Text),
    Column("title", Text),
    Column("author", Text),
    Column("publisher", Text),
    Column("published", String(10)),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("summary", Text),
    Column("text", Text, nullable=False),
    Column("words", Integer, nullable=False),
    Column("duplicate_of", String(40), ForeignKey("documents.id")),
    Column("minhash", LargeBinary),
    Column("shingles", Integer),
    Column("ingested_at", String(32), nullable=False),
)

sentences = Table(
    "sentences",
    metadata,
    Column("doc", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    # The sentence's narrative time: its own date expression, else the one carried from earlier sentences.
    Column("time_start", String(10)),
    Column("time_end", String(10)),
    Column("time_precision", String(10)),
)

timexes = Table(
    "timexes",
    metadata,
    Column("doc", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("start_char", Integer, primary_key=True),
    Column("end_char", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("value_start", String(10), nullable=False),
    Column("value_end", String(10), nullable=False),
    Column("precision", String(10), nullable=False),
    Column("anchor", String(12), nullable=False),
    Column("sentence", Integer),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("speaker", String(120), ForeignKey("actors.id")),
    Column("speaker_name", Text),
    Column("text", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("sentence", Integer),
    Column("verb", Text),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(12), nullable=False),
    Column("mode", Text),
    Column("cameo", String(8), nullable=False),
    Column("quad_class", Integer),
    Column("intensity", Float),
    Column("source", String(120)),  # state-level actor ids
    Column("target", String(120)),
    Column("source_actor", String(120)),  # as mentioned (a leader, a ministry…)
    Column("target_actor", String(120)),
    Column("when_start", String(10)),
    Column("when_end", String(10)),
    Column("when_precision", String(10)),
    Column("when_text", Text),
    Column("when_basis", String(12)),
    Column("where", Text),
    Column("modality", String(12), nullable=False),
    Column("reported_by", Text),
    Column("trigger", Text),
)

event_evidence = Table(
    "event_evidence",
    metadata,
    Column("event", String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("doc", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("start_char", Integer, primary_key=True),
    Column("end_char", Integer, nullable=False),
    Column("sentence", Integer),
    Column("parties", String(12), nullable=False, server_default="named"),  # named or how they were inferred
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("text", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("estimative", Text),
    Column("probability_low", Float),
    Column("probability_high", Float),
    Column("actors", Text, nullable=False, default="[]"),  # JSON list of actor ids
    Column("horizon", Text),
    Column("horizon_start", String(10)),
    Column("horizon_end", String(10)),
    Column("sentence", Integer),
    Column("quoted", Boolean, nullable=False, default=False),
)

interests = Table(
    "interests",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("actor", String(120), nullable=False),
    Column("wants", Text, nullable=False),
    Column("from_actor", String(120)),
    Column("text", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("sentence", Integer),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("country", String(16)),
    Column("aliases", Text, nullable=False, default="[]"),  # JSON list
)

mentions = Table(
    "mentions",
    metadata,
    Column("doc", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("start_char", Integer, primary_key=True),
    Column("end_char", Integer, primary_key=True),
    Column("actor", String(120), ForeignKey("actors.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("sentence", Integer, nullable=False),
)

Index("ix_mentions_actor", mentions.c.actor)
Index("ix_timexes_value", timexes.c.value_start, timexes.c.value_end)
Index("ix_quotes_doc", quotes.c.doc)
Index("ix_quotes_speaker", quotes.c.speaker)
Index("ix_events_dyad", events.c.source, events.c.target)
Index("ix_events_when", events.c.when_start)
Index("ix_event_evidence_doc", event_evidence.c.doc)
Index("ix_claims_doc", claims.c.doc)
Index("ix_interests_actor", interests.c.actor, interests.c.from_actor)
Index("ix_documents_duplicate_of", documents.c.duplicate_of)
Index("ix_documents_published", documents.c.published)
