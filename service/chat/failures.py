"""What to tell a leader when the coach's reply fails: plain words, in the chat's language.

An error a person reads names no step id and repeats no prefix ("story.why: story.why: the
model's answer stayed invalid ..."): it says what happened, that nothing they wrote is lost
(their message is kept before the model runs), and what they can do. The technical reason
goes to the server log, and to API clients as a separate detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.errors import DatabaseBusy, GenerationFailed, InvalidInput, ModelUnavailable
from service.vocabulary import Language
from service.words import load_words


@dataclass(frozen=True)
class Failure:
    """A failed reply as a leader reads it."""

    message: str
    """Plain words in the chat's language."""
    retry: bool
    """Whether sending the same messages again may well work (the model, not the input)."""


def plain_failure(exc: BaseException, language: Language) -> Failure:
    """What to tell the leader about ``exc``, in ``language`` (the ``chat`` words)."""
    said = load_words("chat", language).section("failures")
    if isinstance(exc, GenerationFailed):
        return Failure(said["generation_failed"], retry=True)
    if isinstance(exc, ModelUnavailable):
        return Failure(said["model_unavailable"], retry=True)
    if isinstance(exc, DatabaseBusy):
        return Failure(said["busy"], retry=True)
    if isinstance(exc, InvalidInput):
        return Failure(said["invalid_input"], retry=False)
    return Failure(said["error"], retry=True)
