"""``storycoach eval score``: score one Markdown document against its kind's rubric.

L&D paste their own lessons as well as generated ones; any common Markdown shape is read.
Exit codes: 0 the document passes (or fails nothing but a must-pass criterion nobody judged:
"unjudged"), 1 it was scored and fails, 2 bad input (no such file,
an unknown kind, a broken rubric).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from service.coach.opening import open_judge, release_models
from service.errors import CorpusNotFound, InvalidInput
from service.knowledge import load_corpus
from service.quality import (
    DocumentScore,
    ScoringContext,
    failing_score,
    load_rubrics,
    parse_document,
    score_document,
)
from service.settings import get_settings
from service.vocabulary import Language, language_named

from .output import HAD_PROBLEMS, err, errors_as_exit_codes, out

RubricsOption = Annotated[
    Path | None,
    typer.Option(
        help="Folder of rubric YAML files (default: STORYCOACH_RUBRICS_DIR, else the "
        "rubrics the package ships)."
    ),
]


def _allowed_sources() -> frozenset[str] | None:
    """Ids of the configured corpus: what a pasted document may cite."""
    try:
        loaded = load_corpus(get_settings().corpus_dir)
    except CorpusNotFound:
        return None
    return frozenset(d.id for d in loaded.documents) or None


def _read(path: Path, field: str) -> str | None:
    """The file's text; ``None`` when it is not UTF-8 (scored as failing, not a crash)."""
    if not path.is_file():
        raise InvalidInput(field, f"no such file: {path}")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _print_table(path: Path, result: DocumentScore) -> None:
    """One row per criterion; a must-pass criterion says so, since failing it fails the
    document whatever the score."""
    verdict = {
        "passed": "[green]PASS[/]",
        "unjudged": "[yellow]UNJUDGED[/] (a must-pass criterion was not judged)",
    }.get(result.verdict, "[red]FAIL[/]")
    title = f"{path} — {result.kind} ({result.rubric}): {verdict}, score {result.score:.2f}"
    table = Table(
        "criterion", "must pass", "result", "reason", "evidence", title=title, title_justify="left"
    )
    marks = {True: "[green]pass[/]", False: "[red]fail[/]", None: "[dim]unscored[/]"}
    for criterion in result.criteria:
        must = "[bold]yes[/]" if criterion.must_pass else "[dim]-[/]"
        mark = marks[criterion.passed]
        if criterion.must_pass and criterion.passed is False:
            mark = "[bold red]FAIL (must pass)[/]"
        table.add_row(criterion.id, must, mark, criterion.reason, criterion.evidence)
    out().print(table)
    if result.reason:
        out().print(f"[bold]why:[/] {result.reason}", highlight=False)


def score(
    file: Annotated[Path, typer.Argument(help="The Markdown document to score.")],
    kind: Annotated[
        str, typer.Option("--kind", help="story, lesson or questions (also one_on_one, interview).")
    ],
    language: Annotated[
        Language | None, typer.Option(help="The language asked for (default: front matter).")
    ] = None,
    account: Annotated[
        Path | None,
        typer.Option(
            help="The leader's own account: names, numbers and claims are held to it "
            "(without it, `faithful` is unscored)."
        ),
    ] = None,
    no_judge: Annotated[
        bool, typer.Option("--no-judge", help="Deterministic checks only.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    rubrics: RubricsOption = None,
) -> None:
    """Score a document (generated or written by a person) against its kind's rubric."""
    settings = get_settings()
    with errors_as_exit_codes():
        book = load_rubrics(rubrics or settings.rubrics_dir)
        if kind not in book:
            raise InvalidInput("kind", f"unknown kind '{kind}'; one of {', '.join(sorted(book))}")
        rubric = book[kind]
        text = _read(file, "file")
        leader_account = _read(account, "account") if account is not None else None
        judge = None if no_judge else open_judge(settings)
        if not no_judge and judge is None:
            err().print("note: no judge model configured; judge criteria are unscored")
        if text is None:
            result = failing_score(rubric, "the file is not UTF-8 text")
        else:
            declared = parse_document(text).declared_language
            wanted = language or language_named(declared)
            context = ScoringContext(
                language=wanted, allowed_sources=_allowed_sources(), leader_account=leader_account
            )
            try:
                result = score_document(text, rubric, context=context, judge=judge)
            finally:
                if judge is not None:
                    release_models()
    if as_json:
        typer.echo(json.dumps(result.report(), ensure_ascii=False, indent=2))
    else:
        _print_table(file, result)
    if result.verdict == "failed":  # unjudged is not a pass, and not a failure either
        raise typer.Exit(HAD_PROBLEMS)
