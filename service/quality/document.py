"""Markdown as people write it, read into parts: headings, bold labels, lists and paragraphs.

The checks never see raw Markdown. A lesson written with "## Leerdoel", one with
"**Objective:** ..." and one with "Objective:" on its own line all give a section keyed
``objective``, so a check is written once for every shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from service.knowledge.languages import words

from .headings import is_known_label, section_key

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LABEL = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*([:.]?)\s*(.*)$")
_PLAIN_LABEL = re.compile(r"^\s*([^\W\d][^:]{0,40}):\s*(.*)$")
_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_MAX_LABEL_WORDS = 6


@dataclass
class Section:
    """One part of a document: its heading as written, its key if known, and its content."""

    heading: str
    key: str | None
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The section's content (paragraphs, then list items) as plain text."""
        return "\n".join([*self.paragraphs, *self.items])

    @property
    def is_empty(self) -> bool:
        return not words(self.text)


@dataclass
class ParsedDocument:
    """A Markdown document read into sections. ``body`` is the text without front matter."""

    body: str
    title: str | None = None
    sections: list[Section] = field(default_factory=list)
    front_matter: dict[str, object] = field(default_factory=dict)

    @property
    def word_count(self) -> int:
        return len(words(self.body))

    @property
    def is_empty(self) -> bool:
        return self.word_count == 0

    def section(self, key: str) -> Section | None:
        """The first non-empty section with this key, if any."""
        return next((s for s in self.sections if s.key == key and not s.is_empty), None)

    def sections_with(self, key: str) -> list[Section]:
        return [s for s in self.sections if s.key == key]

    @property
    def paragraphs(self) -> list[str]:
        return [p for s in self.sections for p in s.paragraphs]

    @property
    def items(self) -> list[str]:
        return [i for s in self.sections for i in s.items]

    @property
    def prose(self) -> str:
        """All content without headings: what a reader reads."""
        return "\n".join(s.text for s in self.sections)

    @property
    def declared_language(self) -> str | None:
        value = self.front_matter.get("language")
        return value if isinstance(value, str) else None


def _front_matter(text: str) -> tuple[dict[str, object], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        data = None  # broken front matter is still not content
    return (data if isinstance(data, dict) else {}), text[match.end() :]


def _label(line: str) -> tuple[str, str] | None:
    """A bold label ("**Doel.** Per 1 september...") or a known plain one ("Objective: ...")."""
    bold = _BOLD_LABEL.match(line)
    if bold:
        inner, rest = bold.group(1).strip(), bold.group(3).strip()
        label = inner.rstrip(":.").strip()
        punctuated = bool(bold.group(2)) or inner.endswith((":", "."))
        short = len(label.split()) <= _MAX_LABEL_WORDS
        if short and (not rest or punctuated or section_key(label) is not None):
            return label, rest
    plain = _PLAIN_LABEL.match(line)
    if plain and is_known_label(plain.group(1)):
        return plain.group(1).strip(), plain.group(2).strip()
    return None


class _Reader:
    """Walks the lines once; paragraphs end at blank lines, items continue on indented lines."""

    def __init__(self, document: ParsedDocument) -> None:
        self.document = document
        self.current = Section(heading="", key=None)
        self.document.sections.append(self.current)
        self.lines: list[str] = []
        self.in_item = False

    def flush(self) -> None:
        if self.lines:
            joined = " ".join(line.strip() for line in self.lines)
            if self.in_item:
                self.current.items.append(joined)
            else:
                self.current.paragraphs.append(joined)
        self.lines, self.in_item = [], False

    def open_section(self, heading: str) -> None:
        self.flush()
        self.current = Section(heading=heading, key=section_key(heading))
        self.document.sections.append(self.current)

    def feed(self, line: str) -> None:
        if not line.strip():
            self.flush()
            return
        if atx := _ATX.match(line):
            heading = atx.group(2).strip()
            if len(atx.group(1)) == 1 and self.document.title is None and not section_key(heading):
                self.flush()
                self.document.title = heading
                return
            self.open_section(heading)
            return
        if (label := _label(line)) is not None:
            self.open_section(label[0])
            if label[1]:
                self.feed(label[1])
            return
        if item := _ITEM.match(line):
            self.flush()
            self.in_item = True
            self.lines.append(item.group(1))
            return
        self.lines.append(line)


def parse_document(text: str) -> ParsedDocument:
    """Read Markdown into sections; any text at all parses, an empty one gives no sections."""
    meta, body = _front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    document = ParsedDocument(body=body.strip(), front_matter=meta)
    reader = _Reader(document)
    for line in body.split("\n"):
        reader.feed(line)
    reader.flush()
    document.sections = [s for s in document.sections if s.heading or not s.is_empty]
    return document
