from __future__ import annotations

import json
import re

import pytest

from service.coach.making.fallbacks import story_sentences
from service.coach.making.parts import Origin
from service.coach.making.steps import Delta, assemble
from service.coach.making.story_parts import (
    LONG_TITLE_WORDS,
    own_sentence,
    title_sentences,
    value_named,
)
from service.coach.story import Story, stream_story, told_text, write_story
from service.coach.structures import SECTIONS, StoryStructure, heading
from service.errors import InvalidInput
from service.knowledge import KnowledgeBase
from service.quality.signals import sentences
from service.testing import FakeModel
from service.vocabulary import Language
from service.words import load_words
from tests.choices import choose
from tests.factories import ACCOUNT, ACCOUNT_WITHOUT_ASK, ASK
from tests.helpers.accounts import BIKE_ACCOUNT
from tests.helpers.coach_replies import STORY_TITLE
from tests.helpers.coach_replies import story_choices as chosen
from tests.helpers.wording import wording

LESSON = "I learned that working longer hides the real problem, and the team saw me admit it."
CHANGE = "Since then the backlog dropped to 60 and most customers hear from us within a day."
BIKE = BIKE_ACCOUNT
"""Issue 18's account (``tests.helpers.accounts``)."""


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
    assert story.title == STORY_TITLE and story.text.startswith(f"# {STORY_TITLE}\n")
    assert story.core_message == LESSON
    assert story.call_to_action == ASK  # the one sentence that asks the team to do something
    assert [s.heading for s in story.sections] == headings(StoryStructure.STORY_SPINE)
    assert story.values[0].startswith("value-") and story.values[0] in story.meta.retrieved
    # why it matters: what changed, in the leader's words, then the value as a link
    value = demo.document("demo", story.values[0])
    frame = load_words("story", Language.EN)["why_frame"].format(
        value=value_named(value, Language.EN)
    )
    # the value it shows, linked; the sentence of what changed is told in the sections once
    assert story.why_it_matters == frame and CHANGE in story.text
    assert f"](/corpus/{value.id})" in story.text
    assert f"[{value.id}]" not in story.text  # an id is linked, never shown
    assert story.citations == [story.values[0], "priority-complaints-one-day"]
    assert 150 <= story.word_count <= 350 and story.gaps == [] and story.missing == []
    # the title is chosen by the model; the account states one lesson, taken by code
    assert story.meta.calls == 1 and story.meta.invalid_citations_removed == 0
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
    allowed = [call.schema["properties"]["choice"]["enum"] for call in model.calls if call.schema]
    (titles,) = allowed  # the core message: the one sentence that states a lesson, no choice
    # a title is a whole sentence of the leader's without its end mark (and without a leading
    # "So"), never a clause cut out
    whole = {own_sentence(s).rstrip(".") for s in sentences(ACCOUNT)}
    assert STORY_TITLE in titles and set(titles) <= whole


def test_a_title_is_a_whole_sentence_never_a_clause_cut_out_of_one(demo: KnowledgeBase) -> None:
    story = write_story(FakeModel(answer=choose()), demo, "demo", "priority-first-time-fix", BIKE)
    whole = {own_sentence(s).rstrip(".") for s in sentences(BIKE)}
    titles = title_sentences(sentences(BIKE), BIKE, Language.NL)
    assert titles and set(titles) <= whole
    assert story.title in titles and story.title != "Ik een middag zelf meekeek"
    assert ("title", Origin.LEADER) in {(p.name, p.origin) for p in story.parts}


def test_a_single_candidate_is_taken_without_asking_the_model(demo: KnowledgeBase) -> None:
    ask = "Ask the people who will use a new tool to try it before you buy it."
    account = (
        "Last spring our night shift kept a paper list because the new app was hard to use. "
        "I had bought the app without asking the night staff, and half of them ignored it. "
        "I admitted the mistake at the team meeting and tested the phone version with three "
        "night nurses. I learned that the people who do the work must try a tool first. "
        f"{ask}"
    )
    model = FakeModel(choose())
    story = write_story(model, demo, "demo", "Introduce new tools well", account)
    assert story.core_message == "I learned that the people who do the work must try a tool first."
    assert story.call_to_action == ask
    # core and action had one candidate each: the model was asked only to choose the title,
    # among the sentences of up to 16 words (none has 12 or fewer)
    assert story.meta.prompts == ["story-choose@1"]
    assert story.title in {own_sentence(s).rstrip(".") for s in sentences(account)}


