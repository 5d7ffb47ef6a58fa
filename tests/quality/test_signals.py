"""The text signals the checks share: here, how a text is cut into sentences."""

from __future__ import annotations

from service.quality.signals import sentences


def test_closing_quotes_stay_with_the_sentence_they_close() -> None:
    text = 'He said: "I just wanted to know." I had no answer. Ze zei: “Bel me terug.” Ik belde.'
    assert sentences(text) == [
        'He said: "I just wanted to know."',
        "I had no answer.",
        "Ze zei: “Bel me terug.”",
        "Ik belde.",
    ]


def test_a_closing_bracket_stays_too_and_lines_are_kept_apart() -> None:
    assert sentences("I had no answer (none at all.) Then I called.\nNew line") == [
        "I had no answer (none at all.)",
        "Then I called.",
        "New line",
    ]
