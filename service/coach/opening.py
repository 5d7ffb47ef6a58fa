"""Opening the models a process works with: the chat model that writes, and the judge.

The app (its lifespan and dependencies) and every command open them here, from the same
Settings, so a setting such as ``STORYCOACH_JUDGE_MODEL`` reaches the review queue exactly as
it reaches ``storycoach eval score``. The gateway is imported inside each function: it loads
litellm, which a search or ``eval score --no-judge`` never needs.
"""

from __future__ import annotations

import sys

from service.quality import Judge, JudgeModel, VerdictCache
from service.settings import Settings

from .model import ChatModel


def open_chat_model(settings: Settings, model: str | None = None) -> ChatModel:
    """The model the coach writes with: ``model`` or the model setting, with its fallbacks.

    Opening is cheap; an embedded model loads its weights at the first call.
    """
    from service.llm.gateway import open_gateway

    return open_gateway(settings, model)


def open_judge_model(settings: Settings, model: str) -> JudgeModel:
    """The model gateway opened on the judge's model, without the writer's fallbacks.

    Verdicts are cached under the judge model's name, so a fallback model answering in its
    place would store another model's verdicts under that name.
    """
    from service.llm.gateway import open_gateway

    return open_gateway(settings.model_copy(update={"model_fallbacks": []}), model=model)


def open_judge(
    settings: Settings,
    *,
    model: str | None = None,
    epochs: int = 1,
    cache: VerdictCache | None = None,
) -> Judge | None:
    """The judge on ``model`` (default: the judge-model setting), or ``None`` when neither is set.

    The judge model is its own setting (docs/style.md, point 11): the model that writes a lesson
    should not be the only one to grade it. Without one, judge criteria are unscored.
    """
    name = model or settings.judge_model
    if not name:
        return None
    return Judge(open_judge_model(settings, name), epochs=epochs, cache=cache)


def release_models() -> None:
    """Free embedded models this process loaded (llama.cpp holds them until told)."""
    if "service.llm.gateway" not in sys.modules:
        return  # no model was opened, and importing the gateway would load litellm for nothing
    from service.llm.gateway import close_embedded_models

    close_embedded_models()
