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
        # The reflection chooses before the key points: on a short account the key points
        # took every moment, and the reflection quoted one of theirs again (a run of
        # 2026-12-07, tune, by the detectors: 7 of 18 lessons' reflections repeated a key
        # point's sentence; reviewers sent such repeats back as duplicates in labels-v11).
        # A lesson with a question about one's own moment and two key points teaches more
        # than one with three key points and a question it has already answered.
        text = brief.story.text
        practice = choose_practice(model, brief, log, taken=[])
        objective = choose_objective(model, brief, log, taken=quoted_in(text, practice))
        why = choose_why(model, brief, log, taken=quoted_in(text, practice, objective))
        reflection = choose_reflection(
            model, brief, log, taken=quoted_in(text, practice, objective, why)
        )
        points = choose_key_points(model, brief, log, why, objective, practice, reflection)
        # A key point shown as what went wrong quotes its sentence inside the frame.
        taken = [*points, *quoted_in(text, objective, why, practice, reflection, *points)]
        recall = choose_recall(brief, taken)
    return LessonParts(objective, why, points, practice, reflection, recall)
