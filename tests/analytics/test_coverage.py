"""The coverage map on a known corpus: counts per priority, value and language, and the gaps."""

from __future__ import annotations

from service.analytics.coverage import Coverage, coverage_map
from service.vocabulary import Language
from tests.analytics.factories import material, topic

NL, EN = Language.NL, Language.EN
PRIORITIES = [
    topic("priority-fast-answers", "value-care", "value-ownership"),
    topic("priority-safety", "value-safety"),
]
VALUES = [topic("value-care"), topic("value-ownership"), topic("value-safety")]


def counts(coverage: Coverage, priority: str) -> dict[tuple[str, str], tuple[int, int]]:
    rows = next(p for p in coverage.priorities if p.priority == priority)
    return {
        (v.value, c.language.value): (c.stories, c.lessons) for v in rows.values for c in v.cells
    }


def test_material_counts_where_it_names_the_priority_and_shows_the_value() -> None:
    found = [
        material("story", EN, ("value-care",), ("priority-fast-answers",)),
        material("story", EN, ("value-care", "value-ownership"), ("priority-fast-answers",)),
        material("lesson", NL, ("value-care",), ("priority-fast-answers",)),
        material("story", NL, ("value-safety",), ("priority-fast-answers",)),  # not its value
        material("story", EN, ("value-safety",)),  # names no priority
    ]
    coverage = coverage_map(PRIORITIES, VALUES, found)
    assert counts(coverage, "priority-fast-answers") == {
        ("value-care", "nl"): (0, 1),
        ("value-care", "en"): (2, 0),
        ("value-ownership", "nl"): (0, 0),
        ("value-ownership", "en"): (1, 0),
    }
    assert counts(coverage, "priority-safety") == {
        ("value-safety", "nl"): (0, 0),
        ("value-safety", "en"): (0, 0),
    }
    assert [(g.priority, g.value, g.language.value) for g in coverage.gaps] == [
        ("priority-fast-answers", "value-ownership", "nl"),
        ("priority-safety", "value-safety", "nl"),
        ("priority-safety", "value-safety", "en"),
    ]


def test_every_value_is_counted_whatever_the_priority_corpus_included() -> None:
    found = [
        material("story", EN, ("value-safety",), from_corpus=True),
        material("lesson", NL, ("value-safety", "value-care"), ("priority-safety",)),
    ]
    coverage = coverage_map(PRIORITIES, VALUES, found)
    totals = {
        (v.value, c.language.value): (c.stories, c.lessons)
        for v in coverage.any_priority
        for c in v.cells
    }
    assert totals[("value-safety", "en")] == (1, 0)
    assert totals[("value-safety", "nl")] == (0, 1)
    assert totals[("value-care", "nl")] == (0, 1)
    assert totals[("value-ownership", "en")] == (0, 0)


def test_the_gap_flag_is_in_the_json() -> None:
    coverage = coverage_map(PRIORITIES, VALUES, [])
    cell = coverage.model_dump()["priorities"][1]["values"][0]["cells"][0]
    assert cell == {"language": NL, "stories": 0, "lessons": 0, "gap": True}
    assert len(coverage.gaps) == 6
