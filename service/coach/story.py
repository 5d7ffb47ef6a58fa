"""The story: the leader's own account, restructured to explain *why*.

Code owns the story: it sorts the leader's sentences into beats, orders them in the chosen
structure under headings, and keeps every one of the leader's words. The model adds only what
an account rarely states outright, each a short checked step: a title, a core message of at
most 25 words, why it matters (linked to one retrieved value, cited), and a call to action.
None may carry a name or number that is not in the account. An account too short for a
150-word story is not padded: the result lists what the coach still needs to ask.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Literal

from pydantic import BaseModel, Field, create_model

from service.errors import GenerationFailed
from service.knowledge import DocumentKind, KnowledgeBase, Language
from service.knowledge.languages import detect_language
from service.prompting import render_prompt
from service.quality.checks.sources import unsupported_specifics
from service.quality.signals import numbers, sentences

from .beats import assign_beats
from .field_steps import fit_sentences
from .interview import FOCUS
from .model import ChatModel
from .priority import (
    LANGUAGE_NAMES,
    MAX_ACCOUNT_WORDS,
    Priority,
    check_text,
    choose_language,
    resolve_priority,
)
from .sources import ResultMeta, Sources, gather_sources, remove_invalid_citations
from .steps import Delta, StepLog, finish, run_step, stream_step
from .structures import SECTIONS, Beat, StoryStructure, pick_structure

MIN_WORDS, MAX_WORDS = 150, 350
LABELS = {
    "core": {Language.EN: "Core message", Language.NL: "Kernboodschap"},
    "why": {Language.EN: "Why it matters", Language.NL: "Waarom het ertoe doet"},
    "action": {Language.EN: "Call to action", Language.NL: "Oproep"},
}


class Section(BaseModel):
    heading: str
    text: str


class Story(BaseModel):
    """A story in the leader's words, with the parts that make it teach."""

    title: str
    structure: StoryStructure
    structure_reason: str
    sections: list[Section]
    core_message: str
    why_it_matters: str
    values: list[str]
    call_to_action: str
    text: str
    """The whole story as Markdown."""
    word_count: int
    language: Language
    citations: list[str]
    gaps: list[str]
    """Questions the coach still has when the account is too thin for a full story."""
    meta: ResultMeta


class TitleDraft(BaseModel):
    title: str = Field(max_length=120)


class CoreMessageDraft(BaseModel):
    core_message: str = Field(max_length=300)


class CallToActionDraft(BaseModel):
    call_to_action: str = Field(max_length=300)


class WhyDraft(BaseModel):
    value_id: str
    why: str = Field(max_length=500)


class TranslationDraft(BaseModel):
    translation: str = Field(max_length=1000)


def write_story(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    priority: str,
    account: str,
    *,
    structure: StoryStructure | None = None,
    language: Language | None = None,
) -> Story:
    """The finished story (see ``stream_story`` for the same, piece by piece)."""
    return finish(_story(model, knowledge, org, priority, account, structure, language))


def stream_story(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    priority: str,
    account: str,
    *,
    structure: StoryStructure | None = None,
    language: Language | None = None,
) -> Iterator[Delta | Story]:
    """Text deltas of each model-written part as it is written, then the finished ``Story``."""
    story = yield from _story(model, knowledge, org, priority, account, structure, language)
    yield story


def _story(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    priority_text: str,
    account: str,
    structure: StoryStructure | None,
    requested: Language | None,
) -> Generator[Delta, None, Story]:
    priority = resolve_priority(knowledge, org, priority_text)
    account = check_text("account", account, max_words=MAX_ACCOUNT_WORDS, min_words=20)
    language = choose_language(requested, account)
    sources = gather_sources(knowledge, org, f"{priority.text}\n{account}"[:1500])
    log = StepLog()

    said = [" ".join(s.split()) for s in sentences(account)]
    if detect_language(account) not in (None, language):
        said = [_translate(model, s, language, log) for s in said]
    beats = _fit_length(assign_beats(said))
    if structure is None:
        structure, reason = pick_structure(beats, language)
    else:
        reason = ""
    sections = _sections(structure, beats, language)
    body = "\n\n".join(s.text for s in sections)
    # What the model may take names and numbers from: the leader's own words, and the
    # organisation's priority it was shown (its goal and dates are the company's, and cited).
    material = f"{account}\n{body}\n{priority.text}"

    title = yield from _part(
        model,
        log,
        TitleDraft,
        "title",
        priority,
        body,
        language,
        material,
        part="title",
        rules=["At most 10 words.", "No quotation marks."],
        max_words=10,
    )
    core = yield from _part(
        model,
        log,
        CoreMessageDraft,
        "core_message",
        priority,
        body,
        language,
        material,
        part="core message: the one thing the team should remember",
        rules=["One sentence of at most 25 words.", "Simple words; no jargon."],
        max_words=25,
    )
    value_id, why = yield from _why(model, log, body, sources, language, material)
    action = yield from _part(
        model,
        log,
        CallToActionDraft,
        "call_to_action",
        priority,
        body,
        language,
        material,
        part="call to action: what the team should do from tomorrow",
        rules=["One sentence of at most 25 words.", "Start with a verb."],
        max_words=25,
    )
    text = _markdown(title, sections, core, why, value_id, action, language)
    text, removed = remove_invalid_citations(text, sources)
    count = len(text.split())
    return Story(
        title=title,
        structure=structure,
        structure_reason=reason,
        sections=sections,
        core_message=core,
        why_it_matters=why,
        values=[value_id],
        call_to_action=action,
        text=text,
        word_count=count,
        language=language,
        citations=[value_id, *([priority.id] if priority.id else [])],
        gaps=_gaps(beats, count, language),
        meta=ResultMeta.of(model.name, log, sources, removed),
    )


