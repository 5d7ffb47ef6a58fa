"""The cmi5 package, checked by the cmi5 specification's rules for a course structure
(section 13; no PyPI package ships CourseStructure.xsd, so the XSD itself is not used)."""

from __future__ import annotations

import io
import uuid
import zipfile
from xml.etree import ElementTree as ET

from service.export import ExportableLesson, ExportFormat, export_file
from service.export.cmi5 import COURSE_STRUCTURE
from tests.export.lessons import dutch, english
from tests.helpers.wording import wording

LAUNCH_METHODS = {"AnyWindow", "OwnWindow"}
MOVE_ON = {"Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable"}


def structure(lesson: ExportableLesson) -> tuple[ET.Element, zipfile.ZipFile]:
    exported = export_file(lesson, ExportFormat.CMI5)
    assert exported.filename == f"{lesson.key}.cmi5.zip"
    zipped = zipfile.ZipFile(io.BytesIO(exported.content))
    return ET.fromstring(zipped.read("cmi5.xml")), zipped


def tag(name: str) -> str:
    return f"{{{COURSE_STRUCTURE}}}{name}"


def absolute_iri(value: str | None) -> bool:
    """Absolute, with a scheme (cmi5 3.0: IRIs SHOULD be full, absolute IRIs)."""
    if not value or ":" not in value or " " in value:
        return False
    scheme = value.split(":", 1)[0]
    return scheme.isascii() and scheme[:1].isalpha()


def langstrings(parent: ET.Element, name: str) -> dict[str, str]:
    element = parent.find(tag(name))
    assert element is not None, f"{name} is required"
    found = {ls.get("lang", ""): ls.text or "" for ls in element.findall(tag("langstring"))}
    assert found and all(found.values()), f"{name} needs a non-empty langstring"
    return found


def test_one_course_then_one_au_in_the_course_structure_namespace() -> None:
    root, zipped = structure(english())
    assert "cmi5.xml" in zipped.namelist()
    assert root.tag == tag("courseStructure")
    assert [child.tag for child in root] == [tag("course"), tag("au")]

    course = root[0]
    assert absolute_iri(course.get("id"))
    assert langstrings(course, "title") == {"en": english().title}
    assert langstrings(course, "description")["en"].startswith(wording("lesson", "stems.lesson"))

    au = root[1]
    assert absolute_iri(au.get("id")) and au.get("id") != course.get("id")
    assert au.get("launchMethod") in LAUNCH_METHODS
    assert au.get("moveOn") in MOVE_ON
    # The AU's elements in the schema's order: title, description, (objectives), url, ...
    assert [child.tag for child in au] == [tag("title"), tag("description"), tag("url")]
    assert langstrings(au, "title") == {"en": english().title}
    url = au.findtext(tag("url"))
    assert url is not None and "://" not in url  # relative: launched from the package
    assert url in zipped.namelist()
    assert "cmi5" in zipped.read(url).decode()  # the AU's runtime is inline


def test_every_langstring_is_in_the_lesson_s_language() -> None:
    root, _ = structure(dutch())
    languages = {ls.get("lang") for ls in root.iter(tag("langstring"))}
    assert languages == {"nl"}


def test_ids_are_stable_per_lesson_and_differ_between_organisations() -> None:
    first, _ = structure(english())
    again, _ = structure(english())
    other, _ = structure(english(org="globex"))
    ids = [(r[0].get("id"), r[1].get("id")) for r in (first, again, other)]
    assert ids[0] == ids[1] and ids[0] != ids[2]
    course_id = ids[0][0]
    assert course_id is not None and course_id.startswith("urn:uuid:")
    uuid.UUID(course_id.removeprefix("urn:uuid:"))  # a real UUID (RFC 4122 URN)
