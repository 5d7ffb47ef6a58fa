from __future__ import annotations

from tests.quality.checks.run import run_check

LESSON = """\
## Objective
You can sort a queue.

## Waarom
Omdat klanten wachten.

## Key points
- one
- two
- three

## Oefening
Sort twenty tickets.

## Recall
What did you sort?
"""


def test_word_count_limits() -> None:
    assert run_check("word_count", "word " * 50, max_words=400).passed is True
    too_long = run_check("word_count", "word " * 401, max_words=400)
    assert too_long.passed is False and "401 words" in too_long.reason
    assert run_check("word_count", "word " * 10, min_words=120).passed is False


def test_required_sections_under_any_language() -> None:
    sections = ["objective", "why", "key_points", "practice", "recall"]
    assert run_check("required_sections", LESSON, sections=sections).passed is True
    missing = run_check("required_sections", LESSON, sections=[*sections, "reflection"])
    assert missing.passed is False and "reflection" in missing.reason


def test_an_empty_section_counts_as_missing() -> None:
    text = "## Objective\nYou can sort.\n\n## Practice\n\n## Recall\nWhat?"
    outcome = run_check("required_sections", text, sections=["objective", "practice"])
    assert outcome.passed is False


def test_item_count() -> None:
    assert run_check("item_count", LESSON, section="key_points", min_items=3).passed is True
    outcome = run_check("item_count", LESSON, section="key_points", min_items=1, max_items=2)
    assert outcome.passed is False


def test_story_shape() -> None:
    story = "\n\n".join(["I did this on a Monday morning in the workshop, and then more."] * 3)
    assert run_check("story_shape", story).passed is True
    listed = "- I did this.\n- Then that happened to us.\n- We learned a lot from it all."
    assert run_check("story_shape", listed).passed is False
    assert (
        run_check("story_shape", "One paragraph only, with more than eight words.").passed is False
    )
