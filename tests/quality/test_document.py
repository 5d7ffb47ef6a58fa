from __future__ import annotations

import pytest

from service.quality import parse_document

HEADINGS = """\
---
id: lesson-x
language: nl
---
# Eerst meten

## Leerdoel
Na deze les kun je uitlezen.

## Kernpunten
- Meet eerst.
- Bestel dan,
  en niet eerder.
* Vraag door.

## Terugblikvraag
Wat mat je?
"""

BOLD_LABELS = """\
**Objective:** After this lesson you can sort a queue.

**Why it matters.** Riders wait.

**Key points**
1. One.
2) Two.

**Practice:** Sort twenty tickets.
"""

PLAIN_LABELS = """\
Leerdoel: Na deze les kun je uitleggen waarom.
Kernpunten:
- een
- twee
Oefening: Vertel het maandag.
"""


def test_headings_lists_and_front_matter() -> None:
    document = parse_document(HEADINGS)
    assert document.title == "Eerst meten"
    assert document.declared_language == "nl"
    assert [s.key for s in document.sections] == ["objective", "key_points", "recall"]
    points = document.section("key_points")
    assert points is not None
    assert points.items == ["Meet eerst.", "Bestel dan, en niet eerder.", "Vraag door."]
    assert "id:" not in document.body


def test_bold_labels_with_text_on_the_same_line_and_numbered_lists() -> None:
    document = parse_document(BOLD_LABELS)
    keys = [s.key for s in document.sections]
    assert keys == ["objective", "why", "key_points", "practice"]
    objective = document.section("objective")
    assert objective is not None and objective.paragraphs == [
        "After this lesson you can sort a queue."
    ]
    points = document.section("key_points")
    assert points is not None and points.items == ["One.", "Two."]


def test_plain_known_labels_open_sections() -> None:
    document = parse_document(PLAIN_LABELS)
    assert [s.key for s in document.sections] == ["objective", "key_points", "practice"]


def test_unknown_labels_and_bold_words_in_prose_are_not_sections() -> None:
    document = parse_document("Note: this is prose.\n\n**Never** skip the check, we said.\n")
    assert [s.key for s in document.sections] == [None]
    assert len(document.paragraphs) == 2


def test_a_story_is_paragraphs() -> None:
    document = parse_document("# Title\n\nFirst one.\nStill first.\n\nSecond.\n\n\nThird.")
    assert document.title == "Title"
    assert document.paragraphs == ["First one. Still first.", "Second.", "Third."]


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("## Learning objective", "objective"),
        ("## 1. Leerdoel:", "objective"),
        ("### Key points for team leads", "key_points"),
        ("## Waarom dit belangrijk is", "why"),
        ("## Discussion questions", "questions"),
        ("## Gespreksvragen", "questions"),
        ("## Volgende stap", "next_step"),
        ("## Something else", None),
    ],
)
def test_heading_names_in_both_languages(heading: str, key: str | None) -> None:
    document = parse_document(f"{heading}\ntext here\n")
    assert document.sections[0].key == key


@pytest.mark.parametrize("text", ["", "   \n\n", "---\nid: x\n---\n", "---\n: [broken\n---\n"])
def test_empty_or_odd_input_parses(text: str) -> None:
    document = parse_document(text)
    assert document.is_empty
