"""The ``storycoach`` command line: one module per group of commands, no logic of their own.

A package rather than docs/design.md's single ``cli.py``: every issue adds commands, and one module
per group keeps each file short (docs/style.md, point 1).
"""

from __future__ import annotations

import typer

from service.vocabulary import LessonKind

from . import admin, coach, corpus, evals, export, follow_ups, llm, scoring, server

app = typer.Typer(
    name="storycoach",
    help="StoryCoach: real stories and compact lessons for leaders who train their teams.",
    no_args_is_help=True,
    add_completion=False,
)
app.command()(corpus.ingest)
app.command()(corpus.search)
app.command()(server.serve)
app.command()(coach.interview)
app.command()(coach.story)
app.command()(coach.critique)
app.command()(coach.lesson)
app.command(name=LessonKind.ONE_ON_ONE.dashed)(coach.one_on_one)
app.command()(coach.questions)
evals.app.command()(scoring.score)
app.add_typer(evals.app, name="eval")
app.add_typer(admin.app, name="admin")
app.add_typer(export.app, name="export")
app.add_typer(follow_ups.app, name="follow-ups")
app.add_typer(llm.app, name="llm")

__all__ = ["app"]
