"""Sorting a leader's own sentences into beats, by code.

The small models docs/design.md measured could not sort numbered sentences into beats (empty lists,
repeated paragraphs), so code does it: cue words in Dutch and English move a sentence to the
setback, the action, the change or the why; sentences without a cue keep the beat of the
sentence before them, starting from the situation. The leader's words are never rewritten.
The cue words are data, per language, in ``service/words/beat_cues/``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.vocabulary import Language
from service.words import load_words

from ..structures import Beat

_CUED = (Beat.SETBACK, Beat.ACTION, Beat.CHANGE, Beat.WHY)
"""The beats a cue moves a sentence to, in the order that breaks a tie."""
CUES: dict[Beat, tuple[str, ...]] = {
    beat: tuple(
        cue for language in Language for cue in load_words("beat_cues", language).listed(beat)
    )
    for beat in _CUED
}
"""Each beat's cue words in both languages (``service/words/beat_cues/``): a leader may mix them."""
_ORDER = [Beat.SITUATION, Beat.SETBACK, Beat.ACTION, Beat.CHANGE, Beat.WHY]
_CUE_PATTERNS = {
    beat: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(cue.strip()) for cue in cues) + r")(?!\w)")
    for beat, cues in CUES.items()
}
"""One pattern per beat, compiled once: a lesson reads the same story's beats several times,
and compiling a pattern per cue per sentence was most of a lesson's own time (bench.coach)."""


@lru_cache(maxsize=4096)
def _cue(sentence: str) -> Beat | None:
    """The beat of the cue that comes first in the sentence ("But then I asked..." is a
    setback, "Since then we changed..." a change); on a tie, the earlier beat in ``CUES``."""
    lowered = sentence.lower()
    earliest: tuple[int, Beat] | None = None
    for beat, pattern in _CUE_PATTERNS.items():
        match = pattern.search(lowered)
        if match and (earliest is None or match.start() < earliest[0]):
            earliest = (match.start(), beat)
    return earliest[1] if earliest else None


def assign_beats(sentences: list[str], back: int = 1) -> dict[Beat, list[str]]:
    """Every sentence, in the leader's order, under the beat it tells; beats never go back
    more than ``back`` steps (a story moves forward). With ``back=0`` the beats, read in
    their order, tell the sentences in the leader's order: what a story's sections need."""
    beats: dict[Beat, list[str]] = {beat: [] for beat in _ORDER}
    current = Beat.SITUATION
    for position, sentence in enumerate(sentences):
        cue = _cue(sentence) if position else None  # the opening sets the scene
        if cue is not None and _ORDER.index(cue) >= _ORDER.index(current) - back:
            current = cue
        beats[current].append(sentence)
    return beats
