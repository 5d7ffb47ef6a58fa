"""The SCORM 1.2 package: the manifest's shape (ADL SCORM 1.2 CAM) and a self-contained SCO."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

from service.export import ExportableLesson, ExportFormat, export_file
from service.export.scorm12 import ADLCP, IMSCP, IMSMD
from service.vocabulary import Language
from tests.export.lessons import DUTCH, dutch, english
from tests.helpers.wording import wording

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def package(lesson: ExportableLesson) -> zipfile.ZipFile:
    exported = export_file(lesson, ExportFormat.SCORM12)
    assert exported.media_type == "application/zip"
    assert exported.filename == f"{lesson.key}.scorm12.zip"
    return zipfile.ZipFile(io.BytesIO(exported.content))


def q(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}"


def test_the_manifest_is_at_the_root_with_one_item_pointing_at_one_sco() -> None:
    zipped = package(english())
    assert sorted(zipped.namelist()) == ["imsmanifest.xml", "index.html"]
    root = ET.fromstring(zipped.read("imsmanifest.xml"))
    assert root.tag == q(IMSCP, "manifest")
    assert root.get("identifier") == "storycoach-lesson-dates-you-checked-3"
    metadata = root.find(q(IMSCP, "metadata"))
    assert metadata is not None
    assert metadata.findtext(q(IMSCP, "schema")) == "ADL SCORM"
    assert metadata.findtext(q(IMSCP, "schemaversion")) == "1.2"

    organisations = root.find(q(IMSCP, "organizations"))
    assert organisations is not None
    default = organisations.get("default")
    [organisation] = organisations.findall(q(IMSCP, "organization"))
    assert organisation.get("identifier") == default
    assert organisation.findtext(q(IMSCP, "title")) == english().title
    [item] = organisation.findall(q(IMSCP, "item"))
    assert item.findtext(q(IMSCP, "title")) == english().title

    [resource] = root.findall(f"{q(IMSCP, 'resources')}/{q(IMSCP, 'resource')}")
    assert resource.get("identifier") == item.get("identifierref")
    assert resource.get(q(ADLCP, "scormtype")) == "sco"
    assert resource.get("type") == "webcontent"
    launch = resource.get("href")
    assert launch in zipped.namelist()
    assert [f.get("href") for f in resource.findall(q(IMSCP, "file"))] == [launch]


def test_the_manifest_carries_the_lesson_s_language_and_title() -> None:
    root = ET.fromstring(package(dutch()).read("imsmanifest.xml"))
    general = root.find(f".//{q(IMSMD, 'lom')}/{q(IMSMD, 'general')}")
    assert general is not None
    assert general.findtext(q(IMSMD, "language")) == "nl"
    title = general.find(f"{q(IMSMD, 'title')}/{q(IMSMD, 'langstring')}")
    assert title is not None and title.text == "Geen handtekening" and title.get(XML_LANG) == "nl"
    description = general.find(f"{q(IMSMD, 'description')}/{q(IMSMD, 'langstring')}")
    assert description is not None and description.text is not None
    assert description.text.startswith(wording("lesson", "stems.lesson", Language.NL))  # objective


def test_the_sco_is_the_lesson_on_one_page_that_loads_nothing_from_elsewhere() -> None:
    page = package(english()).read("index.html").decode()
    assert '<html lang="en">' in page
    assert f"<h2>{wording('lesson', 'headings.key_points')}</h2>" in page
    assert "Mark Ellis in Bristol" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "<script src" not in page
    # The runtime: the standard search for the LMS's API, and the calls it makes.
    for call in ('LMSInitialize("")', 'LMSFinish("")', 'LMSCommit("")', "win.parent", "opener"):
        assert call in page, call
    assert '"cmi.core.lesson_status", "completed"' in page
    assert '"fill-in"' in page and '"student_response"' in page


def test_the_recall_question_is_asked_where_the_lesson_has_one() -> None:
    with_recall = package(english()).read("index.html").decode()
    assert 'id="recall-answer"' in with_recall
    assert "Which date did you check last week, and had it moved?" in with_recall
    without = package(dutch()).read("index.html").decode()
    assert 'id="recall-answer"' not in without
    assert wording("export", "finish", Language.NL) in without  # in the lesson's language


def test_a_lesson_s_text_cannot_inject_markup_into_the_lms() -> None:
    lesson = ExportableLesson(
        "demo",
        "lesson-x",
        'Title </title><script>alert("t")</script>',
        Language.EN,
        DUTCH + '\n<script>alert("x")</script>\n<img src=x onerror="alert(1)">\n',
    )
    zipped = package(lesson)
    page = zipped.read("index.html").decode()
    assert 'alert("x")' not in page and "<img" not in page and 'alert("t")' not in page
    manifest = zipped.read("imsmanifest.xml").decode()
    assert "<script>" not in manifest and "&lt;script&gt;" in manifest
