"""Session cards: one A4 page for a fifteen-minute team huddle about a story (issue #20,
point 5).

``session_card`` says what is on it; the pages render it as a print-ready HTML page and
``service.cards.pdf.card_pdf`` as a one-page PDF (the only module that imports ReportLab,
so pages that never print a PDF never load it).
"""

from .content import SessionCard, TimedStep, card_questions, session_card
from .story_text import StoryText, printed_story

__all__ = [
    "SessionCard",
    "StoryText",
    "TimedStep",
    "card_questions",
    "printed_story",
    "session_card",
]
