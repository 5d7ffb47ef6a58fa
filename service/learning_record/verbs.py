"""Which verb and which activity type each learning act is sent with.

Well-known IRIs only, so an LRS's reports group them with other tools' statements:

- opening a story: ADL's ``experienced`` (the ADL vocabulary's verb for reading or viewing
  content, where no completion is implied);
- asking for discussion questions: ADL's ``interacted``, on the story's discussion (an
  activity of the Tin Can registry's ``discussion`` type, whose parent is the story);
- a reflection: ADL's ``commented`` ("offered an opinion or written experience of the
  activity"), on the story;
- publishing a lesson: ``published`` from the DoD ISD vocabulary (w3id.org), the established
  verb for making content available; ADL's own list has none;
- answering a follow-up: ADL's ``answered`` ("responded to a question"), on the follow-up's
  question (an ADL ``question`` activity, whose parent is the lesson or the story).

Stories are Activity Streams ``article``s, lessons ADL ``lesson``s.
"""

from __future__ import annotations

from dataclasses import dataclass

from .events import LearningAct


@dataclass(frozen=True)
class VerbTerm:
    id: str
    display: dict[str, str]


EXPERIENCED = VerbTerm(
    "http://adlnet.gov/expapi/verbs/experienced", {"en": "experienced", "nl": "bekeek"}
)
INTERACTED = VerbTerm(
    "http://adlnet.gov/expapi/verbs/interacted", {"en": "interacted", "nl": "werkte met"}
)
COMMENTED = VerbTerm(
    "http://adlnet.gov/expapi/verbs/commented", {"en": "commented", "nl": "reageerde op"}
)
ANSWERED = VerbTerm(
    "http://adlnet.gov/expapi/verbs/answered", {"en": "answered", "nl": "beantwoordde"}
)
PUBLISHED = VerbTerm(
    "https://w3id.org/xapi/dod-isd/verbs/published", {"en": "published", "nl": "publiceerde"}
)

VERBS: dict[LearningAct, VerbTerm] = {
    LearningAct.OPENED_STORY: EXPERIENCED,
    LearningAct.DISCUSSED_STORY: INTERACTED,
    LearningAct.REFLECTED_ON_STORY: COMMENTED,
    LearningAct.PUBLISHED_LESSON: PUBLISHED,
    LearningAct.ANSWERED_LESSON_FOLLOW_UP: ANSWERED,
    LearningAct.ANSWERED_STORY_FOLLOW_UP: ANSWERED,
}

STORY_TYPE = "http://activitystrea.ms/schema/1.0/article"
DISCUSSION_TYPE = "http://id.tincanapi.com/activitytype/discussion"
LESSON_TYPE = "http://adlnet.gov/expapi/activities/lesson"
QUESTION_TYPE = "http://adlnet.gov/expapi/activities/question"
