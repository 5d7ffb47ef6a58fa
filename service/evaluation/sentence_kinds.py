"""How well each reader of what a sentence tells agrees with reviewers' labels.

The labels are the sentences of accounts no reader was fitted or tuned on (the held-out
accounts of ``evals/cases/quality-v1.yaml``), each labelled blind with what it tells
(``evals/quality/sentence-kinds-held-out-v1.yaml``). Both readers read the same sentences:
the word lists alone (``told.told``), the learned reader (``sentence_kinds``), and the same
reader when it names only the kinds it is sure of (``sure``; the others it reads as
``Told.UNSURE``). Beside
the share read right, what matters most for a lesson is how often a sentence a part would
offer as what worked (a deed or a habit) is one, and whether a sentence quoted on its own
stands alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from service.quality.publishable.sentence_kinds import KINDS, Labelled
from service.quality.publishable.told import DONE, READERS, Told, read_kinds, stands_alone_by


@dataclass(frozen=True)
class ReaderScore:
    reader: str
    right: int
    total: int
    named: int
    """Sentences whose kind the reader named (all but those it read as ``Told.UNSURE``)."""
    offered_done: int
    """Sentences read as a deed or a habit (what a practice may offer as what worked)."""
    right_done: int
    """Of those, the ones reviewers labelled a deed or a habit."""
    confusions: list[tuple[str, str, int]]
    """(labelled, read, how often), most frequent first."""
    alone_right: int
    """Sentences whose "stands alone" label the reader read right."""
    alone_total: int

    @property
    def share(self) -> float:
        return self.right / self.total

    @property
    def named_share(self) -> float:
        """Of the sentences it named, the share read right: what a part quoting one relies on."""
        return self.right / self.named if self.named else 0.0


def score_readers(labelled: list[Labelled]) -> list[ReaderScore]:
    """Each reader's score on ``labelled``. Nothing labelled is an error, never a score."""
    if not labelled:
        raise ValueError("no labelled sentences: a measure of nothing")
    unknown = {s.kind for s in labelled} - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds in the labels: {', '.join(sorted(unknown))}")
    said = [(s.text, s.language, s.place) for s in labelled]
    judged = [s for s in labelled if s.stands_alone is not None]
    truth = [Told(s.kind) for s in labelled]
    scores = []
    for reader in READERS:
        pairs = list(zip(truth, read_kinds(said, reader), strict=True))
        offered = [t for t, r in pairs if r in DONE]
        wrong = Counter((t.value, r.value) for t, r in pairs if t is not r and r is not Told.UNSURE)
        scores.append(
            ReaderScore(
                reader=reader,
                right=sum(t is r for t, r in pairs),
                total=len(pairs),
                named=sum(r is not Told.UNSURE for _, r in pairs),
                offered_done=len(offered),
                right_done=sum(t in DONE for t in offered),
                confusions=[(t, r, n) for (t, r), n in wrong.most_common()],
                alone_right=sum(stands_alone_by(s.text, reader) == s.stands_alone for s in judged),
                alone_total=len(judged),
            )
        )
    return scores
