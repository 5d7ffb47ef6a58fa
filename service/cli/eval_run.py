"""``storycoach eval run``: generate with the coach, score, compare with the baseline, report.

Writes ``result.json`` and a self-contained ``report.html`` to ``--out`` (default
``<data_dir>/evals/<timestamp>/``) and prints tables: pass rate per job, and per job and
language each figure beside its target (generation success, rubric pass, fallback share,
unfaithful parts, seconds). Beside the generation run it measures the rubric engine itself on
the labelled documents (deterministic checks only: cheap, no model).

Exit codes: 0 the gate passed (or there was no baseline file), 1 the gate failed (a figure
fell below its baseline by more than its margin, or the run shared no case and job with the
baseline, see ``service.evaluation.baseline``), 2 bad input (an unknown job, a missing case or
baseline file, a broken rubric).
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from service.coach.opening import open_chat_model, open_judge, release_models
from service.errors import InvalidInput, ModelUnavailable
from service.evaluation.baseline import (
    AgreementBaseline,
    GateReport,
    GenerationBaseline,
    compare_agreement,
    compare_generation,
    generation_baseline,
    read_baseline,
    write_baseline,
)
from service.evaluation.breakdown import TARGETS, breakdown
from service.evaluation.cases import load_generation_set, load_labelled_set
from service.evaluation.meta import agreement_rows, meta_evaluate
from service.evaluation.report import render_report
from service.evaluation.result import Job, RunResult
from service.evaluation.summary import criterion_summaries, job_summaries
from service.knowledge import KnowledgeBase, load_corpus
from service.quality import FileVerdictCache, load_rubrics
from service.settings import Settings, get_settings

from .eval_progress import print_summary, run_with_progress
from .output import HAD_PROBLEMS, err, errors_as_exit_codes, fail
from .scoring import RubricsOption

EVALS = Path(__file__).resolve().parents[2] / "evals"
"""The checkout's eval data (cases, baselines): inputs of a development tool, not shipped in
the wheel. The rubrics are not read from here but from the rubrics setting."""
BASELINES = EVALS / "baselines"
EVAL_ORG = "generation-eval"
"""The corpus is indexed into its own organisation, so a run never disturbs the demo's."""
MODEL_FAILED = 3
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


def default_baseline(cases: Path) -> Path:
    """``evals/baselines/<case file name>.json``: a baseline belongs to one case file version."""
    return BASELINES / f"{cases.stem}.json"


def _knowledge(settings: Settings) -> KnowledgeBase:
    loaded = load_corpus(settings.corpus_dir)
    if not loaded.ok:
        raise InvalidInput("corpus", f"{len(loaded.problems)} problem(s); `storycoach ingest`")
    knowledge = KnowledgeBase.open(settings)
    knowledge.ingest(EVAL_ORG, loaded.documents)  # idempotent: unchanged chunks are skipped
    return knowledge


def _gate(
    result: RunResult, baseline: Path | None, labelled_baseline: Path | None
) -> GateReport | None:
    """The run against whichever baselines exist; ``None`` when there is none at all."""
    reports: list[GateReport] = []
    if baseline is not None:
        saved = read_baseline(baseline, GenerationBaseline)
        reports.append(compare_generation(result.outcomes, saved, model=result.model))
    if labelled_baseline is not None and result.agreement:
        agreement = read_baseline(labelled_baseline, AgreementBaseline)
        reports.append(compare_agreement(result.agreement, agreement))
    if not reports:
        return None
    merged = GateReport()
    for report in reports:
        merged = merged.merge(report)
    return merged


def result_json(result: RunResult, gate: GateReport | None) -> str:
    """The run, its summary figures and the gate, for machines (CI, a later comparison)."""
    payload = result.model_dump(mode="json")
    payload["summary"] = {
        "jobs": [s.model_dump(mode="json") for s in job_summaries(result.outcomes)],
        "criteria": [s.model_dump(mode="json") for s in criterion_summaries(result.outcomes)],
        "by_job_and_language": [g.model_dump(mode="json") for g in breakdown(result.outcomes)],
        "targets": [t.model_dump(mode="json") for t in TARGETS],
    }
    payload["gate"] = gate.model_dump(mode="json") if gate is not None else None
    return json.dumps(payload, ensure_ascii=False, indent=2)


def run(
    cases: Annotated[Path, typer.Option(help="Generation cases (YAML).")] = EVALS
    / "cases"
    / "generation-v1.yaml",
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
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N cases.")] = None,
    case: Annotated[
        list[str] | None,
        typer.Option("--case", help="Only this case id (repeat for several)."),
    ] = None,
    jobs: Annotated[
        str, typer.Option(help="Comma-separated: story, lesson, questions, one-on-one.")
    ] = ALL_JOBS,
    out: Annotated[
        Path | None, typer.Option(help="Folder for result.json and report.html.")
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Baseline to compare with (default: evals/baselines/<cases>.json)."),
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
        chosen = parse_jobs(jobs)
        case_set = load_generation_set(cases)
        selected = list(case_set.cases[:limit] if limit else case_set.cases)
        if case:
            known = {c.id for c in case_set.cases}
            unknown = [c for c in case if c not in known]
            if unknown:
                raise InvalidInput("case", f"no case {unknown[0]!r} in {cases.name}")
            selected = [c for c in selected if c.id in case]
        book = load_rubrics(rubrics or settings.rubrics_dir)
        labelled_set = load_labelled_set(labelled)
        baseline_path = baseline if baseline is not None else default_baseline(cases)
        if baseline is not None and not baseline.is_file():
            raise InvalidInput("baseline", f"no such file: {baseline}")
        agreement = agreement_rows(meta_evaluate(labelled_set, book))
        knowledge = _knowledge(settings)
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
        outcomes = run_with_progress(writer, knowledge, EVAL_ORG, book, judge, selected, chosen)
    except ModelUnavailable as exc:
        fail(str(exc), code=MODEL_FAILED)
    finally:
        release_models()
    result = RunResult(
        started=started,
        seconds=time.perf_counter() - clock,
        cases_file=cases.name,
        cases_version=case_set.version,
        model=writer.name,
        judge_model=judge.model_name if judge is not None else None,
        epochs=epochs,
        jobs=chosen,
        case_ids=[c.id for c in selected],
        outcomes=outcomes,
        labelled_file=labelled.name,
        agreement=agreement,
        judge_calls=judge.calls if judge is not None else 0,
        judge_cache_hits=judge.cache_hits if judge is not None else 0,
    )
    labelled_baseline = BASELINES / f"{labelled.stem}.json"
    with errors_as_exit_codes():
        gate = _gate(
            result,
            baseline_path if baseline_path.is_file() else None,
            labelled_baseline if labelled_baseline.is_file() else None,
        )
    folder = out or settings.data_dir / "evals" / started.strftime("%Y%m%dT%H%M%SZ")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "result.json").write_text(result_json(result, gate), encoding="utf-8")
    (folder / "report.html").write_text(render_report(result, gate), encoding="utf-8")
    if save_baseline:
        write_baseline(baseline_path, generation_baseline(result))
    print_summary(result, gate, folder, baseline_path if save_baseline else None)
    if gate is not None and not gate.passed:
        raise typer.Exit(HAD_PROBLEMS)
