"""The coverage map: priorities by their values by language, and where material is missing.

A priority's row lists the values it links to (in the corpus). A cell counts the published
stories and lessons in that language that illustrate the value *and* name the priority (cite
it, or were drafted for it): material a leader told for that priority. An empty cell is a gap:
what to ask leaders for next. Corpus documents name no priority, so they are counted beside
the map, per value and language ("whatever the priority"), where they still show which
values the organisation can already tell stories about.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import computed_field

from service.vocabulary import Language

from .figures import Figure
from .records import Material, Topic

LANGUAGES = (Language.NL, Language.EN)


class Cell(Figure):
    language: Language
    stories: int
    lessons: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gap(self) -> bool:
        return self.stories + self.lessons == 0


class ValueRow(Figure):
    value: str
    title: str
    cells: list[Cell]
    """One per language, in ``LANGUAGES`` order."""


class PriorityRow(Figure):
    priority: str
    title: str
    values: list[ValueRow]


class Gap(Figure):
    priority: str
    priority_title: str
    value: str
    value_title: str
    language: Language


class Coverage(Figure):
    languages: list[Language]
    priorities: list[PriorityRow]
    gaps: list[Gap]
    """Every empty cell of the map, priority by priority."""
    any_priority: list[ValueRow]
    """Every value, counting all published material including the corpus, whatever priority."""


def _cell(material: Sequence[Material], language: Language) -> Cell:
    here = [m for m in material if m.language is language]
    return Cell(
        language=language,
        stories=sum(m.kind == "story" for m in here),
        lessons=sum(m.kind == "lesson" for m in here),
    )


def coverage_map(
    priorities: Sequence[Topic], values: Sequence[Topic], material: Sequence[Material]
) -> Coverage:
    """Count ``material`` per priority, value and language; list the gaps."""
    titles = {v.id: v.title for v in values}
    rows: list[PriorityRow] = []
    gaps: list[Gap] = []
    for priority in priorities:
        named = [m for m in material if priority.id in m.priorities]
        value_rows = []
        for value in priority.values:
            showing = [m for m in named if value in m.values]
            row = ValueRow(
                value=value,
                title=titles.get(value, value),
                cells=[_cell(showing, language) for language in LANGUAGES],
            )
            value_rows.append(row)
            gaps += [
                Gap(
                    priority=priority.id,
                    priority_title=priority.title,
                    value=value,
                    value_title=row.title,
                    language=cell.language,
                )
                for cell in row.cells
                if cell.gap
            ]
        rows.append(PriorityRow(priority=priority.id, title=priority.title, values=value_rows))
    any_priority = [
        ValueRow(
            value=value.id,
            title=value.title,
            cells=[
                _cell([m for m in material if value.id in m.values], lang) for lang in LANGUAGES
            ],
        )
        for value in values
    ]
    return Coverage(
        languages=list(LANGUAGES), priorities=rows, gaps=gaps, any_priority=any_priority
    )
