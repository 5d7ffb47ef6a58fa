from __future__ import annotations

from service.quality import ScoringContext
from tests.quality.checks.run import run_check

ALLOWED = ScoringContext(allowed_sources=frozenset({"story-a", "value-b"}))


def test_valid_and_invalid_citations() -> None:
    good = run_check("valid_citations", "As [story-a] shows (value-b).", ALLOWED)
    assert good.passed is True
    bad = run_check("valid_citations", "As [story-a] and [story-made-up] show.", ALLOWED)
    assert bad.passed is False and "story-made-up" in bad.evidence


def test_no_citations_is_valid_unless_a_minimum_is_asked() -> None:
    assert run_check("valid_citations", "Plain text.", ALLOWED).passed is True
    assert run_check("valid_citations", "Plain text.", ALLOWED, min_citations=1).passed is False


def test_citations_without_a_source_list_are_unscored() -> None:
    assert run_check("valid_citations", "See [story-a].").passed is None


ACCOUNT = ScoringContext(
    leader_account="In March I had about 900 tickets. Yusuf, four months in, split them in three."
)


def test_specifics_from_the_account_are_supported() -> None:
    story = "In March we had 900 tickets. Then Yusuf, after 4 months, had an idea."
    assert run_check("supported_specifics", story, ACCOUNT).passed is True


def test_invented_names_and_numbers_are_flagged() -> None:
    story = "In March we had 1,200 tickets. Then Marco from Rotterdam had an idea."
    outcome = run_check("supported_specifics", story, ACCOUNT)
    assert outcome.passed is False
    for invented in ("1200", "Marco", "Rotterdam"):
        assert invented in outcome.evidence


def test_dutch_specifics() -> None:
    context = ScoringContext(leader_account="Henk ging in juni met pensioen en maakte 26 filmpjes.")
    assert run_check("supported_specifics", "Henk maakte er 26.", context).passed is True
    assert run_check("supported_specifics", "Henk maakte er 30.", context).passed is False


def test_without_material_specifics_are_unscored() -> None:
    assert run_check("supported_specifics", "Marco had 12 bikes.").passed is None
