"""The decisions CSV: cells a spreadsheet would run as a formula are made plain text."""

from __future__ import annotations

import csv
import io

import pytest

from service.analytics import decisions_csv, safe_cell
from service.analytics.decisions import FIXED_COLUMNS


@pytest.mark.parametrize("typed", ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_formulas_are_made_text(typed: str) -> None:
    assert safe_cell(typed) == "'" + typed


@pytest.mark.parametrize("typed", ["Good lesson", "", "1.5", "a=b"])
def test_plain_cells_are_unchanged(typed: str) -> None:
    assert safe_cell(typed) == typed


def test_columns_are_fixed_then_every_criterion_that_occurs() -> None:
    rows = [
        {"lesson_id": 1, "decision": "approve", "criterion:facts": "pass"},
        {"lesson_id": 2, "decision": "reject", "comment": "=cmd", "criterion:goal": "fail"},
    ]
    table = list(csv.reader(io.StringIO(decisions_csv(rows))))
    assert table[0] == [*FIXED_COLUMNS, "criterion:facts", "criterion:goal"]
    first, second = (dict(zip(table[0], row, strict=True)) for row in table[1:])
    assert (first["criterion:facts"], first["criterion:goal"]) == ("pass", "")
    assert (second["comment"], second["criterion:goal"]) == ("'=cmd", "fail")
