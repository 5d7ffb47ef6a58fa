from __future__ import annotations

import json

import pytest

from service.coach.critique import (
    Advice,
    Critique,
    advice,
    ask_instead,
    critique_story,
    story_rubric,
    stream_critique,
)
from service.coach.making.steps import Delta, assemble
from service.coach.story_source import load_story
from service.errors import InvalidInput
from service.knowledge import KnowledgeBase
from service.testing import FakeModel
from service.vocabulary import Language
from service.words import Words, load_words

EN = load_words("critique", Language.EN)
NL = load_words("critique", Language.NL)
"""What the feedback says (its headings and advice), read from the words the coach uses."""

FILLER = "Going forward, we will leverage these synergies in every workshop [value-made-up]."
THIRD_PERSON = """# The complaint queue

A manager at the company once noticed that complaints were waiting too long. The team was asked
to work harder and answer faster.

Customers were unhappy about it. After some time, things got better because people talked more
with each other. The lesson is that talking matters.
"""


def strength(quote: str, why: str) -> str:
    return json.dumps({"quote": quote, "strength": why})


def rewrite(quote: str, text: str) -> str:
    return json.dumps({"quote": quote, "rewrite": text})


STRENGTH_EN = strength(
    "It wasn't the controller at all.",
    "You show the turning point in a few words, and the listener feels the surprise with you.",
)
NO_FILLER = rewrite(
    FILLER,
    "From now on, I ask the newest person in every workshop what they do differently.",
)
CITATION = rewrite(
    FILLER,
    "We now read the motor logs together in every workshop.",
)


def heading(words: Words, title: str, passed: int, total: int) -> str:
    """The start of a critique: its title line and the summary of the checks."""
    title_line = words["headings.title"].format(title=title)
    return f"# {title_line}\n\n{words['headings.summary'].format(passed=passed, total=total)}"


def weak_story(demo: KnowledgeBase) -> str:
    """A good corpus story with corporate filler and an invented citation added."""
    body = load_story(demo, "demo", story_id="story-junior-error-logs").text
    return f"# I showed my boss the logs\n\n{body}\n\n{FILLER}\n"


def test_each_failing_check_gets_a_verified_quote_and_a_rewrite(demo: KnowledgeBase) -> None:
    model = FakeModel(STRENGTH_EN, NO_FILLER, CITATION)
    result = critique_story(model, demo, "demo", weak_story(demo))

    failing = {c.id: c for c in result.criteria if not c.passed}
    assert sorted(failing) == ["citations-valid", "no-filler"]
    assert failing["no-filler"].quote.startswith("Going forward")
    assert failing["no-filler"].rewrite.startswith("From now on, I ask")
    assert "filler" in failing["no-filler"].finding
    assert {c.id for c in result.criteria if c.passed} >= {"first-person", "prose", "length"}
    assert not result.passed
    assert result.strengths[-1].startswith("“It wasn't the controller at all.” You show")
    strengths = f"## {EN['headings.strengths']}\n\n- {EN['advice.first_person.passed']}\n"
    assert strengths in result.text
    plain = f"## {EN['advice.no_filler.label']}\n\n{EN['advice.no_filler.failed']}\n\n"
    assert f"{plain}> Going forward, we will" in result.text
    assert f"**{EN['headings.rewrite']}:** We now read the motor logs" in result.text
    assert result.text.startswith(heading(EN, "I showed my boss the logs", 5, 7))
    assert result.citations == [] and result.meta.invalid_citations_removed == 1
    assert result.meta.calls == 3
    assert result.meta.prompts == [
        "critique-strength@1",
        "critique-rewrite@1",
        "critique-rewrite@1",
    ]
    prompt = model.calls[1].messages[1]["content"]
    assert "<<<STORY" in prompt and "<<<FINDING" in prompt and "leverage" in prompt


