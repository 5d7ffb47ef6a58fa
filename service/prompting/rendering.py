"""Rendering a template into chat messages, reporting every missing variable at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.errors import PromptError, PromptVariablesMissing
from service.settings import get_settings

from .templates import PromptTemplate, load_template


@dataclass(frozen=True)
class ChatMessage:
    role: str
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True)
class RenderedPrompt:
    """What a template produced: messages to send, and where they came from."""

    id: str
    version: int
    messages: tuple[ChatMessage, ...]
    output: str | None

    def as_dicts(self) -> list[dict[str, str]]:
        return [m.as_dict() for m in self.messages]


def render_prompt(
    prompt_id: str,
    folder: Path | None = None,
    *,
    language: str | None = None,
    **variables: Any,
) -> RenderedPrompt:
    """Render ``<folder>/<prompt_id>.j2`` with ``variables``; ``folder`` defaults to the prompts
    setting (``STORYCOACH_PROMPTS_DIR``, else the prompts the package ships).

    With ``language``, a variant written in that language (``<prompt_id>.<language>.j2``) is
    used when there is one: a small model writes far better Dutch when it is asked in Dutch
    than when an English prompt names the language. A variant declares the same variables.
    """
    folder = folder or get_settings().prompts_dir
    variant = f"{prompt_id}.{language}"
    if language is not None and (folder / f"{variant}.j2").is_file():
        prompt_id = variant
    template = load_template(prompt_id, folder)
    declared = set(template.meta.variables)
    missing = sorted(declared - set(variables))
    if missing:
        raise PromptVariablesMissing(prompt_id, missing)
    unexpected = sorted(set(variables) - declared)
    if unexpected:
        raise PromptError(f"prompt '{prompt_id}' does not declare {', '.join(unexpected)}")
    return RenderedPrompt(
        id=template.meta.id,
        version=template.meta.version,
        messages=_messages(template, variables),
        output=template.meta.output,
    )


def _messages(template: PromptTemplate, variables: dict[str, Any]) -> tuple[ChatMessage, ...]:
    """One message per role block of the file, each rendered on its own: the data inserted
    into one block can never end it or start another (see ``templates.py``)."""
    prompt_id = template.meta.id
    if template.lead is not None and template.lead.render(**variables).strip():
        raise PromptError(f"prompt '{prompt_id}': text before the first [role] line")
    if not template.blocks:
        raise PromptError(f"prompt '{prompt_id}' rendered no messages")
    return tuple(
        ChatMessage(block.role, _tidy(block.template.render(**variables)))
        for block in template.blocks
    )


def _tidy(text: str) -> str:
    """Every line break made a plain newline (a browser's form sends CR LF) and the ends
    trimmed: the bytes prompts have always had, which llama.cpp's prompt cache and the eval
    baselines depend on."""
    return "\n".join(text.splitlines()).strip()
