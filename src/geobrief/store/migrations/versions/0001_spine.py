"""The spine: documents, sentences, actors, mentions, and full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("line", sa.Integer),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("published_inferred", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("summary", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("duplicate_of", sa.String(40), sa.ForeignKey("documents.id")),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("shingles", sa.Integer),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "sentences",
        sa.Column("doc", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("country", sa.String(16)),
        sa.Column("aliases", sa.Text, nullable=False, server_default="[]"),
    )
    op.create_table(
        "mentions",
        sa.Column("doc", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("start_char", sa.Integer, primary_key=True),
        sa.Column("end_char", sa.Integer, primary_key=True),
        sa.Column("actor", sa.String(120), sa.ForeignKey("actors.id"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sentence", sa.Integer, nullable=False),
    )
    op.create_index("ix_mentions_actor", "mentions", ["actor"])
    if op.get_bind().dialect.name == "sqlite":
        # External-content FTS5 index over documents; rows are added in the ingest transaction.
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "title, text, content='documents', content_rowid='rowid', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
    else:
        op.execute(
            "CREATE INDEX ix_documents_fts ON documents USING gin "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in ("mentions", "actors", "sentences", "documents"):
        op.drop_table(table)
