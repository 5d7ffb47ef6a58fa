"""What an output was made of: its parts, the ones code wrote after the model failed, and the
ones whose words the leader's account does not support.

The coach's results say who wrote each part (``parts``, each with an ``origin``: ``leader``,
``translated``, ``coach`` or ``fallback``) and which parts fell back (``fallbacks``). Results
made before those fields existed have neither, so both are read when present; without
``parts``, the Markdown's title and sections stand in for them. Only the coach's and the
fallbacks' own words are held to the account: the leader's sentences are theirs, and a
translation cannot be compared word for word.

Duck-typed on purpose: every job's result type is read alike, and the eval must keep reading
older results.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from service.coach.making.fallbacks import code_frames
from service.coach.making.parts import is_missing_text
from service.knowledge.citations import as_read
from service.quality import Rubric, parse_document
from service.quality.checks.faithfulness import unsupported_claims
from service.vocabulary import Language

from .result import PartsCheck

FAITHFUL_CHECKER = "faithful_to_account"
MISSING = "missing"
"""A part the account had nothing for: its text is the coach's question to the leader, not
reader-facing text (counted apart, as ``PartsCheck.missing``)."""
CHECKED_ORIGINS = frozenset({"coach", "fallback"})
"""Parts written by the model or by code: the ones that can say what the leader did not."""


@dataclass(frozen=True)
class OutputPart:
    """One part of an output as the eval reads it."""

    name: str
    text: str
    origin: str | None
    """``None`` when the result does not say who wrote it (read from the Markdown)."""
    section: str | None = None
    """The section key it was read from, for results without ``parts``."""


def faithful_sections(rubric: Rubric) -> tuple[str, ...] | None:
    """The section keys a rubric's faithfulness criterion reads (empty: all of it), or
    ``None`` when the rubric has none (questions make no claims about what happened)."""
    for criterion in rubric.criteria:
        if criterion.checker == FAITHFUL_CHECKER:
            return tuple(criterion.params.get("sections", ()))
    return None


def output_parts(result: object, text: str) -> list[OutputPart]:
    """The result's own parts; else its Markdown title, and per section its paragraphs and
    each list item (a question, a key point: the unit a step writes and a fallback replaces)."""
    parts = getattr(result, "parts", None)
    if parts:
        return [
            OutputPart(
                name=str(getattr(p, "name", "")),
                text=str(getattr(p, "text", "")),
                origin=str(getattr(p, "origin", "")) or None,
            )
            for p in parts
        ]
    document = parse_document(text)
    found = [OutputPart("title", document.title, None)] if document.title else []
    for index, section in enumerate(document.sections):
        name = section.key or section.heading or f"section-{index}"
        if section.paragraphs:
            said = "\n".join(section.paragraphs)
            origin = MISSING if is_missing_text(said) else None  # asked of the leader
            found.append(OutputPart(name, said, origin, section.key))
        for number, item in enumerate(section.items, 1):
            origin = MISSING if is_missing_text(item) else None  # key points asked of the leader
            found.append(OutputPart(f"{name}.{number}", item, origin, section.key))
    return found


def _to_check(
    parts: Sequence[OutputPart], fallbacks: set[str], sections: tuple[str, ...] | None
) -> list[OutputPart]:
    if any(p.origin is not None for p in parts):
        return [p for p in parts if p.origin in CHECKED_ORIGINS or p.name in fallbacks]
    if sections is None:
        return []
    return [p for p in parts if not sections or p.section in sections]


FRAME_PLACEHOLDER = re.compile(r"\{\w+\}")
MIN_FRAME_WORDS = 3
"""A frame's fixed run of words shorter than this is not removed (it could be the leader's)."""


@cache
def frame_runs() -> tuple[str, ...]:
    """The fixed runs of words of every code frame in both languages, longest first."""
    runs = {
        run.strip(" .,:;“”[]")
        for language in Language
        for template in code_frames(language)
        for run in FRAME_PLACEHOLDER.split(template)
    }
    return tuple(
        sorted((r for r in runs if len(r.split()) >= MIN_FRAME_WORDS), key=len, reverse=True)
    )


def without_frames(text: str) -> str:
    """``text`` without the words of code's frames ("It shows what our value … means in
    practice"): they are the coach's framing, not a claim about the leader; what fills a
    frame (the value's title, the story's sentence) is still held to the account. Before,
    every lesson's "why it matters" counted as unfaithful for the frame alone (22 of 102 on
    the corpus stories, 2026-11-30). A link is read as its text: its address is not a claim
    ("/corpus/value-…" read as the word "corpus")."""
    text = as_read(text)
    for run in frame_runs():
        text = text.replace(run, " ")
    return text


def check_parts(
    result: object,
    text: str,
    *,
    account: str,
    allowed: str = "",
    sections: tuple[str, ...] | None = None,
) -> PartsCheck:
    """Count an output's parts and fallbacks, and hold its written parts to the account.

    Args:
        result: the coach's result; ``parts`` and ``fallbacks`` are read when present.
        text: the output's Markdown, for results without ``parts``.
        account: the leader's own account.
        allowed: text a part may also draw on (cited values, the story a lesson is made
            from); never the priority, whose targets are not the leader's results.
        sections: for results without ``parts``, the section keys held to the account (see
            ``faithful_sections``); ``None`` checks none.
    """
    every = output_parts(result, text)
    missing = [p.name for p in every if p.origin == MISSING]
    parts = [p for p in every if p.origin != MISSING]
    fallbacks = [str(name) for name in getattr(result, "fallbacks", None) or ()]
    fallbacks += [p.name for p in parts if p.origin == "fallback" and p.name not in fallbacks]
    checked = _to_check(parts, set(fallbacks), sections)
    unfaithful: dict[str, list[str]] = {}
    for part in checked:
        found = unsupported_claims(without_frames(part.text), account, allowed=allowed)
        if found:
            unfaithful[part.name] = found
    return PartsCheck(
        missing=missing,
        # Fallbacks are named by the step that wrote them ("questions.2.reflection"), not by
        # the Markdown part they became: never count fewer parts than fallbacks.
        total=max(len(parts), len(set(fallbacks))),
        fallbacks=list(dict.fromkeys(fallbacks)),
        chosen=[str(name) for name in getattr(result, "chosen", None) or ()],
        checked=len(checked),
        unfaithful=unfaithful,
    )
