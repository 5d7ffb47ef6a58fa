"""Who wrote what after a person edits a lesson: the parts they changed are theirs.

A lesson is edited as one Markdown text (``PATCH /api/lessons/{id}``, the lesson page's edit
form), by its author or by a reviewer. Its kept parts (``service.coach.result_parts``) are then
read back from the new text, section by section under the parts' own headings: a part whose
text is unchanged keeps its origin (a stand-in stays marked as one, with its note); a part
whose text changed is the editor's (``Origin.EDITED``), no longer a stand-in, and its note
goes; a part the editor deleted goes. A list (key points, questions) is matched item by item,
so deleting one key point does not make the others look edited. A missing part the editor
wrote under its heading is no longer missing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import groupby
from typing import Any

from service.coach import Origin
from service.coach.result_parts import ResultPart, ResultParts, read_result_parts
from service.quality import ParsedDocument, Section, parse_document

LISTED = frozenset({"key_point", "question"})
"""Parts shown as the items of one list under one heading."""


def parts_after_edit(stored: Mapping[str, Any] | None, before: str, after: str) -> dict[str, Any]:
    """The kept parts of a lesson whose text went from ``before`` to ``after``."""
    kept = read_result_parts(stored)
    if (not kept.parts and not kept.missing) or _same(before, after):
        return kept.as_json()
    old, new = parse_document(before), parse_document(after)
    parts: list[ResultPart] = []
    for label, group in groupby(kept.parts, key=lambda p: p.label):
        shown = list(group)
        section = _section(new, label)
        if section is None:  # its heading is gone: kept only where its words still stand
            parts += [p for p in shown if _plain(p.text) in _plain(after)]
        elif shown[0].name in LISTED:
            parts += _items_after_edit(shown, _texts(section))
        else:
            parts += _part_after_edit(shown[0], section, _section(old, label))
    return ResultParts(
        parts=parts,
        fallbacks=[p.key for p in parts if p.origin is Origin.FALLBACK],
        notes=_notes_left(kept, parts),
        missing=[m for m in kept.missing if not _written(m.label, old, new)],
    ).as_json()


def _part_after_edit(
    part: ResultPart, section: Section, before: Section | None
) -> list[ResultPart]:
    """One part under its heading: the section's text, without what stood beside the part
    before the edit and still does (a 1:1's quoted goal above its meeting point)."""
    beside = {_plain(t) for t in _texts(before)} - {_plain(part.text)} if before else set()
    text = "\n\n".join(t for t in _texts(section) if _plain(t) not in beside)
    if not text.strip():
        return []
    if _same(text, part.text):
        return [part]
    return [_edited(part, text)]


def _items_after_edit(shown: list[ResultPart], items: list[str]) -> list[ResultPart]:
    """A list's parts after an edit: an item still there keeps its part; the others, in
    order, take the changed items as the editor's; an item the editor added is theirs too."""
    used: set[int] = set()
    matches: list[int | None] = []
    for item in items:
        found = next(
            (n for n, p in enumerate(shown) if n not in used and _same(p.text, item)), None
        )
        if found is not None:
            used.add(found)
        matches.append(found)
    spare = iter([p for n, p in enumerate(shown) if n not in used])
    result = [
        shown[found] if found is not None else _edited(next(spare, shown[0]), item)
        for found, item in zip(matches, items, strict=True)
    ]
    name = shown[0].name
    return [p.model_copy(update={"key": f"{name}-{n}"}) for n, p in enumerate(result, 1)]


def _edited(part: ResultPart, text: str) -> ResultPart:
    return part.model_copy(update={"text": text, "origin": Origin.EDITED, "note": None})


def _notes_left(kept: ResultParts, parts: list[ResultPart]) -> list[str]:
    """The coach's notes without those of the stand-ins an edit replaced or removed."""
    gone = Counter(p.note for p in kept.parts if p.note)
    gone.subtract(p.note for p in parts if p.note)
    left = []
    for note in kept.notes:
        if gone[note] > 0:
            gone[note] -= 1
        else:
            left.append(note)
    return left


def _written(label: str, old: ParsedDocument, new: ParsedDocument) -> bool:
    """Whether the editor wrote something under ``label`` (a part the coach could not fill)."""
    now, then = _section(new, label), _section(old, label)
    if now is None or now.is_empty:
        return False
    return then is None or not _same(then.text, now.text)


def _section(document: ParsedDocument, label: str) -> Section | None:
    wanted = _plain(label).casefold()
    return next((s for s in document.sections if _plain(s.heading).casefold() == wanted), None)


def _texts(section: Section) -> list[str]:
    return [*section.paragraphs, *section.items]


def _plain(text: str) -> str:
    return " ".join(text.split())


def _same(one: str, other: str) -> bool:
    """The same text but for spacing: not an edit."""
    return _plain(one) == _plain(other)
