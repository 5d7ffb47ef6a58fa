"""Lessons to export, as plain helpers."""

from __future__ import annotations

from service.export import ExportableLesson
from service.vocabulary import Language

ENGLISH = """## Objective
After this lesson you can give a dealer a date only after checking the planning sheet.

## Why it matters
Mark Ellis in Bristol was told 14 March; the bikes came on 25 March.

## Key points
- Check the sheet before you say a date.
- Send the date in writing.
- Call the same day a date moves.

## Practice
Open the planning sheet before every dealer call this week.

## Recall
Which date did you check last week, and had it moved?
"""

DUTCH = """## Leerdoel
Na deze les kun je een partij accu's tegenhouden als een test ontbreekt.

## Waarom het ertoe doet
Vijf accu's kwamen terug; Gerrit Pronk stond stil op de dijk bij Edam.

## Kernpunten
- Geen handtekening zonder testrapport.
- Iedereen mag een partij tegenhouden.
- Vertel het als je zelf een regel overtrad.

## Oefening
Controleer deze week de laatste drie partijen.
"""


def english(org: str = "demo", key: str = "lesson-dates-you-checked-3") -> ExportableLesson:
    return ExportableLesson(
        org, key, "Only give a dealer a date you have checked", Language.EN, ENGLISH
    )


def dutch() -> ExportableLesson:
    return ExportableLesson(
        "demo", "lesson-geen-handtekening-4", "Geen handtekening", Language.NL, DUTCH
    )