def _part(
    model: ChatModel,
    log: StepLog,
    shape: type[BaseModel],
    field: str,
    priority: Priority,
    body: str,
    language: Language,
    material: str,
    *,
    part: str,
    rules: list[str],
    max_words: int,
) -> Generator[Delta, None, str]:
    prompt = render_prompt(
        "story-part",
        priority=priority.text,
        story=body,
        part=part,
        rules=rules,
        language_name=LANGUAGE_NAMES[language],
        field=field,
    )

    def check(draft: BaseModel) -> str | None:
        text = fit_sentences(str(getattr(draft, field)), max_words)
        # Titles are often in title case: every capital would read as a name, so a title is
        # held to the leader's numbers but judged for names in lower case.
        return _check_text(
            text.lower() if field == "title" else text, language, material, max_words
        )

    answer = yield from stream_step(
        model, f"story.{field}", prompt, shape, check, log, field=field, max_tokens=120
    )
    return fit_sentences(" ".join(str(getattr(answer, field)).split()), max_words).strip('"')


def _why(
    model: ChatModel, log: StepLog, body: str, sources: Sources, language: Language, material: str
) -> Generator[Delta, None, tuple[str, str]]:
    values = sources.of_kind(DocumentKind.VALUE)
    if not values:
        raise GenerationFailed("story.why", "the organisation has no values to link the story to")
    # The schema constrains value_id to the retrieved values; the citation is checked again later.
    shape: type[WhyDraft] = create_model(
        "WhyDraft",
        __base__=WhyDraft,
        value_id=(Literal[tuple(v.id for v in values)], ...),  # type: ignore[arg-type]
    )
    values_text = "\n\n".join(f"{v.id}: {v.title}\n{_passage(v.text)}" for v in values)
    prompt = render_prompt(
        "story-why", story=body, values=values_text, language_name=LANGUAGE_NAMES[language]
    )
    known = material + "\n" + "\n".join(v.text for v in values)

    def check(draft: WhyDraft) -> str | None:
        return _check_text(fit_sentences(draft.why, 45), language, known, 45)

    answer = yield from stream_step(model, "story.why", prompt, shape, check, log, field="why")
    return answer.value_id, fit_sentences(" ".join(answer.why.split()), 45)


def _passage(text: str) -> str:
    return text.split("\n\n", 1)[-1]


def _translate(model: ChatModel, sentence: str, language: Language, log: StepLog) -> str:
    prompt = render_prompt(
        "translate-sentence", sentence=sentence, language_name=LANGUAGE_NAMES[language]
    )

    def check(draft: TranslationDraft) -> str | None:
        missing = [n for n in numbers(sentence) if n not in draft.translation]
        if missing:
            return f"the translation lost the number(s) {', '.join(missing)}"
        found = detect_language(draft.translation)
        if found is not None and found is not language:
            return f"the translation is not in {LANGUAGE_NAMES[language]}"
        return None

    answer = run_step(
        model, "story.translate", prompt, TranslationDraft, check, log, max_tokens=200
    )
    return " ".join(answer.translation.split())


def _check_text(text: str, language: Language, material: str, max_words: int) -> str | None:
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


def _fit_length(beats: dict[Beat, list[str]]) -> dict[Beat, list[str]]:
    """Drop sentences from the middle of the longest beat until the leader's part fits."""
    budget = MAX_WORDS - 80  # room for title, core message, why and call to action
    fitted = {beat: list(said) for beat, said in beats.items()}
    while sum(len(s.split()) for said in fitted.values() for s in said) > budget:
        longest = max(fitted, key=lambda b: len(fitted[b]))
        if len(fitted[longest]) <= 1:
            break
        fitted[longest].pop(len(fitted[longest]) // 2)
    return fitted


def _sections(
    structure: StoryStructure, beats: dict[Beat, list[str]], language: Language
) -> list[Section]:
    sections = []
    for headings, members in SECTIONS[structure]:
        said = [s for beat in members for s in beats[beat]]
        if said:
            sections.append(Section(heading=headings[language], text=" ".join(said)))
    return sections


def _markdown(
    title: str,
    sections: list[Section],
    core: str,
    why: str,
    value_id: str,
    action: str,
    language: Language,
) -> str:
    parts = [f"# {title}"]
    parts += [f"## {s.heading}\n\n{s.text}" for s in sections]
    parts.append(f"**{LABELS['core'][language]}:** {core}")
    parts.append(f"**{LABELS['why'][language]}:** {why} [{value_id}]")
    parts.append(f"**{LABELS['action'][language]}:** {action}")
    return "\n\n".join(parts)


def _gaps(beats: dict[Beat, list[str]], words: int, language: Language) -> list[str]:
    """What to ask the leader next: the beats their account leaves empty, if the story is short."""
    if words >= MIN_WORDS and all(beats[b] for b in (Beat.SETBACK, Beat.ACTION)):
        return []
    return [FOCUS[beat][1][language] for beat in Beat if not beats[beat]] or [
        FOCUS[Beat.SITUATION][1][language]
    ]