def test_the_stream_shows_tokens_and_assembles_to_the_same_text(demo: KnowledgeBase) -> None:
    story = weak_story(demo)
    whole = critique_story(FakeModel(STRENGTH_EN, NO_FILLER, CITATION), demo, "demo", story)
    model = FakeModel(STRENGTH_EN, NO_FILLER, CITATION)
    stream = stream_critique(model, demo, "demo", story)
    first = next(stream)
    assert isinstance(first, Delta)
    assert first.text.startswith(heading(EN, "I showed my boss the logs", 5, 7))
    assert model.calls == []  # the heading comes before any model call
    events = [first, *stream]
    result = events[-1]
    assert isinstance(result, Critique) and result.text == whole.text
    deltas = [e for e in events if isinstance(e, Delta)]
    assert assemble(deltas) == whole.text
    rewrite_pieces = [d for d in deltas if d.step == "critique.no-filler" and not d.restart]
    assert len(rewrite_pieces) > 5  # the model's rewrite really streams, a few characters at a time
    assert "".join(d.text for d in rewrite_pieces) == json.loads(NO_FILLER)["rewrite"]


def test_a_quote_that_is_not_in_the_story_is_retried(demo: KnowledgeBase) -> None:
    made_up = strength("The controller was never the problem.", "A clear turning point.")
    model = FakeModel(made_up, STRENGTH_EN, NO_FILLER, CITATION)
    result = critique_story(model, demo, "demo", weak_story(demo))
    assert result.meta.retries == 1
    assert "copied exactly" in model.calls[1].prompt


def test_a_rewrite_that_keeps_the_filler_becomes_questions_to_the_leader(
    demo: KnowledgeBase,
) -> None:
    lazy = rewrite(FILLER, "Going forward, we will use what we learned in every workshop.")
    model = FakeModel(STRENGTH_EN, lazy, lazy, lazy, CITATION)
    result = critique_story(model, demo, "demo", weak_story(demo))
    assert "stock phrases" in model.calls[2].prompt
    assert result.asked_instead == ["no-filler"]
    asked = next(c for c in result.criteria if c.id == "no-filler")
    assert asked.asked and asked.rewrite == EN["asks.no_filler"]
    assert f"**{EN['headings.ask']}:** {EN['asks.no_filler']}" in result.text
    assert "Going forward, we will use" not in result.text


def test_rewrites_keep_the_leaders_voice_and_invent_nothing(demo: KnowledgeBase) -> None:
    model = FakeModel(
        strength("The lesson is that talking matters.", "You end on one clear lesson."),
        rewrite(
            "A manager at the company once noticed that complaints were waiting too long.",
            "A manager noticed that complaints were waiting [how long?].",
        ),
        rewrite(
            "A manager at the company once noticed that complaints were waiting too long.",
            "I noticed that complaints were waiting too long [which customer did you hear from?].",
        ),
        rewrite(
            "Customers were unhappy about it.",
            "Customers were unhappy about it. [Which customer called, and what did they say?]",
        ),
        rewrite(
            "The lesson is that talking matters.",
            "What I learned: when I ask my team what slows them down, they tell me.",
        ),
        rewrite(
            "After some time, things got better because people talked more with each other.",
            "After 3 weeks the queue got shorter, because we talked more with each other.",
        ),
        rewrite(
            "After some time, things got better because people talked more with each other.",
            "After [how many weeks?] the queue got shorter, because we talked more.",
        ),
    )
    result = critique_story(model, demo, "demo", THIRD_PERSON)
    failing = [c.id for c in result.criteria if not c.passed]
    assert failing == ["first-person", "prose", "length", "concrete"]
    assert "own voice" in model.calls[2].prompt
    assert "adds 3" in model.calls[6].prompt
    assert result.criteria[-1].id == "citations-valid" and result.criteria[-1].passed
    concrete = next(c for c in result.criteria if c.id == "concrete")
    assert concrete.rewrite.startswith("After [how many weeks?]")
    assert result.meta.retries == 2


