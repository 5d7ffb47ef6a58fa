"""Plain helpers that write corpus files for tests."""

from __future__ import annotations

from pathlib import Path

VALUE = """---
id: {id}
kind: value
title: {title}
language: en
---
{body}
"""

STORY = """---
id: {id}
kind: story
title: {title}
language: {language}
values: [{values}]
outcome: {outcome}
tags: [{tags}]
---
{body}
"""


def write_value(folder: Path, id: str, title: str, body: str) -> Path:
    path = folder / "values" / f"{id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(VALUE.format(id=id, title=title, body=body), encoding="utf-8")
    return path


def write_story(
    folder: Path,
    id: str,
    title: str,
    body: str,
    *,
    language: str = "en",
    values: str = "value-care",
    outcome: str = "failure",
    tags: str = "support",
) -> Path:
    path = folder / "stories" / f"{id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = STORY.format(
        id=id, title=title, language=language, values=values, outcome=outcome, tags=tags, body=body
    )
    path.write_text(text, encoding="utf-8")
    return path


def small_corpus(folder: Path) -> Path:
    """Two values and four stories in two languages: enough to rank and filter."""
    write_value(
        folder, "value-care", "We care for customers", "We answer customers fast and honestly."
    )
    write_value(folder, "value-learning", "Mistakes are allowed", "We learn from failure openly.")
    write_story(
        folder,
        "story-late-bikes",
        "The bikes I promised too early",
        "I promised a dealer in Leeds forty bikes by Friday. The frames arrived Tuesday. "
        "I called him myself and apologised.",
        tags="dealers, promises",
    )
    write_story(
        folder,
        "story-battery-scare",
        "The battery scare",
        "A customer reported a hot battery. "
        "We stopped shipping for two days and checked every pack.",
        values="value-care, value-learning",
        outcome="mixed",
        tags="safety",
    )
    write_story(
        folder,
        "story-junior-idea",
        "Wat een junior mij leerde",
        "Fatima, net drie maanden monteur, liet zien dat onze werkbonnen dubbel werk gaven. "
        "Ik luisterde eerst niet.",
        language="nl",
        values="value-learning",
        outcome="success",
        tags="workshop",
    )
    write_story(
        folder,
        "story-klachten",
        "De klachtenberg",
        "Honderd klachten bleven een week liggen. We maakten een dagelijks klachtenoverleg.",
        language="nl",
        outcome="success",
        tags="support",
    )
    return folder


# A leader's own account in English: a setback, what they did, what changed, what they learned;
# as told, it asks the team for nothing (a story from it has no call to action to choose).
ACCOUNT_WITHOUT_ASK = (
    "Last March I ran customer service in Zaandam with a backlog of 340 open complaints. "
    "Most customers waited four days for any answer. "
    "But I made it worse: I asked the team to work two weekends and told nobody why. "
    "Sanne told me people were exhausted and the backlog had barely moved. "
    "So I stopped the overtime and we started a fifteen-minute huddle every morning. "
    "We sorted tickets by bike off the road first and answered those before anything else. "
    "I also sat at the phones myself every Tuesday. "
    "Since then the backlog dropped to 60 and most customers hear from us within a day. "
    "I learned that working longer hides the real problem, and the team saw me admit it."
)
ASK = "Try a fifteen-minute huddle with your own team this week."
"""The leader's sentence that asks the team to do something: a story's call to action."""
ACCOUNT = f"{ACCOUNT_WITHOUT_ASK} {ASK}"
"""The account with its ask: every part of a story has a sentence of its role."""
