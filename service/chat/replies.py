"""The coach's next reply in a chat: interview questions, a request for more, or a draft.

Which one follows from the transcript alone (see ``transcript.py``), so a stored conversation
and a stateless OpenAI-style request get the same reply for the same messages:

* only the priority so far: the interview's questions;
* an account too short to build a story from: a request for more, naming what is missing
  (the coach never pads a thin account with invented detail);
* otherwise: a story draft from the leader's words (their account, plus the facts in their
  feedback once there is a draft), streamed as the model writes its parts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from service.coach import (
    JOBS,
    ChatModel,
    Delta,
    Interview,
    InterviewInput,
    JobName,
    Story,
    StoryInput,
    StoryStructure,
)
from service.coach.interview import questions_for_missing_beats
from service.coach.priority import MAX_ACCOUNT_WORDS, choose_language, resolve_priority
from service.errors import InvalidInput
from service.knowledge import KnowledgeBase
from service.knowledge.languages import words
from service.quality.signals import sentences
from service.vocabulary import Language
from service.words import Words, load_words

from .transcript import NOTES_MARK, Said, read_transcript

MIN_ACCOUNT_WORDS = 20
"""What ``write_story`` needs at least; below it the coach asks for more instead."""


class ReplyKind(StrEnum):
    QUESTIONS = "questions"
    MORE = "more"
    DRAFT = "draft"


@dataclass(frozen=True)
class Reply:
    """The coach's finished reply: the text to show and keep, and the documents it cites."""

    kind: ReplyKind
    content: str
    citations: tuple[str, ...]
    language: Language
    story: Story | None = None
    """Drafts only: the story with its parts (title, core message, values)."""


def chat_language(
    knowledge: KnowledgeBase, org: str, priority: str, requested: Language | None = None
) -> Language:
    """The language of a chat: the one asked for, else the priority's (as the interview does)."""
    return choose_language(requested, resolve_priority(knowledge, org, priority).text)


def check_account_size(messages: Sequence[Said]) -> None:
    """``InvalidInput`` naming ``content`` when the leader's material has grown past what a
    story can hold, so the message is refused before it is kept."""
    if len(messages) < 2:
        return
    count = len(words(read_transcript(messages).material()))
    if count > MAX_ACCOUNT_WORDS:
        raise InvalidInput("content", "account_too_long", count=count, most=MAX_ACCOUNT_WORDS)


def stream_reply(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    messages: Sequence[Said],
    language: Language,
) -> Iterator[Delta | Reply]:
    """The coach's reply to ``messages`` (which end with the leader's): text deltas while the
    model writes, then the finished ``Reply``.

    Raises:
        InvalidInput: a bad priority or account, naming the field.
        GenerationFailed / ModelUnavailable: the model failed; nothing was kept by this call.
    """
    transcript = read_transcript(messages)
    if not transcript.account and not transcript.drafted:
        yield _questions(model, knowledge, org, transcript.priority, language)
        return
    material = transcript.material()
    if len(words(material)) < MIN_ACCOUNT_WORDS:
        yield _more(material, language)
        return
    story: Story | None = None
    given = StoryInput(
        transcript.priority, material, structure=transcript.structure(), language=language
    )
    for event in JOBS[JobName.STORY].stream(model, knowledge, org, given):
        if isinstance(event, Delta):
            yield event
        else:
            story = event
    assert story is not None
    yield Reply(ReplyKind.DRAFT, _draft(story), tuple(story.citations), story.language, story=story)


def final_reply(events: Iterator[Delta | Reply]) -> Reply:
    """Run a reply to its end, dropping the deltas."""
    reply: Reply | None = None
    for event in events:
        if isinstance(event, Reply):
            reply = event
    if reply is None:
        raise RuntimeError("the reply stream ended without a reply")
    return reply


def _said(language: Language) -> Words:
    """The chat's replies in ``language`` (the ``chat`` words)."""
    return load_words("chat", language).section("replies")


def _questions(
    model: ChatModel, knowledge: KnowledgeBase, org: str, priority: str, language: Language
) -> Reply:
    given = InterviewInput(priority, language)
    result: Interview = JOBS[JobName.INTERVIEW].run(model, knowledge, org, given)
    numbered = "\n".join(f"{n}. {q.question}" for n, q in enumerate(result.questions, 1))
    said = _said(language)
    content = f"{said['intro']}\n\n{numbered}\n\n{said['promise']}"
    return Reply(ReplyKind.QUESTIONS, content, tuple(result.citations), result.language)


def _more(material: str, language: Language) -> Reply:
    said = [" ".join(s.split()) for s in sentences(material)] if material else []
    asks = "\n".join(f"- {q}" for q in questions_for_missing_beats(said, language))
    intro = _said(language)["more"].format(need=MIN_ACCOUNT_WORDS, have=len(words(material)))
    return Reply(ReplyKind.MORE, f"{intro}\n\n{asks}", (), language)


def _draft(story: Story) -> str:
    said = _said(story.language)
    notes = []
    if story.gaps:
        notes.append(said["gaps"] + "\n\n" + "\n".join(f"- {g}" for g in story.gaps))
    names = ", ".join(s.value for s in StoryStructure)
    notes.append(said["redraft"].format(names=names))
    return story.text + NOTES_MARK + "\n\n".join(notes)
