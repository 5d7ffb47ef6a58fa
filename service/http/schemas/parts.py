"""Who wrote each part of a lesson, a 1:1 lesson or a question set: what a reviewer checks.

A story's parts are ``PartPublic`` (``conversations``); these are the same idea for the other
jobs, with the plain-words note of each stand-in beside it and the parts the coach could not
fill at all, so a reviewer (or a script) sees which parts are code's stand-ins.
"""

from __future__ import annotations

from pydantic import BaseModel

from service.coach import Origin


class ResultPartPublic(BaseModel):
    """One part of a lesson or question set, and who wrote it."""

    key: str
    """Names the part within its lesson or set: ``objective``, ``why_it_matters``,
    ``key_point-2``, ``practice``, ``question-3``..."""
    name: str
    """What kind of part: ``objective``, ``why_it_matters``, ``goal_and_priority``,
    ``key_point``, ``practice``, ``next_step``, ``reflection``, ``recall``, ``question``."""
    label: str
    """Its heading, in the lesson's language."""
    text: str
    origin: Origin
    """``leader``: a sentence of the leader's story, chosen by the model and framed by code;
    ``coach``: written by the model and checked; ``fallback``: a stand-in code composed after
    the model failed (plain, meant to be edited); ``edited``: changed by the lesson's author or
    its reviewer since (theirs now)."""
    note: str | None = None
    """For a stand-in: what the coach could not do and what it used instead, in plain words
    and the lesson's language."""


class MissingPartPublic(BaseModel):
    """A part the coach could not fill from the leader's account."""

    name: str
    label: str
    """Its heading, in the lesson's language."""
    question: str
    """The question to ask the leader for it."""


class ResultPartsPublic(BaseModel):
    """Who wrote what. Every list is empty for a lesson or set a person wrote whole, and for
    those kept before parts were."""

    parts: list[ResultPartPublic] = []
    """The parts in reading order."""
    fallbacks: list[str] = []
    """Keys of the parts that are still code's stand-ins (an edited part is no longer one)."""
    notes: list[str] = []
    """What the coach could not do and what it did instead, in the lesson's language."""
    missing: list[MissingPartPublic] = []
    """Parts the coach could not fill, each with the question to ask the leader."""
