from __future__ import annotations

import json
import re

import pytest

from service.coach.parts import Origin
from service.coach.steps import Delta, assemble
from service.coach.story import Story, stream_story, write_story
from service.coach.structures import SECTIONS, StoryStructure, heading
from service.errors import InvalidInput
from service.knowledge import KnowledgeBase
from service.testing import FakeModel
from service.vocabulary import Language
from service.words import load_words
from tests.choices import choose
from tests.factories import ACCOUNT

LESSON = "I learned that working longer hides the real problem, and the team saw me admit it."


def chosen() -> list[object]:
    """Title, core message and call to action, each chosen from the given options."""
    return [choose("two weekends"), choose("I learned"), choose("huddle")]


replies = chosen
"""The story's replies under the name other test modules import."""


def headings(structure: StoryStructure) -> list[str]:
    """Every section's English heading, in order: a story whose beats are all told has them all."""
    return [heading(structure, section, Language.EN) for section, _ in SECTIONS[structure]]


def test_story_keeps_the_leaders_words_and_chooses_its_parts_from_them(
    demo: KnowledgeBase,
) -> None:
    model = FakeModel(*chosen())
    story = write_story(model, demo, "demo", "priority-complaints-one-day", ACCOUNT)
    assert story.language is Language.EN
    assert story.structure is StoryStructure.STORY_SPINE
    assert story.structure_reason == load_words("structures", "en")["story-spine.reason"]
    for sentence in ("I asked the team to work two weekends", "the backlog dropped to 60"):
        assert sentence in story.text
    assert story.text.startswith("# I asked the team to work two weekends")
    assert story.core_message == LESSON
    assert story.call_to_action == (
        "I stopped the overtime and we started a fifteen-minute huddle every morning."
    )
    assert [s.heading for s in story.sections] == headings(StoryStructure.STORY_SPINE)
    assert story.values[0].startswith("value-") and story.values[0] in story.meta.retrieved
    assert f"[{story.values[0]}]" in story.why_it_matters and f"[{story.values[0]}]" in story.text
    assert story.citations == [story.values[0], "priority-complaints-one-day"]
    assert 150 <= story.word_count <= 350 and story.gaps == []
    assert story.meta.calls == 3 and story.meta.invalid_citations_removed == 0
    assert story.fallbacks == [] and story.notes == []


def test_every_part_says_who_wrote_it(demo: KnowledgeBase) -> None:
    story = write_story(FakeModel(*chosen()), demo, "demo", "priority-complaints-one-day", ACCOUNT)
    origins = {(p.name, p.origin) for p in story.parts}
    assert ("title", Origin.LEADER) in origins and ("core_message", Origin.LEADER) in origins
    assert ("why_it_matters", Origin.COACH) in origins
    sections = [p for p in story.parts if p.name == "section"]
    assert [p.text for p in sections] == [s.text for s in story.sections]
    assert all(p.origin is Origin.LEADER for p in sections)
    # every part the leader "said" really is in their account, word for word
    for part in story.parts:
        if part.origin is Origin.LEADER and part.name != "section":
            assert part.text.rstrip(".") in ACCOUNT


def test_choices_are_constrained_to_the_leaders_sentences(demo: KnowledgeBase) -> None:
    model = FakeModel(*chosen())
    write_story(model, demo, "demo", "priority-complaints-one-day", ACCOUNT)
    schema = model.calls[1].schema
    assert isinstance(schema, dict)
    allowed = schema["properties"]["choice"]["enum"]
    assert LESSON in allowed and all(option.rstrip(".") in ACCOUNT for option in allowed)


def test_a_single_candidate_is_taken_without_asking_the_model(demo: KnowledgeBase) -> None:
    account = (
        "Last spring our night shift kept a paper list because the new app was hard to use. "
        "I had bought the app without asking the night staff, and half of them ignored it. "
        "I admitted the mistake at the team meeting and tested the phone version with three "
        "night nurses. I learned that the people who do the work must try a tool first."
    )
    model = FakeModel(choose())
    story = write_story(model, demo, "demo", "Introduce new tools well", account)
    assert story.core_message == "I learned that the people who do the work must try a tool first."
    assert story.call_to_action.startswith("I admitted the mistake at the team meeting")
    assert story.meta.calls == 1  # the title; core and action had one candidate each


