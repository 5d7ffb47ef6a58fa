from __future__ import annotations

from service.quality import ScoringContext
from service.vocabulary import Language
from tests.quality.checks.run import run_check

ENGLISH = "We answer every complaint within a day, because riders who wait lose their trust in us."
DUTCH = (
    "We beantwoorden elke klacht binnen een dag, omdat klanten die wachten het vertrouwen in"
    " ons verliezen."
)
EN = ScoringContext(language=Language.EN)
NL = ScoringContext(language=Language.NL)


def test_language_matches_in_both_languages() -> None:
    assert run_check("language_matches", ENGLISH, EN).passed is True
    assert run_check("language_matches", DUTCH, NL).passed is True
    wrong = run_check("language_matches", DUTCH, EN)
    assert wrong.passed is False and "nl" in wrong.reason


def test_a_part_in_the_other_language_fails() -> None:
    text = f"## Objective\n{ENGLISH} {ENGLISH}\n\n## Waarom\n{DUTCH}\n\n## Practice\n{ENGLISH}"
    outcome = run_check("language_matches", text, EN)
    assert outcome.passed is False and "Waarom" in outcome.reason


def test_no_requested_language_is_unscored() -> None:
    assert run_check("language_matches", ENGLISH).passed is None


def test_concreteness_in_both_languages() -> None:
    english = "In January 2026 Hetty Brouwer in Purmerend paid €212 in taxis."
    assert run_check("concreteness", english, min_kinds=4).passed is True
    dutch = "Henk, onze meest ervaren monteur, ging in juni met pensioen. Hij maakte er 26."
    assert run_check("concreteness", dutch, min_kinds=3).passed is True
    abstract = "Customers value fast responses and we should respond quickly to them."
    outcome = run_check("concreteness", abstract, min_kinds=2)
    assert outcome.passed is False and "abstract" in outcome.reason


def test_first_person_in_both_languages() -> None:
    assert run_check("first_person", "I was nervous. My manager asked me. We tried it.").passed
    assert run_check("first_person", "Ik twijfelde. Toen vroeg ik het hem. Hij zei ja.").passed
    outside = run_check("first_person", "The director sent an email. Dealers were upset.")
    assert outside.passed is False


def test_corporate_filler_in_both_languages() -> None:
    english = "We leverage synergies and move the needle going forward."
    assert run_check("no_filler", english).passed is False
    dutch = "Met een stip op de horizon creëren we meerwaarde en borgen we de kwaliteit."
    outcome = run_check("no_filler", dutch)
    assert outcome.passed is False and "meerwaarde" in outcome.evidence
    assert run_check("no_filler", "A robust frame and a plain word or two.").passed is True
    assert run_check("no_filler", "We want to borgen this.", max_phrases=1).passed is True
