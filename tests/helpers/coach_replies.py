"""Scripted model replies for the coach's jobs, shared by the coach, CLI and browser tests."""

from __future__ import annotations

import json

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
