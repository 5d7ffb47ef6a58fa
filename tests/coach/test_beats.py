from __future__ import annotations

from service.coach.making.beats import assign_beats
from service.coach.structures import Beat, StoryStructure, pick_structure
from service.vocabulary import Language


def test_english_account_sorts_by_cues_and_keeps_order() -> None:
    beats = assign_beats(
        [
            "In May I led the Utrecht workshop.",
            "But we sent three bikes back with the same fault.",
            "A customer called twice.",
            "So I asked Fatima to check every motor log.",
            "Since then repeat visits dropped.",
            "I learned to ask the youngest mechanic first.",
        ]
    )
    assert beats[Beat.SITUATION] == ["In May I led the Utrecht workshop."]
    assert beats[Beat.SETBACK] == [
        "But we sent three bikes back with the same fault.",
        "A customer called twice.",
    ]
    assert beats[Beat.ACTION] == ["So I asked Fatima to check every motor log."]
    assert beats[Beat.CHANGE] == ["Since then repeat visits dropped."]
    assert beats[Beat.WHY] == ["I learned to ask the youngest mechanic first."]


def test_dutch_account() -> None:
    beats = assign_beats(
        [
            "Vorig jaar leidde ik de klantenservice.",
            "Maar honderd klachten bleven een week liggen.",
            "Ik besloot elke ochtend een kwartier te overleggen.",
            "Sindsdien krijgt iedereen binnen een dag antwoord.",
        ]
    )
    assert [len(beats[b]) for b in Beat] == [1, 1, 1, 1, 0]


def test_structure_choice_follows_the_account() -> None:
    full = {
        Beat.SITUATION: ["a"],
        Beat.SETBACK: ["b"],
        Beat.ACTION: ["c"],
        Beat.CHANGE: ["d"],
        Beat.WHY: [],
    }
    assert pick_structure(full, Language.EN)[0] is StoryStructure.STORY_SPINE
    no_setback = {**full, Beat.SETBACK: []}
    structure, reason = pick_structure(no_setback, Language.NL)
    assert structure is StoryStructure.WHAT_IS_WHAT_COULD_BE and "tegenslag" in reason
