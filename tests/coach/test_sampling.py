"""Sampled candidates of one prompt, judged by code: the first or the best that passes."""

from __future__ import annotations

import json

from pydantic import BaseModel

from service.coach.making.sampling import FIRST_SEED, SAMPLE_TEMPERATURE, Candidate, sample_best
from service.coach.making.steps import StepLog
from service.prompting import render_prompt
from service.testing import FakeModel


class Draft(BaseModel):
    translation: str


PROMPT = render_prompt("translate-sentence", sentence="We met every Monday.", language_name="Dutch")


def reply(text: str) -> str:
    return json.dumps({"translation": text})


def without_x(draft: Draft) -> str | None:
    return "it has an x" if "x" in draft.translation else None


def test_the_first_passing_candidate_is_taken_and_sampling_stops() -> None:
    model = FakeModel(reply("x one"), "not json", reply("two"), reply("three"))
    log = StepLog()
    tried: list[Candidate[Draft]] = []
    answer = sample_best(model, PROMPT, Draft, without_x, log, tried=tried)
    assert answer == Draft(translation="two")
    assert len(model.calls) == 3 and log.calls == 3 and log.retries == 2
    assert [c.seed for c in model.calls] == [FIRST_SEED, FIRST_SEED + 1, FIRST_SEED + 2]
    assert {c.temperature for c in model.calls} == {SAMPLE_TEMPERATURE}
    assert all(c.messages == PROMPT.as_dicts() for c in model.calls)  # one prompt, cached
    assert tried[0].problem == "it has an x" and "JSON" in str(tried[1].problem)
    assert tried[2].problem is None and log.prompts == ["translate-sentence@1"]


def test_with_a_rank_every_candidate_is_drawn_and_the_lowest_passing_kept() -> None:
    model = FakeModel(reply("a long one"), reply("x"), reply("short"), reply("a b c d"))
    answer = sample_best(
        model, PROMPT, Draft, without_x, StepLog(), rank=lambda d: len(d.translation.split())
    )
    assert answer == Draft(translation="short") and len(model.calls) == 4


def test_a_greedy_candidate_first() -> None:
    model = FakeModel(reply("x"), reply("kept"))
    answer = sample_best(model, PROMPT, Draft, without_x, StepLog(), greedy_first=True)
    assert answer == Draft(translation="kept")
    assert (model.calls[0].temperature, model.calls[0].seed) == (0.0, None)
    assert model.calls[1].seed == FIRST_SEED + 1


def test_none_when_no_candidate_passes() -> None:
    model = FakeModel(*[reply("x")] * 4)
    assert sample_best(model, PROMPT, Draft, without_x, StepLog(), samples=4) is None
    assert len(model.calls) == 4
