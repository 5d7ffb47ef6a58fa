"""Rubric engine: rubrics, Markdown parsing, deterministic checks, the LLM judge and scoring.

Used by the eval suite, ``storycoach eval score`` and the L&D review queue alike.
"""

from .context import ScoringContext
from .document import ParsedDocument, Section, parse_document
from .errors import CaseFileError, RubricError
from .judge import Judge, JudgedCriterion, JudgeModel
from .rubrics import Criterion, Level, Rubric, load_rubric, load_rubrics
from .scoring import CriterionScore, DocumentScore, failing_score, score_document
from .verdict_cache import FileVerdictCache, MemoryVerdictCache, VerdictCache
from .verdicts import Verdict

__all__ = [
    "CaseFileError",
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
