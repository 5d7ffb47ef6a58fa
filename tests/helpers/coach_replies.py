"""Scripted model replies for the coach's jobs, shared by the coach, CLI and browser tests:
the interview's questions, a story's choices, a written lesson and 1:1 lesson, a model that
selects the story's sentences."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from service.testing import FakeModel
from tests.choices import Reply, choose


def question_reply(text: str) -> str:
    """An interview step's reply: one question, as the step's JSON schema asks."""
    return json.dumps({"question": text})


INTERVIEW = [
    question_reply("Where were you when a complaint last sat unanswered for days?"),
    question_reply("What went wrong, and what was your own part in it?"),
    question_reply("What did you do next, and why did you choose that?"),
    question_reply("What is different now in how fast customers hear from us?"),
    question_reply("Why should your team hear this story now?"),
]
"""The five English interview questions, one per beat, in the beats' order."""


STORY_TITLE = "Most customers waited four days for any answer"
"""The title ``story_choices`` chooses: a whole sentence of ``tests.factories.ACCOUNT``."""


def story_choices() -> list[Reply]:
    """A story's title and core message, each chosen from the given options (the account is
    ``tests.factories.ACCOUNT``). Its call to action is the account's one sentence that asks
    the team to do something (``tests.factories.ASK``), taken without asking the model."""
    return [choose("four days"), choose("I learned")]


Messages = list[dict[str, str]]


def field_reply(field: str, text: str) -> str:
    """A writing step's reply: ``text`` in the one field the step's JSON schema asks for."""
    return json.dumps({field: text})


def writer(*replies: object) -> FakeModel:
    """A model that writes every lesson part itself; the choosing path has its own tests."""
    return FakeModel(*replies, writes_freely=True)


def citing(field: str, kind: str, text: str) -> Callable[[Messages], str]:
    """A reply that cites the first id of ``kind`` that the prompt offers, whatever retrieval
    found."""

    def answer(messages: Messages) -> str:
        found = re.search(rf"\[({kind}-[a-z0-9-]+)\]", messages[1]["content"])
        assert found is not None, f"no {kind} in the prompt"
        return field_reply(field, f"{text} [{found.group(1)}]")

    return answer


LESSON_WHY = (
    "In her second week, a junior mechanic saw Dennis replace a €260 controller on a Kade "
    "that came back four days later with the same fault. It was a loose battery contact in "
    "the frame mount, a €4 part and fifteen minutes. Because Dennis listened to the newest "
    "person in the workshop, three senior mechanics learned to read logs that month."
)
LESSON: list[object] = [
    field_reply(
        "objective",
        "read a motor error log and explain what it shows before anyone replaces a part",
    ),
    citing("why", "value", LESSON_WHY),
    field_reply(
        "point", "A senior fix can be wrong: the controller was replaced and the fault came back."
    ),
    field_reply(
        "point", "Dennis asked the junior to show the log to everyone at the Friday teach."
    ),
    field_reply(
        "point",
        "When a junior shows you something new, ask how they learned it and what else they do.",
    ),
    field_reply(
        "practice",
        "This week, ask the newest person on your team to show you one tool or habit from their "
        "training that you do not use. Try it on one real repair together and write down what "
        "you learned.",
    ),
    field_reply(
        "question",
        "When did someone newer than you last show you a better way to find a fault, and "
        "what made you listen?",
    ),
    field_reply(
        "question",
        "What did the newest person on your team show you last week, and what did you change?",
    ),
]
"""An English lesson on ``story-junior-error-logs``, every part written (``writer``), in the
steps' order: objective, why, three key points, practice, reflection, recall."""

GOAL = "I want to learn to read motor error logs and explain faults to customers"
"""A team member's development goal, for an English 1:1 lesson."""
ONE_ON_ONE: list[object] = [
    field_reply("objective", "read the error log of a motor that cuts out and explain the fault"),
    citing(
        "why",
        "value",
        "A €260 controller was replaced on a Kade, and the bike came back four days later with "
        "the same fault. It was a loose battery contact in the frame mount, a €4 part and "
        "fifteen minutes.",
    ),
    field_reply("point", "Read the error log before you replace any part."),
    field_reply(
        "point", "Dennis listened to the newest person in the workshop and asked her to teach."
    ),
    field_reply("point", "Show a colleague what the log says, whatever your experience."),
    field_reply(
        "practice",
        "This week, before you replace any part on a bike that cuts out, read its error log "
        "first and write down in two sentences what the log shows.",
    ),
    field_reply(
        "question", "Which repair would have gone differently if you had read the log first?"
    ),
    field_reply(
        "question", "What did the last error log you read tell you, and what did you do next?"
    ),
    citing(
        "meet",
        "priority",
        "You want to read error logs and explain faults to customers; we want repairs right "
        "the first time, and the log is where that starts.",
    ),
    field_reply(
        "next_step",
        "Read the log of the next bike that cuts out and show me what you found on Friday.",
    ),
]
"""An English 1:1 lesson on ``story-junior-error-logs`` for ``GOAL``, every part written: the
lesson's steps, then the meeting point and the next step."""


def asked_field(messages: Messages) -> str:
    """The field a writing prompt asks for (its closing 'Reply as {"field": ...}')."""
    asked = next(m["content"] for m in messages if m["role"] == "user")
    found = re.findall(r'\{"(\w+)": "', asked)
    assert found, "not a writing prompt"
    return str(found[-1])


def selecting(*written: str, choice: str = "") -> FakeModel:
    """A model that answers every choosing prompt with the option containing ``choice`` (else
    the first) and every writing prompt with the one of ``written`` for the field it asks."""
    by_field = {next(iter(json.loads(w))): w for w in written}
    chooser = choose(choice)

    def answer(messages: Messages) -> str:
        if re.search(r"<<<(?:OPTIONS|KEUZES)\n", messages[1]["content"]):
            return chooser(messages)
        return by_field[asked_field(messages)]

    return FakeModel(answer=answer)


SELECTED_LESSON_WRITTEN = (
    field_reply("question", "Which error log did you read this week, and what did it show you?"),
)
"""What a selecting model writes for an English lesson on ``story-junior-error-logs``: only
the recall question (every other part is chosen from the story)."""
