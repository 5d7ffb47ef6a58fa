"""The second dataset: the lesson, the one-on-one lesson and the questions on every story of
the corpus (``storycoach eval run --corpus-stories``).

The generation cases test the coach on a leader's fresh account; this dataset tests the jobs
built on a story over the whole demo corpus, in both languages, as a leader picks a story
from the library. Each story of the indexed corpus is loaded as the coach's jobs load it
(``load_story``) and stands as the leader's account its outputs are held to; the outcomes
carry the story id as their case id. A corpus story is already written, so the ``story`` job
does not apply and asking for it is bad input.

The one-on-one lesson needs a team member's goal and role; every story gets the same fixed
pair in its language (``ONE_ON_ONE_GOALS``): in English "I want to get better at explaining
why we do things." for a mechanic, in Dutch "Ik wil beter leren uitleggen waarom we iets
doen." for a monteur. Changing them, or the jobs, is a new ``CORPUS_STORIES_VERSION``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from service.coach.story_source import StorySource, load_story
from service.errors import InvalidInput
from service.knowledge import CorpusDocument, DocumentKind
from service.quality import load_rubrics
from service.vocabulary import Language

from .cases import load_labelled_set
from .plan import RunPlan, parse_jobs
from .result import Job, JobOutcome
from .runner import EvalSetup, Subject, blocked_outcome, run_story_jobs

CORPUS_STORIES = "corpus-stories"
"""The dataset's name: reported as the run's cases file, and the stem of its baseline."""
CORPUS_STORIES_VERSION = 1
CORPUS_JOBS = (Job.LESSON, Job.ONE_ON_ONE, Job.QUESTIONS)
"""The jobs built on a story, in the order they run."""
DEFAULT_CORPUS_JOBS = ",".join(job.value for job in CORPUS_JOBS)

ONE_ON_ONE_GOALS: dict[Language, tuple[str, str]] = {
    Language.EN: ("I want to get better at explaining why we do things.", "mechanic"),
    Language.NL: ("Ik wil beter leren uitleggen waarom we iets doen.", "monteur"),
}
"""Per language, the development goal and the role of the team member of every one-on-one."""


def parse_corpus_jobs(value: str) -> list[Job]:
    """The jobs asked for; ``story`` is bad input, since a corpus story is already written."""
    chosen = parse_jobs(value)
    if Job.STORY in chosen:
        raise InvalidInput(
            "jobs",
            f"the story job does not apply to the corpus stories (they are already written); "
            f"one of {', '.join(job.value for job in CORPUS_JOBS)}",
        )
    return chosen


def story_text(source: StorySource) -> str:
    """The story as its outputs are held to it: its title, then its text."""
    return f"{source.title}\n{source.text}"


def story_subject(story_id: str, source: StorySource) -> Subject:
    """What a corpus story's outputs are held to: the story itself as the leader's account,
    in its language, with the fixed goal and role of that language for the one-on-one."""
    goal, role = ONE_ON_ONE_GOALS[source.language]
    return Subject(story_id, source.language, story_text(source), goal, role)


@dataclass(frozen=True)
class CorpusStory:
    """One story of the corpus as an item of a run."""

    id: str
    language: Language

    def applicable(self, jobs: Sequence[Job]) -> list[Job]:
        return [job for job in jobs if job in CORPUS_JOBS]

    def run(self, setup: EvalSetup, jobs: Sequence[Job]) -> Iterator[JobOutcome]:
        """Each job on the story as the index holds it; a story the index no longer has
        blocks its jobs instead of stopping the run."""
        wanted = self.applicable(jobs)
        try:
            source = load_story(setup.knowledge, setup.org, story_id=self.id)
        except InvalidInput as exc:
            subject = Subject(self.id, self.language, "")
            for job in wanted:
                yield blocked_outcome(subject, job, f"no story to build on ({exc})")
            return
        yield from run_story_jobs(setup, story_subject(self.id, source), source, wanted)


def corpus_stories(documents: Sequence[CorpusDocument]) -> list[CorpusStory]:
    """Every story among ``documents``, in their (sorted, repeatable) order."""
    return [
        CorpusStory(document.id, document.meta.language)
        for document in documents
        if document.meta.kind is DocumentKind.STORY
    ]


def select_stories(
    stories: Sequence[CorpusStory], *, limit: int | None, ids: Sequence[str] | None
) -> list[CorpusStory]:
    """The first ``limit`` stories, then only those named in ``ids``; an unknown id is bad
    input (named ``case``, the option that gives it)."""
    selected = list(stories[:limit] if limit else stories)
    if ids:
        known = {story.id for story in stories}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise InvalidInput("case", f"no story {unknown[0]!r} in the corpus")
        selected = [story for story in selected if story.id in ids]
    return selected


def plan_corpus_run(
    documents: Sequence[CorpusDocument],
    *,
    jobs: str,
    limit: int | None,
    story_ids: Sequence[str] | None,
    rubrics_dir: Path,
    labelled_file: Path,
) -> RunPlan:
    """Read and check a corpus-stories run's inputs, as ``plan_run`` does for the cases."""
    chosen = parse_corpus_jobs(jobs)
    selected = select_stories(corpus_stories(documents), limit=limit, ids=story_ids)
    return RunPlan(
        dataset=CORPUS_STORIES,
        version=CORPUS_STORIES_VERSION,
        items=list(selected),
        jobs=chosen,
        rubrics=load_rubrics(rubrics_dir),
        labelled_file=labelled_file,
        labelled=load_labelled_set(labelled_file),
    )
