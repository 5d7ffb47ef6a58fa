"""Draft parts: who wrote each part of a draft reply, and of a story saved from one.

A JSON column on ``messages`` and on ``stories``, not a table of parts: the parts are always
read and written whole, with their message or story, in their reading order, and never
queried on their own. Existing rows get ``NULL`` (a draft kept before this is shown as its
Markdown, as it was).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("parts", sa.JSON(), nullable=True))
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("parts", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("parts")
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("parts")