@pytest.mark.parametrize(
    ("account", "priority", "language"),
    [
        (ACCOUNT_WITHOUT_ASK, "priority-complaints-one-day", Language.EN),
        (BIKE, "priority-first-time-fix", Language.NL),
    ],
)
def test_an_account_that_asks_nothing_of_the_team_gets_the_question_that_asks_for_it(
    demo: KnowledgeBase, account: str, priority: str, language: Language
) -> None:
    story = write_story(FakeModel(answer=choose()), demo, "demo", priority, account)
    said = load_words("story", language)
    question = said["missing.call_to_action"]
    assert story.language is language
    action = next(p for p in story.parts if p.name == "call_to_action")
    assert action.origin is Origin.MISSING and action.text == question
    assert story.call_to_action == question  # never a sentence of what happened, as an ask
    assert [(m.name, m.label, m.question) for m in story.missing] == [
        ("call_to_action", said["labels.action"], question)
    ]
    assert question in story.gaps and "call_to_action" not in story.fallbacks
    assert story.text.endswith(f"**{said['labels.action']}:** _{said['missing_mark']} {question}_")


def test_an_account_that_says_nothing_of_what_changed_gets_the_question_why_it_matters(
    demo: KnowledgeBase,
) -> None:
    told = (
        "Last March a customer in Leeds waited four days for an answer about her bike. "
        "I had forgotten to forward her email to the workshop, and nobody noticed it for days."
    )
    story = write_story(
        FakeModel(answer=choose()), demo, "demo", "priority-complaints-one-day", told
    )
    said = load_words("story", Language.EN)
    question = said["missing.why_it_matters"]
    why = next(p for p in story.parts if p.name == "why_it_matters")
    assert why.origin is Origin.MISSING and story.why_it_matters == question
    # nor a lesson, nor an ask: each is asked for, never filled with a sentence of another role
    assert [m.name for m in story.missing] == ["core_message", "why_it_matters", "call_to_action"]
    assert question in story.gaps
    assert f"**{said['labels.why']}:** _{said['missing_mark']} {question}_" in story.text
    assert "/corpus/value-" not in story.text  # no value quoted or linked in a sentence's stead


def test_an_account_that_says_no_lesson_is_asked_for_one_not_given_an_outcome(
    demo: KnowledgeBase,
) -> None:
    """Issue 18: "In maart nog één op de twintig" is what changed, not the lesson."""
    without = BIKE.replace(
        " Ik heb geleerd eerst naar het gereedschap te kijken en pas daarna naar de mens.", ""
    )
    story = write_story(
        FakeModel(answer=choose()), demo, "demo", "priority-first-time-fix", without
    )
    said = load_words("story", Language.NL)
    assert story.core_message == said["missing.core_message"]
    assert "core_message" in [m.name for m in story.missing]
    assert said["missing.core_message"] in story.gaps
    assert f"**{said['labels.core']}:** _{said['missing_mark']} " in story.text
    # what a lesson builds on: the story as told, without the questions for the leader
    told = told_text(story.text)
    assert said["missing.core_message"] not in told and said["missing_mark"] not in told
    assert all(s.text in told for s in story.sections)


def test_an_answer_outside_the_options_falls_back_honestly(demo: KnowledgeBase) -> None:
    second = "The lesson for me: say it out loud when your own plan does not work."
    invented = json.dumps({"choice": "Start using the app immediately to reduce sick leave."})
    model = FakeModel(choose("four days"), invented, invented)
    story = write_story(model, demo, "demo", "priority-complaints-one-day", f"{ACCOUNT} {second}")
    assert "sick leave" not in story.text
    assert story.fallbacks == ["core_message"]
    core = next(p for p in story.parts if p.name == "core_message")
    assert core.origin is Origin.FALLBACK and core.text == LESSON  # the first lesson, marked
    assert len(story.notes) == 1
    assert wording("story", "part_names.core_message") in story.notes[0]
    assert "story." not in story.notes[0]  # plain words, no step ids
    assert story.meta.retries == 1


def test_a_title_the_model_could_not_choose_is_a_frame_around_the_priority(
    demo: KnowledgeBase,
) -> None:
    broken = json.dumps({"choice": "A title the leader never said"})
    model = FakeModel(broken, broken, choose("I learned"))
    story = write_story(model, demo, "demo", "priority-complaints-one-day", ACCOUNT)
    assert story.fallbacks == ["title"]
    # Never a clause of the leader's cut to fit, never the model's words: the frame names the
    # priority in quotes (the company's words, not a claim about the leader), marked a stand-in.
    priority = demo.document("demo", "priority-complaints-one-day")
    frame = load_words("story", Language.EN)["title_frame"]
    assert story.title == frame.format(priority=priority.title)
    assert "never said" not in story.text
    assert ("title", Origin.FALLBACK) in {(p.name, p.origin) for p in story.parts}
    assert wording("story", "part_names.title") in story.notes[0]


