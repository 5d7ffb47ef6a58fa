"""Analytics for reviewers and admins: how the programme is doing, from the store's history.

``records`` are what the figures are computed from; ``figures`` and ``coverage`` compute them
(pure functions); ``gather`` reads one organisation's records and returns every figure;
``decisions`` writes the review decisions as CSV.
"""

from .coverage import Coverage, coverage_map
from .decisions import decision_rows, decisions_csv, safe_cell
from .gather import ProgrammeFigures, programme_figures

__all__ = [
    "Coverage",
    "ProgrammeFigures",
    "coverage_map",
    "decision_rows",
    "decisions_csv",
    "programme_figures",
    "safe_cell",
]