def test_an_answer_outside_the_options_falls_back_honestly(demo: KnowledgeBase) -> None:
    invented = json.dumps({"choice": "Start using the app immediately to reduce sick leave."})
    model = FakeModel(choose("two weekends"), invented, invented, choose("huddle"))
    story = write_story(model, demo, "demo", "priority-complaints-one-day", ACCOUNT)
    assert "sick leave" not in story.text
    assert story.fallbacks == ["core_message"]
    core = next(p for p in story.parts if p.name == "core_message")
    assert core.origin is Origin.FALLBACK and core.text.rstrip(".") in ACCOUNT
    assert len(story.notes) == 1 and "core message" in story.notes[0]
    assert "story." not in story.notes[0]  # plain words, no step ids
    assert story.meta.retries == 1


def test_a_title_the_model_could_not_choose_is_still_the_leaders_words(
    demo: KnowledgeBase,
) -> None:
    broken = json.dumps({"choice": "A title the leader never said"})
    model = FakeModel(broken, broken, choose("I learned"), choose())
    story = write_story(model, demo, "demo", "priority-complaints-one-day", ACCOUNT)
    assert story.fallbacks == ["title"]
    assert story.title and story.title.lower() in ACCOUNT.lower()  # not the priority's words
    assert "Complaints" not in story.title


def test_a_capable_model_writes_freely_but_is_held_to_what_the_leader_said(
    demo: KnowledgeBase,
) -> None:
    invented = json.dumps({"title": "Backlog cut by 73% in 2 weeks"})
    target = json.dumps({"core_message": "Answer every complaint within 1 day by 30 June 2026."})
    model = FakeModel(
        invented,
        invented,
        invented,
        choose("two weekends"),  # every candidate invented numbers: the title is chosen instead
        target,
        target,
        target,
        choose("I learned"),  # the priority's target is not the leader's result
        lambda m: json.dumps(
            {"value_id": values_in(m)[0], "why": "We answer fast because waiting hurts riders."}
        ),
        json.dumps({"call_to_action": "Sort your queue by bikes off the road every morning."}),
        writes_freely=True,
    )
    story = write_story(model, demo, "demo", "priority-complaints-one-day", ACCOUNT)
    assert "73%" not in story.text and "30 June" not in story.text
    assert story.title == "I asked the team to work two weekends"
    assert story.core_message == LESSON
    origins = {p.name: p.origin for p in story.parts}
    assert origins["title"] is Origin.LEADER and origins["call_to_action"] is Origin.COACH
    assert origins["why_it_matters"] is Origin.COACH
    retry = model.calls[1].prompt
    assert "the leader did not say" in retry


def values_in(messages: list[dict[str, str]]) -> list[str]:
    return re.findall(r"^(value-[a-z-]+):", messages[-1]["content"], re.M)


def test_stream_yields_deltas_then_the_story(demo: KnowledgeBase) -> None:
    events = list(
        stream_story(FakeModel(*chosen()), demo, "demo", "priority-complaints-one-day", ACCOUNT)
    )
    deltas = [e for e in events if isinstance(e, Delta)]
    assert isinstance(events[-1], Story)
    title = "".join(d.text for d in deltas if d.step == "story.title")
    assert title == "I asked the team to work two weekends"
    assert len([d for d in deltas if d.step == "story.title"]) > 3  # really streamed in pieces
    assert assemble(deltas).endswith(events[-1].call_to_action)


DUTCH_ACCOUNT = [
    "Afgelopen maart leidde ik de klantenservice in Zaandam met een achterstand van 340 open "
    "klachten.",
    "De meeste klanten wachtten vier dagen op een antwoord.",
    "Maar ik maakte het erger: ik vroeg het team twee weekenden te werken en vertelde niemand "
    "waarom.",
    "Sanne vertelde me dat de mensen uitgeput waren en dat de achterstand nauwelijks was gedaald.",
    "Dus stopte ik met het overwerk en begonnen we elke ochtend met een overleg van vijftien "
    "minuten.",
    "We sorteerden de tickets eerst op fietsen die stilstonden en beantwoordden die voor al het "
    "andere.",
    "Ik zat zelf ook elke dinsdag aan de telefoon.",
    "Sindsdien is de achterstand gedaald tot 60 en horen de meeste klanten binnen een dag van ons.",
    "Ik heb geleerd dat langer werken het echte probleem verbergt, en het team zag me dat "
    "toegeven.",
]
"""``ACCOUNT`` in Dutch, sentence by sentence, every fact kept."""
ALARM = (
    "When a client fell in the bathroom in May, I found out that the alarm button had been "
    "broken for two weeks. I reported it that Monday and we added the alarm button to the "
    "weekly checklist. Since then nobody on my team has skipped the check of a single button."
)


