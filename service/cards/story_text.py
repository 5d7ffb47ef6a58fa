"""A story's Markdown as plain blocks for print, and its short form when it is too long.

A card is one page, so a long story is shortened, the way docs/design.md principle 9 asks: by
whole paragraphs (and, only when the first paragraph alone is too long, by whole sentences),
never by a clause cut out of a sentence. The last paragraph is kept when it fits: in a
leader's story it is most often what they learned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

FULL_WORDS = 400
"""A story this long or shorter is printed whole (every demo story is)."""
SHORT_WORDS = 300
"""The most words a short form holds."""
OMITTED = "…"
"""Stands between the kept paragraphs where the short form left some out."""

_PARSER = MarkdownIt("js-default")
_SENTENCE_END = re.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9\u00c0-\u00dd])"
)
"""The end of a sentence: its punctuation and closing quotes, before a capital or a digit."""


@dataclass(frozen=True)
class StoryText:
    """What a card prints of a story."""

    blocks: list[str]
    """Plain-text paragraphs (a list item starts with a bullet), in the story's order."""
    short_form: bool
    """Whether paragraphs were left out (the card then says where the whole story is)."""


def word_count(text: str) -> int:
    return len(text.split())


def story_blocks(markdown: str) -> list[str]:
    """The story's paragraphs, headings and list items as plain text, markup removed."""
    blocks: list[str] = []
    in_item = False
    for token in _PARSER.parse(markdown):
        if token.type == "list_item_open":
            in_item = True
        elif token.type == "list_item_close":
            in_item = False
        elif token.type == "inline":
            text = " ".join(_inline_text(token.children or []).split())
            if text:
                blocks.append(f"• {text}" if in_item else text)
    return blocks


def _inline_text(children: Sequence[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    return "".join(parts)


def sentences(paragraph: str) -> list[str]:
    """A paragraph's whole sentences, each with its own end punctuation."""
    found, start = [], 0
    for end in _SENTENCE_END.finditer(paragraph):
        found.append(paragraph[start : end.end()].strip())
        start = end.end()
    found.append(paragraph[start:].strip())
    return [sentence for sentence in found if sentence]


def printed_story(markdown: str) -> StoryText:
    """The whole story when it fits a card, else its short form (see the module)."""
    blocks = story_blocks(markdown)
    if sum(word_count(b) for b in blocks) <= FULL_WORDS:
        return StoryText(blocks, short_form=False)
    return StoryText(_short_form(blocks), short_form=True)


def _short_form(blocks: list[str]) -> list[str]:
    last = blocks[-1]
    ending = [last] if word_count(last) <= SHORT_WORDS // 3 else []
    budget = SHORT_WORDS - sum(word_count(b) for b in ending)
    kept: list[str] = []
    for block in blocks[: len(blocks) - len(ending)]:
        if sum(word_count(b) for b in kept) + word_count(block) > budget:
            break
        kept.append(block)
    if not kept:  # the first paragraph alone is too long: its first whole sentences
        first: list[str] = []
        for sentence in sentences(blocks[0]):
            if first and word_count(" ".join([*first, sentence])) > budget:
                break
            first.append(sentence)
        kept = [" ".join(first)]
    return [*kept, OMITTED, *ending]
