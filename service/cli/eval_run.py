"""``storycoach eval run``: generate with the coach, score, compare with the baseline, report.

Writes ``result.json`` and a self-contained ``report.html`` to ``--out`` (default
``<data_dir>/evals/<timestamp>/``) and prints tables: pass rate per job, and per job and
language each figure beside its target (generation success, rubric pass, fallback share,
unfaithful parts, seconds). Beside the generation run it measures the rubric engine itself on
the labelled documents (deterministic checks only: cheap, no model).

Two datasets: the generation cases (``--cases``, the default), or with ``--corpus-stories``
the lesson, one-on-one lesson and questions on every story of the indexed corpus
(``service.evaluation.corpus_stories``), compared with its own baseline
``evals/baselines/corpus-stories.json``.

Exit codes: 0 the gate passed (or there was no baseline file), 1 the gate failed (a figure
fell below its baseline by more than its margin, or the run shared no case and job with the
baseline, see ``service.evaluation.gate``), 2 bad input (an unknown job, a missing case or
baseline file, a broken rubric).

The work is ``service.evaluation``'s; this module reads the options, opens the models, shows
progress and maps errors to exit codes.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from service.coach.opening import open_chat_model, open_judge, release_models
from service.errors import InvalidInput, ModelUnavailable
from service.evaluation.baseline import generation_baseline, write_baseline
from service.evaluation.corpus_stories import DEFAULT_CORPUS_JOBS, plan_corpus_run
from service.evaluation.gate import gate_run
from service.evaluation.meta import agreement_rows, meta_evaluate
from service.evaluation.plan import (
    ALL_JOBS,
    EVAL_ORG,
    RunPlan,
    eval_corpus,
    eval_knowledge,
    plan_run,
)
from service.evaluation.report import write_run
from service.quality import FileVerdictCache
from service.settings import Settings, get_settings

from .eval_progress import print_summary, run_with_progress
from .output import HAD_PROBLEMS, err, errors_as_exit_codes, fail
from .scoring import RubricsOption

EVALS = Path(__file__).resolve().parents[2] / "evals"
"""The checkout's eval data (cases, baselines): inputs of a development tool, not shipped in
the wheel. The rubrics are not read from here but from the rubrics setting."""
BASELINES = EVALS / "baselines"
GENERATION_CASES = EVALS / "cases" / "generation-v1.yaml"
MODEL_FAILED = 3


def default_baseline(dataset: str) -> Path:
    """``evals/baselines/<case file name>.json``: a baseline belongs to one case file version
    (``corpus-stories.json`` for the corpus stories)."""
    return BASELINES / f"{Path(dataset).stem}.json"


def _plan(
    settings: Settings,
    *,
    cases: Path | None,
    corpus_stories: bool,
    jobs: str | None,
    limit: int | None,
    case: list[str] | None,
    rubrics_dir: Path,
    labelled: Path,
) -> RunPlan:
    """The generation cases' plan, or the corpus stories' with ``--corpus-stories``."""
    if not corpus_stories:
        return plan_run(
            cases or GENERATION_CASES,
            jobs=jobs or ALL_JOBS,
            limit=limit,
            case_ids=case,
            rubrics_dir=rubrics_dir,
            labelled_file=labelled,
        )
    if cases is not None:
        raise InvalidInput("cases", "give --cases or --corpus-stories, not both")
    return plan_corpus_run(
        eval_corpus(settings),
        jobs=jobs or DEFAULT_CORPUS_JOBS,
        limit=limit,
        story_ids=case,
        rubrics_dir=rubrics_dir,
        labelled_file=labelled,
    )


def run(
    cases: Annotated[
        Path | None,
        typer.Option(help="Generation cases (YAML; default: evals/cases/generation-v1.yaml)."),
    ] = None,
    corpus_stories: Annotated[
        bool,
        typer.Option(
            "--corpus-stories",
            help="Instead of the cases: lesson, one-on-one and questions on every corpus story.",
        ),
    ] = False,
    model: Annotated[
        str | None, typer.Option(help="Model that writes (default: the model setting).")
    ] = None,
    judge_model: Annotated[
        str | None, typer.Option(help="Judge model (default: the judge-model setting).")
    ] = None,
    no_judge: Annotated[
        bool, typer.Option("--no-judge", help="Deterministic checks only.")
    ] = False,
    epochs: Annotated[int, typer.Option(min=1, help="Judge calls per criterion.")] = 1,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Only the first N cases (or stories).")
    ] = None,
    case: Annotated[
        list[str] | None,
        typer.Option("--case", help="Only this case id, or story id (repeat for several)."),
    ] = None,
    jobs: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated: story, lesson, questions, one-on-one (default: all; "
            "with --corpus-stories all but story, which does not apply)."
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Folder for result.json and report.html.")
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            help="Baseline to compare with (default: evals/baselines/<cases>.json, or "
            "corpus-stories.json)."
        ),
    ] = None,
    save_baseline: Annotated[
        bool, typer.Option("--save-baseline", help="Save this run as the baseline.")
    ] = False,
    labelled: Annotated[
        Path, typer.Option(help="Labelled documents for the rubric engine's own check.")
    ] = EVALS / "cases" / "labelled-v2.yaml",
    rubrics: RubricsOption = None,
) -> None:
    """Generate with the coach, score every output, compare with the baseline, write a report."""
    settings = get_settings()
    started, clock = datetime.now(UTC), time.perf_counter()
    with errors_as_exit_codes():
        plan = _plan(
            settings,
            cases=cases,
            corpus_stories=corpus_stories,
            jobs=jobs,
            limit=limit,
            case=case,
            rubrics_dir=rubrics or settings.rubrics_dir,
            labelled=labelled,
        )
        baseline_path = baseline if baseline is not None else default_baseline(plan.dataset)
        if baseline is not None and not baseline.is_file():
            raise InvalidInput("baseline", f"no such file: {baseline}")
        agreement = agreement_rows(meta_evaluate(plan.labelled, plan.rubrics))
        knowledge = eval_knowledge(settings)
    cache = FileVerdictCache(settings.data_dir / "evals" / "verdicts")
    try:
        judge = (
            None
            if no_judge
            else open_judge(settings, model=judge_model, epochs=epochs, cache=cache)
        )
        if judge is None and not no_judge:
            err().print("note: no judge model configured; judge criteria are unscored")
        writer = open_chat_model(settings, model)
        outcomes = run_with_progress(
            writer, knowledge, EVAL_ORG, plan.rubrics, judge, plan.items, plan.jobs
        )
    except ModelUnavailable as exc:
        fail(str(exc), code=MODEL_FAILED)
    finally:
        release_models()
    result = plan.result(
        outcomes,
        started=started,
        seconds=time.perf_counter() - clock,
        model=writer.name,
        judge=judge,
        epochs=epochs,
        agreement=agreement,
    )
    labelled_baseline = BASELINES / f"{labelled.stem}.json"
    with errors_as_exit_codes():
        gate = gate_run(
            result,
            baseline_path if baseline_path.is_file() else None,
            labelled_baseline if labelled_baseline.is_file() else None,
        )
    folder = out or settings.data_dir / "evals" / started.strftime("%Y%m%dT%H%M%SZ")
    write_run(folder, result, gate)
    if save_baseline:
        write_baseline(baseline_path, generation_baseline(result))
    print_summary(result, gate, folder, baseline_path if save_baseline else None)
    if gate is not None and not gate.passed:
        raise typer.Exit(HAD_PROBLEMS)
