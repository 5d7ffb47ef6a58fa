"""Review decisions as CSV, one row per decision with the rubric result the reviewer saw.

For L&D teams who keep their own records or read the figures in a spreadsheet. Criteria
differ per rubric (a 1:1 lesson has its own), so there is one column per criterion that
occurs, ``pass``/``fail``/``unscored``, empty where the lesson's rubric has no such criterion.

Cells that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage
return first) are prefixed with ``'``: titles and comments are typed by people, and a CSV
opened in a spreadsheet must not run what they typed (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from service.store import AuditEvent, Lesson, Person, require_overseer

from .gather import decision_criteria
from .records import DECISIONS

FIXED_COLUMNS = (
    "decided_at",
    "lesson_id",
    "title",
    "kind",
    "language",
    "author",
    "reviewer",
    "decision",
    "comment",
    "rubric",
    "rubric_pass",
    "rubric_score",
)
CRITERION_PREFIX = "criterion:"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """``value`` as a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _verdict(passed: bool | None) -> str:
    return "unscored" if passed is None else ("pass" if passed else "fail")


def decision_rows(session: Session, actor: Person) -> list[dict[str, Any]]:
    """``actor``'s organisation's decisions, oldest first, as flat rows (reviewers, admins)."""
    require_overseer(actor, "download review decisions")
    org = actor.org_id
    author, reviewer = aliased(Person), aliased(Person)
    found = session.execute(
        select(AuditEvent, Lesson, author.name, reviewer.name)
        .join(Lesson, Lesson.id == AuditEvent.lesson_id)
        .join(author, author.id == Lesson.author_id)
        .join(reviewer, reviewer.id == AuditEvent.actor_id)
        .where(AuditEvent.org_id == org, Lesson.org_id == org)
        .where(AuditEvent.action.in_(DECISIONS))
        .order_by(AuditEvent.id)
    ).all()
    rows = []
    for event, lesson, author_name, reviewer_name in found:
        score = lesson.score or {}
        row: dict[str, Any] = {
            "decided_at": event.created_at.isoformat(timespec="seconds"),
            "lesson_id": lesson.id,
            "title": lesson.title,
            "kind": lesson.kind.value,
            "language": lesson.language.value,
            "author": author_name,
            "reviewer": reviewer_name,
            "decision": event.action.value,
            "comment": event.comment or "",
            "rubric": score.get("rubric", ""),
            "rubric_pass": "" if not score else _verdict(score.get("passed")),
            "rubric_score": "" if "score" not in score else f"{float(score['score']):.3f}",
        }
        for criterion, passed in decision_criteria(score).items():
            row[CRITERION_PREFIX + criterion] = _verdict(passed)
        rows.append(row)
    return rows


def decisions_csv(rows: list[dict[str, Any]]) -> str:
    """The rows as CSV text: fixed columns first, then every criterion that occurs, sorted."""
    criteria = sorted({key for row in rows for key in row if key.startswith(CRITERION_PREFIX)})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*FIXED_COLUMNS, *criteria])
    for row in rows:
        writer.writerow([safe_cell(row.get(column, "")) for column in (*FIXED_COLUMNS, *criteria)])
    return out.getvalue()
