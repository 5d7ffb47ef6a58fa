from __future__ import annotations

import pytest

from service.coach.structures import SECTIONS, Beat, StoryStructure, heading, pick_structure
from service.vocabulary import Language


@pytest.mark.parametrize("language", list(Language))
def test_every_structure_has_its_headings_and_reason_in_each_language(language: Language) -> None:
    assert set(SECTIONS) == set(StoryStructure)
    for structure, sections in SECTIONS.items():
        titles = [heading(structure, section, language) for section, _ in sections]
        assert all(titles) and len(set(titles)) == len(titles), structure


def test_every_beat_has_a_place_in_every_structure() -> None:
    for structure, sections in SECTIONS.items():
        placed = [beat for _, beats in sections for beat in beats]
        assert sorted(placed) == sorted(Beat), structure


@pytest.mark.parametrize(
    ("told", "expected"),
    [
        ({Beat.SITUATION, Beat.ACTION}, StoryStructure.WHAT_IS_WHAT_COULD_BE),
        ({Beat.SETBACK, Beat.CHANGE}, StoryStructure.STORY_SPINE),
        ({Beat.SETBACK}, StoryStructure.SCQA),
    ],
)
def test_the_coach_picks_a_structure_and_says_why(
    told: set[Beat], expected: StoryStructure
) -> None:
    beats = {beat: ["A sentence."] if beat in told else [] for beat in Beat}
    choice, reason = pick_structure(beats, Language.NL)
    assert choice is expected
    assert reason and reason != pick_structure(beats, Language.EN)[1]
