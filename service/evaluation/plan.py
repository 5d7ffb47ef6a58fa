"""What an ``eval run`` will do, read and checked before any model is opened.

The jobs asked for, the cases selected from the case file (or the corpus stories, see
``corpus_stories``), the rubrics and the labelled documents: each is bad input
(``InvalidInput``) named by its option when it cannot be used, so a typo fails at once instead
of after the first model call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from service.errors import InvalidInput
from service.knowledge import CorpusDocument, KnowledgeBase, load_corpus
from service.quality import Judge, Rubric, load_rubrics
from service.settings import Settings

from .cases import (
    GenerationCase,
    GenerationSet,
    LabelledSet,
    load_generation_set,
    load_labelled_set,
)
from .result import AgreementRow, Job, JobOutcome, RunResult
from .runner import CaseItem, EvalItem

EVAL_ORG = "generation-eval"
"""The corpus is indexed into its own organisation, so a run never disturbs the demo's."""
ALL_JOBS = ",".join(job.value for job in Job)


def parse_jobs(value: str) -> list[Job]:
    """``story,questions`` as jobs, in the order given; an unknown name is bad input."""
    names = [n.strip() for n in value.split(",") if n.strip()]
    known = ", ".join(j.value for j in Job)
    jobs: list[Job] = []
    for name in names:
        try:
            job = Job(name)
        except ValueError:
            raise InvalidInput("jobs", f"unknown job '{name}'; one of {known}") from None
        if job not in jobs:
            jobs.append(job)
    if not jobs:
        raise InvalidInput("jobs", f"name at least one of {known}")
    return jobs


def select_cases(
    case_set: GenerationSet, source: Path, *, limit: int | None, ids: Sequence[str] | None
) -> list[GenerationCase]:
    """The first ``limit`` cases, then only those named in ``ids``; an unknown id is bad input."""
    selected = list(case_set.cases[:limit] if limit else case_set.cases)
    if ids:
        known = {c.id for c in case_set.cases}
        unknown = [c for c in ids if c not in known]
        if unknown:
            raise InvalidInput("case", f"no case {unknown[0]!r} in {source.name}")
        selected = [c for c in selected if c.id in ids]
    return selected


@dataclass(frozen=True)
class RunPlan:
    """The inputs of one run, every one of them already loaded and checked."""

    dataset: str
    """What the items came from: the case file's name, or ``corpus-stories``; a baseline is
    named after its stem."""
    version: int
    items: Sequence[EvalItem]
    jobs: list[Job]
    rubrics: dict[str, Rubric]
    labelled_file: Path
    labelled: LabelledSet

    def result(
        self,
        outcomes: list[JobOutcome],
        *,
        started: datetime,
        seconds: float,
        model: str,
        judge: Judge | None,
        epochs: int,
        agreement: list[AgreementRow],
    ) -> RunResult:
        """What the run produced, with the settings it ran with."""
        return RunResult(
            started=started,
            seconds=seconds,
            cases_file=self.dataset,
            cases_version=self.version,
            model=model,
            judge_model=judge.model_name if judge is not None else None,
            epochs=epochs,
            jobs=self.jobs,
            case_ids=[item.id for item in self.items],
            outcomes=outcomes,
            labelled_file=self.labelled_file.name,
            agreement=agreement,
            judge_calls=judge.calls if judge is not None else 0,
            judge_cache_hits=judge.cache_hits if judge is not None else 0,
        )


def plan_run(
    cases_file: Path,
    *,
    jobs: str,
    limit: int | None,
    case_ids: Sequence[str] | None,
    rubrics_dir: Path,
    labelled_file: Path,
) -> RunPlan:
    """Read and check a run's inputs, in the order a person would fix them."""
    chosen = parse_jobs(jobs)
    case_set = load_generation_set(cases_file)
    selected = select_cases(case_set, cases_file, limit=limit, ids=case_ids)
    return RunPlan(
        dataset=cases_file.name,
        version=case_set.version,
        items=[CaseItem(case) for case in selected],
        jobs=chosen,
        rubrics=load_rubrics(rubrics_dir),
        labelled_file=labelled_file,
        labelled=load_labelled_set(labelled_file),
    )


def eval_corpus(settings: Settings) -> list[CorpusDocument]:
    """The configured corpus's documents; a corpus with problems is bad input."""
    loaded = load_corpus(settings.corpus_dir)
    if not loaded.ok:
        raise InvalidInput("corpus", f"{len(loaded.problems)} problem(s); `storycoach ingest`")
    return loaded.documents


def eval_knowledge(settings: Settings) -> KnowledgeBase:
    """The configured corpus, indexed into ``EVAL_ORG`` (idempotent: unchanged chunks are
    skipped); a corpus with problems is bad input."""
    knowledge = KnowledgeBase.open(settings)
    knowledge.ingest(EVAL_ORG, eval_corpus(settings))
    return knowledge