def test_a_capable_model_writes_freely_but_is_held_to_what_the_leader_said(
    demo: KnowledgeBase,
) -> None:
    invented = json.dumps({"title": "Backlog cut by 73% in 2 weeks"})
    target = json.dumps({"core_message": "Answer every complaint within 1 day by 30 June 2026."})
    model = FakeModel(
        invented,
        invented,
        invented,
        choose("four days"),  # every candidate invented numbers: the title is chosen instead
        target,
        target,
        target,  # the priority's target is not the leader's result: their one lesson is taken
        lambda m: json.dumps(
            {"value_id": values_in(m)[0], "why": "We answer fast because waiting hurts riders."}
        ),
        json.dumps({"call_to_action": "Put the bikes off the road first in your queue."}),
        writes_freely=True,
    )
    story = write_story(model, demo, "demo", "priority-complaints-one-day", ACCOUNT)
    assert "73%" not in story.text and "30 June" not in story.text
    assert story.title == STORY_TITLE
    assert story.call_to_action == "Put the bikes off the road first in your queue."
    assert story.core_message == LESSON
    origins = {p.name: p.origin for p in story.parts}
    assert origins["title"] is Origin.LEADER and origins["call_to_action"] is Origin.COACH
    assert origins["why_it_matters"] is Origin.COACH
    retry = model.calls[1].prompt
    assert "the leader did not say" in retry


def test_a_model_that_writes_short_english_writes_the_title_and_asks_the_team(
    demo: KnowledgeBase,
) -> None:
    narrates = json.dumps({"call_to_action": "We stopped the overtime and started a huddle."})
    model = FakeModel(
        json.dumps({"title": "The weekends that hid the real problem"}),
        narrates,  # tells what happened: the detectors refuse it as a call to action
        narrates,
        narrates,
        short_writing_languages=frozenset({Language.EN}),
    )
    story = write_story(model, demo, "demo", "priority-complaints-one-day", ACCOUNT)
    origins = {p.name: p.origin for p in story.parts}
    assert story.title == "The weekends that hid the real problem"
    assert origins["title"] is Origin.COACH
    assert story.core_message == LESSON and origins["core_message"] is Origin.LEADER
    # no candidate asked the team for anything: the leader's own ask is taken instead
    assert story.call_to_action == ASK and origins["call_to_action"] is Origin.LEADER
    assert "asking the team to act" in model.calls[-1].prompt  # the retry named the problem
    assert story.meta.prompts.count("story-part@1") == 2  # title, call to action; not the core


def test_a_model_that_writes_short_english_only_chooses_in_dutch(demo: KnowledgeBase) -> None:
    model = FakeModel(answer=choose(), short_writing_languages=frozenset({Language.EN}))
    story = write_story(model, demo, "demo", "priority-first-time-fix", BIKE)
    assert story.language is Language.NL
    assert not any(p.startswith("story-part") for p in story.meta.prompts)


def values_in(messages: list[dict[str, str]]) -> list[str]:
    return re.findall(r"^(value-[a-z-]+):", messages[-1]["content"], re.M)


def test_stream_yields_deltas_then_the_story(demo: KnowledgeBase) -> None:
    events = list(
        stream_story(FakeModel(*chosen()), demo, "demo", "priority-complaints-one-day", ACCOUNT)
    )
    deltas = [e for e in events if isinstance(e, Delta)]
    assert isinstance(events[-1], Story)
    title = "".join(d.text for d in deltas if d.step == "story.title")
    assert title == STORY_TITLE
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
    "Probeer deze week een overleg van vijftien minuten met je eigen team.",
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


@pytest.mark.parametrize(
    ("said", "part"),
    [
        ("So I stopped the overtime.", "I stopped the overtime."),
        ("And we sorted the queue.", "We sorted the queue."),
        ("Well, we tried.", "We tried."),
        ("Maar ik dacht aan Sem.", "Ik dacht aan Sem."),
        ("En hij is gebleven.", "Hij is gebleven."),
        # the verb comes right after "toen" and "dus": without them the sentence breaks
        ("Toen zag ik het.", "Toen zag ik het."),
        ("Dus hebben we het omgedraaid.", "Dus hebben we het omgedraaid."),
    ],
)
def test_a_sentence_loses_only_a_connective_it_can_lose(said: str, part: str) -> None:
    assert own_sentence(said) == part


def test_long_parts_keep_whole_sentences_that_fit() -> None:
    from service.coach.making.field_steps import fit_sentences

    text = "We answer fast. Waiting hurts riders a lot. And this third sentence is one too many."
    assert fit_sentences(text, 8) == "We answer fast. Waiting hurts riders a lot."
    assert (
        fit_sentences("One very long first sentence here", 3) == "One very long first sentence here"
    )


