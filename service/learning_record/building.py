"""Learning events into xAPI statements: who (an account, never an email), what (a verb from
``verbs``), on what (an activity under StoryCoach's public address), when, in which language.

What is *not* sent, on purpose: a person's name or email, a reflection's text, the questions
asked, a story's or lesson's text. A reflection is personal, written for the story's author
and the team, and an LRS is read by other people for other ends (reports, analytics), often
in another system with other retention; so the statement says *that* someone reflected, not
*what*. Titles are sent, as the activity's name: they are the organisation's, not a person's.

One thing a person wrote *is* sent: a follow-up's answer, as the ``answered`` statement's
``result.response`` (issue #20). It is the answer to a question StoryCoach asked for learning's
sake (what do you recall, what did you try), which is exactly what an LRS keeps results for;
a reflection is an opinion offered to colleagues, and stays out.
"""

from __future__ import annotations

import uuid

from service.vocabulary import Language

from .events import ABOUT_LESSONS, ANSWERED, LearningAct, LearningEvent
from .statements import (
    Account,
    Activity,
    ActivityDefinition,
    Agent,
    Context,
    ContextActivities,
    Result,
    Statement,
    Verb,
)
from .verbs import DISCUSSION_TYPE, LESSON_TYPE, QUESTION_TYPE, STORY_TYPE, VERBS

PLATFORM = "StoryCoach"
DISCUSSION_NAME = {Language.EN: "Discussion: {title}", Language.NL: "Gesprek: {title}"}
FOLLOW_UP_NAME = {Language.EN: "Follow-up: {title}", Language.NL: "Terugblik: {title}"}
NAMESPACE = uuid.UUID("6f0b8a53-2f7e-4c53-9d43-1c6e4a0e5b7d")
"""StoryCoach's own UUID namespace for statement ids (any fixed value would do; this one
must never change, or resent statements would get new ids)."""


def build_statement(happened: LearningEvent, public_url: str) -> Statement:
    """The statement for ``happened``; ids and addresses are under ``public_url``.

    The same event always gives the same statement (its id included)."""
    base = public_url.rstrip("/")
    verb = VERBS[happened.act]
    subject = _subject(happened, base)
    target = _target(happened, subject)
    answered = happened.act in ANSWERED and happened.response is not None
    return Statement(
        id=statement_id(happened, base),
        actor=Agent(account=Account(home_page=base, name=str(happened.person_id))),
        verb=Verb(id=verb.id, display=dict(verb.display)),
        object_=target,
        context=Context(
            platform=PLATFORM,
            language=happened.language.value,
            context_activities=ContextActivities(
                parent=[subject] if subject is not target else None,
                grouping=[_organisation(happened.org, base)],
            ),
        ),
        result=Result(response=happened.response or "") if answered else None,
        timestamp=happened.at,
    )


def statement_id(happened: LearningEvent, public_url: str) -> uuid.UUID:
    """A UUID from the service, the act, the organisation, the person, the subject and the
    occurrence: stable across retries and restarts, different for every act."""
    name = "|".join(
        [
            public_url.rstrip("/"),
            happened.act.value,
            happened.org,
            str(happened.person_id),
            str(happened.subject_id),
            happened.occurrence,
        ]
    )
    return uuid.uuid5(NAMESPACE, name)


def _target(happened: LearningEvent, subject: Activity) -> Activity:
    if happened.act is LearningAct.DISCUSSED_STORY:
        name = DISCUSSION_NAME[happened.language].format(title=happened.title)
        return _activity(f"{subject.id}/questions", DISCUSSION_TYPE, happened, name)
    if happened.act in ANSWERED:
        name = FOLLOW_UP_NAME[happened.language].format(title=happened.title)
        return _activity(f"{subject.id}/follow-up", QUESTION_TYPE, happened, name)
    return subject


def _subject(happened: LearningEvent, base: str) -> Activity:
    """The lesson or the story the act is about."""
    if happened.act in ABOUT_LESSONS:
        return _activity(f"{base}/lessons/{happened.subject_id}", LESSON_TYPE, happened)
    return _activity(f"{base}/stories/{happened.subject_id}", STORY_TYPE, happened)


def _activity(iri: str, kind: str, happened: LearningEvent, name: str | None = None) -> Activity:
    names = {happened.language.value: name or happened.title}
    return Activity(id=iri, definition=ActivityDefinition(type=kind, name=names))


def _organisation(org: str, base: str) -> Activity:
    return Activity(
        id=f"{base}/orgs/{org}",
        definition=ActivityDefinition(name={"en": org}),  # no established type fits
    )
