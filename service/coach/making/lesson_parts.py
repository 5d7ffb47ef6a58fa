"""Both kinds of lesson's shared parts, in the order they are written.

A model listed in ``Settings.free_writing_models`` writes every part (``lesson_steps``); any
other model *chooses* the story's sentences for them (``lesson_choices``), and code frames the
recall question. Either way every part is checked or chosen, and falls back
to code's plain version when the model gives nothing usable.
"""

from __future__ import annotations

from collections.abc import Callable

from service.vocabulary import Language

from ..model import ChatModel
from .choosing import writes_freely
from .lesson_choices import (
    choose_key_points,
    choose_objective,
    choose_practice,
    choose_recall,
    choose_reflection,
    choose_why,
    has_moment,
    has_recall,
    has_unquoted,
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
        text = brief.story.text
        practice = choose_practice(model, brief, log, taken=[])
        objective = choose_objective(model, brief, log, taken=quoted_in(text, practice))
        why = choose_why(model, brief, log, taken=quoted_in(text, practice, objective))
        points = choose_key_points(model, brief, log, why, objective, practice)

        def taken_by(points: list[str], *others: str) -> list[str]:
            # A key point shown as what went wrong quotes its sentence inside the frame; the
            # title's sentence quoted again is said twice too.
            quoted = quoted_in(text, brief.story.title, objective, why, practice, *points, *others)
            return [*points, *quoted]

        # A moment to reflect on and a sentence to recall matter more than a second or third
        # takeaway: with none left, a later key point gives its sentence back (labels-v16,
        # tune: 5 of 18 reflections fell to a stand-in on a key point's sentence, sent back as
        # duplicates, and recalls to the title frame, sent back as generic).
        def spared(
            points: list[str], needs: Callable[[str, Language, list[str]], bool], *others: str
        ) -> list[str]:
            if needs(text, brief.language, taken_by(points, *others)):
                return points
            for n in range(len(points) - 1, 0, -1):  # the first key point stays
                fewer = [*points[:n], *points[n + 1 :]]
                if needs(text, brief.language, taken_by(fewer, *others)):
                    return fewer
            return points

        points = spared(spared(points, has_moment), has_unquoted)
        reflection = choose_reflection(model, brief, log, taken=taken_by(points))
        points = spared(points, has_recall, reflection)
        recall = choose_recall(brief, taken_by(points, reflection))

    return LessonParts(objective, why, points, practice, reflection, recall)
