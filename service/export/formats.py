"""The export formats and the one function every surface (API, CLI, page) calls."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.orm import Session

from service.knowledge import KnowledgeBase

from .cmi5 import cmi5_package
from .scorm12 import scorm12_package
from .source import ExportableLesson, published_lesson


class ExportFormat(StrEnum):
    """What a lesson can be exported as."""

    SCORM12 = "scorm12"
    """A SCORM 1.2 package (zip): what almost every LMS imports."""
    CMI5 = "cmi5"
    """A cmi5 course package (zip): for LMSs with an LRS (xAPI)."""
    MARKDOWN = "markdown"
    """The lesson's Markdown, as stored."""


@dataclass(frozen=True)
class ExportedFile:
    filename: str
    media_type: str
    content: bytes


def export_file(lesson: ExportableLesson, format: ExportFormat) -> ExportedFile:
    """``lesson`` in ``format``, named after its corpus id."""
    if format is ExportFormat.SCORM12:
        return ExportedFile(f"{lesson.key}.scorm12.zip", "application/zip", scorm12_package(lesson))
    if format is ExportFormat.CMI5:
        return ExportedFile(f"{lesson.key}.cmi5.zip", "application/zip", cmi5_package(lesson))
    text = lesson.text if lesson.text.endswith("\n") else lesson.text + "\n"
    return ExportedFile(f"{lesson.key}.md", "text/markdown; charset=utf-8", text.encode())


def export_lesson(
    session: Session,
    knowledge: KnowledgeBase,
    org: str,
    reference: str,
    format: ExportFormat,
) -> ExportedFile:
    """The published lesson ``reference`` (a row id or a corpus id) of ``org`` in ``format``."""
    return export_file(published_lesson(session, knowledge, org, reference), format)
