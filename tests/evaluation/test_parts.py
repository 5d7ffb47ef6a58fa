"""What an output was made of: parts, fallbacks, and the coach's parts held to the account."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from service.coach.making.fallbacks import frame
from service.evaluation.parts import check_parts, faithful_sections, output_parts
from service.evaluation.scorer import score_output
from service.knowledge.citations import cite
from service.quality import Rubric, ScoringContext
from service.vocabulary import Language

ACCOUNT = (
    "The district bought a scheduling app without asking night staff. Half the team kept a "
    "paper list. I admitted the mistake and tested the phone version with three night nurses. "
    "Now I test every new tool with the people who will use it before I sign anything."
)


@dataclass
class Part:
    name: str
    label: str
    text: str
    origin: str


@dataclass
class Result:
    """Shaped like the coach's results: ``parts`` and ``fallbacks`` are read when present."""

    text: str = ""
    parts: list[Part] = field(default_factory=list)
    fallbacks: list[str] = field(default_factory=list)


STORY = Result(
    parts=[
        Part("title", "Title", "Scheduling App Improves Night Shift Sickness", "fallback"),
        Part("situation", "What happened", ACCOUNT, "leader"),
        Part(
            "core_message",
            "Core message",
            "The team should remember to use the scheduling app for night shifts to reduce "
            "sick leave",
            "coach",
        ),
        Part(
            "translated",
            "Vertaald",
            "Ik heb de app getest met drie verpleegkundigen.",
            "translated",
        ),
        Part(
            "call_to_action",
            "Call to action",
            "Start using the scheduling app immediately to reduce sick leave",
            "coach",
        ),
        Part("why", "Why", "This story shows what our value means in practice.", "coach"),
    ],
    fallbacks=["title"],
)


def test_the_coachs_and_the_fallbacks_parts_are_held_to_the_account() -> None:
    checked = check_parts(STORY, "", account=ACCOUNT)
    assert set(checked.unfaithful) == {"title", "core_message", "call_to_action"}
    assert checked.checked == 4  # the leader's and the translated part are not compared
    assert checked.total == 6 and checked.fallbacks == ["title"]
    assert checked.fallback_share == 1 / 6


def test_a_part_marked_fallback_counts_even_when_not_listed() -> None:
    result = Result(parts=STORY.parts, fallbacks=[])
    assert check_parts(result, "", account=ACCOUNT).fallbacks == ["title"]


def test_a_priority_passed_as_allowed_would_hide_an_invented_result() -> None:
    """Why the eval never passes the priority: its target reads as the leader's result."""
    part = Result(parts=[Part("core", "Core", "The app reduced sick leave by 30%.", "coach")])
    priority = "Reduce sick leave on night shifts by 30% this year with the scheduling app."
    assert check_parts(part, "", account=ACCOUNT).unfaithful
    assert not check_parts(part, "", account=ACCOUNT, allowed=priority).unfaithful


LESSON = """# A handover on one card

## Objective
After this lesson you can run a handover with a five-line card.

## Why it matters
Productivity increased significantly within four weeks.

## Key points
- A handover is a list.
- Put the card where the handover happens.
- Expect people to forget it.
"""


def test_without_parts_the_title_paragraphs_and_items_are_the_parts(
    rubrics: dict[str, Rubric],
) -> None:
    names = [p.name for p in output_parts(object(), LESSON)]
    assert names == ["title", "objective", "why", "key_points.1", "key_points.2", "key_points.3"]
    sections = faithful_sections(rubrics["lesson"])
    assert sections == ("why",)
    checked = check_parts(object(), LESSON, account=ACCOUNT, sections=sections)
    assert checked.checked == 1 and list(checked.unfaithful) == ["why"]
    assert faithful_sections(rubrics["questions"]) is None  # questions claim nothing


def test_fallbacks_named_by_step_never_outnumber_the_parts() -> None:
    result = Result(fallbacks=["questions.1.why", "questions.2.how"])
    checked = check_parts(result, "- Why?\n", account=ACCOUNT)
    assert checked.total == 2 and checked.fallback_share == 1.0


def test_parts_the_model_chose_are_counted_apart_from_fallbacks() -> None:
    @dataclass
    class Lesson:
        fallbacks: list[str] = field(default_factory=lambda: ["lesson.objective"])
        chosen: list[str] = field(default_factory=lambda: ["lesson.why", "lesson.practice"])

    checked = check_parts(Lesson(), "## Why it matters\n\nIn the story: ...\n", account=ACCOUNT)
    assert checked.chosen == ["lesson.why", "lesson.practice"]
    assert checked.fallbacks == ["lesson.objective"]
    assert check_parts(Result(), "", account=ACCOUNT).chosen == []


@pytest.mark.parametrize("language", list(Language))
def test_codes_frame_is_not_a_claim_but_what_fills_it_is(language: Language) -> None:
    value_frame = frame("why_value", language)
    titled = frame("value_titled", language).format(
        link=cite("The rider comes first", "value-rider")
    )
    framed = value_frame.format(value=titled)
    account = "A rider waited four days for her bike. The rider comes first, I told the team."
    assert (
        check_parts(
            Result(parts=[Part("why", "Why", framed, "fallback")]), "", account=account
        ).unfaithful
        == {}
    )
    made_up = cite("Sales grew by 40 percent in Ghent", "value-rider")
    invented = value_frame.format(value=frame("value_titled", language).format(link=made_up))
    found = check_parts(
        Result(parts=[Part("why", "Why", invented, "fallback")]), "", account=account
    ).unfaithful
    assert "why" in found  # the frame's words are free, what fills it is still held


@pytest.mark.parametrize("language", list(Language))
def test_a_value_named_without_its_title_is_the_frames_and_its_link_no_claim(
    language: Language,
) -> None:
    """ "Dit verhaal laat zien wat [een van onze waarden](/corpus/value-…) …" counted as
    unfaithful for the word "corpus" in its link (3 stories of the labels-v10 run)."""
    untitled = cite(frame("value_untitled", language), "value-open-knowledge")
    why = frame("why_value_alone", language).format(value=untitled)
    checked = check_parts(Result(parts=[Part("why", "Why", why, "coach")]), "", account=ACCOUNT)
    assert checked.unfaithful == {}


def test_a_missing_part_is_counted_apart_and_never_read_as_text(
    rubrics: dict[str, Rubric],
) -> None:
    question = "What do you want your team to do differently this week?"
    asked = Part("call_to_action", "Call to action", question, "missing")
    story = Result(parts=[*STORY.parts[1:2], asked])
    checked = check_parts(story, "", account=ACCOUNT)
    assert checked.missing == ["call_to_action"]
    assert checked.total == 1 and checked.unfaithful == {}  # the question is the coach's ask
    scored = score_output(
        story,
        f"# A title\n\n{ACCOUNT}",
        rubrics["story"],
        context=ScoringContext(language=Language.EN),
        account=ACCOUNT,
    )
    assert [p.name for p in scored.reader_parts] == ["situation"]  # not a reader's part
    assert scored.parts.missing == ["call_to_action"]


def test_a_key_point_asked_of_the_leader_is_counted_apart() -> None:
    """A lesson whose story has no sentence left for a key point asks the leader for one; the
    question in the list is not a reader's key point (the run at cc49bd2: labelled as one)."""
    lesson = (
        "# A title\n\n## Key points\n\n"
        "- _Still to write: What should your team remember from this story: what did you learn?_"
        "\n\n## Practice\n\nTry it."
    )
    checked = check_parts(object(), lesson, account=ACCOUNT, sections=("key_points", "practice"))
    assert "key_points.1" in checked.missing
