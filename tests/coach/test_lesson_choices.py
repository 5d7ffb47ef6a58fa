"""A model that selects: the lesson's why, key points, practice and reflection are the story's
own sentences, chosen by the model, inside code's frames."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from service.coach.lesson import LIMITS, make_lesson
from service.coach.making.choosing import CHOICE_CANDIDATES
from service.coach.making.fallbacks import (
    practice_fallback,
    story_clause,
    story_sentences,
    why_text,
)
from service.coach.making.lesson_choices import (
    choose_recall,
    choose_reflection,
    choose_why,
    moment_options,
    objective_options,
    practice_options,
    practice_tier,
    recall_options,
    setback_options,
    why_options,
)
from service.coach.making.lesson_steps import LessonBrief, objective_fallback
from service.coach.making.sources import Sources
from service.coach.making.steps import StepLog
from service.coach.making.story_parts import own_sentence, preferred_value, value_named
from service.coach.one_on_one import make_one_on_one
from service.coach.story_source import StorySource, load_story
from service.evaluation.parts import output_parts
from service.knowledge import DocumentKind, KnowledgeBase, SearchHit
from service.knowledge.languages import detect_language
from service.quality import ScoringContext, load_rubrics, score_document
from service.quality.publishable import PartContext, ReadPart, Reason, judge_parts
from service.quality.publishable.told import Told, told_in
from service.quality.signals import sentences
from service.settings import get_settings
from service.testing import FakeModel
from service.vocabulary import Language
from service.words import load_words
from tests.choices import choose, options_in
from tests.helpers.accounts import BIKE_ACCOUNT
from tests.helpers.coach_replies import SELECTED_LESSON_WRITTEN, Messages, asked_field, selecting
from tests.helpers.coach_replies import field_reply as reply

ROOT = Path(__file__).resolve().parents[2]
RUBRICS = load_rubrics(ROOT / "evals" / "rubrics")
CORPUS = ROOT / "corpus"
VALUES = tuple(p.read_text() for p in (CORPUS / "values").glob("*.md"))
"""The company's values: a lesson names the one it shows (their words, not the story's)."""


def failures(
    text: str, kind: str, language: Language, story: StorySource, retrieved: list[str]
) -> list[str]:
    context = ScoringContext(
        language=language,
        allowed_sources=frozenset(retrieved),
        source_texts=(story.text,),
        leader_account=story.text,
        allowed_texts=VALUES,
    )
    score = score_document(text, RUBRICS[kind], context=context)
    return [f"{c.id}: {c.reason}" for c in score.criteria if c.checker != "judge" and not c.passed]


def said(story: StorySource, text: str) -> bool:
    """Whether ``text`` is one of the story's sentences (or a part of one), as written: only a
    leading connective ("So") may be gone and the first letter capitalised."""
    flat = " ".join(story.text.split()).replace('"', "“").replace("”", "“").lower()
    return text.rstrip(".").lstrip("“").lower() in flat


def wrong_role(name: str, text: str, account: str, language: Language) -> str | None:
    """Why the detectors read part ``name`` as material of another role, if they do."""
    [verdict] = judge_parts([ReadPart(name, text, "coach")], PartContext(language, account))
    return verdict.found.get(Reason.WRONG_ROLE)


def went_wrong(language: Language) -> str:
    """How a key point that tells a mistake opens: it is shown as what went wrong."""
    return str(load_words("lesson", language)["went_wrong_frame"]).split("“", 1)[0]


def point_said(story: StorySource, point: str, language: Language) -> bool:
    """Whether key ``point`` is one of the story's sentences, as it is or shown as what went
    wrong (the frame around the whole sentence, in quotes)."""
    opening = went_wrong(language)
    if point.startswith(opening):
        point = point.removeprefix(opening).removeprefix("“").removesuffix("”")
    return said(story, point)


EN_WRITTEN = SELECTED_LESSON_WRITTEN
NL_WRITTEN = (
    reply("question", "Welke accuklacht heb je deze week zelf uitgezocht, en wat vond je?"),
)


@pytest.mark.parametrize(
    ("story_id", "language"),
    [("story-junior-error-logs", Language.EN), ("story-jonas-battery-specialist", Language.NL)],
)
def test_chosen_parts_are_the_storys_sentences_and_pass_the_rubric(
    demo: KnowledgeBase, story_id: str, language: Language
) -> None:
    story = load_story(demo, "demo", story_id=story_id)
    model = selecting()
    lesson = make_lesson(model, demo, "demo", story)

    # The practice chooses first: a story's deed is the practice's before any other part's.
    # A story whose deeds that fit the objective's frame are taken leaves the objective its
    # frame around the title, said so.
    assert lesson.fallbacks in ([], ["lesson.objective"])
    assert len(lesson.notes) == len(lesson.fallbacks)
    assert [c for c in lesson.chosen if c != "lesson.objective"][:2] == [
        "lesson.practice",
        "lesson.why",
    ]
    assert lesson.chosen[-1] == "lesson.reflection"
    assert all(point_said(story, point, language) for point in lesson.key_points)
    assert 1 <= len(set(lesson.key_points)) == len(lesson.key_points) <= 3
    quoted = lesson.practice.split("“", 1)[1].split("”", 1)[0]
    assert said(story, quoted)
    # the practice is a deed, never the problem; no mistake is offered as a takeaway, and a
    # sentence that tells none is never shown as what went wrong
    parts = {f"key_points.{n}": p for n, p in enumerate(lesson.key_points, 1)}
    for name, text in {"practice": lesson.practice, **parts}.items():
        assert wrong_role(name, text, story.text, language) is None, (name, text)
    objective = lesson.objective.split("“", 1)[1].rsplit("”", 1)[0]
    objective = objective.replace("\u2018", "\u201c").replace("\u2019", "\u201c")  # made single
    assert said(story, objective) or objective == story.title
    assert len(sentences(lesson.objective)) == 1
    assert objective not in " ".join([*lesson.key_points, lesson.practice])  # quoted once
    assert lesson.reflection.endswith("?")
    assert "](/corpus/value-" in lesson.why_it_matters and "[value-" not in lesson.text
    # The model wrote nothing: it chose. The recall question is code's frame in both
    # languages, asked from memory about a sentence of the story no other part quotes.
    prompts = [p.split("@")[0].removesuffix(".nl") for p in lesson.meta.prompts]
    assert set(prompts) == {"story-choose"}
    said_words = load_words("lesson", language)
    if lesson.recall == said_words["recall_frame"].format(title=story.title):
        return  # no sentence left to recall: the story named by its title
    assert lesson.recall.startswith(said_words["recall_result"].split(":", 1)[0])
    recalled = lesson.recall.split("“", 1)[1].split("”", 1)[0]
    assert said(story, recalled.replace("\u2018", "“").replace("\u2019", "“"))
    others = [lesson.objective, lesson.why_it_matters, lesson.practice, lesson.reflection]
    assert not any(recalled in part for part in [*others, *lesson.key_points])
    assert failures(lesson.text, "lesson", language, story, lesson.meta.retrieved) == []


def test_the_model_chooses_and_code_takes_its_choice(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    first = make_lesson(selecting(*EN_WRITTEN), demo, "demo", story)
    model = selecting(*EN_WRITTEN, choice="Friday")
    other = make_lesson(model, demo, "demo", story)
    offered = [
        options_in(c.messages) for c in model.calls if "<<<OPTIONS" in c.messages[1]["content"]
    ]
    assert any(len(o) > 1 for o in offered)  # a real choice was offered, not a single option
    assert other.text != first.text
    chosen = [other.objective, other.why_it_matters, other.practice, *other.key_points]
    assert any("Friday" in part for part in chosen)


def test_choices_that_never_come_fall_back_and_say_so(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-jonas-battery-specialist")
    by_field = {next(iter(json.loads(w))): w for w in NL_WRITTEN}

    def answer(messages: Messages) -> str:
        if "<<<KEUZES" in messages[1]["content"]:
            return "not json"
        return by_field[asked_field(messages)]

    model = FakeModel(answer=answer)
    lesson = make_lesson(model, demo, "demo", story)
    # Every choice asked of the model failed: each such part fell back and says so. A part
    # with one option left takes it without asking.
    asked = [c for c in model.calls if "<<<KEUZES" in c.messages[1]["content"]]
    assert len(asked) == CHOICE_CANDIDATES * len(lesson.fallbacks)
    assert "lesson.why" in lesson.fallbacks
    assert any(f.startswith("lesson.key_point.") for f in lesson.fallbacks)
    assert set(lesson.chosen).isdisjoint(lesson.fallbacks)
    assert len(lesson.notes) == len(lesson.fallbacks)
    assert all("lesson." not in n for n in lesson.notes)
    assert failures(lesson.text, "lesson", Language.NL, story, lesson.meta.retrieved) == []


def test_a_one_on_one_chooses_too(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    model = selecting(
        reply("question", "What did the last error log you read tell you, and what did you do?"),
        reply("meet", "You want to read error logs; we want repairs right the first time."),
        reply("next_step", "Read the log of the next bike that cuts out and tell me on Friday."),
    )
    goal = "I want to learn to read motor error logs and explain faults to customers"
    result = make_one_on_one(model, demo, "demo", story, goal=goal, role="junior mechanic")
    assert "one_on_one.why" in result.chosen and "one_on_one.practice" in result.chosen
    assert {"one_on_one.objective", "one_on_one.next_step"} <= set(result.chosen)
    assert not {"one_on_one.objective", "one_on_one.next_step"} & set(result.fallbacks)
    assert all(point_said(story, point, Language.EN) for point in result.key_points)
    step = result.next_step.split("“", 1)[1].split("”", 1)[0]
    assert said(story, step) and "Friday" in result.next_step
    others = [result.objective, result.practice, result.why_it_matters, *result.key_points]
    assert not any(step in part for part in others)  # a sentence no other part quotes


def _value(id_: str, language: Language, titled: dict[Language, str] | None = None) -> SearchHit:
    return SearchHit(
        titled=titled or {},
        id=id_,
        title=id_,
        kind=DocumentKind.VALUE,
        language=language,
        outcome=None,
        values=[],
        tags=[],
        score=1.0,
        text="",
        chunk_id=f"{id_}#0",
    )


def test_a_value_in_the_storys_language_is_preferred_among_the_first_two() -> None:
    dutch, english, other = (
        _value("value-a", Language.NL),
        _value("value-b", Language.EN),
        _value("value-c", Language.EN),
    )
    assert preferred_value([dutch, english], Language.EN) is english
    assert preferred_value([dutch, english], Language.NL) is dutch
    assert preferred_value([dutch, _value("value-d", Language.NL), other], Language.EN) is dutch
    assert preferred_value([], Language.EN) is None


def test_a_value_is_named_by_its_title_only_in_the_sentences_language() -> None:
    """Each value is in the corpus in one language; its title inside a Dutch sentence was sent
    back as the wrong language (labels-v6)."""
    english = _value("value-b", Language.EN)
    assert value_named(english, Language.EN) == "our value “[value-b](/corpus/value-b)”"
    assert value_named(english, Language.NL) == "[een van onze waarden](/corpus/value-b)"


def test_a_value_with_a_title_in_the_storys_language_is_named_by_it_and_keeps_its_rank() -> None:
    """ "Een van onze waarden" was sent back as generic, and passing over the best-fitting
    value for one in the story's language put "Veilig en goed" under a story about packaging
    waste (labels-v17, tune)."""
    english = _value("value-b", Language.EN, {Language.NL: "Laat minder achter"})
    dutch = _value("value-a", Language.NL)
    assert preferred_value([english, dutch], Language.NL) is english
    assert value_named(english, Language.NL) == (
        "onze waarde “[Laat minder achter](/corpus/value-b)”"
    )
    assert value_named(english, Language.EN) == "our value “[value-b](/corpus/value-b)”"


WIM = (
    "Wim has been a mechanic for 31 years, and when I asked him to be a buddy in March, he said "
    "he had learned everything by being thrown in at the deep end. He took it on anyway. Around "
    "week four Wim came into my office and said she'd shown him how to read the motor error logs "
    "faster. After six weeks she had all twelve repairs signed off, and Wim had learned something "
    "too. He now asks me when the next new one starts. I had always assumed the buddy does the "
    "teaching."
)
"""A story of labels-v6's tune split that tells no deed of the storyteller to try: its
practice and objective named it by its title, and were sent back as generic."""


def test_a_story_without_a_deed_gives_a_practice_its_lesson_or_own_mistake_to_act_on() -> None:
    assert practice_tier(WIM, Language.EN, "routine", []) == []
    assert practice_tier(WIM, Language.EN, "once", []) == []
    assert practice_tier(WIM, Language.EN, "lesson", []) == []
    assert practice_tier(WIM, Language.EN, "mistake", []) == [
        "I had always assumed the buddy does the teaching."
    ]  # the storyteller's own, never Wim's remark or someone else's setback
    lesson = f"{WIM} What I should have said that Friday was “not yet”."
    assert practice_tier(lesson, Language.EN, "lesson", []) == [
        "What I should have said that Friday was “not yet”."
    ]


def test_an_objective_with_no_lesson_or_deed_left_explains_a_setback() -> None:
    frame_text = load_words("lesson", Language.EN)["objective_setback_frame"]
    options = setback_options(WIM, Language.EN, frame_text, 40)
    assert options[0] == "I had always assumed the buddy does the teaching"  # own mistake first
    leaning = f"{WIM} That was hard; I kept my hands in my pockets and let her redo it."
    assert not any(
        o.startswith("That was hard") for o in setback_options(leaning, Language.EN, frame_text, 40)
    )


def test_a_frame_quotes_whole_short_sentences_never_a_cut_clause() -> None:
    whole = {own_sentence(s).rstrip(".") for s in sentences(BIKE_ACCOUNT)}
    quoted = [story_clause(BIKE_ACCOUNT, index) for index in range(6)]
    assert set(quoted) <= whole and len(set(quoted)) == 5  # a different one per index
    assert "Ik een middag zelf meekeek" not in quoted
    # the 25-word sentence is too long to quote in a question
    assert not any(q.startswith("Toen ik een middag") for q in quoted)


def test_a_short_why_quotes_more_of_what_came_of_it_and_only_that() -> None:
    story = (
        "Last March the queue was long. We worked two weekends. A nurse called about her bike. "
        "Since then the backlog dropped to 60 cases. Now we sort by bike off the road."
    )
    options = why_options(story, Language.EN, (18, 60))
    assert set(options) == {
        "Since then the backlog dropped to 60 cases.",
        "Now we sort by bike off the road.",
    }  # what came of it: never the setting or the call
    why = why_text(options[:1], options[1:], [], Language.EN, (18, 60))
    assert why.startswith("In the story: “") and all(o.rstrip(".") in why for o in options)
    assert "nurse" not in why and "weekends" not in why
    # no result in the story: the value alone, never a setting quoted as why it matters
    setting = "Last March the queue was long. A nurse called."
    assert why_options(setting, Language.EN, (18, 60)) == []
    assert why_text([], [], [], Language.EN, (18, 60)) == ""


def test_a_choice_that_never_comes_takes_the_first_sentence_of_its_kind(
    demo: KnowledgeBase,
) -> None:
    """The objective's choice fails: it quotes the first sentence of its kind, marked as a
    stand-in, rather than naming the story by its title (sent back as generic, labels-v6)."""
    story = load_story(demo, "demo", story_id="story-sem-left-unasked")
    queued = {"question": EN_WRITTEN[0]}

    def answer(messages: Messages) -> str:
        if "what they learned" in messages[1]["content"]:
            return "not json"  # the objective's choice never comes
        if re.search(r"<<<(?:OPTIONS|KEUZES)\n", messages[1]["content"]):
            return choose()(messages)
        return queued[asked_field(messages)]

    lesson = make_lesson(FakeModel(answer=answer), demo, "demo", story)
    assert lesson.fallbacks == ["lesson.objective"]
    quoted = sentences(lesson.objective.split("“", 1)[1].rstrip("”."))
    # "Nobody, including me, ever did anything with them" leans on the sentence before it,
    # and is quoted with that one (``in_context``)
    assert quoted == [
        "Both forms went into a folder in my department.",
        "Nobody, including me, ever did anything with them",
    ]
    assert all(said(story, s.rstrip(".")) for s in quoted)


def test_the_story_is_named_by_its_titles_first_sentence(demo: KnowledgeBase) -> None:
    """A title of two sentences read as two objectives (story-sem-left-unasked, 2026-11-30)."""
    story = load_story(demo, "demo", story_id="story-sem-left-unasked")
    brief = LessonBrief("lesson", story, Language.EN, Sources(()), LIMITS, "You can")
    assert brief.named == "Sem told us twice what he wanted"
    log = StepLog()
    objective = objective_fallback(brief, log)  # a free-writing model's, when none passed
    assert objective.count("“") == 1 and "“Sem told us twice what he wanted”" in objective
    assert len(sentences(objective)) == 1 and log.fallbacks == ["lesson.objective"]


def test_objective_options_are_the_lessons_statements_that_fit_the_frame() -> None:
    story = (
        "Last March the queue was long. A nurse waited four days for her bike. "
        "Why did nobody call her? So I called every customer on the list myself that week. "
        "I learned that a slow first answer costs people more than the repair itself. "
        "Now we sort the queue by bikes that are off the road, and every customer hears from us "
        "within one working day, even when we do not know the answer yet, because waiting in "
        "silence is the worst part."
    )
    frame_text = "explain what this means for your own work: “{sentence}”"
    options = objective_options(story, Language.EN, frame_text, 30)
    assert (
        options[0] == "I learned that a slow first answer costs people more than the repair itself"
    )
    assert all(not o.endswith(("?", ".")) for o in options)
    assert all(len(frame_text.format(sentence=o).split()) <= 30 for o in options)
    assert not any(o.startswith("Now we sort") for o in options)  # too long for the frame
    # a deed is not what the story means for your work (labels-v10, tune: 0 of 4 published)
    assert not any("I called every customer" in o for o in options)


@pytest.mark.parametrize(
    ("story_id", "written", "choice"),
    [
        ("story-junior-error-logs", EN_WRITTEN, ""),
        ("story-jonas-battery-specialist", NL_WRITTEN, ""),
        # A model that always picks this sentence, which can carry the objective and "why
        # it matters" alike: it was quoted by both (a generation case, 2026-11-30).
        ("story-antwerp-diagnosis-benches", NL_WRITTEN, "Sinds januari"),
    ],
)
def test_no_sentence_of_the_story_is_quoted_by_two_parts(
    demo: KnowledgeBase, story_id: str, written: tuple[str, ...], choice: str
) -> None:
    story = load_story(demo, "demo", story_id=story_id)
    lesson = make_lesson(selecting(*written, choice=choice), demo, "demo", story)
    parts = {
        "objective": lesson.objective,
        "why": lesson.why_it_matters,
        "practice": lesson.practice,
        "reflection": lesson.reflection,
        **{f"point {n}": p for n, p in enumerate(lesson.key_points)},
    }
    sentences_of_story = {s.rstrip(".") for s in sentences(story.text) if len(s.split()) > 3}
    for sentence in sentences_of_story:
        quoting = [name for name, text in parts.items() if sentence in text]
        assert len(quoting) <= 1, (sentence, quoting)


def test_a_frame_never_quotes_what_someone_said(demo: KnowledgeBase) -> None:
    """“Dennis … said: “Can you show everyone this on Friday?”” nests quotes, and his words
    are not what worked: practice, moments, objective and why take the storyteller's own."""
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    speech = "Dennis looked at the screen for a while and then said"
    assert speech in story.text
    offered = [
        *practice_options(story.text, Language.EN, []),
        *moment_options(story.text, Language.EN, []),
        *objective_options(story.text, Language.EN, "explain what this means: “{sentence}”", 40),
        *why_options(story.text, Language.EN, (20, 80)),
    ]
    assert offered and not [o for o in offered if speech in o]


