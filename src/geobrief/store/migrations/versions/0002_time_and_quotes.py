"""Time expressions, each sentence's narrative time, and quotes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "timexes",
        sa.Column("doc", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("start_char", sa.Integer, primary_key=True),
        sa.Column("end_char", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("value_start", sa.String(10), nullable=False),
        sa.Column("value_end", sa.String(10), nullable=False),
        sa.Column("precision", sa.String(10), nullable=False),
        sa.Column("anchor", sa.String(12), nullable=False),
        sa.Column("sentence", sa.Integer),
    )
    op.create_index("ix_timexes_value", "timexes", ["value_start", "value_end"])
    with op.batch_alter_table("sentences") as batch:
        batch.add_column(sa.Column("time_start", sa.String(10)))
        batch.add_column(sa.Column("time_end", sa.String(10)))
        batch.add_column(sa.Column("time_precision", sa.String(10)))
    op.create_table(
        "quotes",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("doc", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("speaker", sa.String(120), sa.ForeignKey("actors.id")),
        sa.Column("speaker_name", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Integer),
        sa.Column("verb", sa.Text),
    )
    op.create_index("ix_quotes_doc", "quotes", ["doc"])
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])


def downgrade() -> None:
    op.drop_table("quotes")
    with op.batch_alter_table("sentences") as batch:
        batch.drop_column("time_precision")
        batch.drop_column("time_end")
        batch.drop_column("time_start")
    op.drop_table("timexes")
