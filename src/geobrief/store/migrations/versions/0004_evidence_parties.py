"""How each evidence sentence gives the event's parties.

"named" when the clause names both; otherwise the inference that supplied one of them: "implied" (the
text's other side), "dyad" (the text's two states: "the two countries", "relations were restored"),
"place" (where it happened stands for the target), "domestic" (the actor's own state). One event told by
several documents can be named in one and inferred in another, so the column is on the evidence row.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_evidence") as batch:
        batch.add_column(sa.Column("parties", sa.String(12), nullable=False, server_default="named"))


def downgrade() -> None:
    with op.batch_alter_table("event_evidence") as batch:
        batch.drop_column("parties")
