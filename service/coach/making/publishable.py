"""The publishability detectors as the coach uses them: to offer and accept only parts a
careful reviewer would publish (``service.quality.publishable``).

The same detectors measure the eval's outputs, so what the coach lets through is what the
eval counts as publishable; their precision and recall against human labels are measured
apart (``storycoach eval parts``), so the coach is not grading its own homework unseen.
"""

from __future__ import annotations

from service.quality.publishable import PartContext, ReadPart, judge_part
from service.vocabulary import Language

from .parts import Origin


def publishable_problem(
    name: str, text: str, account: str, language: Language, origin: Origin = Origin.COACH
) -> str | None:
    """What the detectors find in part ``name``, in words a model can be told; ``None`` when
    they find nothing. ``account`` is what the part must stay true to."""
    verdict = judge_part(ReadPart(name, text, origin.value), PartContext(language, account))
    if verdict.publishable:
        return None
    return "; ".join(f"{r.value.replace('_', ' ')}: {why}" for r, why in verdict.found.items())


def fits_role(name: str, text: str, account: str, language: Language) -> bool:
    """Whether the leader's own ``text`` is publishable as the part ``name`` (a title, a call
    to action, a core message): whole, of that part's role, in the story's language."""
    return publishable_problem(name, text, account, language, Origin.LEADER) is None
