"""A scripted coach for the browser tests (the UI is under test, not the model).

The story's parts are *chosen* from the leader's own sentences, and a choice that fails is
asked again before code falls back, so how many calls the story takes depends on the coach.
Choosing prompts are therefore answered by what they ask; every other step (the interview,
the lesson, the discussion questions) takes the next queued reply in the order they come.
The call to action is never chosen, so code falls back and the draft has a part to edit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from service.errors import GenerationFailed
from service.testing import FakeModel
from service.vocabulary import Language
from service.words import load_words
from tests.api.conftest import answering_model
from tests.choices import choose
from tests.factories import ACCOUNT
from tests.helpers.coach_replies import INTERVIEW

__all__ = ["ACCOUNT", "scripted_model"]

Messages = list[dict[str, str]]
OPTIONS = re.compile(r"<<<(?:OPTIONS|KEUZES)\n")
CHOICES: dict[str, Callable[[Messages], str] | None] = {
    "title": choose("two weekends"),
    "core_message": choose("I learned"),
    "call_to_action": None,  # no valid choice: code falls back to a plain suggestion
}


def _reply(field: str, text: str) -> str:
    return json.dumps({field: text})


def _why(messages: Messages) -> str:
    found = re.search(r"\[(value-[a-z0-9-]+)\]", messages[1]["content"])
    cite = f" [{found.group(1)}]" if found else ""
    return _reply(
        "why",
        "Last March 340 complaints were open in Zaandam and most customers waited four days "
        "for any answer. Working two weekends did not move the backlog and exhausted the team; "
        "a fifteen-minute huddle every morning that put bikes off the road first brought it "
        f"down to 60, and most customers now hear from us within a day.{cite}",
    )


LESSON = [
    _reply(
        "objective", "sort a complaint queue so that customers without a bike are answered first"
    ),
    _why,
    _reply("point", "Working longer hid the real problem: the backlog barely moved."),
    _reply("point", "A fifteen-minute huddle every morning sorted tickets by bike off the road."),
    _reply("point", "Say it when your plan did not work, as the leader did with the team."),
    _reply(
        "practice",
        "Tomorrow morning, sort your open tickets with your team and answer the customers "
        "whose bike is off the road first. Write down how many you answered that day.",
    ),
    _reply("question", "Which ticket in your queue today belongs to someone who cannot ride?"),
    _reply("question", "When did working longer hide a problem in your team, and what helped?"),
]


def _choice(prompt: str) -> Callable[[Messages], str] | None:
    """The scripted choice for the part a choosing prompt asks for."""
    for part, choice in CHOICES.items():
        if any(load_words("story", language)[f"choices.{part}"] in prompt for language in Language):
            return choice
    return choose()


def scripted_model(*, fail_once: bool = False) -> FakeModel:
    """The coach's replies for the whole journey; ``fail_once``: the story's first choice
    fails as a model failure would (``GenerationFailed``), and every later call works."""
    ordered: list[object] = [*INTERVIEW, *LESSON]
    questions = answering_model().answer
    failures = [GenerationFailed("story.title", "it is not in English")] if fail_once else []

    def reply(messages: Messages) -> str:
        asked = next(m["content"] for m in messages if m["role"] == "user")
        if OPTIONS.search(asked):
            if failures:
                raise failures.pop()
            choice = _choice(asked)
            return choice([{"role": "user", "content": asked}]) if choice else "not json"
        if ordered:
            queued = ordered.pop(0)
            return str(queued(messages) if callable(queued) else queued)
        assert questions is not None
        return questions(messages)

    return FakeModel(answer=reply)
