"""A database and the demo corpus indexed with the hashing embedder, as ``make run`` has them."""

from __future__ import annotations

import pytest

from service.knowledge import KnowledgeBase, load_corpus
from service.quality import Rubric
from service.review.rubrics import review_rubrics
from service.vocabulary import LessonKind
from tests.conftest import CORPUS, RUBRICS

ORG = "demo"


@pytest.fixture
def demo_corpus(knowledge: KnowledgeBase) -> KnowledgeBase:
    knowledge.ingest(ORG, load_corpus(CORPUS).documents)
    return knowledge


@pytest.fixture
def lesson_rubrics() -> dict[LessonKind, Rubric]:
    return review_rubrics(RUBRICS)
