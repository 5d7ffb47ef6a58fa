"""Human part labels: would a careful L&D reviewer publish each part as it stands?

A label file holds the coach's outputs on a case file's accounts, every reader-facing part
labelled *publishable* or not with its reasons (the detectors' ``Reason`` names), and each
output's split: ``held-out`` outputs are never looked at while the coach is changed, so the
publishable share on them is the figure that counts.

The file is self-contained (account, priority and story beside the parts), so the detectors
can be measured against it without the model or the index: ``measure_detectors`` gives each
reason's precision and recall, per split. A sheet to label is written from a run's
``result.json`` *without* the detectors' findings (``label_sheet``), so labels are given blind;
labels already given to the same text carry over.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from service.knowledge.corpus import load_corpus
from service.knowledge.documents import DocumentKind, every_title
from service.quality.publishable import PartContext, ReadPart, Reason, judge_parts
from service.vocabulary import Language

from .cases import GenerationSet, _load, team_member
from .parts import frame_runs
from .result import Job, RunResult
from .summary import Rate

Split = Literal["tune", "held-out"]


class LabelledPart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    text: str
    origin: str | None = None
    publishable: bool | None = None
    """``None``: not labelled yet."""
    reasons: list[Reason] = Field(default_factory=list)
    note: str = ""


class LabelledOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    case: str
    job: Job
    language: Language
    """The language the case asked for."""
    written_in: Language | None = None
    """The language the output is in when the coach kept its account's or story's language
    (``JobOutcome.written_in``); its parts are read in that language."""
    split: Split
    priority: str | None = None
    account: str
    story: str = ""
    """The story a lesson or question set was made from."""
    goal: str = ""
    """A 1:1 lesson's team member goal and role: what it may quote besides the account."""
    parts: list[LabelledPart]


class PartLabels(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    description: str = ""
    outputs: list[LabelledOutput]


def load_part_labels(path: Path) -> PartLabels:
    return _load(path, PartLabels)


def save_part_labels(path: Path, labels: PartLabels) -> None:
    data = labels.model_dump(mode="json", exclude_defaults=False)
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )


def _key(case: str, job: str, name: str, text: str) -> tuple[str, str, str, str]:
    return (case, job, name, " ".join(text.split()))


def label_sheet(
    result: RunResult, cases: GenerationSet, *, earlier: PartLabels | None = None
) -> PartLabels:
    """A sheet to label from a run: every output's parts, with no detector findings; a part
    whose text was labelled before keeps that label."""
    by_id = {c.id: c for c in cases.cases}
    known = {
        _key(o.case, o.job.value, p.name, p.text): p
        for o in (earlier.outputs if earlier else [])
        for p in o.parts
        if p.publishable is not None
    }
    stories = {o.case_id: o.text or "" for o in result.outcomes if o.job is Job.STORY}
    outputs = []
    for outcome in result.outcomes:
        case = by_id.get(outcome.case_id)
        if case is None or not outcome.reader_parts:
            continue
        parts = []
        for part in outcome.reader_parts:
            before = known.get(_key(case.id, outcome.job.value, part.name, part.text))
            parts.append(
                before.model_copy()
                if before is not None
                else LabelledPart(name=part.name, text=part.text, origin=part.origin)
            )
        outputs.append(
            LabelledOutput(
                case=case.id,
                job=outcome.job,
                language=outcome.language,
                written_in=outcome.written_in,
                split=case.split,
                priority=case.priority,
                account=case.account,
                story="" if outcome.job is Job.STORY else stories.get(case.id, ""),
                goal=team_member(case.development_goal, case.team_member_role)
                if outcome.job is Job.ONE_ON_ONE
                else "",
                parts=parts,
            )
        )
    return PartLabels(version=1, description="", outputs=outputs)


def corpus_support(corpus_dir: Path) -> dict[str, str]:
    """Text per corpus id of the priorities and values (what a part may draw on), with their
    titles in every language they give."""
    loaded = load_corpus(corpus_dir)
    return {
        d.id: f"{every_title(d.meta)}\n{d.body}"
        for d in loaded.documents
        if d.meta.kind in (DocumentKind.PRIORITY, DocumentKind.VALUE)
    }


def _support(output: LabelledOutput, texts: dict[str, str]) -> str:
    values = [t for i, t in texts.items() if i.startswith("value-")]
    priority = [texts[output.priority]] if output.priority in texts else []
    return "\n\n".join([*priority, *values, *([output.goal] if output.goal else [])])


