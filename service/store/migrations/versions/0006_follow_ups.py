"""Follow-ups: a 1:1 lesson given to a team member, or a story their team discussed, comes
back to them after a set time; they answer, their leader replies.

``organisations`` gains ``follow_up_days`` (7 for every existing organisation, the default);
``follow_ups`` holds one row per member and lesson given or story discussed, with the
member's answer and the leader's reply once there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ``organisations`` is referenced by every table: add the column in place rather than by
    # copying the table (SQLite adds a column with a constant default without a copy).
    with op.batch_alter_table("organisations", recreate="never") as batch:
        batch.add_column(
            sa.Column("follow_up_days", sa.Integer(), server_default="7", nullable=False)
        )
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("lesson_id", sa.Integer(), nullable=True),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("reminded_at", sa.DateTime(), nullable=True),
        sa.Column("recalled", sa.Text(), nullable=True),
        sa.Column("tried", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("replied_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"], ["organisations.id"], name=op.f("fk_follow_ups_org_id_organisations")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["people.id"], name=op.f("fk_follow_ups_member_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["leader_id"], ["people.id"], name=op.f("fk_follow_ups_leader_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"], ["lessons.id"], name=op.f("fk_follow_ups_lesson_id_lessons")
        ),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name=op.f("fk_follow_ups_story_id_stories")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
        sa.UniqueConstraint("lesson_id", name=op.f("uq_follow_ups_lesson_id")),
        sa.UniqueConstraint("member_id", "story_id", name=op.f("uq_follow_ups_member_id_story_id")),
    )
    for column in ("org_id", "member_id", "leader_id", "story_id"):
        op.create_index(op.f(f"ix_follow_ups_{column}"), "follow_ups", [column], unique=False)


def downgrade() -> None:
    for column in ("story_id", "leader_id", "member_id", "org_id"):
        op.drop_index(op.f(f"ix_follow_ups_{column}"), table_name="follow_ups")
    op.drop_table("follow_ups")
    with op.batch_alter_table("organisations", recreate="never") as batch:
        batch.drop_column("follow_up_days")