def test_a_practice_code_writes_does_not_repeat_the_objective() -> None:
    objective = "After this lesson you can explain what this means for your work: “We sort first”."
    for language in Language:
        practice = practice_fallback(objective, "After this lesson you can", language)
        assert "We sort first" not in practice and practice.endswith(".")


def test_a_practice_code_writes_names_the_story_by_its_title() -> None:
    """Without the title, the stand-in practice could stand under any story (labels-v3)."""
    objective = "After this lesson you can explain what this means for your work: “We sort first”."
    for language in Language:
        practice = practice_fallback(objective, "After this lesson you can", language, "The queue")
        assert "“The queue”" in practice and "We sort first" not in practice


@pytest.mark.parametrize("language", list(Language))
def test_where_the_goal_meets_the_priority_is_said_to_you(
    demo: KnowledgeBase, language: Language
) -> None:
    """The embedded model wrote of "het teamlid" in broken Dutch: code's frame speaks to
    "you", and links the priority only when its title is in the lesson's language."""
    story_id, goal = {
        Language.EN: ("story-junior-error-logs", "I want to learn to read motor error logs"),
        Language.NL: ("story-jonas-battery-specialist", "Ik wil leren accufouten te verklaren"),
    }[language]
    story = load_story(demo, "demo", story_id=story_id)
    result = make_one_on_one(selecting(), demo, "demo", story, goal=goal, role="monteur")
    meet = result.goal_and_priority
    assert meet.split(maxsplit=1)[0] in {"What", "Wat"}  # "What you want to learn is …"
    assert "teamlid" not in meet and "team member" not in meet
    for link in re.findall(r"\[([^\]]+)\]\(/corpus/priority-", meet):
        assert detect_language(link) in (None, language)


