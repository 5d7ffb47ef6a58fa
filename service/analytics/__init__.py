"""Analytics for reviewers and admins: how the programme is doing, from the store's history.

``records`` are what the figures are computed from; ``figures``, ``coverage`` and
``follow_ups`` (what stuck) compute them (pure functions); ``gather`` reads one organisation's
records and returns every figure; ``decisions`` and ``answers`` write the review decisions and
the follow-up answers as CSV.
"""

from .answers import answer_rows, answers_csv
from .coverage import Coverage, coverage_map
from .decisions import decision_rows, decisions_csv, safe_cell
from .follow_ups import FollowUpFigures, SubjectAnswers, follow_up_figures
from .gather import ProgrammeFigures, programme_figures

__all__ = [
    "Coverage",
    "FollowUpFigures",
    "ProgrammeFigures",
    "SubjectAnswers",
    "answer_rows",
    "answers_csv",
    "coverage_map",
    "decision_rows",
    "decisions_csv",
    "follow_up_figures",
    "programme_figures",
    "safe_cell",
]
