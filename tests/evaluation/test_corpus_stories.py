"""The corpus-stories dataset: every story of the corpus, the jobs that apply, the fixed goals."""

from __future__ import annotations

import pytest

from service.coach.story_source import StorySource
from service.errors import InvalidInput
from service.evaluation.corpus_stories import (
    CORPUS_JOBS,
    CORPUS_STORIES,
    DEFAULT_CORPUS_JOBS,
    ONE_ON_ONE_GOALS,
    CorpusStory,
    corpus_stories,
    parse_corpus_jobs,
    plan_corpus_run,
    select_stories,
    story_subject,
)
from service.evaluation.result import Job
from service.evaluation.runner import EvalSetup
from service.knowledge import KnowledgeBase, Language, load_corpus
from service.quality import Rubric
from service.testing import FakeModel
from tests.conftest import CASES, CORPUS, RUBRICS

STORY_FILES = sorted(path.stem for path in (CORPUS / "stories").glob("*.md"))


def test_every_story_of_the_corpus_is_an_item_in_both_languages() -> None:
    plan = plan_corpus_run(
        load_corpus(CORPUS).documents,
        jobs=DEFAULT_CORPUS_JOBS,
        limit=None,
        story_ids=None,
        rubrics_dir=RUBRICS,
        labelled_file=CASES / "labelled-v2.yaml",
    )
    assert [item.id for item in plan.items] == STORY_FILES  # the file names are the ids
    assert all(item.id.startswith("story-") for item in plan.items)
    assert {item.language for item in plan.items if isinstance(item, CorpusStory)} == {
        Language.EN,
        Language.NL,
    }
    assert plan.jobs == [Job.LESSON, Job.ONE_ON_ONE, Job.QUESTIONS]
    assert plan.dataset == CORPUS_STORIES


def test_the_story_job_is_bad_input_the_others_keep_their_order() -> None:
    assert parse_corpus_jobs("questions,lesson") == [Job.QUESTIONS, Job.LESSON]
    with pytest.raises(InvalidInput, match="jobs: the story job does not apply"):
        parse_corpus_jobs("lesson,story")
    with pytest.raises(InvalidInput, match="unknown job 'poem'"):
        parse_corpus_jobs("poem")


def test_stories_are_limited_then_picked_by_id() -> None:
    stories = corpus_stories(load_corpus(CORPUS).documents)
    first, second, third = (s.id for s in stories[:3])
    assert [s.id for s in select_stories(stories, limit=2, ids=None)] == [first, second]
    assert [s.id for s in select_stories(stories, limit=2, ids=[third, second])] == [second]
    with pytest.raises(InvalidInput, match="case: no story 'story-nope' in the corpus"):
        select_stories(stories, limit=None, ids=["story-nope"])


@pytest.mark.parametrize("language", [Language.EN, Language.NL])
def test_the_story_is_the_account_with_the_fixed_goal_of_its_language(language: Language) -> None:
    source = StorySource("story-x", "A title", "What happened.", language, ("value-y",))
    subject = story_subject("story-x", source)
    goal, role = ONE_ON_ONE_GOALS[language]
    assert subject.account == "A title\nWhat happened."
    assert (subject.language, subject.development_goal, subject.team_member_role) == (
        language,
        goal,
        role,
    )


def test_a_story_the_index_lacks_blocks_its_jobs_without_a_model_call(
    loaded: KnowledgeBase, rubrics: dict[str, Rubric]
) -> None:
    model = FakeModel()  # any call would fail: it has no reply
    setup = EvalSetup(model, loaded, "acme", rubrics)
    story = CorpusStory("story-not-indexed", Language.EN)
    outcomes = list(story.run(setup, [Job.STORY, *CORPUS_JOBS]))
    assert [o.job for o in outcomes] == list(CORPUS_JOBS)  # the story job does not apply
    assert {o.failure for o in outcomes} == {"blocked"} and not model.calls
    assert all(o.case_id == "story-not-indexed" and not o.passed for o in outcomes)
    assert "no story 'story-not-indexed'" in (outcomes[0].error or "")
