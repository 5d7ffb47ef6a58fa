"""The card's PDF: one A4 page, whatever the story, with the story's own text in it."""

from __future__ import annotations

from service.cards import session_card
from service.cards.pdf import card_pdf
from service.cards.story_text import OMITTED
from service.vocabulary import Language
from tests.cards.factories import ADDRESS, kept, story
from tests.cards.pdf_text import flat, page_count, page_size_mm, pdf_text


def test_a_card_is_one_a4_page_with_the_story_on_it() -> None:
    card = session_card(story(), [kept(Language.EN, "Why did she sign it off?")], ADDRESS)
    pdf = card_pdf(card)
    assert page_count(pdf) == 1
    width, height = page_size_mm(pdf)
    assert round(width) == 210 and round(height) == 297
    text = pdf_text(pdf)
    for shown in [card.title, card.byline, card.core_message or "", *card.story, *card.questions]:
        assert flat(shown) in text
    for label in ("heading", "questions", "timings", "try_this_week", "footer"):
        assert flat(card.labels[label]) in text
    assert all(flat(f"{s.minutes} {s.text}") in text for s in card.steps)


def test_a_very_long_story_is_still_one_page_in_its_short_form() -> None:
    paragraph = "We called every rider back the same day, and wrote down what we promised. " * 12
    text = "\n\n".join([paragraph] * 40 + ["What I learned: a promise needs a name."])
    card = session_card(story(Language.NL, text=text, title="Een heel lang verhaal"), [], ADDRESS)
    assert card.short_form and OMITTED in card.story
    pdf = card_pdf(card)
    assert page_count(pdf) == 1
    printed = pdf_text(pdf)
    assert "What I learned: a promise needs a name." in printed
    assert flat(card.labels["short_form"]) in printed  # says where the whole story is


def test_what_looks_like_markup_in_a_story_is_printed_as_written() -> None:
    card = session_card(
        story(text="Ask <b>R&D</b> & the line first.", title="A <i>title</i>"), [], ADDRESS
    )
    printed = pdf_text(card_pdf(card))
    assert "Ask <b>R&D</b> & the line first." in printed
    assert "A <i>title</i>" in printed


def test_the_same_card_gives_the_same_bytes() -> None:
    card = session_card(story(), [], ADDRESS)
    assert card_pdf(card) == card_pdf(card)
