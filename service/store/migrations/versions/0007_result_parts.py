"""Result parts: who wrote each part of a lesson, a 1:1 lesson and a question set.

A JSON column ``parts`` on ``lessons`` and on ``discussion_questions``, as ``stories.parts``
(0002): the parts are read and written whole, with their row, and never queried on their own.
It holds the parts in reading order (each with its origin and, for a stand-in, its note), the
stand-ins' keys, the coach's notes and the parts it could not fill. Existing rows get empty
lists: nobody knows any more who wrote their parts, and their Markdown shows all of it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

NO_PARTS = '{"parts": [], "fallbacks": [], "notes": [], "missing": []}'
TABLES = ("lessons", "discussion_questions")


# ``lessons`` is referenced by ``follow_ups`` (0006): alter both tables in place (SQLite 3.35+,
# and every other backend) rather than by copying them, which those references refuse.


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, recreate="never") as batch:
            batch.add_column(sa.Column("parts", sa.JSON(), nullable=False, server_default=NO_PARTS))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, recreate="never") as batch:
            batch.drop_column("parts")
