"""The coaching commands: interview, story, critique, lesson, one-on-one, questions.

Each prints readable Markdown, or the result model as JSON with ``--json``. Bad input exits 2
before the model is loaded; a model that fails or stays invalid exits 3 with the step and the
reason, and the leader's input (a file they wrote) is untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from pydantic import BaseModel

from service.coach.opening import open_chat_model, release_models
from service.errors import GenerationFailed, InvalidInput, ModelUnavailable
from service.knowledge import KnowledgeBase, check_org
from service.settings import get_settings
from service.vocabulary import Language

from .output import err, errors_as_exit_codes, fail

if TYPE_CHECKING:
    from service.coach.model import ChatModel
    from service.coach.story_source import StorySource

MODEL_FAILED = 3

OrgOption = Annotated[str | None, typer.Option("--org", help="Organisation id.")]
LanguageOption = Annotated[
    Language | None, typer.Option("--language", help="nl or en (default: the input's language).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


@contextmanager
def _coaching(org: str | None) -> Iterator[tuple[ChatModel, KnowledgeBase, str]]:
    """Settings, knowledge base and model for one command, with errors mapped to exit codes."""
    settings = get_settings()
    org = org or settings.default_org
    with errors_as_exit_codes():
        check_org(org)
        knowledge = KnowledgeBase.open(settings)
        try:
            yield open_chat_model(settings), knowledge, org
        except GenerationFailed as exc:
            fail(str(exc), code=MODEL_FAILED)  # already says that nothing was changed
        except ModelUnavailable as exc:
            fail(f"{exc}; your input is unchanged", code=MODEL_FAILED)
        finally:
            release_models()


def _read(path: Path, field: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(field, f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise InvalidInput(field, f"{path} is not UTF-8 text") from None


def _emit(result: BaseModel, as_json: bool, markdown: str) -> None:
    """The result as JSON, or as Markdown followed by what the coach could not do and did
    instead (its ``notes``) on stderr, so a piped result stays the document alone."""
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    typer.echo(markdown)
    for note in getattr(result, "notes", []):
        err().print(f"note: {note}", style="yellow", highlight=False, markup=False)


def interview(
    priority: Annotated[
        str, typer.Argument(help="A priority id from the corpus, or your own words.")
    ],
    org: OrgOption = None,
    language: LanguageOption = None,
    as_json: JsonOption = False,
) -> None:
    """Questions that draw out your own experience of a priority."""
    from service.coach import JOBS, Interview, InterviewInput, JobName

    with _coaching(org) as (model, knowledge, org_id):
        given = InterviewInput(priority, language)
        result: Interview = JOBS[JobName.INTERVIEW].run(model, knowledge, org_id, given)
    lines = [f"{i}. {q.question}" for i, q in enumerate(result.questions, 1)]
    _emit(result, as_json, "\n".join(lines))


def story(
    priority: Annotated[
        str, typer.Argument(help="A priority id from the corpus, or your own words.")
    ],
    answers_file: Annotated[
        Path, typer.Option("--answers-file", help="Your own account, plain text.")
    ],
    structure: Annotated[
        str | None,
        typer.Option(
            help="story-spine, star, scqa or what-is-what-could-be (default: the coach picks)."
        ),
    ] = None,
    org: OrgOption = None,
    language: LanguageOption = None,
    as_json: JsonOption = False,
) -> None:
    """Shape your own account into a story that explains why."""
    from service.coach import JOBS, JobName, Story, StoryInput, StoryStructure

    with errors_as_exit_codes():
        account = _read(answers_file, "answers-file")
        if structure is not None and structure not in set(StoryStructure):
            known = ", ".join(s.value for s in StoryStructure)
            raise InvalidInput("structure", f"unknown structure '{structure}'; one of {known}")
    chosen = StoryStructure(structure) if structure else None
    with _coaching(org) as (model, knowledge, org_id):
        given = StoryInput(priority, account, structure=chosen, language=language)
        events = JOBS[JobName.STORY].stream(model, knowledge, org_id, given)
        result = _show_progress(events, Story)
    notes = "".join(f"\n\n> {gap}" for gap in result.gaps)
    _emit(result, as_json, result.text + notes)


R = TypeVar("R")


def _show_progress(events: Iterable[object], result_type: type[R]) -> R:
    """Show a streaming job's text on stderr as it is written (dimmed); return its result.

    stdout stays for the finished result, so ``--json`` and pipes get only that.
    """
    from service.coach import Delta

    progress = err()
    result: R | None = None
    for event in events:
        if isinstance(event, Delta):
            if event.restart:
                progress.print(" [dim](revised)[/]", end="")
            progress.print(event.text, end="", style="dim", highlight=False, markup=False)
        elif isinstance(event, result_type):
            result = event
    progress.print()
    if result is None:
        raise RuntimeError("the stream ended without a result")
    return result


StoryIdOption = Annotated[str | None, typer.Option("--story", help="A story id from the corpus.")]
StoryFileOption = Annotated[
    Path | None, typer.Option("--story-file", help="A story you wrote (Markdown).")
]


def _story_source(
    knowledge: KnowledgeBase, org: str, story: str | None, story_file: Path | None
) -> StorySource:
    from service.coach.story_source import load_story

    text = _read(story_file, "story-file") if story_file is not None else None
    return load_story(knowledge, org, story_id=story, story_text=text)


def critique(
    story_file: Annotated[Path, typer.Option("--story-file", help="The story you wrote.")],
    org: OrgOption = None,
    language: LanguageOption = None,
    as_json: JsonOption = False,
) -> None:
    """Feedback on a story you wrote, criterion by criterion, with concrete rewrites."""
    from service.coach import JOBS, Critique, CritiqueInput, JobName

    with errors_as_exit_codes():
        text = _read(story_file, "story-file")
    with _coaching(org) as (model, knowledge, org_id):
        given = CritiqueInput(text, language)
        events = JOBS[JobName.CRITIQUE].stream(model, knowledge, org_id, given)
        result = _show_progress(events, Critique)
    _emit(result, as_json, result.text)


def lesson(
    story: StoryIdOption = None,
    story_file: StoryFileOption = None,
    org: OrgOption = None,
    language: LanguageOption = None,
    as_json: JsonOption = False,
) -> None:
    """A compact lesson from a story: objective, why, key points, practice, reflection, recall."""
    from service.coach import JOBS, JobName, Lesson, LessonInput

    with _coaching(org) as (model, knowledge, org_id):
        source = _story_source(knowledge, org_id, story, story_file)
        given = LessonInput(source, language)
        result: Lesson = JOBS[JobName.LESSON].run(model, knowledge, org_id, given)
    _emit(result, as_json, result.text)


def one_on_one(
    goal: Annotated[str, typer.Option(help="The team member's development goal.")],
    role: Annotated[str, typer.Option(help="The team member's role.")],
    story: StoryIdOption = None,
    story_file: StoryFileOption = None,
    org: OrgOption = None,
    language: LanguageOption = None,
    as_json: JsonOption = False,
) -> None:
    """The lesson adapted to one team member's development goal and role."""
    from service.coach import JOBS, JobName, OneOnOneInput, OneOnOneLesson

    with _coaching(org) as (model, knowledge, org_id):
        source = _story_source(knowledge, org_id, story, story_file)
        given = OneOnOneInput(source, goal=goal, role=role, language=language)
        result: OneOnOneLesson = JOBS[JobName.ONE_ON_ONE].run(model, knowledge, org_id, given)
    _emit(result, as_json, result.text)


def questions(
    story: StoryIdOption = None,
    story_file: StoryFileOption = None,
    count: Annotated[int, typer.Option(help="How many questions (3-6).")] = 4,
    org: OrgOption = None,
    language: LanguageOption = None,
    as_json: JsonOption = False,
) -> None:
    """Open discussion questions about a story for the team."""
    from service.coach import JOBS, DiscussionQuestions, JobName, QuestionsInput

    with _coaching(org) as (model, knowledge, org_id):
        source = _story_source(knowledge, org_id, story, story_file)
        given = QuestionsInput(source, count=count, language=language)
        result: DiscussionQuestions = JOBS[JobName.QUESTIONS].run(model, knowledge, org_id, given)
    _emit(result, as_json, result.text)
