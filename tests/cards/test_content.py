"""What a card says: the story's own words, and fixed words in the story's language."""

from __future__ import annotations

from service.cards import card_questions, session_card
from service.vocabulary import Language
from service.words import load_words
from tests.cards.factories import ADDRESS, STORY, kept, story


def fixed(language: Language) -> list[str]:
    words = load_words("card", language).section("questions_fallback")
    return [words[kind] for kind in ("understanding", "reflection", "application")]


def test_the_team_s_kept_questions_come_first_then_fixed_ones() -> None:
    sets = [
        kept(Language.NL, "Waarom tekende ze af?"),
        kept(Language.EN, "Why did she sign?", "What did you do the last time?"),
        kept(Language.EN, "Why did she sign?", "How will you hold a batch?"),
    ]
    assert card_questions(sets, Language.EN) == [
        "Why did she sign?",
        "What did you do the last time?",
        "How will you hold a batch?",
    ]
    assert card_questions(sets, Language.NL) == ["Waarom tekende ze af?", *fixed(Language.NL)[:2]]
    assert card_questions([], Language.EN) == fixed(Language.EN)


def test_the_card_is_the_story_s_own_in_its_language() -> None:
    card = session_card(story(Language.NL, told_by="Youssef"), [], ADDRESS)
    words = load_words("card", Language.NL)
    assert card.language is Language.NL
    assert card.title == "The batteries I signed off myself"
    assert card.byline == words["told_by"].format(name="Youssef")
    assert card.core_message == "If I break the rule myself, nobody takes it seriously."
    assert card.story == [" ".join(p.split()) for p in STORY.split("\n\n")]
    assert not card.short_form
    assert card.labels["try_this_week"] == "Wat we deze week proberen"
    assert ADDRESS in card.labels["footer"]
    bounds = [(0, 3), (3, 5), (5, 12), (12, 15)]  # fifteen minutes in all
    assert [step.minutes for step in card.steps] == [
        words["minutes"].format(start=start, end=end) for start, end in bounds
    ]


def test_a_card_without_a_core_message_invents_none() -> None:
    card = session_card(story(core_message=None), [], ADDRESS)
    assert card.core_message is None
    assert card.byline == "By Ilse Kuipers"
