from __future__ import annotations

import pytest

from service.quality.verdicts import Rejection, Verdict, check_verdict, evidence_in, parse_verdict

TEXT = (
    "In January 2026 only **46%** of complaints got a first answer \u2014 within a day.\n"
    "She \u201cwaited\u201d four days."
)


@pytest.mark.parametrize(
    "reply",
    [
        '{"score": 2, "reason": "r", "evidence": "e"}',
        'Here you go:\n```json\n{"score": 2, "reason": "r", "evidence": "e"}\n```',
        'Sure. {"score": 2, "reason": "r", "evidence": "e"} Hope that helps.',
    ],
)
def test_verdicts_parse_from_common_reply_shapes(reply: str) -> None:
    assert parse_verdict(reply) == Verdict(score=2, reason="r", evidence="e")


@pytest.mark.parametrize(
    "reply", ["", "I think it deserves a 2.", '{"score": "high", "reason": "r"}', "{broken"]
)
def test_unparseable_replies_give_none(reply: str) -> None:
    assert parse_verdict(reply) is None


@pytest.mark.parametrize(
    "quote",
    [
        "only 46% of complaints",
        "ONLY 46%   OF complaints got",
        'She "waited" four days',
        "first answer - within a day",
        "In January 2026 ... within a day",
    ],
)
def test_evidence_found_despite_case_markup_quotes_and_ellipses(quote: str) -> None:
    assert evidence_in(quote, TEXT)


@pytest.mark.parametrize("quote", ["only 64% of complaints", "within a day ... In January", "..."])
def test_evidence_not_in_the_text(quote: str) -> None:
    assert not evidence_in(quote, TEXT)


def test_check_verdict() -> None:
    assert check_verdict(Verdict(score=3, reason="", evidence="46%"), TEXT, 0, 3) is None
    assert check_verdict(Verdict(score=4, reason="", evidence="46%"), TEXT, 0, 3) == (
        Rejection.OUT_OF_RANGE
    )
    assert check_verdict(Verdict(score=2, reason="", evidence=""), TEXT, 0, 3) == (
        Rejection.EVIDENCE_MISSING
    )
    assert check_verdict(Verdict(score=0, reason="absent", evidence=""), TEXT, 0, 3) is None
    invented = Verdict(score=3, reason="", evidence="a nurse paid €212")
    assert check_verdict(invented, TEXT, 0, 3) == Rejection.EVIDENCE_NOT_FOUND
