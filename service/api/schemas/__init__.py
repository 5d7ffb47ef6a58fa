"""Public API schemas, named by role. The API never returns internal objects."""

from .common import MAX_ID, CorpusId, PersonRef, RowId
from .lessons import (
    AuditEventPublic,
    AuditEventsPublic,
    CriterionPublic,
    Decision,
    LessonCreate,
    LessonEdit,
    LessonPublic,
    LessonsPublic,
    ReviewDecision,
    ReviewItemPublic,
    ReviewQueuePublic,
    ScorePublic,
)
from .people import MePublic
from .search import SearchHitPublic, SearchHitsPublic
from .stories import StoriesPublic, StoryCreate, StoryPublic, StoryUpdate
from .team import (
    QuestionPublic,
    QuestionsPublic,
    QuestionsRequest,
    ReflectionCreate,
    ReflectionPublic,
    ReflectionsPublic,
)

__all__ = [
    "MAX_ID",
    "AuditEventPublic",
    "AuditEventsPublic",
    "CorpusId",
    "CriterionPublic",
    "Decision",
    "LessonCreate",
    "LessonEdit",
    "LessonPublic",
    "LessonsPublic",
    "MePublic",
    "PersonRef",
    "QuestionPublic",
    "QuestionsPublic",
    "QuestionsRequest",
    "ReflectionCreate",
    "ReflectionPublic",
    "ReflectionsPublic",
    "ReviewDecision",
    "ReviewItemPublic",
    "ReviewQueuePublic",
    "RowId",
    "ScorePublic",
    "SearchHitPublic",
    "SearchHitsPublic",
    "StoriesPublic",
    "StoryCreate",
    "StoryPublic",
    "StoryUpdate",
]
