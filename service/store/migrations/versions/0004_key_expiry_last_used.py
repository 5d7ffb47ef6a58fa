"""Keys that expire, when a key was last used, and which key a browser signed in with.

``api_keys`` gains ``expires_at`` (``NULL``: lasts until revoked, as every existing key does)
and ``last_used_at`` (``NULL``: not used since this migration). ``web_sessions`` gains
``api_key_id``, so revoking a key ends exactly the sessions signed in with it; sessions
started before this have ``NULL`` there, and revoking any key of their person ends them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("last_used_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("web_sessions") as batch:
        batch.add_column(sa.Column("api_key_id", sa.Integer(), nullable=True))
        batch.create_index(op.f("ix_web_sessions_api_key_id"), ["api_key_id"], unique=False)
        batch.create_foreign_key(
            op.f("fk_web_sessions_api_key_id_api_keys"),
            "api_keys",
            ["api_key_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("web_sessions") as batch:
        batch.drop_constraint(op.f("fk_web_sessions_api_key_id_api_keys"), type_="foreignkey")
        batch.drop_index(op.f("ix_web_sessions_api_key_id"))
        batch.drop_column("api_key_id")
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("last_used_at")
        batch.drop_column("expires_at")
