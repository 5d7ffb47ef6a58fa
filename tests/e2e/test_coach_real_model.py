"""The coaching jobs with the real embedded model and the real embedding model.

Slow (minutes on 2 cores): each test runs a whole job through litellm and llama.cpp. They check
what code can check of a small model's output: structure, language, length, open questions,
citations among the retrieved documents, and that nothing was invented.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.coach.interview import interview
from service.coach.story import write_story
from service.knowledge import KnowledgeBase, Language, load_corpus
from service.knowledge.embeddings import load_embedder
from service.knowledge.vector_store import VectorStore
from service.quality.checks.questions import question_kind
from service.quality.checks.sources import unsupported_specifics
from service.settings import Settings
from tests.e2e.conftest import REAL_MODEL
from tests.factories import ACCOUNT

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, KnowledgeBase]]:
    from service.llm.gateway import open_gateway

    settings = Settings(data_dir=tmp_path_factory.mktemp("coach-data"))
    knowledge = KnowledgeBase(VectorStore.open(settings), load_embedder(REAL_MODEL))
    knowledge.ingest("demo", load_corpus(ROOT / "corpus").documents)
    yield open_gateway(settings), knowledge


def test_interview_asks_open_questions_in_the_priority_language(setup: tuple) -> None:  # type: ignore[type-arg]
    model, knowledge = setup
    result = interview(model, knowledge, "demo", "priority-first-time-fix")
    assert result.language is Language.NL  # the priority is written in Dutch
    assert len(result.questions) == 5
    for item in result.questions:
        assert item.question.endswith("?")
        assert question_kind(item.question) != "closed"


def test_story_keeps_the_leaders_facts_and_invents_none(setup: tuple) -> None:  # type: ignore[type-arg]
    model, knowledge = setup
    story = write_story(model, knowledge, "demo", "priority-complaints-one-day", ACCOUNT)
    assert story.language is Language.EN
    assert "I asked the team to work two weekends" in story.text
    assert len(story.core_message.split()) <= 25
    assert 150 <= story.word_count <= 350
    assert set(story.citations) <= {*story.meta.retrieved, "priority-complaints-one-day"}
    model_written = " ".join(
        [story.title, story.core_message, story.why_it_matters, story.call_to_action]
    )
    retrieved = " ".join(knowledge.document("demo", i).text for i in story.meta.retrieved)
    assert unsupported_specifics(model_written, f"{ACCOUNT} {retrieved}") == []
