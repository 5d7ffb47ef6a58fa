"""Each output's reader-facing parts, read by the publishability detectors.

What a part may draw on is the leader's account and the organisation's priority and values
(``support``), never another leader's story; the story a lesson is made from is given as
``story`` only to see where a quoted sentence was cut from.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.quality.publishable import PartContext, ReadPart, judge_parts
from service.vocabulary import Language

from .parts import frame_runs
from .result import ReaderPart


def judged_parts(
    parts: Sequence[ReaderPart],
    *,
    language: Language,
    account: str,
    support: str,
    story: str = "",
) -> list[ReaderPart]:
    """``parts``, each with what the detectors found in it (``found``; empty: publishable)."""
    read = [ReadPart(p.name, p.text, p.origin) for p in parts]
    context = PartContext(
        language=language, account=account, support=support, story=story, frames=frame_runs()
    )
    return [
        part.model_copy(update={"found": {r.value: why for r, why in verdict.found.items()}})
        for part, verdict in zip(parts, judge_parts(read, context), strict=True)
    ]
