from __future__ import annotations

import json

import pytest

from service.coach.steps import Delta
from service.coach.story import Story, stream_story, write_story
from service.coach.structures import StoryStructure
from service.errors import GenerationFailed, InvalidInput
from service.knowledge import KnowledgeBase, Language
from tests.factories import ACCOUNT
from tests.fakes import FakeModel


def values_in(messages: list[dict[str, str]]) -> list[str]:
    import re

    return re.findall(r"^(value-[a-z-]+):", messages[-1]["content"], re.M)


def replies(core: str = "Answer the customer whose bike is off the road first.") -> list[object]:
    return [
        json.dumps({"title": "The weekends that did not help"}),
        json.dumps({"core_message": core}),
        lambda messages: json.dumps(
            {"value_id": values_in(messages)[0], "why": "We answer fast because waiting hurts."}
        ),
        json.dumps({"call_to_action": "Sort your queue by bikes off the road every morning."}),
    ]


def test_story_keeps_the_leaders_words_and_adds_checked_parts(demo: KnowledgeBase) -> None:
    model = FakeModel(*replies())
    story = write_story(model, demo, "demo", "priority-complaints-one-day", ACCOUNT)
    assert story.language is Language.EN
    assert story.structure is StoryStructure.STORY_SPINE
    assert "turning point" in story.structure_reason
    for sentence in ("I asked the team to work two weekends", "the backlog dropped to 60"):
        assert sentence in story.text
    assert story.text.startswith("# The weekends that did not help")
    assert [s.heading for s in story.sections] == [
        "Once",
        "Until one day",
        "Because of that",
        "Ever since",
    ]
    assert story.values[0].startswith("value-") and story.values[0] in story.meta.retrieved
    assert f"[{story.values[0]}]" in story.text
    assert story.citations == [story.values[0], "priority-complaints-one-day"]
    assert 150 <= story.word_count <= 350 and story.gaps == []
    assert story.meta.calls == 4 and story.meta.invalid_citations_removed == 0


def test_invented_numbers_are_refused_and_retried(demo: KnowledgeBase) -> None:
    bad = json.dumps({"core_message": "We cut waiting by 73% in 2 weeks."})
    model = FakeModel(*replies()[:1], bad, *replies()[1:])
    story = write_story(model, demo, "demo", "priority-complaints-one-day", ACCOUNT)
    assert story.meta.retries == 1
    assert "73%" not in story.text
    retry = model.calls[2]["messages"][-1]["content"]  # type: ignore[index]
    assert "the leader did not say" in retry


def test_the_priority_s_own_numbers_may_be_used(demo: KnowledgeBase) -> None:
    goal = "Answer every complaint within one working day, as our goal for 30 June 2026 asks."
    model = FakeModel(*replies()[:3], json.dumps({"call_to_action": goal}))
    story = write_story(model, demo, "demo", "priority-complaints-one-day", ACCOUNT)
    assert story.meta.retries == 0 and story.call_to_action == goal


def test_a_part_that_stays_wrong_fails_clearly(demo: KnowledgeBase) -> None:
    long = json.dumps({"title": "word " * 30})
    with pytest.raises(GenerationFailed) as caught:
        write_story(FakeModel(long, long), demo, "demo", "Answer complaints fast", ACCOUNT)
    assert caught.value.step == "story.title"


def test_stream_yields_deltas_then_the_story(demo: KnowledgeBase) -> None:
    events = list(
        stream_story(FakeModel(*replies()), demo, "demo", "priority-complaints-one-day", ACCOUNT)
    )
    deltas = [e for e in events if isinstance(e, Delta)]
    assert isinstance(events[-1], Story)
    title = "".join(d.text for d in deltas if d.step == "story.title")
    assert title == "The weekends that did not help"
    assert len([d for d in deltas if d.step == "story.title"]) > 3  # really streamed in pieces


def test_dutch_story_from_an_english_account_translates_sentence_by_sentence(
    demo: KnowledgeBase,
) -> None:
    said = [line for line in ACCOUNT.split(". ") if line]
    translations = [
        json.dumps({"translation": f"Vertaalde zin {i} met de klanten en het team."})
        for i in range(len(said))
    ]
    # numbers must survive translation: give each translation its sentence's numbers
    import re

    translations = [
        json.dumps(
            {"translation": "Dit is de zin " + " ".join(re.findall(r"\d+", s)) + " voor het team."}
        )
        for s in said
    ]
    dutch = [
        json.dumps({"title": "De weekenden die niet hielpen"}),
        json.dumps({"core_message": "Help eerst de klant die niet kan fietsen."}),
        lambda m: json.dumps(
            {"value_id": values_in(m)[0], "why": "Wij antwoorden snel omdat wachten pijn doet."}
        ),
        json.dumps(
            {"call_to_action": "Sorteer elke ochtend de wachtrij op fietsen die stilstaan."}
        ),
    ]
    model = FakeModel(*translations, *dutch)
    story = write_story(
        model, demo, "demo", "priority-complaints-one-day", ACCOUNT, language=Language.NL
    )
    assert story.language is Language.NL
    assert "**Kernboodschap:**" in story.text
    assert story.meta.prompts.count("translate-sentence@1") == len(said)


def test_a_thin_account_is_not_padded_the_coach_asks_instead(demo: KnowledgeBase) -> None:
    thin = (
        "Last year I promised a dealer in Leeds forty bikes by Friday "
        "and they came on Tuesday instead of Friday."
    )
    story = write_story(FakeModel(*replies()), demo, "demo", "priority-uk-dealer-network", thin)
    assert story.word_count < 150
    assert story.gaps and all(g.endswith("?") for g in story.gaps)


def test_chosen_structure_names_its_sections(demo: KnowledgeBase) -> None:
    story = write_story(
        FakeModel(*replies()),
        demo,
        "demo",
        "priority-complaints-one-day",
        ACCOUNT,
        structure=StoryStructure.STAR,
    )
    assert [s.heading for s in story.sections] == ["Situation", "Task", "Action", "Result"]
    assert story.structure_reason == ""


@pytest.mark.parametrize(
    ("account", "field"),
    [("", "account"), ("Too short.", "account"), ("word " * 1501, "account")],
)
def test_bad_account(demo: KnowledgeBase, account: str, field: str) -> None:
    model = FakeModel()
    with pytest.raises(InvalidInput) as caught:
        write_story(model, demo, "demo", "priority-complaints-one-day", account)
    assert caught.value.field == field
    assert model.calls == []


def test_long_parts_keep_whole_sentences_that_fit() -> None:
    from service.coach.field_steps import fit_sentences

    text = "We answer fast. Waiting hurts riders a lot. And this third sentence is one too many."
    assert fit_sentences(text, 8) == "We answer fast. Waiting hurts riders a lot."
    assert (
        fit_sentences("One very long first sentence here", 3) == "One very long first sentence here"
    )
