"""A translation is held to its source sentence: numbers, units of time, months, names."""

from __future__ import annotations

import pytest

from service.coach.making.translation import number_values, translation_problem, untranslated_note
from service.vocabulary import Language

FELL = (
    "When a client fell in the bathroom in May, I found out that the alarm button had been "
    "broken for two weeks."
)
ADDED = "I reported it that Monday and we added the alarm button to the weekly checklist."


@pytest.mark.parametrize(
    ("source", "translation", "language"),
    [
        (
            FELL,
            "Toen een cliënt in mei in de badkamer viel, ontdekte ik dat de alarmknop al twee "
            "weken kapot was.",
            Language.NL,
        ),
        (
            ADDED,
            "Ik meldde het die maandag en we zetten de alarmknop op de wekelijkse checklist.",
            Language.NL,
        ),
        (
            "Vorig jaar in april had onze wachtrij 1.000 open klachten.",
            "Last year in April our queue had 1,000 open complaints.",
            Language.EN,
        ),
        (
            "In 2024 heb ik negen vertrekgesprekken gevoerd met monteurs die binnen een half jaar "
            "weggingen.",
            "In 2024 I held nine exit interviews with mechanics who left within half a year.",
            Language.EN,
        ),
        (
            "I asked the three workshops to talk about their number for ten minutes every Friday.",
            "Ik vroeg de drie werkplaatsen elke vrijdag tien minuten over hun cijfer te praten.",
            Language.NL,
        ),
        (
            "One mechanic asked me what had happened to his goal.",
            "Een monteur vroeg me wat er met zijn leerdoel was gebeurd.",
            Language.NL,
        ),
    ],
)
def test_a_faithful_translation_passes(source: str, translation: str, language: Language) -> None:
    assert translation_problem(source, translation, language) is None


@pytest.mark.parametrize(
    ("source", "translation", "problem"),
    [
        (  # issue 18, word for word
            FELL,
            "Toen een cliënt in mei viel, ontdekte ik dat de alarmknop had verbroken voor twee "
            "dagen. weken",
            "2 unit:day",
        ),
        (
            FELL,
            "Toen een cliënt in mei in de badkamer viel, ontdekte ik dat de alarmknop al twee "
            "dagen kapot was.",
            "2 unit:day",
        ),
        (
            FELL,
            "Toen een cliënt in Maan in de badkamer viel, ontdekte ik dat de alarmknop al twee "
            "weken kapot was.",
            "month:may",
        ),
        (
            ADDED,
            "Ik meldde het die maandag en we zetten de alarmknop op de maandelijkse checklist.",
            "every unit:week",
        ),
        (ADDED, "Ik rapporteerde het dat Maan en we voegden de alarmknop toe.", "day:monday"),
        (
            "The bike came back four days later with the same fault.",
            "De fiets kwam vijf dagen later terug met dezelfde fout.",
            "the number(s) 4",
        ),
        (
            "Dennis looked at the log with Sanne for a while.",
            "Dennis keek een tijdje met Femke naar het logboek.",
            "Sanne",
        ),
        (
            "Nobody mentioned salary as the first reason.",
            "Iedereen noemde salaris als eerste reden.",
            "negation",
        ),
        (
            "I asked the three workshops to put their own number on the wall.",
            "Ik vroeg de drie werkplaatsen hun eigen cijfer op de muur te zetten. en",
            "full stop",
        ),
        (
            "I asked the three workshops to put their own number on the wall.",
            "Ik vroeg de drie werkplaatsen.",
            "leaves part",
        ),
        (
            "I asked the three workshops to put their own number on the wall.",
            "Ik vroeg de drie werkplaatsen hun eigen cijfer op de muur te hangen",
            "stops before the end",
        ),
        (
            "I asked the three workshops to put their own number on the wall.",
            "I asked the three workshops to put their own number on the wall.",
            "not in Nederlands",
        ),
        (
            "I asked the three workshops to put their own number on the wall.",
            "Ik vroeg de drie werkplaatsen hun eigen cijfer op de muur te zettenbloep.",
            "unknown words",
        ),
    ],
)
def test_a_translation_that_changes_the_sentence_is_refused(
    source: str, translation: str, problem: str
) -> None:
    found = translation_problem(source, translation, Language.NL)
    assert found is not None and problem in found, found


def test_a_dutch_compound_of_known_words_is_a_word() -> None:
    source = "I talked to the workshop leaders in March."
    dutch = "Ik sprak in maart de werkplaatsleiders."
    assert translation_problem(source, dutch, Language.NL) is None


def test_numbers_in_words_and_digits_are_one() -> None:
    assert number_values("twee weken, 14 dagen en vijftien minuten") == {"2", "14", "15"}
    assert number_values("two weeks, 14 days and fifteen minutes") == {"2", "14", "15"}


def test_the_note_names_the_language_the_leader_wrote_in() -> None:
    assert "in het Engels verder" in untranslated_note(Language.NL, Language.EN)
    assert "go on in Dutch" in untranslated_note(Language.EN, Language.NL)