def test_a_recall_question_asks_from_memory_about_a_sentence_no_part_quotes() -> None:
    """Naming the story by its title alone was sent back as generic (labels-v4): the recall
    question asks what led to a result, or what was done after a setback, that no other part
    quotes."""
    story = (
        "Last March the queue was long. A nurse waited four days for her bike and nobody called. "
        "So I called every customer on the list myself that week. "
        "Since then the backlog dropped to 60 cases."
    )
    result = "Since then the backlog dropped to 60 cases"
    assert recall_options(story, Language.EN, [])[0] == (result, Told.HABIT)  # the new normal
    after = recall_options(story, Language.EN, [f"{result}."])
    assert after[0] == ("A nurse waited four days for her bike and nobody called", Told.SETBACK)
    assert after[1:] == [("Last March the queue was long", Told.SITUATION)]  # what came next


def test_a_lesson_always_has_a_key_point(demo: KnowledgeBase) -> None:
    """A short story whose every takeaway another part quotes left a lesson without key
    points, a required part (3 of 27 lessons, labels-v6 run). A sentence another part quotes
    too, as a stand-in, was sent back as a duplicate: the key points are asked of the leader,
    and the lesson shows the question as still to write."""
    story = StorySource(
        id=None,
        title="The huddle",
        text=(
            "Last March our queue had 340 open tickets. "
            "So I started a fifteen-minute huddle every morning with the team. "
            "Since then most customers hear from us within a day. "
            "I learned that working longer hides the real problem."
        ),
        language=Language.EN,
    )
    lesson = make_lesson(selecting(), demo, "demo", story)
    asked = load_words("lesson", Language.EN)["missing.key_points"]
    assert len(lesson.key_points) == 1 and asked in lesson.key_points[0]
    assert [m.name for m in lesson.missing] == ["key_points"] and lesson.fallbacks == []
    failed = failures(lesson.text, "lesson", Language.EN, story, lesson.meta.retrieved)
    assert not [f for f in failed if f.startswith("sections")], failed  # every part is there


