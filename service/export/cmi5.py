"""A lesson as a cmi5 course package: ``cmi5.xml`` at the root and one AU.

cmi5 (AICC/ADL, "Quartz"), section 13 (course structure) and 14 (course package): the root
``courseStructure`` in the namespace of ``CourseStructure.xsd`` holds one ``course`` (an
absolute IRI id, a title and a description as ``langstring``s) and then one ``au`` with its own
IRI id, title, description, a ``url`` relative to the package, ``launchMethod`` and
``moveOn``. The lesson's language is every ``langstring``'s ``lang``.

``moveOn="Completed"``: the AU sends "completed" when the learner finishes the lesson (there is
no test to pass). ``launchMethod="AnyWindow"``: the page works in a frame or a window alike.

Built with the standard library (``xml.etree``, ``zipfile``), for the reasons
``scorm12.py`` gives. No PyPI package ships ``CourseStructure.xsd`` (the one cmi5 package
there, openedx-cmi5-xblock, does not include it), so the tests check the specification's rules
(required elements and attributes, their order, absolute IRIs, the enumerated values) rather
than validating against the XSD itself.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET

from .page import lesson_page
from .source import ExportableLesson

COURSE_STRUCTURE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
LAUNCH_PAGE = "index.html"
LAUNCH_METHOD = "AnyWindow"
MOVE_ON = "Completed"


def _element(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    child = ET.SubElement(parent, tag)
    if text is not None:
        child.text = text
    return child


def _langstrings(parent: ET.Element, tag: str, text: str, language: str) -> None:
    _element(_element(parent, tag), "langstring", text).set("lang", language)


def course_structure(lesson: ExportableLesson) -> bytes:
    """``cmi5.xml`` for ``lesson``: the course and its one AU."""
    language = lesson.language.value
    # Unprefixed names under an xmlns on the root: every element is in the course structure
    # namespace, written as the spec's examples write it (ElementTree's own namespace map is
    # process-wide, and the SCORM manifest registers another default namespace).
    root = ET.Element("courseStructure", {"xmlns": COURSE_STRUCTURE})
    course = _element(root, "course")
    course.set("id", lesson.iri)
    _langstrings(course, "title", lesson.title, language)
    _langstrings(course, "description", lesson.description, language)
    au = _element(root, "au")
    au.set("id", lesson.au_iri)
    au.set("launchMethod", LAUNCH_METHOD)
    au.set("moveOn", MOVE_ON)
    _langstrings(au, "title", lesson.title, language)
    _langstrings(au, "description", lesson.description, language)
    _element(au, "url", LAUNCH_PAGE)
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written


def cmi5_package(lesson: ExportableLesson) -> bytes:
    """The zip an LMS imports: ``cmi5.xml`` at the root and the AU's launch page."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("cmi5.xml", course_structure(lesson))
        package.writestr(LAUNCH_PAGE, lesson_page(lesson, "cmi5"))
    return buffer.getvalue()
