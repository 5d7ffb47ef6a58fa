"""Shape: is a part a whole sentence (or a whole phrase, for a title), and free of ids?

A clause cut out of a leader's sentence reads as broken ("Ik een middag zelf meekeek", cut from
"Toen ik een middag zelf meekeek, zag ik …"), and so does a sentence that stops on "by" or
"de". A part is compared with the sentences it may come from: when it starts inside one of
them, after words that cannot be dropped, it is a fragment. Only coordinating conjunctions can
be dropped ("And we …" → "We …"); Dutch "toen" or "dus" put the verb first, so without them
the sentence breaks.
"""

from __future__ import annotations

import re

from service.knowledge.citations import as_read, cited_ids
from service.knowledge.languages import words
from service.quality.checks.sources import CITATION
from service.quality.signals import sentences

from .lexicon import lexicon
from .parts import PHRASE_ROLES, PartContext, ReadPart, Role
from .told import refers_back

_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]{3,})[\u201d\"]")
_MARKUP = re.compile(r"^[\s*_#>\-]+|[\s*_]+$")
_BRACKETED_ID = re.compile(r"\[[a-z][a-z0-9]*(?:-[a-z0-9]+)+\]")


def raw_ids(text: str) -> list[str]:
    """Internal ids a reader would see: ``value-open-knowledge``, ``[lesson-x-8]`` (not the
    target of a citation link, which a reader sees as the document's title)."""
    shown = as_read(text)
    return list(dict.fromkeys([*CITATION.findall(shown), *_BRACKETED_ID.findall(shown)]))


def plain(text: str) -> str:
    """A part as a reader reads it: one line, links as their titles, no Markdown marks."""
    return _MARKUP.sub("", " ".join(as_read(text).split()))


def titles(context: PartContext) -> set[str]:
    """The output's titles as a reader reads them: a frame may name the story by its title."""
    return {plain(p.text).strip() for p in context.parts if p.role is Role.TITLE}


_LABEL = re.compile(r"^\s*\*\*[^*\n]+:\*\*\s*")


def material_sentences(text: str) -> list[str]:
    """The sentences of an account or a story, line by line: a Markdown heading or a part's
    line ends what comes before it. Read as one line, a story's "## Daardoor" ran into the
    sentences around it, so each of its sentences looked cut out of a longer one and a lesson
    built on a story could quote none of them as what worked. A part's label ("**Waarom het
    ertoe doet:**") is not part of its sentence: read with it, a lesson's "why it matters"
    that says what the story's does looked cut out of it (labels-v17: 12 of 14 fragments the
    detectors flagged on tune)."""
    return [s for line in text.splitlines() for s in sentences(plain(_LABEL.sub("", line)))]


def quoted(text: str) -> list[str]:
    """The text between quotes in a part (a leader's sentence inside a frame)."""
    return [q.strip() for q in _QUOTED.findall(text)]


def _cut_start(piece: list[str], source: list[str], droppable: frozenset[str]) -> bool:
    """``piece`` stands inside ``source`` after words that cannot be dropped."""
    size = len(piece)
    for start in range(1, len(source) - size + 1):
        if source[start : start + size] == piece:
            return not set(source[:start]) <= droppable
    return False


def _starts_at_sentence(piece: list[str], source: list[str]) -> bool:
    return source[: len(piece)] == piece


def cut_from(text: str, material: list[str], droppable: frozenset[str]) -> str | None:
    """The source sentence ``text`` was cut from, when it starts inside one after words that
    cannot be dropped; ``None`` when it is whole (or not taken from ``material``)."""
    piece = words(text)
    if len(piece) < 2:
        return None
    sources = [words(s) for s in material]
    if any(_starts_at_sentence(piece, s) for s in sources):
        return None
    for sentence, source in zip(material, sources, strict=True):
        if _cut_start(piece, source, droppable):
            return sentence
    return None


def fragment(part: ReadPart, context: PartContext) -> str | None:
    """Why ``part`` is not a whole sentence or phrase, or ``None``."""
    text = plain(part.text)
    if not words(text):
        return "empty"
    said = lexicon(context.language)
    if part.role not in PHRASE_ROLES and part.role is not Role.BODY and not _END.search(text):
        return "does not end as a sentence does"
    first = text.lstrip("\"'\u201c\u2018(")
    if first[:1].islower():
        return "starts in the middle of a sentence"
    last = words(text)[-1]
    if last in said.dangling:
        return f"stops on '{last}'"
    if text.count("\u201c") != text.count("\u201d") or text.count('"') % 2:
        return "a quotation mark is not closed"
    if part.role is Role.BODY:
        return None
    if part.role is Role.TITLE and refers_back(text):
        return "it leans on a sentence before it"
    material = material_sentences(f"{context.account}\n{context.story}")
    droppable = said.droppable
    pieces = [text] if part.role in PHRASE_ROLES else sentences(text)
    cited = [q for q in quoted(part.text) if not cited_ids(q)]  # a cited title is whole
    for piece in [*pieces, *cited]:
        inner = piece.strip(" \"'\u201c\u201d\u2018\u2019")
        if inner[:1].islower():
            return f"'{inner}' starts in the middle of a sentence"
        source = cut_from(inner, material, droppable)
        if source is not None:
            return f"'{inner}' is cut out of '{source}'"
    return None