class DetectorMeasure(BaseModel):
    """One reason's detector against the human labels of one split."""

    reason: str
    split: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float | None:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        labelled = self.true_positives + self.false_negatives
        return self.true_positives / labelled if labelled else None


class LabelledFigures(BaseModel):
    """What the labels say, and how well the detectors read them, per split."""

    labelled: int
    unlabelled: int
    human: dict[str, Rate]
    """Publishable share by the human labels, per split ("held-out", "tune", "all")."""
    detectors: dict[str, Rate]
    """Publishable share by the detectors on the same parts, per split."""
    agreement: dict[str, Rate]
    """Parts where detectors and label agree on publishable or not, per split."""
    measures: list[DetectorMeasure]
    by_group: dict[str, Rate] = Field(default_factory=dict)
    """Human publishable share per ``split / job / language``."""


def judged_labels(
    labels: PartLabels, corpus_dir: Path
) -> list[tuple[LabelledOutput, list[set[str]]]]:
    """Each output with, per part, the reasons the detectors find."""
    texts = corpus_support(corpus_dir)
    judged = []
    for output in labels.outputs:
        context = PartContext(
            language=output.written_in or output.language,
            account=output.account,
            support=_support(output, texts),
            story=output.story,
            frames=frame_runs(),
        )
        read = [ReadPart(p.name, p.text, p.origin) for p in output.parts]
        verdicts = judge_parts(read, context)
        judged.append((output, [{r.value for r in v.found} for v in verdicts]))
    return judged


def measure_labels(labels: PartLabels, corpus_dir: Path) -> LabelledFigures:
    """Precision and recall of each detector, and the publishable shares, per split."""
    rows: list[tuple[str, str, LabelledPart, set[str]]] = []
    unlabelled = 0
    for output, found in judged_labels(labels, corpus_dir):
        group = f"{output.split} / {output.job.value} / {output.language.value}"
        for part, reasons in zip(output.parts, found, strict=True):
            if part.publishable is None:
                unlabelled += 1
                continue
            rows.append((output.split, group, part, reasons))
    splits = ["held-out", "tune", "all"]

    def of(split: str) -> list[tuple[str, str, LabelledPart, set[str]]]:
        return [r for r in rows if split == "all" or r[0] == split]

    human = {
        s: Rate(passed=sum(bool(p.publishable) for _, _, p, _ in of(s)), total=len(of(s)))
        for s in splits
    }
    detectors = {
        s: Rate(passed=sum(not f for _, _, _, f in of(s)), total=len(of(s))) for s in splits
    }
    agreement = {
        s: Rate(
            passed=sum(bool(p.publishable) == (not f) for _, _, p, f in of(s)), total=len(of(s))
        )
        for s in splits
    }
    measures = []
    for split in splits:
        for reason in Reason:
            labelled = [reason in p.reasons for _, _, p, _ in of(split)]
            flagged = [reason.value in f for _, _, _, f in of(split)]
            pairs = list(zip(labelled, flagged, strict=True))
            measures.append(
                DetectorMeasure(
                    reason=reason.value,
                    split=split,
                    true_positives=sum(a and b for a, b in pairs),
                    false_positives=sum(b and not a for a, b in pairs),
                    false_negatives=sum(a and not b for a, b in pairs),
                )
            )
    groups: dict[str, list[bool]] = {}
    for _, group, part, _ in rows:
        groups.setdefault(group, []).append(bool(part.publishable))
    return LabelledFigures(
        labelled=len(rows),
        unlabelled=unlabelled,
        human=human,
        detectors=detectors,
        agreement=agreement,
        measures=measures,
        by_group={g: Rate(passed=sum(v), total=len(v)) for g, v in sorted(groups.items())},
    )


class PartLabelsBaseline(BaseModel):
    """The detectors' agreement with the part labels when a person last accepted it."""

    format: Literal[1] = 1
    kind: Literal["part-labels"] = "part-labels"
    created: datetime
    labels_file: str
    agreement: dict[str, float]
    """Per split: parts where detectors and labels agree on publishable or not."""
    labelled: int


def part_labels_baseline(figures: LabelledFigures, labels_file: str) -> PartLabelsBaseline:
    return PartLabelsBaseline(
        created=datetime.now(UTC),
        labels_file=labels_file,
        agreement={s: r.rate for s, r in figures.agreement.items() if r.total},
        labelled=figures.labelled,
    )


def require_labels(labels: PartLabels) -> None:
    """A label file whose parts are all unlabelled measures nothing: that is an error."""
    if not any(p.publishable is not None for o in labels.outputs for p in o.parts):
        raise ValueError("no part is labelled: a measure of nothing is not a pass")
