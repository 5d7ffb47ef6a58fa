"""A fake model with queued replies or a reply function, that records every call it answers.

In the spirit of pydantic-ai's ``TestModel`` and ``FunctionModel``: a test says what the
model answers, runs the code under test, then reads what the model was asked from typed call
records instead of digging through dicts. It serves as a chat model (``complete``,
``stream``: ``service.coach.model.ChatModel``) and as a judge model (``complete_json``:
``service.quality.JudgeModel``), so one double covers both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from service.llm.completion import Completion, Messages
from service.vocabulary import Language

ReplyFunction = Callable[[Messages], str]
Reply = str | BaseException | ReplyFunction
"""A queued reply: the text itself, an exception to raise, or a function of the messages."""
Method = Literal["complete", "stream", "complete_json"]


@dataclass(frozen=True)
class ModelCall:
    """One call a fake model answered, as it was made."""

    method: Method
    messages: Messages
    schema: dict[str, Any] | None
    """The JSON schema the reply was asked to follow, if any."""
    max_tokens: int | None = None
    """``None`` for a judge call, which does not set it."""
    temperature: float | None = None
    seed: int | None = None
    """The seed a sampled candidate was asked with, if any."""

    @property
    def prompt(self) -> str:
        """The last message's text: what this call asked (a retry's feedback is here too)."""
        return self.messages[-1]["content"] if self.messages else ""


class FakeModel:
    """A chat and judge model that answers from a queue and records every call.

    ``replies`` are used in order: a string is the reply, an exception is raised, a callable
    gets the messages and returns the reply, so a test can answer by what was asked. When
    the queue is empty, ``answer`` (a function of the messages) replies to every further
    call; without it, a call past the queue fails the test. Both may be changed mid-test
    (``model.replies[:] = [ModelUnavailable(...)]``).

    Args:
        replies: the queued replies.
        answer: replies once the queue is empty (pydantic-ai's ``FunctionModel``).
        name: the model name reported in completions and verdicts.
        writes_freely: read by the coach: whether the model may write a story's parts
            freely (``Settings.free_writing_models``).
        short_writing_languages: read by the coach: the languages in which it writes a
            story's title and call to action (``Settings.short_writing_languages``); none by
            default, so a test scripts the choices.
    """

    def __init__(
        self,
        *replies: Reply,
        answer: ReplyFunction | None = None,
        name: str = "fake-model",
        writes_freely: bool = False,
        short_writing_languages: frozenset[Language] = frozenset(),
    ) -> None:
        self.name = name
        self.replies: list[Reply] = list(replies)
        self.answer = answer
        self.writes_freely = writes_freely
        self.short_writing_languages = short_writing_languages
        self.calls: list[ModelCall] = []
        """Every call answered (or refused), oldest first."""

    def _reply(self, call: ModelCall) -> str:
        self.calls.append(call)
        if self.replies:
            reply = self.replies.pop(0)
        elif self.answer is not None:
            reply = self.answer
        else:
            raise AssertionError(f"{self.name} ran out of replies at call {len(self.calls)}")
        if isinstance(reply, BaseException):
            raise reply
        return str(reply(call.messages) if callable(reply) else reply)

    def complete(
        self,
        messages: Messages,
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
        seed: int | None = None,
    ) -> Completion:
        text = self._reply(ModelCall("complete", messages, schema, max_tokens, temperature, seed))
        return Completion(
            text=text, model=self.name, prompt_tokens=10, completion_tokens=len(text.split())
        )

    def stream(
        self,
        messages: Messages,
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Iterator[str]:
        text = self._reply(ModelCall("stream", messages, schema, max_tokens, temperature))
        for start in range(0, len(text), 3):  # small pieces, as a tokenizer would give
            yield text[start : start + 3]

    def complete_json(self, messages: Messages, schema: dict[str, Any]) -> str:
        """A judge call: the reply text to ``messages``, asked to follow ``schema``."""
        return self._reply(ModelCall("complete_json", messages, schema))
