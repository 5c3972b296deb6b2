"""Events with their evidence rows, claims and forecasts, interests.

One event has many evidence rows, so merging the same event told by several documents (a later
revision) adds rows instead of copying the event.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("type", sa.String(12), nullable=False),
        sa.Column("mode", sa.Text),
        sa.Column("cameo", sa.String(8), nullable=False),
        sa.Column("quad_class", sa.Integer),
        sa.Column("intensity", sa.Float),
        sa.Column("source", sa.String(120)),
        sa.Column("target", sa.String(120)),
        sa.Column("source_actor", sa.String(120)),
        sa.Column("target_actor", sa.String(120)),
        sa.Column("when_start", sa.String(10)),
        sa.Column("when_end", sa.String(10)),
        sa.Column("when_precision", sa.String(10)),
        sa.Column("when_text", sa.Text),
        sa.Column("when_basis", sa.String(12)),
        sa.Column("where", sa.Text),
        sa.Column("modality", sa.String(12), nullable=False),
        sa.Column("reported_by", sa.Text),
        sa.Column("trigger", sa.Text),
    )
    op.create_index("ix_events_dyad", "events", ["source", "target"])
    op.create_index("ix_events_when", "events", ["when_start"])
    op.create_table(
        "event_evidence",
        sa.Column("event", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("doc", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("start_char", sa.Integer, primary_key=True),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Integer),
    )
    op.create_index("ix_event_evidence_doc", "event_evidence", ["doc"])
    op.create_table(
        "claims",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("doc", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("estimative", sa.Text),
        sa.Column("probability_low", sa.Float),
        sa.Column("probability_high", sa.Float),
        sa.Column("actors", sa.Text, nullable=False, server_default="[]"),
        sa.Column("horizon", sa.Text),
        sa.Column("horizon_start", sa.String(10)),
        sa.Column("horizon_end", sa.String(10)),
        sa.Column("sentence", sa.Integer),
        sa.Column("quoted", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_claims_doc", "claims", ["doc"])
    op.create_table(
        "interests",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("doc", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("wants", sa.Text, nullable=False),
        sa.Column("from_actor", sa.String(120)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Integer),
    )
    op.create_index("ix_interests_actor", "interests", ["actor", "from_actor"])


def downgrade() -> None:
    for table in ("interests", "claims", "event_evidence", "events"):
        op.drop_table(table)
