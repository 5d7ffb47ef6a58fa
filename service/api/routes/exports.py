"""``GET /lessons/{lesson}/export``: a published lesson as a file an LMS imports.

For reviewers and admins, who decide what leaves StoryCoach; the lesson page's export button
links here (a GET, so the session cookie is enough).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from service.export import ExportFormat, export_lesson
from service.http.deps import KnowledgeDep, ReviewerDep, SessionDep
from service.http.ids import LessonReference
from service.http.routing import CommittingRoute

router = APIRouter(route_class=CommittingRoute, prefix="/lessons", tags=["lessons"])

FILES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The exported file, as an attachment.",
        "content": {"application/zip": {}, "text/markdown": {}},
    }
}


@router.get("/{lesson}/export", response_class=Response, responses=FILES)
def export(
    lesson: LessonReference,
    format: Annotated[ExportFormat, Query(description="scorm12, cmi5 or markdown.")],
    caller: ReviewerDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
) -> Response:
    """A published lesson (by id) or a corpus lesson (by corpus id) as SCORM 1.2, cmi5 or
    Markdown; 409 for a lesson not yet published."""
    exported = export_lesson(session, knowledge, caller.org, lesson, format)
    disposition = f'attachment; filename="{exported.filename}"'
    return Response(
        exported.content,
        media_type=exported.media_type,
        headers={"Content-Disposition": disposition},
    )
