"""A small model selects, code composes: choosing one of the leader's own sentences.

Asked to paraphrase, the embedded 1.5B model writes things the leader never said; asked to
pick, it is reliable. A choice is decoded under an enum of the options (the grammar cannot
produce anything else), so a candidate fails only when the model's output is cut off. Code
decides what the options are and owns every frame around the one chosen. The story's parts
choose while they stream (``story_parts.choose``); a lesson's parts choose here.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, create_model

from service.prompting import RenderedPrompt, render_prompt
from service.vocabulary import Language

from ..model import ChatModel
from .steps import StepLog, attempt_step

CHOICE_CANDIDATES = 2
"""A constrained choice rarely fails; a second candidate covers an answer cut off early."""


def writes_freely(model: ChatModel) -> bool:
    """Whether ``model`` may write parts freely (``Settings.free_writing_models``); a model
    that does not say so selects among the leader's words instead."""
    return bool(getattr(model, "writes_freely", False))


def writes_short(model: ChatModel, language: Language) -> bool:
    """Whether ``model`` writes a story's short parts in ``language`` (a model that writes
    freely does in any language; ``Settings.short_writing_languages`` names the others)."""
    return writes_freely(model) or language in getattr(model, "short_writing_languages", ())


def choice_shape(options: list[str]) -> type[BaseModel]:
    """``{"choice": <one of options>}``: the enum goes into the JSON schema and the grammar."""
    return create_model("Choice", choice=(Literal[tuple(options)], ...))  # type: ignore[arg-type]


def choice_prompt(
    options: list[str], *, what: str, story: str, language: Language
) -> RenderedPrompt:
    return render_prompt(
        "story-choose",
        language=language.value,
        story=story,
        what=what,
        options="\n".join(f"- {o}" for o in options),
    )


def choice_tokens(options: list[str]) -> int:
    """Enough tokens to copy the longest option and close the JSON."""
    return max(len(o) for o in options) // 2 + 40


def choose_one(
    model: ChatModel,
    log: StepLog,
    options: list[str],
    *,
    what: str,
    story: str,
    language: Language,
) -> str | None:
    """One of ``options`` chosen by the model, the only one without asking it, or ``None``
    when there is none or every candidate failed (the caller falls back)."""
    if len(options) <= 1:
        return options[0] if options else None
    answer = attempt_step(
        model,
        choice_prompt(options, what=what, story=story, language=language),
        choice_shape(options),
        lambda _: None,
        log,
        max_tokens=choice_tokens(options),
        candidates=CHOICE_CANDIDATES,
    )
    return None if answer is None else str(answer.model_dump()["choice"])
