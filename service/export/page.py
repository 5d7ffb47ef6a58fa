"""The lesson as one self-contained HTML page: what the SCO (SCORM) or AU (cmi5) launches.

Everything is inline (style, script, text): an LMS may serve the package from anywhere, offline
or behind a proxy, so the page loads nothing from elsewhere. The lesson is rendered with
markdown-it with raw HTML off, as the app's pages do, so a lesson's text can never inject
markup or script into a learner's LMS. The runtime script is the format's own
(``scripts/scorm12.js``, ``scripts/cmi5.js``); it reads its texts and settings from a JSON block.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from service.words import load_words

from .source import ExportableLesson

HERE = Path(__file__).parent
MAX_ANSWER = 255
"""SCORM 1.2's limit for ``cmi.interactions.n.student_response`` (CMIFeedback), used by cmi5
too so a learner's answer is the same wherever it goes."""
_RENDERER = MarkdownIt("js-default")
TEXT_KEYS = ("saved", "no_platform", "failed")


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


@cache
def runtime_script(name: str) -> str:
    """One of the runtime scripts (``scorm12``, ``cmi5``) as shipped."""
    return (HERE / "scripts" / f"{name}.js").read_text(encoding="utf-8")


def lesson_page(lesson: ExportableLesson, runtime: str) -> str:
    """The lesson's launch page with the ``runtime`` script (``scorm12`` or ``cmi5``) inline."""
    words = load_words("export", lesson.language)
    config = {
        "recall": lesson.recall_question is not None,
        "recallQuestion": lesson.recall_question,
        "language": lesson.language.value,
        "maxAnswer": MAX_ANSWER,
        "texts": {key: words[key] for key in TEXT_KEYS},
    }
    script = runtime_script(runtime)
    if "</script" in script.lower():  # a programming error: it would end the element early
        raise ValueError(f"{runtime}.js must not contain a closing script tag")
    return (
        _environment()
        .get_template("lesson.html.j2")
        .render(
            lesson=lesson,
            body=Markup(_RENDERER.render(lesson.text)),
            words=words,
            config=config,
            max_answer=MAX_ANSWER,
            script=Markup(script),
        )
    )
