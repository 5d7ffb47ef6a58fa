"""A scripted coach for the browser tests: the FakeModel's queued replies, in the order the
chat, the lesson and the discussion questions ask for them (the UI is under test, not the
model)."""

from __future__ import annotations

import json
import re

from tests.api.conftest import answering_model
from tests.coach.test_interview import ENGLISH as INTERVIEW
from tests.coach.test_story import replies as story_replies
from tests.factories import ACCOUNT
from tests.fakes import FakeModel

__all__ = ["ACCOUNT", "scripted_model"]


def _reply(field: str, text: str) -> str:
    return json.dumps({field: text})


def _why(messages: list[dict[str, str]]) -> str:
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


def scripted_model() -> FakeModel:
    questions = answering_model().replies[0]
    return FakeModel(*INTERVIEW, *story_replies(), *LESSON, *([questions] * 1000))