def test_a_part_the_story_has_no_sentence_for_is_asked_of_the_leader(demo: KnowledgeBase) -> None:
    """Ask, don't fake: a story that tells no deed, lesson or mistake of the storyteller gets
    no practice naming it by its title (sent back as generic); the leader is asked for it,
    the lesson shows the question as still to write, and the eval counts it apart."""
    situation = (
        "Last March a courier brought forty bikes to the Haarlem shop on one afternoon. "
        "The shop had room for twelve. The rest stood on the pavement until Friday."
    )
    story = load_story(demo, "demo", story_text=situation)
    lesson = make_lesson(FakeModel(answer=choose()), demo, "demo", story)
    asked = {m.name: m for m in lesson.missing}
    assert "practice" in asked and "lesson.practice" not in lesson.fallbacks
    question = load_words("lesson", Language.EN)["missing.practice"]
    assert asked["practice"].question == question and question in lesson.practice
    assert "Still to write:" in lesson.practice and question in lesson.text
    every = output_parts(lesson, lesson.text)
    assert [p.origin for p in every if p.name == "practice"] == ["missing"]


@pytest.mark.parametrize("make", ["lesson", "one_on_one"])
def test_asked_in_the_other_language_a_lesson_stays_in_its_storys_and_says_why(
    demo: KnowledgeBase, make: str
) -> None:
    """Frames in one language around quotes in the other were sent back as the wrong
    language (labels-v9: 36 held-out parts), and the model's translations of the quotes
    changed what the leader said: the lesson is made in its story's language, with a note in
    the language that was asked."""
    story = load_story(demo, "demo", story_id="story-sem-left-unasked")  # told in English
    if make == "lesson":
        result = make_lesson(selecting(), demo, "demo", story, language="nl")
        stem = load_words("lesson", Language.EN)["stems.lesson"]
    else:  # a Dutch goal asks for a Dutch 1:1
        goal = "Ik wil leren vragen wat een collega wil leren."
        result = make_one_on_one(selecting(), demo, "demo", story, goal=goal, role="monteur")
        stem = load_words("lesson", Language.EN)["stems.one_on_one"]
    assert result.language is Language.EN and result.objective.startswith(stem)
    note = load_words("fallbacks", Language.NL)["untranslated.note"].format(language="Engels")
    assert result.notes[0] == note


