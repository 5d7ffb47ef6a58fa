"""Both kinds of lesson's shared parts, in the order they are written.

A model listed in ``Settings.free_writing_models`` writes every part (``lesson_steps``); any
other model *chooses* the story's sentences for them (``lesson_choices``), and code frames the
recall question. Either way every part is checked or chosen, and falls back
to code's plain version when the model gives nothing usable.
"""

from __future__ import annotations

from ..model import ChatModel
from .choosing import writes_freely
from .lesson_choices import (
    choose_key_points,
    choose_objective,
    choose_practice,
    choose_recall,
    choose_reflection,
    choose_why,
    quoted_in,
)
from .lesson_steps import (
    LessonBrief,
    LessonParts,
    write_key_points,
    write_objective,
    write_practice,
    write_question,
    write_why,
)
from .steps import StepLog


def write_lesson_parts(model: ChatModel, brief: LessonBrief, log: StepLog) -> LessonParts:
    if writes_freely(model):
        objective = write_objective(model, brief, log)
        why = write_why(model, brief, log)
        points = write_key_points(model, brief, log)
        practice = write_practice(model, brief, log, objective)
        reflection = write_question(
            model, brief, log, "reflection", objective=objective, practice=practice
        )
        recall = write_question(model, brief, log, "recall", objective=objective, practice=practice)
    else:
        # No sentence of the story is quoted by two parts (each choice excludes the ones the
        # parts before it quote): a lesson that says one thing twice teaches less.
        # The practice chooses first: a story often tells one deed to try, and taken by the
        # objective or "what worked" it left the practice a stand-in frame that reviewers
        # sent back as generic (labels-v3, labels-v5).
        practice = choose_practice(model, brief, log, taken=[])
        objective = choose_objective(model, brief, log, taken=quoting(brief, practice))
        why = choose_why(model, brief, log, taken=quoting(brief, practice, objective))
        quoted = [p for p in (why, objective, practice) if not brief.names_only(p)]
        points = choose_key_points(model, brief, log, *quoted)
        # A key point shown as what went wrong quotes its sentence inside the frame.
        taken = [*points, *quoting(brief, objective, why, practice, *points)]
        reflection = choose_reflection(model, brief, log, taken=taken)
        taken = [*taken, *quoting(brief, reflection)]
        recall = choose_recall(brief, taken)
    return LessonParts(objective, why, points, practice, reflection, recall)


def quoting(brief: LessonBrief, *parts: str) -> list[str]:
    """The story's sentences ``parts`` quote. A stand-in that names the story by its title
    quotes none: the title is often a sentence of the story, and taken so it left the next
    part a stand-in too (labels-v7 run: a story's one setback, its title, was kept from the
    objective by the practice's title frame)."""
    return quoted_in(brief.story.text, *(p for p in parts if not brief.names_only(p)))
