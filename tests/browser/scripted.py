"""A scripted coach for the browser tests (the UI is under test, not the model).

The story's parts are *chosen* from the leader's own sentences, and a choice that fails is
asked again before code falls back, so how many calls the story takes depends on the coach.
Choosing prompts are therefore answered by what they ask; every other step (the interview,
the lesson, the discussion questions) takes the next queued reply in the order they come.
The account (``ACCOUNT``) has no sentence that asks the team to do something, so the draft's
call to action is missing, with the coach's question to the leader: a part to write. It says
its lesson twice, so the core message is a choice the model is asked for (a single lesson
sentence is taken by code, and the hold below would never be reached).

A test that must see the draft *while* it streams holds the coach at the core message
(``Hold``): the parts before it are then in the page's live bubble however fast or slow the
machine is, and the test lets the coach go on once it has seen them. Without the hold, a fast
reply can arrive whole in one read of the stream and never be seen streaming.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable

from service.errors import GenerationFailed, ModelUnavailable
from service.testing import FakeModel
from service.vocabulary import Language
from service.words import load_words
from tests.api.conftest import answering_model
from tests.choices import choose
from tests.factories import ACCOUNT_WITHOUT_ASK
from tests.helpers.coach_replies import INTERVIEW

__all__ = ["ACCOUNT", "Hold", "scripted_model"]

Messages = list[dict[str, str]]
ACCOUNT = f"{ACCOUNT_WITHOUT_ASK} The lesson for me: saying why matters more than working longer."
OPTIONS = re.compile(r"<<<(?:OPTIONS|KEUZES)\n")
CHOICES: dict[str, Callable[[Messages], str] | None] = {
    "title": choose("four days"),
    "core_message": choose("I learned"),
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


HOLD_SECONDS = 600
"""How long a held coach waits for the test at most: a test that failed before letting it go
must not keep the server's model thread forever (the fixture lets it go too)."""


class Hold:
    """Where the scripted coach waits, once, until the test lets it go on."""

    def __init__(self) -> None:
        self._released = threading.Event()
        self._held = threading.Event()

    def release(self) -> None:
        self._released.set()

    def wait(self) -> None:
        """Called by the coach's thread the first time it reaches the held step."""
        if self._held.is_set():
            return
        self._held.set()
        if not self._released.wait(HOLD_SECONDS):
            raise ModelUnavailable("scripted", "the test never let the coach go on")


def _part(prompt: str) -> str | None:
    """The story part a choosing prompt asks for (``None``: a lesson's or another's)."""
    for part in CHOICES:
        if any(load_words("story", language)[f"choices.{part}"] in prompt for language in Language):
            return part
    return None


def scripted_model(*, fail_once: bool = False, hold: Hold | None = None) -> FakeModel:
    """The coach's replies for the whole journey; ``fail_once``: the story's first choice
    fails as a model failure would (``GenerationFailed``), and every later call works;
    ``hold``: the story waits before its core message until the test releases it."""
    ordered: list[object] = [*INTERVIEW, *LESSON]
    questions = answering_model().answer
    failures = [GenerationFailed("story.title", "it is not in English")] if fail_once else []

    def reply(messages: Messages) -> str:
        asked = next(m["content"] for m in messages if m["role"] == "user")
        if OPTIONS.search(asked):
            if failures:
                raise failures.pop()
            part = _part(asked)
            if part == "core_message" and hold is not None:
                hold.wait()
            choice = CHOICES[part] if part else choose()
            return choice([{"role": "user", "content": asked}]) if choice else "not json"
        if ordered:
            queued = ordered.pop(0)
            return str(queued(messages) if callable(queued) else queued)
        assert questions is not None
        return questions(messages)

    return FakeModel(answer=reply)
