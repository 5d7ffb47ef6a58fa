"""Story-bank metadata: who may read a story, whether it is still current, who told it.

``stories`` gains ``visibility`` (every existing story stays readable by the whole
organisation, as it was), ``retired_at`` (``NULL``: current, as every existing story is) and
``told_by`` (``NULL``: told by its author). ``people`` gains ``team`` (``NULL``: in no team),
which a story visible to its team only needs.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("team", sa.String(length=120), nullable=True))
    with op.batch_alter_table("stories") as batch:
        batch.add_column(
            sa.Column(
                "visibility",
                sa.Enum(
                    "team", "organisation", name="storyvisibility", native_enum=False, length=20
                ),
                server_default="organisation",
                nullable=False,
            )
        )
        batch.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("told_by", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("told_by")
        batch.drop_column("retired_at")
        batch.drop_column("visibility")
    # ``people`` is referenced by most tables: drop the column in place (SQLite 3.35+, and
    # every other backend) rather than by copying the table, which its references refuse.
    with op.batch_alter_table("people", recreate="never") as batch:
        batch.drop_column("team")
