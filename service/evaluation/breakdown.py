"""A run's figures per job and per language, each beside its target.

docs/design.md, principle 8: a job is as good as its success rate over the whole case set, in both
languages. An average over all cases hides a language the coach serves badly, so every figure
is given per job, per language, per job and language, and overall:

- generation success: outputs made, of the jobs that ran (a job raised ``GenerationFailed`` or
  its model failed: a failure; a job whose story failed never ran and is counted apart);
- rubric pass rate: outputs that passed their rubric, of all cases (no output is no pass);
- fallback share: parts code wrote after the model failed, of all parts counted;
- chosen parts: parts that are sentences the model chose, framed by code (shown, no target);
- unfaithful parts: the coach's own parts that say what the leader's account does not;
- untranslated outputs: kept in the account's or story's language (a note says why), and read
  in that language by the checks;
- seconds per job: median and mean.

The targets are the product's, not the gate's: the gate compares with a baseline, a target
says where the product should be.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, Field, computed_field

from service.vocabulary import Language

from .result import Job, JobOutcome
from .summary import Rate


class Target(BaseModel):
    """One figure's goal: ``at_least`` or ``at_most`` a value."""

    figure: str
    at_least: float | None = None
    at_most: float | None = None
    label: str
    """How a reader sees it: "≥ 97%"."""

    def met(self, value: float) -> bool:
        low = self.at_least is None or value >= self.at_least - 1e-9
        high = self.at_most is None or value <= self.at_most + 1e-9
        return low and high


GENERATION_OVERALL = Target(figure="generation", at_least=0.97, label="≥ 97%")
GENERATION_EACH = Target(figure="generation", at_least=0.90, label="≥ 90%")
"""No job and no language below 90%, while the whole run reaches 97%."""
RUBRIC_PASS = Target(figure="rubric pass", at_least=0.80, label="≥ 80%")
FALLBACK_SHARE = Target(figure="fallback share", at_most=0.10, label="≤ 10%")
UNFAITHFUL = Target(figure="unfaithful parts", at_most=0, label="0")
PUBLISHABLE = Target(figure="publishable", at_least=0.90, label="≥ 90%")
"""Parts the detectors find nothing in, of all reader-facing parts (the headline figure)."""
TARGETS = (
    GENERATION_OVERALL,
    GENERATION_EACH,
    RUBRIC_PASS,
    FALLBACK_SHARE,
    UNFAITHFUL,
    PUBLISHABLE,
)


