"""Follow-up answers as CSV: one row per follow-up that has come back, answered or not, with
what the member recalled and tried and the leader's reply.

For L&D teams who read what stuck in a spreadsheet. Every cell a person typed goes through
``safe_cell`` (a spreadsheet must never run it as a formula), as in the decisions' CSV.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.store import FollowUp, Person, due_at, follow_up_days, require_overseer

from .decisions import safe_cell

COLUMNS = (
    "due_at",
    "kind",
    "subject_id",
    "title",
    "language",
    "member",
    "leader",
    "answered_at",
    "days_to_answer",
    "recalled",
    "tried",
    "reply",
    "replied_at",
)


def _when(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""


def answer_rows(session: Session, actor: Person, now: datetime) -> list[dict[str, Any]]:
    """``actor``'s organisation's follow-ups due by ``now``, oldest due first (reviewers,
    admins)."""
    require_overseer(actor, "download follow-up answers")
    org = actor.org_id
    days = follow_up_days(session, org)
    found = session.scalars(select(FollowUp).where(FollowUp.org_id == org).order_by(FollowUp.id))
    rows = []
    for follow_up in found:
        due = due_at(follow_up, days)
        if due > now:
            continue
        subject = follow_up.subject
        answered = follow_up.answered_at
        waited = (answered - due).total_seconds() / 86400 if answered else None
        rows.append(
            {
                "due_at": _when(due),
                "kind": follow_up.kind,
                "subject_id": subject.id,
                "title": subject.title,
                "language": subject.language.value,
                "member": follow_up.member.name,
                "leader": follow_up.leader.name,
                "answered_at": _when(answered),
                "days_to_answer": "" if waited is None else f"{max(0.0, waited):.1f}",
                "recalled": follow_up.recalled or "",
                "tried": follow_up.tried or "",
                "reply": follow_up.reply or "",
                "replied_at": _when(follow_up.replied_at),
            }
        )
    rows.sort(key=lambda row: str(row["due_at"]))
    return rows


def answers_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(row.get(column, "")) for column in COLUMNS])
    return out.getvalue()
