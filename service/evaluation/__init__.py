"""Running evaluations of the coach: what to run, how it went, and whether it got worse.

In the spirit of inspect_ai's dataset → solver → scorer split:

- ``cases``: the dataset (generation cases, hand-labelled documents); ``corpus_stories``: a
  second one, the jobs built on a story over every story of the corpus; ``plan``: which
  cases (or stories) and jobs one run takes, checked before any model is opened;
- ``runner``: the solver, which drives the coach's jobs over one case or story;
- ``scorer``: an output against its rubric (``service.quality``'s engine) and its parts
  against the leader's account (``parts``);
- ``result``, ``summary``, ``breakdown`` and ``report``: what a run produced and its figures;
- ``baseline`` and ``gate``: the saved baselines and the CI gate a run is held to;
- ``meta`` and ``calibration``: the rubric engine itself against hand labels and reviewers.

Dependencies point down: this package imports the coach and the quality package; neither
imports it. The ``storycoach eval`` commands are thin wrappers around it.
"""

from .calibration import CalibrationReport, calibrate
from .cases import GenerationCase, LabelledSet, load_generation_set, load_labelled_set
from .corpus_stories import CORPUS_STORIES, CorpusStory, plan_corpus_run
from .errors import CaseFileError
from .gate import GateReport, gate_run
from .meta import agreement_rows, meta_evaluate
from .plan import RunPlan, plan_run
from .report import render_report, write_run
from .result import Job, JobOutcome, RunResult
from .runner import EvalItem, EvalSetup, run_case, run_story_jobs
from .scorer import ScoredOutput, score_output

__all__ = [
    "CORPUS_STORIES",
    "CalibrationReport",
    "CaseFileError",
    "CorpusStory",
    "EvalItem",
    "EvalSetup",
    "GateReport",
    "GenerationCase",
    "Job",
    "JobOutcome",
    "LabelledSet",
    "RunPlan",
    "RunResult",
    "ScoredOutput",
    "agreement_rows",
    "calibrate",
    "gate_run",
    "load_generation_set",
    "load_labelled_set",
    "meta_evaluate",
    "plan_corpus_run",
    "plan_run",
    "render_report",
    "run_case",
    "run_story_jobs",
    "score_output",
    "write_run",
]
