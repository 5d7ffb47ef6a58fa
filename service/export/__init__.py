"""Lessons out of StoryCoach, into the LMSs L&D teams publish in: SCORM 1.2, cmi5, Markdown.

A use case beside ``review``: it reads a published lesson from the store or the corpus and
packages it; the API, the CLI and the lesson page's export button all call ``export_lesson``.
"""

from .formats import ExportedFile, ExportFormat, export_file, export_lesson
from .source import ExportableLesson, published_lesson

__all__ = [
    "ExportFormat",
    "ExportableLesson",
    "ExportedFile",
    "export_file",
    "export_lesson",
    "published_lesson",
]
