"""A draft with known parts (every origin), for tests that must not depend on the coach."""

from __future__ import annotations

from service.chat.drafts import DraftParts, compose_markdown
from service.chat.transcript import NOTES_MARK
from service.coach.making.parts import Origin, Part

L, T, C, F = Origin.LEADER, Origin.TRANSLATED, Origin.COACH, Origin.FALLBACK
NOTE = (
    "The coach could not write the call to action well enough from your words, so it used "
    "your last sentence as you wrote it instead. Edit it to say what you mean."
)


def draft_parts() -> DraftParts:
    parts = [
        Part(name="title", label="Title", text="I asked the team to work two weekends", origin=C),
        Part(
            name="section",
            label="Once",
            text="Last March I ran customer service in Zaandam with 340 open complaints.",
            origin=L,
        ),
        Part(
            name="section",
            label="Until one day",
            text="I asked the team to work two weekends and told nobody why.",
            origin=T,
        ),
        Part(
            name="section",
            label="Ever since",
            text="Since then the backlog dropped to 60. Now we huddle every morning.",
            origin=L,
        ),
        Part(
            name="core_message",
            label="Core message",
            text="Working longer hides the real problem.",
            origin=C,
        ),
        Part(
            name="why_it_matters",
            label="Why it matters",
            text="This story shows what our value means in practice [value-customer-focus].",
            origin=F,
        ),
        Part(
            name="call_to_action",
            label="Call to action",
            text="Now we huddle every morning.",
            origin=F,
        ),
    ]
    return DraftParts(parts=parts, fallbacks=["why_it_matters", "call_to_action"], notes=[NOTE])


def draft_content(draft: DraftParts) -> str:
    """A draft reply's content, as the coach keeps it: the story, then its notes."""
    return compose_markdown(draft.parts) + NOTES_MARK + "Tell me what to change."
