"""Rubric engine: rubrics, Markdown parsing, deterministic checks, the LLM judge and scoring.

Used by the coach, ``storycoach eval score``, the L&D review queue and the eval suite
(``service.evaluation``) alike; it imports none of them.
"""

from .context import ScoringContext
from .document import ParsedDocument, Section, parse_document
from .errors import RubricError
from .judge import Judge, JudgedCriterion, JudgeModel
from .rubrics import Criterion, Level, Rubric, load_rubric, load_rubrics
from .scoring import CriterionScore, DocumentScore, failing_score, score_document
from .verdict_cache import FileVerdictCache, MemoryVerdictCache, VerdictCache
from .verdicts import Verdict

__all__ = [
    "Criterion",
    "CriterionScore",
    "DocumentScore",
    "FileVerdictCache",
    "Judge",
    "JudgeModel",
    "JudgedCriterion",
    "Level",
    "MemoryVerdictCache",
    "ParsedDocument",
    "Rubric",
    "RubricError",
    "ScoringContext",
    "Section",
    "Verdict",
    "VerdictCache",
    "failing_score",
    "load_rubric",
    "load_rubrics",
    "parse_document",
    "score_document",
]
