"""Voice and register: the requested language, concrete detail, the leader's "I", no filler.

Made to Stick: concrete beats abstract. Corporate filler ("leverage synergies", "stip op de
horizon") is the opposite of a real story, and the first thing an L&D reviewer strikes out.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from service.knowledge.languages import detect_language, words

from ..context import ScoringContext
from ..document import ParsedDocument
from ..signals import (
    first_person,
    names,
    numbers,
    places,
    sentences,
    spelled_numbers,
    time_markers,
)
from .filler import filler_phrases
from .registry import CheckOutcome, NoParams, check, quote, unscored, verdict

_MIN_WORDS_FOR_LANGUAGE = 12
"""A part shorter than this gives too little evidence for a language of its own."""


@check("language_matches")
def language_matches(
    document: ParsedDocument, context: ScoringContext, params: NoParams
) -> CheckOutcome:
    """The whole document, and each part long enough to tell, is in the requested language."""
    wanted = context.language
    if wanted is None:
        return unscored("no language was requested")
    overall = detect_language(document.prose)
    if overall is None:
        return unscored("too little text to tell the language")
    if overall != wanted:
        return verdict(False, f"written in {overall}, {wanted} was asked", f"detected {overall}")
    for part in document.sections:
        text = part.text
        if len(words(text)) >= _MIN_WORDS_FOR_LANGUAGE:
            found = detect_language(text)
            if found is not None and found != wanted:
                label = part.heading or "the opening"
                return verdict(False, f"the part '{label}' is in {found}", text[:80])
    return verdict(True, f"written in {wanted}", f"detected {overall}")


class ConcretenessParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_kinds: int = Field(default=3, ge=1, le=4)
    """How many kinds of detail (numbers, names, places, moments in time) must appear. The
    "I" is not one of them: the voice is its own criterion."""


@check("concreteness", ConcretenessParams)
def concreteness(
    document: ParsedDocument, context: ScoringContext, params: ConcretenessParams
) -> CheckOutcome:
    """Enough kinds of concrete detail: numbers, names, places, moments in time."""
    text = "\n".join(document.paragraphs + document.items)
    found = {
        "numbers": numbers(text) + spelled_numbers(text),
        "names": names(text),
        "places": places(text),
        "time": time_markers(text),
    }
    present = {kind: hits for kind, hits in found.items() if hits}
    evidence = "; ".join(f"{k}: {', '.join(dict.fromkeys(v[:3]))}" for k, v in present.items())
    if len(present) < params.min_kinds:
        missing = ", ".join(k for k in found if k not in present)
        return verdict(False, f"abstract: no {missing}", evidence)
    return verdict(True, f"{len(present)} kinds of concrete detail", evidence)


class FirstPersonParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_count: int = Field(default=5, ge=1)
    min_share: float = Field(default=0.3, gt=0, le=1)
    """Share of sentences with an "I" or "we" that also passes: a short story has few words."""


@check("first_person", FirstPersonParams)
def first_person_voice(
    document: ParsedDocument, context: ScoringContext, params: FirstPersonParams
) -> CheckOutcome:
    """The leader tells it as "I" or "we": a story about someone else is not their story."""
    said = sentences("\n".join(document.paragraphs + document.items))
    hits = first_person("\n".join(said))
    share = sum(bool(first_person(s)) for s in said) / len(said) if said else 0.0
    evidence = f"{len(hits)} first-person word(s), in {share:.0%} of sentences"
    if len(hits) < params.min_count and share < params.min_share:
        return verdict(False, "told from outside, not as the leader's own story", evidence)
    return verdict(True, "told in the first person", evidence)


class FillerParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_phrases: int = Field(default=1, ge=0)


@check("no_filler", FillerParams)
def no_filler(
    document: ParsedDocument, context: ScoringContext, params: FillerParams
) -> CheckOutcome:
    """At most ``max_phrases`` stock corporate phrases; one slip is tolerated, a habit is not."""
    found = filler_phrases(document.body)
    if len(found) > params.max_phrases:
        return verdict(False, f"{len(found)} corporate filler phrase(s)", quote(found))
    return verdict(True, "no corporate filler" if not found else "one filler phrase", quote(found))