class GroupSummary(BaseModel):
    """The figures of one group of outcomes: a job, a language, both, or the whole run."""

    job: Job | None
    """``None``: every job."""
    language: Language | None
    """``None``: both languages."""
    cases: int
    generated: Rate
    """Outputs made, of the jobs that ran."""
    blocked: int
    """Jobs that never ran because the story they build on failed."""
    passed: Rate
    """Outputs that passed their rubric, of all outcomes in the group."""
    unjudged: int = 0
    """Outputs that failed nothing but have a must-pass criterion nobody judged: not passed."""
    parts: int
    fallback_parts: int
    chosen_parts: int = 0
    """Parts the model chose from the leader's or the story's sentences (no target: how much
    of the output is selected rather than written)."""
    checked_parts: int
    """Parts held to the leader's account."""
    unfaithful_parts: int
    missing_parts: int = 0
    """Parts the account had nothing for, so the coach asked the leader for them."""
    untranslated: int = 0
    """Outputs kept in the language of the account or story, not the asked one, with a note:
    the coach could not translate them with every fact kept (``JobOutcome.written_in``)."""
    publishable: Rate = Rate(passed=0, total=0)
    """Reader-facing parts in which the publishability detectors found nothing, of all."""
    reasons: dict[str, int] = Field(default_factory=dict)
    """Parts per reason the detectors found (a part can have several)."""
    p50_seconds: float
    mean_seconds: float
    missed: list[str] = Field(default_factory=list)
    """The targets this group misses, as "generation 0.88 < 90%"."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def name(self) -> str:
        job = self.job.value if self.job is not None else "all jobs"
        language = self.language.value if self.language is not None else "both"
        return f"{job} / {language}"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fallback_share(self) -> float:
        return self.fallback_parts / self.parts if self.parts else 0.0


def _group(job: Job | None, language: Language | None, rows: Sequence[JobOutcome]) -> GroupSummary:
    ran = [r for r in rows if r.failure_kind != "blocked"]
    seconds = [r.seconds for r in ran] or [0.0]
    checks = [r.parts for r in rows if r.parts is not None]
    summary = GroupSummary(
        job=job,
        language=language,
        cases=len(rows),
        generated=Rate(passed=sum(r.failure_kind is None for r in ran), total=len(ran)),
        blocked=len(rows) - len(ran),
        passed=Rate(passed=sum(r.passed for r in rows), total=len(rows)),
        unjudged=sum(r.unjudged for r in rows),
        parts=sum(c.total for c in checks),
        fallback_parts=sum(min(len(c.fallbacks), c.total) for c in checks),
        chosen_parts=sum(len(c.chosen) for c in checks),
        checked_parts=sum(c.checked for c in checks),
        unfaithful_parts=sum(len(c.unfaithful) for c in checks),
        missing_parts=sum(len(c.missing) for c in checks),
        untranslated=sum(r.written_in is not None for r in rows),
        publishable=publishable_rate(rows),
        reasons=dict(Counter(r for o in rows for p in o.reader_parts for r in p.found)),
        p50_seconds=statistics.median(seconds),
        mean_seconds=statistics.fmean(seconds),
    )
    summary.missed = missed_targets(summary)
    return summary


def publishable_rate(rows: Iterable[JobOutcome]) -> Rate:
    parts = [p for o in rows for p in o.reader_parts]
    return Rate(passed=sum(p.publishable for p in parts), total=len(parts))


class RoleShare(BaseModel):
    """The publishable share of one kind of part (title, call to action...) in one job and
    language."""

    job: Job
    language: Language
    role: str
    publishable: Rate
    reasons: dict[str, int] = Field(default_factory=dict)


def role_shares(outcomes: Sequence[JobOutcome]) -> list[RoleShare]:
    """Per job, language and part role, the share of parts the detectors find nothing in."""
    table: dict[tuple[Job, Language, str], list[bool]] = {}
    reasons: dict[tuple[Job, Language, str], Counter[str]] = {}
    for outcome in outcomes:
        for part in outcome.reader_parts:
            key = (outcome.job, outcome.language, part.role)
            table.setdefault(key, []).append(part.publishable)
            reasons.setdefault(key, Counter()).update(part.found.keys())
    return [
        RoleShare(
            job=job,
            language=language,
            role=role,
            publishable=Rate(passed=sum(marks), total=len(marks)),
            reasons=dict(reasons[(job, language, role)]),
        )
        for (job, language, role), marks in sorted(table.items())
    ]


def missed_targets(group: GroupSummary) -> list[str]:
    """The targets a group misses; the whole run is held to 97% generation, any smaller
    group to 90%. A figure with nothing to count (no job ran) misses nothing."""
    generation = (
        GENERATION_OVERALL if group.job is None and group.language is None else (GENERATION_EACH)
    )
    figures: list[tuple[Target, float, bool]] = [
        (generation, group.generated.rate, group.generated.total > 0),
        (RUBRIC_PASS, group.passed.rate, group.passed.total > 0),
        (FALLBACK_SHARE, group.fallback_share, group.parts > 0),
        (UNFAITHFUL, float(group.unfaithful_parts), True),
        (PUBLISHABLE, group.publishable.rate, group.publishable.total > 0),
    ]
    missed = []
    for target, value, counted in figures:
        if counted and not target.met(value):
            shown = f"{value:.0f}" if target is UNFAITHFUL else f"{value:.0%}"
            missed.append(f"{target.figure} {shown}, target {target.label}")
    return missed


def _rows(
    outcomes: Iterable[JobOutcome], job: Job | None, language: Language | None
) -> list[JobOutcome]:
    """The outcomes of one job and one language; ``None`` stands for any."""
    return [
        o
        for o in outcomes
        if (job is None or o.job is job) and (language is None or o.language is language)
    ]


def breakdown(outcomes: Sequence[JobOutcome]) -> list[GroupSummary]:
    """Every job per language, every job over both languages, every language over all jobs,
    and the whole run, in that order; groups without outcomes are left out."""
    jobs: list[Job | None] = [j for j in Job if _rows(outcomes, j, None)]
    languages: list[Language | None] = [lang for lang in Language if _rows(outcomes, None, lang)]
    keys = [(j, lang) for j in jobs for lang in [*languages, None]]
    keys += [(None, lang) for lang in [*languages, None]]
    groups = []
    for job, language in keys:
        rows = _rows(outcomes, job, language)
        if rows:
            groups.append(_group(job, language, rows))
    return groups
