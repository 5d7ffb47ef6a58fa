"""The product's text in Dutch and English, as data: ``<domain>/<language>.toml`` files.

Domains: ``critique`` (feedback on a story), ``interview`` (the beats' questions),
``structures`` (story-structure headings), ``story`` (the story's labels, frames and choices),
``lesson`` (lesson and one-on-one headings, stems, foci and examples), ``questions`` (discussion
questions), ``fallbacks`` (what code writes when the model's candidates fail, and its note),
``chat`` (the chat's replies and failures), ``errors`` (what an API error says in fixed
words), ``queue`` (a request waiting for the model, or refused by its queue), ``retry``
(the reminder after a rejected answer), ``review`` (what a reviewer is told when four eyes
refuse a step), ``export`` (the page of a lesson exported to an LMS), ``card`` (a story's
session card for a team huddle, in the story's language), ``follow_ups`` (what a follow-up
asks, and its e-mail) and ``ui`` (the web pages).

Word lists, the words code looks for in a text of either language: ``beat_cues`` (what moves
a leader's sentence to a beat of their story), ``section_names`` (what people call a lesson's
parts), ``filler`` (stock corporate phrases) and ``question_starts`` (the first words of an
open or a closed question).
"""

from .catalog import MissingWords, Words, domains, load_words

__all__ = ["MissingWords", "Words", "domains", "load_words"]