def test_only_a_model_listed_as_capable_writes_freely(settings: object) -> None:
    from service.coach.making.choosing import writes_freely
    from service.llm.gateway import open_gateway
    from service.settings import Settings

    listed = Settings(free_writing_models=["openai/gpt-4o-mini"])
    assert writes_freely(open_gateway(listed, "openai/gpt-4o-mini"))
    assert not writes_freely(open_gateway(listed))  # the embedded default selects
    assert not writes_freely(FakeModel())


def test_short_parts_are_written_only_in_the_languages_listed(settings: object) -> None:
    from service.coach.making.choosing import writes_short
    from service.llm.gateway import open_gateway
    from service.settings import Settings

    embedded = open_gateway(Settings())  # by default, both languages choose the leader's words
    assert not writes_short(embedded, Language.EN) and not writes_short(embedded, Language.NL)
    english = open_gateway(Settings(short_writing_languages=[Language.EN]))
    assert writes_short(english, Language.EN) and not writes_short(english, Language.NL)
    assert writes_short(FakeModel(writes_freely=True), Language.NL)  # free writing: any language
    assert not writes_short(FakeModel(), Language.EN)  # a test scripts the choices


def test_the_lesson_that_ends_the_account_is_told_once_as_the_core_message(
    demo: KnowledgeBase,
) -> None:
    """The core message under the last section that ends on the same sentence was read twice
    (labels-v9, tune: sent back as a duplicate); a lesson made from the story still has it."""
    story = write_story(FakeModel(answer=choose()), demo, "demo", "priority-first-time-fix", BIKE)
    learned = "Ik heb geleerd eerst naar het gereedschap te kijken en pas daarna naar de mens."
    assert story.core_message == learned
    assert all(learned not in s.text for s in story.sections)
    assert story.sections[-1].text  # the section keeps its other sentences
    told = story_sentences(story.text)
    assert told.count(learned) == 1 and len(told) == len(sentences(BIKE))


def test_a_lesson_reads_the_leaders_sentences_not_the_coachs_labelled_parts() -> None:
    """A paragraph that opens in bold is the story's (story-stop-doing-question lost three
    paragraphs that way); why it matters is the coach's frame; a part still to write is a
    question for the leader."""
    text = (
        "# Titel\n\n## Wat er gebeurde\n\n**Poging één.** In het overleg vroeg ik om feedback.\n\n"
        "**Kernboodschap:** Ik heb geleerd eerst te luisteren.\n\n"
        "**Waarom het ertoe doet:** Dit verhaal laat zien wat onze waarde betekent.\n\n"
        "**Oproep:** _Nog in te vullen: Wat wil je dat je team deze week anders doet?_"
    )
    assert story_sentences(text) == [
        "Poging één.",
        "In het overleg vroeg ik om feedback.",
        "Ik heb geleerd eerst te luisteren.",
    ]


def test_the_ask_that_ends_the_account_is_told_once_as_the_call_to_action(
    demo: KnowledgeBase,
) -> None:
    """The leader's call to action under the last section that ends on it was read twice
    (labels-v11, tune: sent back as a duplicate); a lesson made from the story still reads it."""
    model = FakeModel(answer=choose())
    story = write_story(model, demo, "demo", "priority-first-time-fix", ACCOUNT)
    assert story.call_to_action == ASK
    assert all(ASK not in s.text for s in story.sections)
    assert story_sentences(story.text).count(ASK) == 1


def test_a_sentence_of_up_to_sixteen_words_is_a_title_before_the_stand_in() -> None:
    """The stand-in title ("A story about “…”") was sent back as generic every time
    (labels-v17, tune); an account told in long sentences had no sentence of 12 words."""
    said = ["When the trainer finally went up in May, it took him one morning."]
    assert title_sentences(said, said[0], Language.EN) == []
    assert title_sentences(said, said[0], Language.EN, LONG_TITLE_WORDS) == [said[0].rstrip(".")]


def test_the_sections_tell_the_leaders_sentences_in_the_leaders_order(
    demo: KnowledgeBase,
) -> None:
    """ "He didn't lose the dealer" went back a beat, under the task, before the phone call it
    answers (the labels-v20 run: 5 of 27 stories told sentences out of their order)."""
    account = (
        "Every Monday at nine I update the supply board the UK account managers use for dealer "
        "dates. Until last year almost everything on it said confirmed, because the account "
        "managers told me dealers didn't want to hear estimate. In September I started marking "
        "every date honestly. That first Monday more than half the board turned orange. Two "
        "account managers phoned me that afternoon. He didn't lose the dealer. From October to "
        "December we delivered 88% of UK orders in the promised week, against 69% before."
    )
    story = write_story(
        FakeModel(answer=choose()), demo, "demo", "priority-uk-dealer-network", account
    )
    told = [s for s in story_sentences(told_text(story.text)) if s in sentences(account)]
    said = sentences(account)
    assert len(told) >= 5 and [said.index(s) for s in told] == sorted(said.index(s) for s in told)
