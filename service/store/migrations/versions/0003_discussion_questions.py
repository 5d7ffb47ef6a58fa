"""Discussion questions kept per story: a table of their own, one row per set asked.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
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
        "discussion_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "language",
            sa.Enum("nl", "en", name="language", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisations.id"],
            name=op.f("fk_discussion_questions_org_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_discussion_questions_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name=op.f("fk_discussion_questions_story_id_stories")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discussion_questions")),
    )
    op.create_index(
        op.f("ix_discussion_questions_org_id"), "discussion_questions", ["org_id"], unique=False
    )
    op.create_index(
        op.f("ix_discussion_questions_story_id"), "discussion_questions", ["story_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_discussion_questions_story_id"), table_name="discussion_questions")
    op.drop_index(op.f("ix_discussion_questions_org_id"), table_name="discussion_questions")
    op.drop_table("discussion_questions")