def test_with_no_moment_left_the_reflection_quotes_a_sentence_no_other_part_does(
    demo: KnowledgeBase,
) -> None:
    """Every moment taken: the stand-in took the story's first short sentence, which the
    practice quoted (labels-v9, tune: sent back as a duplicate)."""
    story = load_story(demo, "demo", story_id="story-sem-left-unasked")
    said = [own_sentence(s) for s in story_sentences(story.text)]
    taken: list[str] = []
    while moments := moment_options(story.text, Language.EN, taken):
        taken += [s for s in said if s.rstrip(".") in moments]
    brief = LessonBrief("lesson", story, Language.EN, Sources(()), LIMITS, "You can")
    log = StepLog()
    reflection = choose_reflection(selecting(), brief, log, taken=taken)
    quoted = reflection.split("“", 1)[1].rsplit("”", 1)[0]
    assert quoted in story.text
    assert not any(t.rstrip(".") in reflection for t in taken)
    assert log.fallbacks == ["lesson.reflection"]


def test_with_no_outcome_setback_or_situation_left_the_recall_asks_what_came_after_a_deed(
    demo: KnowledgeBase,
) -> None:
    """The frame that named the story by its title was sent back as generic 6 of 6 times
    (labels-v10, tune)."""
    story = load_story(demo, "demo", story_id="story-sem-left-unasked")
    said = [own_sentence(s) for s in story_sentences(story.text)]
    taken: list[str] = []
    while found := recall_options(story.text, Language.EN, taken):
        taken += [s for s in said if s.rstrip(".") in {o for o, _ in found}]
    brief = LessonBrief("lesson", story, Language.EN, Sources(()), LIMITS, "You can")
    recall = choose_recall(brief, taken)
    quoted = recall.split("“", 1)[1].rsplit("”", 1)[0]
    assert f"{quoted}." in said and f"{quoted}." != said[-1]
    assert Told.DEED is told_in(quoted, story.text, Language.EN)
    assert recall.startswith(load_words("lesson", Language.EN)["recall_situation"].split("{")[0])


