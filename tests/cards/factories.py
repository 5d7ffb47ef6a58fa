"""Stories and kept questions as the card reads them (unsaved rows: no database needed)."""

from __future__ import annotations

from service.store import DiscussionQuestions, Person, Role, Story
from service.vocabulary import Language

ADDRESS = "https://coach.example.com/stories/7"
STORY = (
    "In June I signed off forty batteries without the last capacity test. We were behind.\n\n"
    "Three weeks later five came back. I called the customer myself.\n\n"
    "What I learned: if I break the rule myself, nobody takes it seriously."
)


def story(
    language: Language = Language.EN,
    *,
    text: str = STORY,
    core_message: str | None = "If I break the rule myself, nobody takes it seriously.",
    told_by: str | None = None,
    title: str = "The batteries I signed off myself",
) -> Story:
    author = Person(name="Ilse Kuipers", role=Role.LEADER, org_id="acme")
    return Story(
        id=7,
        org_id="acme",
        title=title,
        text=text,
        language=language,
        core_message=core_message,
        told_by=told_by,
        author=author,
    )


def kept(language: Language, *questions: str) -> DiscussionQuestions:
    return DiscussionQuestions(language=language, questions=list(questions))
