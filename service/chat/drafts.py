"""A draft's parts: what each part says and who wrote it, kept with the draft, edited before
saving.

The coach promises to put no words in a leader's mouth, so a draft is kept not only as its
Markdown but as its parts in reading order (title, sections, core message, why it matters,
call to action), each with its ``Origin``: the leader's own words, translated, the coach's,
or code's fallback. A page can then show who wrote what after a reload, and the leader can
change any part before saving; a part they changed is their own words from then on.

Each part has a *key* that names it within its draft ("title", "section-2", "core_message"):
what an edit names and what a refused edit's error names as its field.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ValidationError

from service.coach import Origin, Part
from service.coach.story import Story
from service.errors import InvalidInput
from service.store.limits import TITLE_CHARS

log = logging.getLogger(__name__)

PART_CHARS = 4_000
"""A part the leader edits: a section holds at most a few hundred words; this leaves room."""
MAX_EDITS = 40
"""More edits than any draft has parts is a broken client, not a leader."""
_BLANK_LINES = re.compile(r"\n\s*\n\s*")
_CITED_VALUE = re.compile(r"\[value-[a-z0-9-]+\]|\]\(/corpus/value-[a-z0-9-]+\)")
_WORDS = re.compile(r"\w+")


class FallbackSource(StrEnum):
    """What code built a fallback part from, so its mark can say so honestly."""

    OWN_WORDS = "own_words"
    """A sentence the leader wrote (it is in the draft's own-words sections)."""
    COMPANY_VALUE = "company_value"
    """A company value's words, cited."""
    PLAIN = "plain"
    """A plain stand-in of code's own (the priority's title, a generic suggestion)."""


class DraftParts(BaseModel):
    """A draft's parts in reading order, the fallbacks among them, and the coach's notes."""

    parts: list[Part]
    fallbacks: list[str] = []
    """Names of the parts code composed after the model's candidates failed."""
    notes: list[str] = []
    """What the coach could not do and did instead, in the draft's language."""

    def keys(self) -> list[str]:
        return part_keys(self.parts)

    def part(self, name: str) -> Part | None:
        return next((p for p in self.parts if p.name == name), None)

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def story_parts(story: Story) -> DraftParts | None:
    """The parts of a story from the coach, or ``None`` when it does not list them."""
    if not story.parts:
        return None
    return DraftParts(parts=story.parts, fallbacks=story.fallbacks, notes=story.notes)


def read_parts(stored: Mapping[str, Any] | None) -> DraftParts | None:
    """Kept parts as ``DraftParts``; ``None`` when none were kept, or when they no longer
    read (logged): the draft is then shown as its Markdown, which is always kept too."""
    if not stored:
        return None
    try:
        return DraftParts.model_validate(stored)
    except ValidationError as exc:
        log.warning("kept draft parts do not read; showing the Markdown instead: %s", exc)
        return None


def part_keys(parts: Sequence[Part]) -> list[str]:
    """A key per part: its name, numbered from 1 where a draft has several (sections)."""
    counts: dict[str, int] = {}
    for part in parts:
        counts[part.name] = counts.get(part.name, 0) + 1
    seen: dict[str, int] = {}
    keys = []
    for part in parts:
        seen[part.name] = seen.get(part.name, 0) + 1
        keys.append(f"{part.name}-{seen[part.name]}" if counts[part.name] > 1 else part.name)
    return keys


def fallback_source(part: Part, parts: Sequence[Part]) -> FallbackSource | None:
    """What a fallback ``part`` was built from (``None`` for other parts): the leader's own
    words when its words all run, in order, through one of their sections; a company value
    when it cites one; otherwise a plain stand-in. Read from the text, since a part does not
    name its source, and cautious: it claims the leader's words only when they are there."""
    if part.origin is not Origin.FALLBACK:
        return None
    if _CITED_VALUE.search(part.text):
        return FallbackSource.COMPANY_VALUE
    said = " ".join(_words(p.text) for p in parts if _is_own(p) and p is not part)
    own = _words(part.text)
    return FallbackSource.OWN_WORDS if own and f" {own} " in f" {said} " else FallbackSource.PLAIN


def _is_own(part: Part) -> bool:
    return part.name == "section" and part.origin in (Origin.LEADER, Origin.TRANSLATED)


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def edit_parts(draft: DraftParts, edits: Mapping[str, str]) -> DraftParts:
    """``draft`` with the leader's ``edits`` (key -> new text); an edited part is the leader's.

    A text that differs from the draft's only in spacing is not an edit.

    Raises:
        InvalidInput: naming ``parts.<key>``: a key the draft does not have, an empty text,
            or one too long.
    """
    keys = draft.keys()
    if len(edits) > MAX_EDITS:
        raise InvalidInput("parts", "too_many_edits", most=MAX_EDITS)
    for key in edits:
        if key not in keys:
            raise InvalidInput(f"parts.{key}", "no_such_part", parts=", ".join(keys))
    changed = []
    for key, part in zip(keys, draft.parts, strict=True):
        if key not in edits:
            changed.append(part)
            continue
        text = _checked(f"parts.{key}", part.name, edits[key])
        if text == _tidy(part.name, part.text):
            changed.append(part)
        else:
            changed.append(part.model_copy(update={"text": text, "origin": Origin.LEADER}))
    fallbacks = [p.name for p in changed if p.origin is Origin.FALLBACK]
    return DraftParts(parts=changed, fallbacks=fallbacks, notes=draft.notes)


def compose_markdown(parts: Sequence[Part]) -> str:
    """The story as Markdown, laid out as the coach lays out a draft: ``# title``, a
    ``## heading`` per section, then ``**label:** text`` lines (which saving reads back)."""
    blocks = []
    for part in parts:
        if part.name == "title":
            blocks.append(f"# {part.text}")
        elif part.name == "section":
            blocks.append(f"## {part.label}\n\n{part.text}")
        else:
            blocks.append(f"**{part.label}:** {part.text}")
    return "\n\n".join(blocks)


def _checked(field: str, name: str, text: str) -> str:
    tidy = _tidy(name, text)
    if not tidy:
        raise InvalidInput(field, "empty")
    limit = TITLE_CHARS if name == "title" else PART_CHARS
    if len(tidy) > limit:
        raise InvalidInput(field, "too_long", most=limit, count=len(tidy))
    return tidy


def _tidy(name: str, text: str) -> str:
    """Spacing as the Markdown needs it: a section keeps its paragraphs; every other part is
    one line (a heading or a ``**label:**`` line would break at a newline)."""
    if name != "section":
        return " ".join(text.split())
    paragraphs = _BLANK_LINES.split(text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
