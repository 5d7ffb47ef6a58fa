"""Prompt templates (``prompts/*.j2``) loaded as data and rendered into chat messages."""

from .fencing import Fenced, fence
from .rendering import ChatMessage, RenderedPrompt, render_prompt
from .templates import PROMPTS_DIR, PromptMeta, load_template

__all__ = [
    "PROMPTS_DIR",
    "ChatMessage",
    "Fenced",
    "PromptMeta",
    "RenderedPrompt",
    "fence",
    "load_template",
    "render_prompt",
]
