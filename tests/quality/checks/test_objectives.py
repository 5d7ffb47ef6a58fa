from __future__ import annotations

import pytest

from tests.quality.checks.run import run_check


@pytest.mark.parametrize(
    "text",
    [
        "## Objective\nAfter this lesson you can explain why a first answer matters.",
        "## Leerdoel\nNa deze les kun je een accu uitlezen en de fout aan de klant uitleggen.",
        "**Objective:** You can drop-test a new box before it ships.",
        "After this session you can present the range to a dealer in ten minutes.",
        "## Doel\nJe bent in staat om een stopregel op te stellen.",
    ],
)
def test_one_measurable_objective_passes(text: str) -> None:
    assert run_check("single_objective", text).passed is True
    assert run_check("measurable_objective", text).passed is True


@pytest.mark.parametrize(
    "text",
    [
        "## Objective\nAfter this lesson you will understand the importance of listening.",
        "## Objective\nKnow why answering within a day matters.",
        "## Leerdoel\nNa deze les begrijp je waarom minder verpakking belangrijk is.",
        "## Leerdoel\nNa deze les weet je waarom snelle antwoorden belangrijk zijn.",
    ],
)
def test_vague_objectives_are_not_measurable(text: str) -> None:
    outcome = run_check("measurable_objective", text)
    assert outcome.passed is False
    assert outcome.evidence


@pytest.mark.parametrize(
    "text",
    [
        "## Leerdoelen\n- Je kunt uitlezen.\n- Je kunt uitleggen waarom.",
        "## Objective\nAfter this lesson you can refuse a request. You will also be able to"
        " log it.",
        "## Objective\nYou can sort a queue.\n\n## Objective\nYou can write a reply.",
    ],
)
def test_two_objectives_fail(text: str) -> None:
    outcome = run_check("single_objective", text)
    assert outcome.passed is False
    assert "2 objectives" in outcome.reason


def test_no_objective_fails_both() -> None:
    text = "## Why it matters\nBecause riders wait."
    assert run_check("single_objective", text).passed is False
    assert run_check("measurable_objective", text).passed is False
