"""``storycoach ingest`` and ``storycoach search``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from service.errors import EmptyOrganisation, NotFound
from service.knowledge import (
    DocumentKind,
    KnowledgeBase,
    Outcome,
    SearchFilters,
    SearchMode,
    check_org,
)
from service.knowledge.search import check_query
from service.settings import get_settings
from service.vocabulary import Language

from .output import HAD_PROBLEMS, err, errors_as_exit_codes, fail, out

OrgOption = Annotated[
    str | None, typer.Option("--org", help="Organisation id (default: STORYCOACH_DEFAULT_ORG).")
]


def ingest(
    folder: Annotated[
        Path | None, typer.Argument(help="Corpus folder (default: STORYCOACH_CORPUS_DIR).")
    ] = None,
    org: OrgOption = None,
) -> None:
    """Validate a corpus folder and index it; unchanged documents are skipped."""
    settings = get_settings()
    folder = folder or settings.corpus_dir
    org = org or settings.default_org
    with errors_as_exit_codes():
        check_org(org)
        if not folder.is_dir():
            raise NotFound("corpus folder", str(folder))
        knowledge = KnowledgeBase.open(settings)
        with Progress(
            TextColumn("embedding"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err(),
            transient=True,
        ) as bar:
            task = bar.add_task("embedding", total=None)
            loaded, report = knowledge.ingest_folder(
                org,
                folder,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    for problem in loaded.problems:
        err().print(f"[red]{problem}[/]", highlight=False)
    out().print(
        f"{org}: {report.documents} documents, {report.chunks} chunks — "
        f"{report.embedded} embedded, {report.unchanged} unchanged, {report.removed} removed "
        f"in {report.seconds:.1f}s",
        highlight=False,
    )
    if loaded.problems:
        held = " (removals held back until every file loads)"
        fail(
            f"{len(loaded.problems)} file(s) had problems and were skipped{held}", code=HAD_PROBLEMS
        )


def search(
    query: Annotated[str, typer.Argument(help="What to look for, in Dutch or English.")],
    org: OrgOption = None,
    k: Annotated[int, typer.Option("--k", help="How many documents (1-100).")] = 5,
    kind: Annotated[DocumentKind | None, typer.Option(help="Only this kind.")] = None,
    value: Annotated[
        str | None, typer.Option(help="Only documents linked to this value id.")
    ] = None,
    language: Annotated[Language | None, typer.Option(help="Only this language.")] = None,
    outcome: Annotated[Outcome | None, typer.Option(help="Only stories with this outcome.")] = None,
    tag: Annotated[
        list[str] | None, typer.Option(help="Only documents with this tag (repeat).")
    ] = None,
    mode: Annotated[SearchMode, typer.Option(help="Ranking to use.")] = SearchMode.HYBRID,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of hits.")] = False,
) -> None:
    """Search the organisation's values, priorities, stories and lessons."""
    settings = get_settings()
    filters = SearchFilters(
        kind=kind, value=value, language=language, outcome=outcome, tags=tuple(tag or ())
    )
    org = org or settings.default_org
    with errors_as_exit_codes():
        # Bad input is refused before the store is opened, so nothing is written.
        check_query(query, k)
        check_org(org)
        if settings.chroma_host is None and not settings.chroma_path.exists():
            raise EmptyOrganisation(org)
        knowledge = KnowledgeBase.open(settings)
        hits = knowledge.search(org, query, k=k, filters=filters, mode=mode)
    if as_json:
        typer.echo(
            json.dumps([h.model_dump(mode="json") for h in hits], ensure_ascii=False, indent=2)
        )
        return
    console = out()
    if not hits:
        console.print("Nothing found.")
    for rank, hit in enumerate(hits, start=1):
        result = f" · {hit.outcome.value}" if hit.outcome else ""
        passage = " ".join(hit.text.split("\n\n", 1)[-1].split())
        console.print(
            f"[bold]{rank}. {escape(hit.title)}[/]  [dim]{hit.id} · {hit.kind.value} · "
            f"{hit.language.value}{result} · {hit.score:.4f}[/]",
            highlight=False,
        )
        console.print(
            f"   {escape(passage[:240])}{'…' if len(passage) > 240 else ''}\n", highlight=False
        )
