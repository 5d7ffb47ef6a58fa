from __future__ import annotations

from service.quality import ScoringContext
from tests.quality.checks.run import run_check


def test_a_lesson_that_builds_on_the_goal_passes() -> None:
    context = ScoringContext(development_goal="Ik wil accudiagnose leren en accuspecialist worden.")
    text = "## Leerdoel\nNa dit gesprek kun je zelf accudiagnose doen, op weg naar accuspecialist."
    assert run_check("goal_alignment", text, context).passed is True


def test_a_generic_lesson_fails() -> None:
    context = ScoringContext(development_goal="I want to present the cargo range to dealers.")
    text = "## Objective\nYou can plan your week so the three most important tasks come first."
    assert run_check("goal_alignment", text, context).passed is False


def test_without_a_goal_it_is_unscored() -> None:
    assert run_check("goal_alignment", "Anything.").passed is None
