"""The messages the judge model reads for one criterion: ``prompts/judge-criterion.j2``.

The judged text is fenced between markers made from its own hash, which the text cannot
contain, and the system message says that whatever is inside the fence is data to assess,
never instructions. The leader's account, when given, is fenced the same way. The prompt's
words are data, versioned and tested like every prompt (``service.prompting``); code fills
in the rubric's criterion and the fenced texts. The judge reads material in either language
through this one English prompt, so its verdicts compare across languages.
"""

from __future__ import annotations

import hashlib

from service.prompting import Fenced, render_prompt

from .context import ScoringContext
from .rubrics import Criterion, Rubric


def fence_tag(*texts: str) -> str:
    """A marker that occurs in none of the fenced texts (it is built from their hash)."""
    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()
    for start in range(0, len(digest) - 12):
        tag = f"DATA-{digest[start : start + 12]}"
        if not any(tag in text for text in texts):
            return tag
    raise ValueError("cannot fence the text")  # needs 52 hash collisions: never in practice


def _fenced(tag: str, label: str, text: str) -> Fenced:
    """``text`` between the markers of ``tag``, as it is: the tag cannot occur in it."""
    return Fenced(f"<<<{tag} {label}\n{text}\n{tag}>>>")


def judge_messages(
    rubric: Rubric, criterion: Criterion, text: str, context: ScoringContext
) -> list[dict[str, str]]:
    """System and user message for one call on one criterion."""
    account = context.leader_account or ""
    goal = context.development_goal or ""
    tag = fence_tag(text, account, goal)
    levels = "\n".join(
        f"- {level.score}: {level.anchor}" + (f' (e.g. "{level.example}")' if level.example else "")
        for level in sorted(criterion.levels, key=lambda lv: lv.score)
    )
    prompt = render_prompt(
        "judge-criterion",
        tag=tag,
        kind=rubric.kind,
        rubric=rubric.key,
        criterion=criterion.id,
        description=criterion.description,
        min_score=criterion.min_score,
        max_score=criterion.max_score,
        levels=levels,
        material_language=context.language.value if context.language is not None else "",
        account=_fenced(tag, "leader-account", account) if account else "",
        goal=_fenced(tag, "development-goal", goal) if goal else "",
        role=context.team_member_role or "",
        document=_fenced(tag, "document", text),
    )
    return prompt.as_dicts()
