"""The state machine, exhaustively: every (state, action) pair is either listed or refused."""

from __future__ import annotations

import itertools

import pytest

from service.review.states import (
    IN_BETWEEN,
    MOVES,
    TERMINAL,
    TRANSITIONS,
    InvalidTransition,
    allowed_actions,
    next_state,
)
from service.store import AuditAction, LessonState

S, A = LessonState, AuditAction

EXPECTED = {
    (S.DRAFT, A.SUBMIT): S.IN_REVIEW,
    (S.CHANGES_REQUESTED, A.SUBMIT): S.IN_REVIEW,
    (S.IN_REVIEW, A.APPROVE): S.APPROVED,
    (S.IN_REVIEW, A.REJECT): S.REJECTED,
    (S.IN_REVIEW, A.REQUEST_CHANGES): S.CHANGES_REQUESTED,
    (S.APPROVED, A.PUBLISH): S.PUBLISHED,
    (S.PUBLISHING, A.PUBLISH): S.PUBLISHED,  # asking again finishes a publish cut short
    (S.PUBLISHED, A.UNPUBLISH): S.APPROVED,
    (S.UNPUBLISHING, A.UNPUBLISH): S.APPROVED,
}


@pytest.mark.parametrize(("state", "action"), list(itertools.product(LessonState, AuditAction)))
def test_every_pair(state: LessonState, action: AuditAction) -> None:
    if (state, action) in EXPECTED:
        assert next_state(state, action) is EXPECTED[(state, action)]
        return
    with pytest.raises(InvalidTransition) as refused:
        next_state(state, action)
    message = str(refused.value)
    assert f"that is {state.value}" in message
    assert refused.value.current is state and refused.value.action is action
    if action in MOVES:
        assert f"{state.value} → {refused.value.target}" in message


def test_the_table_is_what_the_review_flow_says() -> None:
    assert TRANSITIONS == EXPECTED
    assert {A.SUBMIT, A.APPROVE, A.REJECT, A.REQUEST_CHANGES, A.PUBLISH, A.UNPUBLISH} == MOVES


def test_terminal_states_allow_nothing_and_every_other_state_is_reachable() -> None:
    for state in TERMINAL:
        assert allowed_actions(state) == []
    reachable = {S.DRAFT}
    frontier = [S.DRAFT]
    while frontier:
        state = frontier.pop()
        for action in allowed_actions(state):
            target = next_state(state, action)
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    # The in-between states are entered by the publication steps, never by a person's move.
    assert reachable == set(LessonState) - IN_BETWEEN


def test_the_error_lists_what_is_allowed() -> None:
    with pytest.raises(InvalidTransition, match=r"allowed now: approve, reject, request_changes"):
        next_state(S.IN_REVIEW, A.PUBLISH)
    with pytest.raises(InvalidTransition, match=r"allowed now: unpublish"):
        next_state(S.PUBLISHED, A.APPROVE)
    with pytest.raises(InvalidTransition, match=r"allowed now: none"):
        next_state(S.REJECTED, A.APPROVE)