def test_a_recall_never_asks_how_the_story_went_on_after_its_last_sentence() -> None:
    """Nothing follows the last sentence (labels-v16, tune: "hoe ging het verhaal verder na
    dit moment: “We raken er nog maar een paar per maand kwijt”" was sent back)."""
    story = (
        "Last March the queue was long. So I called every customer on the list myself. "
        "A nurse still waited four days for her bike and nobody called."
    )
    last = "A nurse still waited four days for her bike and nobody called"
    assert Told.SETBACK is told_in(f"{last}.", story, Language.EN)
    assert last not in {s for s, _ in recall_options(story, Language.EN, [])}


def test_a_lesson_gives_a_key_points_sentence_back_to_its_reflection_and_recall(
    demo: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reflection on a moment and a recall matter more than a second or third takeaway:
    with none left they fell to a stand-in repeating a key point's sentence, or to the title
    (labels-v16, tune, with the sure reader, which offers more key points). Every part then
    quotes a sentence no other part does."""
    monkeypatch.setenv("STORYCOACH_SENTENCE_READER", "sure")
    get_settings.cache_clear()
    story = StorySource(id=None, title="De momentsleutel", text=BIKE_ACCOUNT, language=Language.NL)
    lesson = make_lesson(selecting(), demo, "demo", story)
    assert lesson.key_points
    assert "lesson.reflection" not in lesson.fallbacks, lesson.text
    quoted = [
        q.rstrip(".")
        for part in (*lesson.key_points, lesson.reflection, lesson.recall, lesson.practice)
        for q in re.findall(r"“([^”]+)”", part)
    ]
    assert len(quoted) == len(set(quoted)), quoted


def test_a_recall_asks_first_about_a_sentence_that_stands_on_its_own() -> None:
    """Asked a week later on its own, "Dat was lastig; …" was sent back as a fragment, though
    a setback is a better kind for the question than the situation (labels-v17, tune)."""
    story = (
        "Mijn nieuwe collega Fatima deed een reparatie voor de derde keer opnieuw. "
        "Dat was lastig; ik stond met mijn handen in mijn zakken te kijken. "
        "In de werkplaats werken we met vaste buddy's voor nieuwe monteurs."
    )
    [(first, _), *_] = recall_options(story, Language.NL, [])
    assert not first.startswith("Dat was lastig")


def test_a_routine_is_the_last_moment_a_reflection_is_offered() -> None:
    """ "Every Monday at nine I update the supply board" is not a moment to hold one's own
    work against (labels-v17, tune)."""
    story = (
        "Every Monday at nine I update the supply board for the dealers. "
        "In March the school phoned the dealer to ask where the bikes were."
    )
    options = moment_options(story, Language.EN, [])
    assert len(options) == 2 and options[-1].startswith("Every Monday")


def test_a_frame_names_the_story_by_its_whole_title() -> None:
    """Cut at 12 words, a title of the leader's of up to 16 was quoted as a fragment ("When
    the trainer finally went up in May, it took him one": labels-v19, tune)."""
    title = "When the trainer finally went up in May, it took him one morning"
    story = StorySource(id=None, title=title, text=BIKE_ACCOUNT, language=Language.EN)
    brief = LessonBrief("lesson", story, Language.EN, Sources(()), LIMITS, "You can")
    assert brief.named == title


def test_a_recall_never_asks_about_a_sentence_that_leans_on_one_another_part_quotes() -> None:
    """ "Dat was lastig; …" leans on the sentence before it; with that one quoted by another
    part, the recall asks to retell the story instead (labels-v20, tune: 4 of 18 recalls)."""
    first = "Mijn nieuwe collega Fatima deed een reparatie voor de derde keer opnieuw."
    leaning = "Dat was lastig; ik stond met mijn handen in mijn zakken te kijken."
    last = "Sinds maart doet Fatima elke reparatie zelf."
    story = f"{first} {leaning} {last}"
    said = [s for s, _ in recall_options(story, Language.NL, [last])]
    assert said == [first.rstrip("."), leaning.rstrip(".")]  # with the first free, it pairs
    assert recall_options(story, Language.NL, [first, last]) == []
    source = StorySource(id=None, title="De derde keer", text=story, language=Language.NL)
    brief = LessonBrief("lesson", source, Language.NL, Sources(()), LIMITS, "Je kunt")
    assert choose_recall(brief, [first, last]) == load_words("lesson", Language.NL)[
        "recall_frame"
    ].format(title="De derde keer")


def test_a_lessons_why_names_the_value_its_story_names() -> None:
    """The retrieval ranked another value first; the lesson named it, not the story's own
    (sent back as generic: labels-v21, tune, the lesson and the 1:1 of one account)."""
    story = StorySource(
        id=None,
        title="The numbers meeting",
        text="Last spring I spent the whole talk on numbers. Since then he leads his own review.",
        language=Language.EN,
        values=("value-develop-people",),
    )
    found = Sources(
        (
            _value("value-learn-from-each-other", Language.EN),
            _value("value-develop-people", Language.EN),
        )
    )
    brief = LessonBrief("lesson", story, Language.EN, found, LIMITS, "You can")
    why = choose_why(FakeModel(answer=lambda _: "not json"), brief, StepLog())
    assert "/corpus/value-develop-people" in why and "value-learn-from-each-other" not in why
