from __future__ import annotations

import pytest

from service.chat.drafts import (
    FallbackSource,
    compose_markdown,
    edit_parts,
    fallback_source,
    part_keys,
    read_parts,
)
from service.chat.failures import plain_failure
from service.coach.making.parts import Origin
from service.errors import GenerationFailed, InvalidInput, ModelUnavailable
from service.vocabulary import Language
from tests.chat.drafts import draft_parts
from tests.helpers.wording import wording

CORE, ACTION = wording("story", "labels.core"), wording("story", "labels.action")
"""The labels a composed story puts before its core message and its call to action."""


def test_parts_are_keyed_by_name_numbering_repeats() -> None:
    assert part_keys(draft_parts().parts) == [
        "title",
        "section-1",
        "section-2",
        "section-3",
        "core_message",
        "why_it_matters",
        "call_to_action",
    ]


def test_an_edited_part_becomes_the_leaders_words() -> None:
    draft = draft_parts()
    edited = edit_parts(
        draft,
        {
            "core_message": "  Working longer  hides\nthe real problem, so stop and look. ",
            "section-2": "First paragraph.\n\n\n  Second   paragraph.",
            "title": "I asked the team to work two weekends",  # unchanged: not an edit
        },
    )
    by_key = dict(zip(part_keys(edited.parts), edited.parts, strict=True))
    core = by_key["core_message"]
    assert core.text == "Working longer hides the real problem, so stop and look."
    assert core.origin is Origin.LEADER
    assert by_key["section-2"].text == "First paragraph.\n\nSecond paragraph."
    assert by_key["section-2"].origin is Origin.LEADER
    assert by_key["title"].origin is Origin.COACH
    assert edited.fallbacks == ["why_it_matters", "call_to_action"]

    fixed = edit_parts(edited, {"call_to_action": "Huddle every morning, and say why."})
    assert fixed.fallbacks == ["why_it_matters"]


@pytest.mark.parametrize(
    ("edits", "field", "reason"),
    [
        ({"core_message": "   "}, "parts.core_message", "must not be empty"),
        ({"title": "x" * 201}, "parts.title", "at most 200 characters"),
        ({"section-1": "x" * 4001}, "parts.section-1", "at most 4000 characters"),
        ({"section-9": "New"}, "parts.section-9", "no such part"),
    ],
)
def test_a_bad_edit_names_the_part(edits: dict[str, str], field: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        edit_parts(draft_parts(), edits)
    assert refused.value.field == field and reason in refused.value.reason


def test_markdown_is_composed_as_the_coach_lays_out_a_draft() -> None:
    text = compose_markdown(draft_parts().parts)
    assert text.startswith("# I asked the team to work two weekends\n\n## Once\n\nLast March")
    assert f"\n\n**{CORE}:** Working longer hides the real problem.\n\n" in text
    assert text.endswith(f"**{ACTION}:** Now we huddle every morning.")


def test_a_fallback_says_what_it_was_built_from() -> None:
    parts = draft_parts().parts
    sources = [fallback_source(p, parts) for p in parts]
    assert sources[:5] == [None] * 5  # not fallbacks
    assert sources[5] is FallbackSource.COMPANY_VALUE  # cites a value
    assert sources[6] is FallbackSource.OWN_WORDS  # the leader's own sentence
    plain = parts[6].model_copy(update={"text": "Tell this story to your team this week."})
    assert fallback_source(plain, parts) is FallbackSource.PLAIN


def test_kept_parts_that_no_longer_read_show_the_markdown() -> None:
    assert read_parts(None) is None
    assert read_parts({"parts": [{"name": "title"}]}) is None
    assert read_parts(draft_parts().as_json()) == draft_parts()


@pytest.mark.parametrize(
    ("exc", "language", "words", "retry"),
    [
        (
            GenerationFailed("story.why", "it is not in Dutch (Nederlands)"),
            Language.NL,
            "Het is de coach niet gelukt dit deel te schrijven",
            True,
        ),
        (ModelUnavailable("local", "timed out"), Language.EN, "cannot be reached", True),
        (InvalidInput("account", "too short"), Language.EN, "could not make a story", False),
        (RuntimeError("boom"), Language.NL, "Er ging bij ons iets mis", True),
    ],
)
def test_a_failure_is_told_in_plain_words(
    exc: Exception, language: Language, words: str, retry: bool
) -> None:
    told = plain_failure(exc, language)
    assert words in told.message and told.retry is retry
    for technical in ("story.", "model", "retry", "Nederlands", "boom", "timed out"):
        assert technical not in told.message
