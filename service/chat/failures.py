"""What to tell a leader when the coach's reply fails: plain words, in the chat's language.

An error a person reads names no step id and repeats no prefix ("story.why: story.why: the
model's answer stayed invalid ..."): it says what happened, that nothing they wrote is lost
(their message is kept before the model runs), and what they can do. The technical reason
goes to the server log, and to API clients as a separate detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.errors import GenerationFailed, InvalidInput, ModelUnavailable
from service.vocabulary import Language

TEXTS = {
    "generation_failed": {
        Language.EN: "The coach did not manage to write this part of your story. Nothing is "
        "lost: your answers are kept above. Please try again.",
        Language.NL: "Het is de coach niet gelukt dit deel te schrijven. Er is niets verloren "
        "gegaan: je antwoorden staan hierboven. Probeer het opnieuw.",
    },
    "model_unavailable": {
        Language.EN: "The coach cannot be reached right now. Nothing is lost: your answers are "
        "kept above. Please try again in a minute.",
        Language.NL: "De coach is nu niet bereikbaar. Er is niets verloren gegaan: je antwoorden "
        "staan hierboven. Probeer het over een minuut opnieuw.",
    },
    "invalid_input": {
        Language.EN: "The coach could not make a story from this. Nothing is lost: your answers "
        "are kept above. Tell the coach a little more about what happened, or start a new chat.",
        Language.NL: "De coach kon hier geen verhaal van maken. Er is niets verloren gegaan: je "
        "antwoorden staan hierboven. Vertel de coach wat meer over wat er gebeurde, of begin "
        "een nieuw gesprek.",
    },
    "error": {
        Language.EN: "Something went wrong on our side. Nothing is lost: your answers are kept "
        "above. Please try again.",
        Language.NL: "Er ging bij ons iets mis. Er is niets verloren gegaan: je antwoorden staan "
        "hierboven. Probeer het opnieuw.",
    },
}


@dataclass(frozen=True)
class Failure:
    """A failed reply as a leader reads it."""

    message: str
    """Plain words in the chat's language."""
    retry: bool
    """Whether sending the same messages again may well work (the model, not the input)."""


def plain_failure(exc: BaseException, language: Language) -> Failure:
    """What to tell the leader about ``exc``, in ``language``."""
    if isinstance(exc, GenerationFailed):
        return Failure(TEXTS["generation_failed"][language], retry=True)
    if isinstance(exc, ModelUnavailable):
        return Failure(TEXTS["model_unavailable"][language], retry=True)
    if isinstance(exc, InvalidInput):
        return Failure(TEXTS["invalid_input"][language], retry=False)
    return Failure(TEXTS["error"][language], retry=True)
