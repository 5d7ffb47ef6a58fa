"""Human part labels: a blind sheet from a run, labels that carry over, detectors measured."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from service.cli import app
from service.evaluation.cases import GenerationCase, GenerationSet
from service.evaluation.part_labels import (
    corpus_support,
    label_sheet,
    load_part_labels,
    measure_labels,
    save_part_labels,
)
from service.evaluation.result import Job, JobOutcome, ReaderPart, RunResult
from service.vocabulary import Language
from tests.conftest import CORPUS

ACCOUNT = (
    "Vorig jaar kwam een klant drie keer terug met dezelfde e-bike. Ik had eerst de monteur de "
    "schuld gegeven. Toen ik een middag zelf meekeek, zag ik dat we de trapas nooit goed "
    "aandraaiden. Ik heb geleerd eerst naar het gereedschap te kijken."
)
CASES = GenerationSet(
    version=1,
    cases=(
        GenerationCase(
            id="q-bike",
            priority="priority-first-time-fix",
            language=Language.NL,
            leader="Kees",
            account=ACCOUNT,
            split="held-out",
        ),
    ),
)
CUT = "Ik een middag zelf meekeek"
WHOLE = "Ik heb geleerd eerst naar het gereedschap te kijken."


def run() -> RunResult:
    parts = [
        ReaderPart(name="title", text=CUT, origin="leader", found={"fragment": "cut"}),
        ReaderPart(name="core_message", text=WHOLE, origin="leader"),
    ]
    story = JobOutcome(
        case_id="q-bike",
        job=Job.STORY,
        language=Language.NL,
        passed=True,
        seconds=1.0,
        input=ACCOUNT,
        text=f"# {CUT}\n\n{WHOLE}",
        reader_parts=parts,
    )
    return RunResult(
        started=datetime(2026, 12, 6, tzinfo=UTC),
        seconds=1.0,
        cases_file="q.yaml",
        cases_version=1,
        model="m",
        judge_model=None,
        epochs=1,
        jobs=[Job.STORY],
        case_ids=["q-bike"],
        outcomes=[story],
    )


def test_a_sheet_is_blind_and_keeps_earlier_labels(tmp_path: Path) -> None:
    sheet = label_sheet(run(), CASES)
    [output] = sheet.outputs
    assert output.split == "held-out" and output.account == ACCOUNT
    assert [(p.text, p.publishable, p.reasons) for p in output.parts] == [
        (CUT, None, []),
        (WHOLE, None, []),
    ]  # nothing the detectors found is on the sheet
    output.parts[0].publishable, output.parts[0].reasons = False, ["fragment"]
    again = label_sheet(run(), CASES, earlier=sheet)
    assert again.outputs[0].parts[0].publishable is False
    assert again.outputs[0].parts[1].publishable is None
    path = tmp_path / "labels.yaml"
    save_part_labels(path, again)
    assert load_part_labels(path) == again


def test_detectors_are_measured_against_the_labels() -> None:
    sheet = label_sheet(run(), CASES)
    title, core = sheet.outputs[0].parts
    title.publishable, title.reasons = False, ["fragment"]
    core.publishable = True
    figures = measure_labels(sheet, CORPUS)
    assert figures.labelled == 2 and figures.unlabelled == 0
    assert figures.human["held-out"].rate == 0.5
    assert figures.agreement["held-out"].rate == 1.0
    fragment = next(m for m in figures.measures if m.reason == "fragment" and m.split == "all")
    assert (fragment.precision, fragment.recall) == (1.0, 1.0)


def test_a_label_file_with_nothing_labelled_fails(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    save_part_labels(path, label_sheet(run(), CASES))
    result = CliRunner().invoke(app, ["eval", "parts", "--labels", str(path)])
    assert result.exit_code == 1
    assert "nothing was measured" in result.output


def test_an_output_kept_in_its_accounts_language_is_read_in_that_language() -> None:
    """The coach could not translate the account, so the story stayed in English with a note
    (``JobOutcome.written_in``): its parts are held to English, not called the wrong language."""
    said = "I learned that a customer wants an answer the same day, even without a date."
    outcome = (
        run()
        .outcomes[0]
        .model_copy(
            update={
                "written_in": Language.EN,
                "reader_parts": [ReaderPart(name="core_message", text=said, origin="leader")],
            }
        )
    )
    english = run().model_copy(update={"outcomes": [outcome]})
    cases = CASES.model_copy(
        update={"cases": (CASES.cases[0].model_copy(update={"account": said}),)}
    )
    sheet = label_sheet(english, cases)
    assert sheet.outputs[0].written_in is Language.EN
    sheet.outputs[0].parts[0].publishable = True
    assert measure_labels(sheet, CORPUS).agreement["held-out"].rate == 1.0
    sheet.outputs[0].written_in = None  # read as the Dutch that was asked
    assert measure_labels(sheet, CORPUS).agreement["held-out"].rate == 0.0


def test_a_value_named_in_the_other_language_is_supported_by_its_title() -> None:
    """ "Dit verhaal laat zien wat onze waarde “De fietser gaat voor” …" names the value by
    the Dutch title it gives; the invented-claim check found 'fietser' nowhere (CI, the small
    generation run)."""
    support = corpus_support(CORPUS)
    assert "De fietser gaat voor" in support["value-customer-focus"]
