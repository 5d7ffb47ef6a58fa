"""The scorer: one generated output against its rubric, and its parts against the account.

The rubric score comes from ``service.quality``'s engine (deterministic checks, and the judge
when one is given); the parts check (``parts``) counts fallbacks and holds the coach's own
words to the leader's account. Every job is scored the same way, whatever wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.quality import DocumentScore, Judge, Rubric, ScoringContext, score_document

from .parts import MISSING, check_parts, faithful_sections, output_parts
from .result import PartsCheck, ReaderPart


@dataclass(frozen=True)
class ScoredOutput:
    """What scoring one output found."""

    score: DocumentScore
    parts: PartsCheck
    reader_parts: list[ReaderPart]


def score_output(
    result: object,
    text: str,
    rubric: Rubric,
    *,
    context: ScoringContext,
    account: str,
    judge: Judge | None = None,
) -> ScoredOutput:
    """Score ``text`` against ``rubric`` and check the parts of the result it came from.

    Args:
        result: the coach's result (its ``parts`` and ``fallbacks`` are read when present).
        text: the output's Markdown.
        rubric: the rubric of the job's kind.
        context: what the output was made from: language, sources, the leader's account and
            the texts a part may also draw on (``allowed_texts``).
        account: the leader's own account, which every written part is held to.
        judge: scores the judge criteria; without one they are unscored.
    """
    score = score_document(text, rubric, context=context, judge=judge)
    parts = check_parts(
        result,
        text,
        account=account,
        allowed="\n".join(context.allowed_texts),
        sections=faithful_sections(rubric),
    )
    reader = [
        ReaderPart(name=p.name, text=p.text, origin=p.origin)
        for p in output_parts(result, text)
        if p.origin != MISSING
    ]
    return ScoredOutput(score=score, parts=parts, reader_parts=reader)
