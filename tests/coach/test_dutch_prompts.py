"""A Dutch prompt is Dutch throughout: the rules and labels code puts into it come from the
``service/words`` files in the prompt's language, never from English text in Python."""

from __future__ import annotations

import re
from typing import Any

from service.coach import (
    JOBS,
    CritiqueInput,
    InterviewInput,
    JobName,
    LessonInput,
    OneOnOneInput,
    QuestionsInput,
    StoryInput,
)
from service.coach.story_source import load_story
from service.knowledge import KnowledgeBase
from service.knowledge.languages import detect_language
from service.llm.completion import Completion, Messages
from service.testing import InstantModel
from service.vocabulary import Language

ACCOUNT = (
    "Vorig jaar in maart liep ik de klantenservice met een achterstand aan klachten. Maar ik "
    "vroeg het team twee weekenden te werken en vertelde niemand waarom. Dus stopte ik met het "
    "overwerk en we begonnen elke ochtend met een kort overleg. Sindsdien horen de meeste "
    "klanten binnen een dag van ons. Ik leerde dat langer werken het echte probleem verbergt."
)
DRAFT = (
    "# De achterstand\n\nVorig jaar in maart liep ik de klantenservice. We gingen de klachten "
    "borgen met een integrale aanpak en een vliegende start. Sindsdien horen klanten binnen een "
    "dag van ons."
)
"""A story that fails checks (too short, filler), so the critique asks for rewrites."""
FENCED = re.compile(r"<<<(\S+)\n.*?\n>>>\1", re.DOTALL)
"""Data a prompt fences (the story, the account, a passage): the leader's, in any language."""


class FreeWriter(InstantModel):
    """A model that writes every part itself, so every prompt of a job is rendered; it keeps
    the prompt of each call (its first messages, before any retry)."""

    writes_freely = True

    def __init__(self) -> None:
        super().__init__()
        self.prompts: list[Messages] = []

    def complete(self, messages: Messages, **options: Any) -> Completion:
        self.prompts.append(messages[:2])
        return super().complete(messages, **options)


def english_lines(prompt: Messages) -> list[str]:
    """The lines of ``prompt`` outside its fenced data that read as English."""
    return [
        line
        for message in prompt
        for line in FENCED.sub("", str(message["content"])).splitlines()
        if len(line.split()) >= 3 and detect_language(line) is Language.EN
    ]


def test_every_dutch_prompt_of_every_job_holds_no_english_rule(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-antwerp-diagnosis-benches")
    assert story.language is Language.NL
    goal = "Ik wil storingen sneller vinden met de diagnose-app"
    inputs: dict[JobName, object] = {
        JobName.INTERVIEW: InterviewInput("priority-complaints-one-day", Language.NL),
        JobName.STORY: StoryInput("priority-complaints-one-day", ACCOUNT, language=Language.NL),
        JobName.CRITIQUE: CritiqueInput(DRAFT, Language.NL),
        JobName.LESSON: LessonInput(story, Language.NL),
        JobName.ONE_ON_ONE: OneOnOneInput(story, goal=goal, role="monteur", language=Language.NL),
        JobName.QUESTIONS: QuestionsInput(story, language=Language.NL),
    }
    found: dict[str, list[str]] = {}
    asked = 0
    for name, given in inputs.items():
        model = FreeWriter()
        JOBS[name].run(model, demo, "demo", given)
        asked += len(model.prompts)
        for prompt in model.prompts:
            if wrong := english_lines(prompt):
                found.setdefault(name, []).extend(wrong)
    assert asked > 20, "too few prompts were rendered: the check would pass vacuously"
    assert found == {}


def test_the_check_finds_an_english_rule_outside_the_fences() -> None:
    prompt: Messages = [
        {"role": "system", "content": "Je bent StoryCoach. Antwoord alleen met JSON."},
        {
            "role": "user",
            "content": "Schrijf dit deel van het verhaal: titel.\n"
            "- At most 10 words for the title.\n"
            "<<<VERHAAL\nThe story the leader told about the shipment.\n>>>VERHAAL",
        },
    ]
    assert english_lines(prompt) == ["- At most 10 words for the title."]
