"""A lesson as a SCORM 1.2 content package: ``imsmanifest.xml`` at the root and one SCO.

ADL SCORM 1.2 Content Aggregation Model: the manifest's default organisation holds one item
whose ``identifierref`` points at one resource of ``adlcp:scormtype="sco"``; that resource's
``href`` is the launch page and every file it uses is listed. The lesson's title is the
organisation's and the item's, and the manifest's inline IMS metadata (LOM 1.2.1) carries the
title again with the lesson's language, so an LMS can show and file it.

Built with the standard library (``xml.etree`` for the XML, ``zipfile`` for the package): the
manifest is a fixed, small shape that needs namespaces and escaping, nothing a dependency would
add; and a package made of standard parts is easy to open and check in a test. The ADL schema
files (``.xsd``) are not bundled: the manifest points at them by their standard names, as
authoring tools do, and LMSs ship their own copies.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET

from .page import lesson_page
from .source import ExportableLesson

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATIONS = (
    f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"
)
LAUNCH_PAGE = "index.html"
MAX_TITLE = 200
"""The title's length in the ADL schema (``title`` of an item: up to 200 characters)."""

ET.register_namespace("", IMSCP)
ET.register_namespace("adlcp", ADLCP)
ET.register_namespace("imsmd", IMSMD)
ET.register_namespace("xsi", XSI)


def _element(parent: ET.Element, namespace: str, tag: str, text: str | None = None) -> ET.Element:
    child = ET.SubElement(parent, f"{{{namespace}}}{tag}")
    if text is not None:
        child.text = text
    return child


def _metadata(parent: ET.Element, lesson: ExportableLesson) -> None:
    metadata = _element(parent, IMSCP, "metadata")
    _element(metadata, IMSCP, "schema", "ADL SCORM")
    _element(metadata, IMSCP, "schemaversion", "1.2")
    general = _element(_element(metadata, IMSMD, "lom"), IMSMD, "general")
    title = _element(_element(general, IMSMD, "title"), IMSMD, "langstring", lesson.title)
    title.set(XML_LANG, lesson.language.value)
    _element(general, IMSMD, "language", lesson.language.value)
    description = _element(general, IMSMD, "description")
    _element(description, IMSMD, "langstring", lesson.description).set(
        XML_LANG, lesson.language.value
    )


def manifest(lesson: ExportableLesson) -> bytes:
    """``imsmanifest.xml`` for ``lesson``: one organisation, one item, one SCO resource."""
    identifier = f"storycoach-{lesson.key}"
    root = ET.Element(
        f"{{{IMSCP}}}manifest",
        {"identifier": identifier, "version": "1.0", f"{{{XSI}}}schemaLocation": SCHEMA_LOCATIONS},
    )
    _metadata(root, lesson)
    organisations = _element(root, IMSCP, "organizations")
    organisations.set("default", "organisation")
    organisation = _element(organisations, IMSCP, "organization")
    organisation.set("identifier", "organisation")
    _element(organisation, IMSCP, "title", lesson.title[:MAX_TITLE])
    item = _element(organisation, IMSCP, "item")
    item.set("identifier", "item-lesson")
    item.set("identifierref", "resource-lesson")
    item.set("isvisible", "true")
    _element(item, IMSCP, "title", lesson.title[:MAX_TITLE])
    resources = _element(root, IMSCP, "resources")
    resource = _element(resources, IMSCP, "resource")
    resource.set("identifier", "resource-lesson")
    resource.set("type", "webcontent")
    resource.set(f"{{{ADLCP}}}scormtype", "sco")
    resource.set("href", LAUNCH_PAGE)
    _element(resource, IMSCP, "file").set("href", LAUNCH_PAGE)
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written


def scorm12_package(lesson: ExportableLesson) -> bytes:
    """The zip an LMS imports: ``imsmanifest.xml`` at the root and the SCO's launch page."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("imsmanifest.xml", manifest(lesson))
        package.writestr(LAUNCH_PAGE, lesson_page(lesson, "scorm12"))
    return buffer.getvalue()
