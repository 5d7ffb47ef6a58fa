from __future__ import annotations

import pytest

from service.quality.checks.questions import question_kind
from tests.quality.checks.run import run_check


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What did Hetty need on the first day?", "what"),
        ("Why do you think her email waited?", "why"),
        ("In what way did it change?", "what"),
        ("If you were Dennis, what would you have said?", "what"),
        ("Think of a customer you kept waiting. What would you say?", "what"),
        ("Describe a time you were wrong.", "tell"),
        ("Would you have done the same? Why or why not?", "why"),
        ("Do you think the director was right?", "closed"),
        ("Is a phone call better than an email?", "closed"),
        ("Waarom vertelde Sem het pas in zijn exitgesprek?", "why"),
        ("Hoe weet jij wat je team wil leren?", "how"),
        ("Vertel over een reparatie die mislukte.", "tell"),
        ("Op welk moment twijfelde je?", "what"),
        ("Herken je dit?", "closed"),
        ("Heb je ooit zonder meten besteld?", "closed"),
        ("Denk je dat dit bij ons kan gebeuren?", "closed"),
        ("Denk aan een klant die je liet wachten.", "tell"),
    ],
)
def test_question_kinds_in_both_languages(question: str, kind: str) -> None:
    assert question_kind(question) == kind


def test_open_questions_pass_and_mix() -> None:
    text = "## Vragen\n- Waarom wachtte hij?\n- Hoe los je het op?\n- Wat doe jij morgen?"
    assert run_check("open_questions", text).passed is True
    assert run_check("question_variety", text, min_kinds=3).passed is True


def test_yes_no_questions_fail_with_evidence() -> None:
    text = "- Do you agree?\n- Have you seen this?\n- What would you do?"
    outcome = run_check("open_questions", text)
    assert outcome.passed is False
    assert "Do you agree?" in outcome.evidence


def test_one_kind_is_no_mix() -> None:
    text = "- What happened?\n- What did she do?\n- What changed?"
    assert run_check("question_variety", text).passed is False


def test_questions_without_a_list_are_the_sentences_with_question_marks() -> None:
    text = "Some context first. What happened? Why then? How now?"
    assert run_check("item_count", text, section="questions", min_items=3).passed is True


def test_no_questions_fail() -> None:
    assert run_check("open_questions", "Just prose here.").passed is False


def test_statements_do_not_ask() -> None:
    text = "- The nurse waited four days.\n- Describe the moment he called.\n- Why did it wait?"
    outcome = run_check("asks_questions", text)
    assert outcome.passed is False and "The nurse waited four days." in outcome.evidence
    assert run_check("asks_questions", text, max_statements=1).passed is True


def test_a_set_of_statements_asks_nothing() -> None:
    text = "## Vragen\n- Henk nam het over.\n- Sven keek drie weken toe.\n- Zelf doen leert meer."
    outcome = run_check("asks_questions", text)
    assert outcome.passed is False and outcome.reason == "no item is a question"


def test_questions_and_requests_to_tell_ask() -> None:
    text = "- Waarom wachtte hij?\n- Vertel over een keer dat je wachtte.\n- Describe a time."
    assert run_check("asks_questions", text).passed is True
