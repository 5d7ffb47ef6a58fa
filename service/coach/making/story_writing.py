"""The story's own parts written freely, for a model that is capable of it.

Where the configured model is listed as writing freely (``Settings.free_writing_models``), and
for the short English parts (title, call to action) with any model: the embedded 1.5B model
misstated leaders when it wrote longer parts, and its Dutch is broken, so elsewhere it chooses
among their sentences instead (``story_parts``). Every written part is also read by the
publishability detectors (a call to action must ask the team, a title must be whole).
A freely written part is checked like everything else
(length, language) and for faithfulness: no name or number, and no claim, that the leader's
account does not support. The organisation's priority is *not* material here: its targets
are the company's, never the leader's results. A part that fails every candidate is ``None``,
and the story takes the chosen version of it instead.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Literal

from pydantic import BaseModel, Field, create_model

from service.knowledge import SearchHit
from service.knowledge.citations import cite
from service.knowledge.languages import detect_language
from service.prompting import render_prompt
from service.quality.checks.sources import unsupported_specifics
from service.vocabulary import Language
from service.words import load_words

from ..model import ChatModel
from ..priority import LANGUAGE_NAMES
from .field_steps import fit_sentences
from .publishable import publishable_problem
from .steps import Delta, StepLog, attempt_stream_step

MAX_WORDS = {"title": 10, "core_message": 25, "call_to_action": 25}
"""The longest each freely written part may be; its rules, in the prompt's language, are the
``story`` words' ``writing`` (so a Dutch prompt holds no English rule)."""


def write_part(
    model: ChatModel,
    log: StepLog,
    field: Literal["title", "core_message", "call_to_action"],
    priority: str,
    body: str,
    account: str,
    language: Language,
) -> Generator[Delta, None, str | None]:
    max_words = MAX_WORDS[field]
    said = load_words("story", language).section(f"writing.{field}")
    shape: type[BaseModel] = create_model(
        f"{field.title()}Draft",
        **{field: (str, Field(max_length=300))},  # type: ignore[call-overload]
    )
    prompt = render_prompt(
        "story-part",
        language=language.value,
        priority=priority,
        story=body,
        part=said["part"],
        rules=[rule.strip() for rule in said["rules"].split("|")],
        language_name=LANGUAGE_NAMES[language],
        field=field,
    )
    material = f"{account}\n{body}"

    def check(draft: BaseModel) -> str | None:
        text = fit_sentences(str(getattr(draft, field)), max_words).strip('"')
        # Titles are often in title case: every capital would read as a name.
        problem = check_faithful(text.lower() if field == "title" else text, language, material)
        return problem or publishable_problem(field, text, account, language)

    answer = yield from attempt_stream_step(
        model, f"story.{field}", prompt, shape, check, log, field=field, max_tokens=120
    )
    if answer is None:
        return None
    return fit_sentences(" ".join(str(getattr(answer, field)).split()), max_words).strip('"')


class WhyDraft(BaseModel):
    value_id: str
    why: str = Field(max_length=500)


def write_why(
    model: ChatModel,
    log: StepLog,
    body: str,
    account: str,
    values: list[SearchHit],
    language: Language,
) -> Generator[Delta, None, tuple[SearchHit, str] | None]:
    """Why it matters, linked to one retrieved value (the schema allows only their ids)."""
    shape: type[WhyDraft] = create_model(
        "WhyDraft",
        __base__=WhyDraft,
        value_id=(Literal[tuple(v.id for v in values)], ...),  # type: ignore[arg-type]
    )
    values_text = "\n\n".join(
        f"{v.id}: {v.title}\n{v.text.split(chr(10) * 2, 1)[-1]}" for v in values
    )
    prompt = render_prompt(
        "story-why",
        language=language.value,
        story=body,
        values=values_text,
        language_name=LANGUAGE_NAMES[language],
    )
    known = f"{account}\n{body}\n" + "\n".join(v.text for v in values)

    def check(draft: WhyDraft) -> str | None:
        return check_faithful(fit_sentences(draft.why, 45), language, known, max_words=45)

    answer = yield from attempt_stream_step(
        model, "story.why", prompt, shape, check, log, field="why"
    )
    if answer is None:
        return None
    value = next(v for v in values if v.id == answer.value_id)
    why = fit_sentences(" ".join(answer.why.split()), 45)
    return value, f"{why} ({cite(value.title, value.id)})"


def check_faithful(
    text: str, language: Language, material: str, *, max_words: int = 25
) -> str | None:
    """What is wrong with a freely written part: empty, too long, another language, or a
    name, number or claim the leader did not make."""
    text = text.strip()
    if not text:
        return "the answer is empty"
    if len(text.split()) > max_words:
        return f"it has {len(text.split())} words; at most {max_words}"
    found = detect_language(text)
    if found is not None and found is not language:
        return f"it is not in {LANGUAGE_NAMES[language]}"
    invented = unsupported_specifics(text, material)
    if invented:
        return f"it adds {', '.join(invented)}, which the leader did not say; use only their facts"
    return None
