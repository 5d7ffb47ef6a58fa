"""CI gate, deterministic half: the rubric engine still agrees with the hand labels as well as
the saved baseline says (``evals/baselines/labelled-v2.json``, margin ``AGREEMENT_MARGIN``)."""

from __future__ import annotations

from service.evaluation.baseline import AgreementBaseline, read_baseline
from service.evaluation.cases import load_labelled_set
from service.evaluation.gate import compare_agreement
from service.evaluation.meta import agreement_rows, meta_evaluate
from service.quality import Rubric
from tests.conftest import CASES, REPO

BASELINE = REPO / "evals" / "baselines" / "labelled-v2.json"


def test_deterministic_agreement_meets_the_baseline(rubrics: dict[str, Rubric]) -> None:
    assert BASELINE.is_file(), "save it with `storycoach eval meta --save-baseline`"
    saved = read_baseline(BASELINE, AgreementBaseline)
    assert saved.labelled_file == "labelled-v2.yaml"
    rows = agreement_rows(meta_evaluate(load_labelled_set(CASES / "labelled-v2.yaml"), rubrics))
    report = compare_agreement(rows, saved)
    dropped = {c.name: (c.baseline, round(c.current, 3)) for c in report.checks if not c.passed}
    assert report.passed, (dropped, report.failures)
    assert len(report.checks) == len(saved.agreement) > 30