def test_dutch_feedback_on_an_english_story_keeps_rewrites_in_english(
    demo: KnowledgeBase,
) -> None:
    dutch_strength = strength(
        "It wasn't the controller at all.",
        "Hier voel je het keerpunt: in een paar woorden zie je dat de dure oplossing niet de "
        "juiste was.",
    )
    model = FakeModel(dutch_strength, NO_FILLER, CITATION)
    result = critique_story(model, demo, "demo", weak_story(demo), language="nl")
    assert result.language is Language.NL
    assert f"## {NL['headings.strengths']}\n" in result.text
    assert f"## {NL['advice.no_filler.label']}\n\n{NL['advice.no_filler.failed']}" in result.text
    assert f"**{NL['headings.rewrite']}:** From now on, I ask" in result.text
    assert result.text.startswith(heading(NL, "I showed my boss the logs", 5, 7))
    assert "Nederlands" in model.calls[0].messages[1]["content"]  # type: ignore[index]
    assert "English" in model.calls[1].messages[1]["content"]  # type: ignore[index]


def test_a_good_dutch_story_gets_only_strengths(demo: KnowledgeBase) -> None:
    body = load_story(demo, "demo", story_id="story-jonas-battery-specialist").text
    model = FakeModel(
        strength(
            "We hebben toen een grens afgesproken: een uur per accu, daarna gaat hij naar Ruud.",
            "Je laat zien dat je een grens stelde, en niet alleen ruimte gaf.",
        )
    )
    result = critique_story(model, demo, "demo", f"# Jonas en de accu's\n\n{body}")
    assert result.language is Language.NL and result.passed
    assert all(c.passed for c in result.criteria) and result.meta.calls == 1
    assert f"## {NL['headings.strengths']}\n\n- {NL['advice.first_person.passed']}" in result.text
    assert NL["headings.rewrite"] not in result.text and not result.asked_instead


def test_a_cited_document_that_exists_is_a_valid_citation(demo: KnowledgeBase) -> None:
    body = load_story(demo, "demo", story_id="story-junior-error-logs").text
    story = f"# Logs\n\n{body} [value-learn-from-each-other]\n"
    result = critique_story(FakeModel(STRENGTH_EN), demo, "demo", story)
    assert result.citations == ["value-learn-from-each-other"]
    assert result.meta.invalid_citations_removed == 0
    assert "value-learn-from-each-other" in result.meta.retrieved


@pytest.mark.parametrize(
    ("story", "language", "field"),
    [
        ("", None, "story"),
        ("too short to be a story", None, "story"),
        (THIRD_PERSON, "fr", "language"),
    ],
)
def test_bad_input_names_the_field(
    demo: KnowledgeBase, story: str, language: str | None, field: str
) -> None:
    model = FakeModel()
    with pytest.raises(InvalidInput) as caught:
        critique_story(model, demo, "demo", story, language=language)
    assert caught.value.field == field
    assert model.calls == []


@pytest.mark.parametrize("language", list(Language))
def test_a_check_without_words_of_its_own_is_described_and_asked_about_plainly(
    language: Language,
) -> None:
    described = advice("a_new_check", language, "Says what it checks.")
    assert described == Advice("a_new_check", "Says what it checks.", "Says what it checks.")
    assert advice("no_filler", language, "Says what it checks.").label != "no_filler"
    assert ask_instead("a_new_check", language) == ask_instead("another_check", language)
    assert ask_instead("no_filler", language) != ask_instead("a_new_check", language)


def test_the_rewrite_prompts_rules_are_the_story_rubrics_in_english() -> None:
    """The English rewrite prompt says what the rubric says (it always did); the Dutch one
    says it in Dutch, from the same words file (tests/coach/test_dutch_prompts.py)."""
    rules = load_words("critique", Language.EN).section("rules")
    checked = [c for c in story_rubric().criteria if c.checker != "judge"]
    assert checked
    assert {c.checker: rules[c.checker] for c in checked} == {
        c.checker: c.description for c in checked
    }
