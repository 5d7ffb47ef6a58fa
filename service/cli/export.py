"""``storycoach export lesson``: a published lesson as a file for an LMS.

The same export as ``GET /api/lessons/{id}/export``; on the command line the caller is whoever
may read the database, so there is no role check, only the organisation's scope.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from service.errors import InvalidInput
from service.export import ExportFormat, export_lesson
from service.knowledge import KnowledgeBase, check_org
from service.settings import get_settings
from service.store import migrated_session

from .output import errors_as_exit_codes, out

app = typer.Typer(help="Export lessons for a learning platform (LMS).", no_args_is_help=True)


@app.command("lesson")
def lesson(
    lesson_id: Annotated[
        str, typer.Argument(metavar="ID", help="A published lesson's id, or a corpus lesson's id.")
    ],
    format: Annotated[ExportFormat, typer.Option("--format", help="scorm12, cmi5 or markdown.")],
    out_file: Annotated[Path, typer.Option("--out", help="The file to write.")],
    org: Annotated[
        str | None,
        typer.Option("--org", help="Organisation id (default: STORYCOACH_DEFAULT_ORG)."),
    ] = None,
) -> None:
    """Write a published lesson (or a corpus lesson) as SCORM 1.2, cmi5 or Markdown.

    A lesson that is not published yet, or not in the organisation, is refused (exit 2) and
    nothing is written.
    """
    settings = get_settings()
    org = org or settings.default_org
    with errors_as_exit_codes():
        check_org(org)
        if out_file.is_dir() or not out_file.parent.is_dir():
            raise InvalidInput("out", f"not a file in an existing folder: {out_file}")
        with migrated_session(settings) as session:
            exported = export_lesson(session, KnowledgeBase.open(settings), org, lesson_id, format)
        out_file.write_bytes(exported.content)
    out().print(
        f"wrote {out_file} ({format.value}, {len(exported.content)} bytes)", highlight=False
    )
