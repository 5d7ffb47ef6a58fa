"""The coaching commands: interview, story, critique, lesson, one-on-one, questions.

Each prints readable Markdown, or the result model as JSON with ``--json``. Bad input exits 2
before the model is loaded; a model that fails or stays invalid exits 3 with the step and the
reason, and the leader's input (a file they wrote) is untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import BaseModel

from service.errors import GenerationFailed, InvalidInput, ModelUnavailable
from service.knowledge import KnowledgeBase, Language, check_org
from service.settings import get_settings

from .output import err, errors_as_exit_codes, fail

if TYPE_CHECKING:
    from service.coach.model import ChatModel

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
        from service.llm.gateway import open_gateway

        try:
            yield open_gateway(settings), knowledge, org
        except (GenerationFailed, ModelUnavailable) as exc:
            fail(f"{exc} (your input is unchanged)", code=MODEL_FAILED)


def _read(path: Path, field: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(field, f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise InvalidInput(field, f"{path} is not UTF-8 text") from None


def _emit(result: BaseModel, as_json: bool, markdown: str) -> None:
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        typer.echo(markdown)


def interview(
    priority: Annotated[
        str, typer.Argument(help="A priority id from the corpus, or your own words.")
    ],
    org: OrgOption = None,
    language: LanguageOption = None,
    as_json: JsonOption = False,
) -> None:
    """Questions that draw out your own experience of a priority."""
    from service.coach.interview import interview as run

    with _coaching(org) as (model, knowledge, org_id):
        result = run(model, knowledge, org_id, priority, language=language)
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
    from service.coach.steps import Delta
    from service.coach.story import Story, stream_story
    from service.coach.structures import StoryStructure

    with errors_as_exit_codes():
        account = _read(answers_file, "answers-file")
        if structure is not None and structure not in set(StoryStructure):
            known = ", ".join(s.value for s in StoryStructure)
            raise InvalidInput("structure", f"unknown structure '{structure}'; one of {known}")
    chosen = StoryStructure(structure) if structure else None
    progress = err()
    with _coaching(org) as (model, knowledge, org_id):
        result: Story | None = None
        for event in stream_story(
            model, knowledge, org_id, priority, account, structure=chosen, language=language
        ):
            if isinstance(event, Delta):
                if event.restart:
                    progress.print(" [dim](retrying)[/]", end="")
                progress.print(event.text, end="", style="dim", highlight=False, markup=False)
            else:
                result = event
        progress.print()
    assert result is not None
    notes = "".join(f"\n\n> {gap}" for gap in result.gaps)
    _emit(result, as_json, result.text + notes)