def translated(text: str) -> str:
    return json.dumps({"translation": text})


def test_dutch_story_from_an_english_account_translates_sentence_by_sentence(
    demo: KnowledgeBase,
) -> None:
    said = [line for line in ACCOUNT.split(". ") if line]
    model = FakeModel(*map(translated, DUTCH_ACCOUNT), choose(), choose(), choose())
    story = write_story(
        model, demo, "demo", "priority-complaints-one-day", ACCOUNT, language=Language.NL
    )
    assert story.language is Language.NL
    assert f"**{load_words('story', Language.NL)['labels.core']}:**" in story.text
    assert story.meta.prompts.count("translate-sentence.nl@1") == len(said)
    assert all(p.origin is Origin.TRANSLATED for p in story.parts if p.name == "section")
    assert "met een achterstand van 340 open klachten" in story.text
    assert "story-choose.nl@1" in story.meta.prompts  # a Dutch story is chosen with Dutch words
    assert story.fallbacks == []


def test_a_translation_that_changes_a_fact_is_refused_and_the_next_candidate_taken(
    demo: KnowledgeBase,
) -> None:
    changed = "De meeste klanten wachtten vier weken op een antwoord."
    model = FakeModel(
        translated(DUTCH_ACCOUNT[0]),
        translated(changed),  # the greedy answer: four days became four weeks
        *map(translated, DUTCH_ACCOUNT[1:]),
        choose(),
        choose(),
        choose(),
    )
    story = write_story(
        model, demo, "demo", "priority-complaints-one-day", ACCOUNT, language=Language.NL
    )
    assert story.language is Language.NL and "vier dagen" in story.text
    assert "vier weken" not in story.text
    second, third = model.calls[1], model.calls[2]
    assert (second.temperature, second.seed) == (0.0, None)  # greedy first
    assert third.seed is not None and third.messages == second.messages


def test_when_no_candidate_keeps_the_facts_the_story_stays_in_the_accounts_language(
    demo: KnowledgeBase,
) -> None:
    two_days = (
        "Toen een cliënt in mei in de badkamer viel, ontdekte ik dat de alarmknop al twee "
        "dagen kapot was."
    )
    model = FakeModel(*[translated(two_days)] * 4, choose(), choose(), choose())
    story = write_story(
        model, demo, "demo", "priority-complaints-one-day", ALARM, language=Language.NL
    )
    assert story.language is Language.EN  # as the leader wrote it
    assert "broken for two weeks" in story.text and "twee dagen" not in story.text
    assert [c.temperature for c in model.calls[:4]] == [0.0, 0.5, 0.5, 0.5]
    assert story.meta.prompts.count("translate-sentence.nl@1") == 1  # the rest not tried
    assert all(p.origin is Origin.LEADER for p in story.parts if p.name == "section")
    assert story.fallbacks[0] == "translation"
    assert story.notes[0] == (
        "De coach kon je verhaal niet betrouwbaar vertalen; het staat in de taal waarin je het "
        "schreef. Je kunt het zelf vertalen of in het Engels verder gaan."
    )
    assert f"**{load_words('story', Language.EN)['labels.core']}:**" in story.text


def test_a_thin_account_is_not_padded_the_coach_asks_instead(demo: KnowledgeBase) -> None:
    thin = (
        "Last year I promised a dealer in Leeds forty bikes by Friday "
        "and they came on Tuesday instead of Friday."
    )
    story = write_story(FakeModel(*chosen()), demo, "demo", "priority-uk-dealer-network", thin)
    assert story.word_count < 150
    assert story.gaps and all(g.endswith("?") for g in story.gaps)


def test_chosen_structure_names_its_sections(demo: KnowledgeBase) -> None:
    story = write_story(
        FakeModel(*chosen()),
        demo,
        "demo",
        "priority-complaints-one-day",
        ACCOUNT,
        structure=StoryStructure.STAR,
    )
    assert [s.heading for s in story.sections] == headings(StoryStructure.STAR)
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


def test_only_a_model_listed_as_capable_writes_freely(settings: object) -> None:
    from service.coach.choosing import writes_freely
    from service.llm.gateway import open_gateway
    from service.settings import Settings

    listed = Settings(free_writing_models=["openai/gpt-4o-mini"])
    assert writes_freely(open_gateway(listed, "openai/gpt-4o-mini"))
    assert not writes_freely(open_gateway(listed))  # the embedded default selects
    assert not writes_freely(FakeModel())
