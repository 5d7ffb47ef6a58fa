"""A sentence that leans on the one before it is quoted with that one (``in_context``)."""

from __future__ import annotations

from service.coach.making.told_sentences import (
    following,
    in_context,
    quoted_sentences,
    reads_whole,
    whole_first,
)

STORY = (
    "Ik liet haar in de eerste week alles zelf uitzoeken. "
    "Dat was lastig; soms stond ik met mijn handen in mijn zakken te kijken. "
    "Na een maand deed ze de reparaties alleen."
)


def test_a_sentence_that_stands_alone_is_quoted_alone() -> None:
    alone = "Na een maand deed ze de reparaties alleen."
    assert in_context("Ik liet haar in de eerste week alles zelf uitzoeken.", STORY) == (
        "Ik liet haar in de eerste week alles zelf uitzoeken."
    )
    assert following(alone, STORY) is None


def test_a_sentence_that_leans_back_is_quoted_with_the_one_before_it() -> None:
    leaning = "Dat was lastig; soms stond ik met mijn handen in mijn zakken te kijken"
    quote = in_context(leaning, STORY)
    assert quote == f"Ik liet haar in de eerste week alles zelf uitzoeken. {leaning}"
    assert quoted_sentences(quote, STORY) == [
        "Ik liet haar in de eerste week alles zelf uitzoeken.",
        f"{leaning}.",
    ]
    assert following(quote, STORY) == "Na een maand deed ze de reparaties alleen."


def test_the_sentence_before_is_not_quoted_when_another_part_quotes_it() -> None:
    leaning = "Dat was lastig; soms stond ik met mijn handen in mijn zakken te kijken."
    taken = ["Ik liet haar in de eerste week alles zelf uitzoeken."]
    assert in_context(leaning, STORY, taken) == leaning


def test_the_first_sentence_and_a_long_pair_stay_alone() -> None:
    first = "Toen hebben we het anders gedaan."
    assert in_context(first, f"{first} Het werkte.") == first
    long_before = " ".join(["Ik liet haar in de eerste week"] * 6) + "."
    story = f"{long_before} Dat was lastig."
    assert in_context("Dat was lastig.", story) == "Dat was lastig."


def test_a_sentence_that_reads_whole_comes_first() -> None:
    leaning = "Dat was lastig; soms stond ik met mijn handen in mijn zakken te kijken."
    alone = "Na een maand deed ze de reparaties alleen."
    first = "Ik liet haar in de eerste week alles zelf uitzoeken."
    assert reads_whole(leaning, STORY) and not reads_whole(leaning, STORY, [first])
    assert whole_first([leaning, alone], STORY, [first]) == [alone, leaning]
