"""The model's queue: slots, fairness between callers, limits, and the places it reports."""

from __future__ import annotations

import asyncio

import pytest

from service.http.model_queue import ModelQueue, QueueFull, QueueLimits, waiting_message
from service.store import Role
from service.vocabulary import Language
from tests.helpers.wording import fixed_start

EN, NL = Language.EN, Language.NL


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0  # every reading is a second later: tickets taken later sort later
        return self.now


def queue(**limits: int) -> ModelQueue:
    return ModelQueue(QueueLimits(**limits), clock=Clock())


def test_a_free_slot_runs_at_once_and_the_next_waits_its_turn() -> None:
    q = queue(slots=1)
    first = q.take("a", Role.LEADER, EN)
    second = q.take("b", Role.LEADER, EN)
    assert (q.place(first), q.place(second)) == (0, 1)
    q.release(first)
    assert q.place(second) == 0 and q.running == 1 and q.waiting == 0


def test_a_caller_with_nothing_running_goes_before_one_who_has_a_job_running() -> None:
    q = queue(slots=1, per_caller=3)
    running = q.take("a", Role.LEADER, EN)
    again = q.take("a", Role.LEADER, EN)  # a's second job, taken first
    other = q.take("b", Role.LEADER, EN)
    assert (q.place(other), q.place(again)) == (1, 2)
    q.release(running)
    assert q.place(other) == 0 and q.place(again) == 1


def test_one_caller_cannot_take_every_place() -> None:
    q = queue(slots=1, per_caller=2)
    q.take("a", Role.LEADER, NL)
    q.take("a", Role.LEADER, NL)
    with pytest.raises(QueueFull) as refused:
        q.take("a", Role.LEADER, NL)
    assert refused.value.message.startswith(fixed_start("queue", "yours", NL))  # their language
    assert refused.value.retry_after > 0
    q.take("b", Role.LEADER, NL)  # someone else still finds a place


def test_members_share_a_few_waiting_places_and_leaders_keep_room() -> None:
    q = queue(slots=1, members=1, waiting=5)
    q.take("leader", Role.LEADER, EN)
    q.take("m1", Role.MEMBER, EN)
    with pytest.raises(QueueFull) as refused:
        q.take("m2", Role.MEMBER, EN)
    assert refused.value.message.startswith(fixed_start("queue", "busy", EN))
    q.take("leader2", Role.LEADER, EN)


def test_a_full_queue_refuses_with_a_wait_that_grows_with_the_jobs_ahead() -> None:
    q = queue(slots=1, waiting=2)
    tickets = [q.take(name, Role.LEADER, EN) for name in "abc"]
    with pytest.raises(QueueFull) as refused:
        q.take("d", Role.LEADER, EN)
    assert refused.value.retry_after == 3 * 30  # three jobs at the default 30 s each
    q.release(tickets[1])  # a waiting one gives up
    q.take("d", Role.LEADER, EN)


def test_the_estimate_learns_from_jobs_that_finished() -> None:
    q = queue(slots=1)
    before = q.retry_after()
    for name in "abcd":
        q.release(q.take(name, Role.LEADER, EN))  # each took one clock second
    assert q.retry_after() < before


def test_released_tickets_are_forgotten_whichever_state_they_were_in() -> None:
    q = queue(slots=1)
    running, waiting = q.take("a", Role.LEADER, EN), q.take("b", Role.LEADER, EN)
    q.release(waiting)
    q.release(running)
    q.release(running)  # a second release (a stream closed twice) changes nothing
    assert (q.running, q.waiting) == (0, 0)


def test_a_waiting_ticket_hears_each_new_place_until_its_turn() -> None:
    async def scenario() -> list[int]:
        q = queue(slots=1, waiting=5)
        tickets = [q.take(name, Role.LEADER, EN) for name in "abc"]
        heard: list[int] = []

        async def listen() -> None:
            async for place in q.turn(tickets[2]):
                heard.append(place)

        listening = asyncio.create_task(listen())
        for ticket in tickets[:2]:
            await asyncio.sleep(0)
            q.release(ticket)
        await asyncio.wait_for(listening, 1)
        return heard

    assert asyncio.run(scenario()) == [2, 1]


def test_the_waiting_message_says_the_place_in_both_languages() -> None:
    assert "number 3" in waiting_message(3, EN)
    assert "nummer 3" in waiting_message(3, NL)


def test_a_free_slot_is_taken_even_when_no_one_may_wait() -> None:
    q = queue(slots=1, waiting=0, members=0)
    first = q.take("m", Role.MEMBER, EN)
    with pytest.raises(QueueFull):
        q.take("a", Role.LEADER, EN)
    q.release(first)
    q.take("a", Role.LEADER, EN)
