"""What a card prints of a story: plain paragraphs, and a short form of whole paragraphs and
sentences (never a clause cut out of one) when the story is longer than a card holds."""

from __future__ import annotations

from service.cards import printed_story
from service.cards.story_text import (
    FULL_WORDS,
    OMITTED,
    SHORT_WORDS,
    sentences,
    story_blocks,
    word_count,
)


def paragraph(number: int, words: int) -> str:
    """A paragraph of ``words`` words in whole sentences of ten, named by ``number``."""
    sentence = f"Paragraph {number} says one thing about the day we kept the promise."
    assert word_count(sentence) == 12
    return " ".join([sentence] * (words // 12))


def test_markup_goes_and_the_words_stay() -> None:
    text = "## What happened\n\nI **promised** a call\nand _missed_ it.\n\n- one\n- `two`\n"
    assert story_blocks(text) == [
        "What happened",
        "I promised a call and missed it.",
        "• one",
        "• two",
    ]


def test_a_story_that_fits_is_printed_whole() -> None:
    text = "\n\n".join(paragraph(n, 96) for n in range(4))
    assert word_count(text) <= FULL_WORDS
    printed = printed_story(text)
    assert not printed.short_form
    assert printed.blocks == [paragraph(n, 96) for n in range(4)]


def test_a_long_story_keeps_whole_paragraphs_from_the_start_and_its_last_one() -> None:
    blocks = [paragraph(n, 96) for n in range(8)] + ["What I learned: ask the line first."]
    printed = printed_story("\n\n".join(blocks))
    assert printed.short_form
    kept = printed.blocks
    assert kept[-1] == blocks[-1] and kept[-2] == OMITTED
    assert kept[:-2] == blocks[: len(kept) - 2]  # whole paragraphs, in order, from the start
    assert sum(word_count(b) for b in kept if b != OMITTED) <= SHORT_WORDS


def test_a_first_paragraph_longer_than_the_card_gives_its_first_whole_sentences() -> None:
    long_one = paragraph(1, 600)
    printed = printed_story(long_one + "\n\nThe end.")
    first = printed.blocks[0]
    assert printed.short_form and printed.blocks[1:] == [OMITTED, "The end."]
    assert long_one.startswith(first) and first.endswith(".")
    assert word_count(first) <= SHORT_WORDS


def test_sentences_end_at_their_own_punctuation() -> None:
    text = 'She said "I wait." Then what? We called. In 2026 it was 81%.'
    assert sentences(text) == [
        'She said "I wait."',
        "Then what?",
        "We called.",
        "In 2026 it was 81%.",
    ]
