"""Sorting a leader's own sentences into beats, by code.

The small models docs/design.md measured could not sort numbered sentences into beats (empty lists,
repeated paragraphs), so code does it: cue words in Dutch and English move a sentence to the
setback, the action, the change or the why; sentences without a cue keep the beat of the
sentence before them, starting from the situation. The leader's words are never rewritten.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..structures import Beat

CUES: dict[Beat, tuple[str, ...]] = {
    Beat.SETBACK: (
        "but",
        "however",
        "mistake",
        "wrong",
        "failed",
        "fail",
        "missed",
        "forgot",
        "problem",
        "complaint",
        "angry",
        "late",
        "lost",
        "broke",
        "ignored",
        "didn't",
        "did not",
        "never",
        "maar",
        "echter",
        "fout",
        "mis",
        "mislukt",
        "vergat",
        "probleem",
        "klacht",
        "boos",
        "te laat",
        "kwijt",
        "kapot",
        "negeerde",
        "ging mis",
    ),
    Beat.ACTION: (
        "so i",
        "so we",
        "i decided",
        "we decided",
        "i called",
        "i asked",
        "i went",
        "we started",
        "i started",
        "i stopped",
        "we changed",
        "i changed",
        "i sat down",
        "i told",
        "i apologised",
        "i admitted",
        "i tested",
        "we tested",
        "i tried",
        "we tried",
        "i set up",
        "i made sure",
        "i proposed",
        "dus ik",
        "dus we",
        "ik besloot",
        "we besloten",
        "ik belde",
        "ik vroeg",
        "ik ging",
        "we begonnen",
        "ik begon",
        "ik stopte",
        "we veranderden",
        "ik ging zitten",
        "ik vertelde",
        "ik bood",
        "ik gaf toe",
        "ik testte",
        "we testten",
        "ik probeerde",
        "we probeerden",
        "ik zorgde",
        "ik stelde voor",
        "ik regelde",
        "we added",
        "we bought",
        "we introduced",
        "we put",
        "we built",
        "we hebben",
        "hebben we",
        "we kochten",
        "we voegden",
        "we zetten",
        "we hingen",
        "we maakten",
    ),
    Beat.CHANGE: (
        "since then",
        "now",
        "today",
        "afterwards",
        "ever since",
        "a month later",
        "weeks later",
        "result",
        "dropped",
        "rose",
        "went from",
        "sindsdien",
        "nu ",
        "inmiddels",
        "daarna",
        "een maand later",
        "weken later",
        "resultaat",
        "daalde",
        "steeg",
        "ging van",
        "fewer",
        "went down",
        "halved",
        "after a month",
        "nog maar",
        "minder",
        "na een maand",
        "nog één",
    ),
    Beat.WHY: (
        "i learned",
        "we learned",
        "i've learned",
        "i have learned",
        "learnt",
        "lesson",
        "matters",
        "the point",
        "that is why",
        "because it",
        "what i took",
        "ik leerde",
        "we leerden",
        "geleerd",
        "les",
        "belangrijk",
        "daarom",
        "het punt",
        "wat ik meenam",
        "waar het om gaat",
    ),
}
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


def assign_beats(sentences: list[str]) -> dict[Beat, list[str]]:
    """Every sentence, in the leader's order, under the beat it tells; beats never go back
    more than one step (a story moves forward)."""
    beats: dict[Beat, list[str]] = {beat: [] for beat in _ORDER}
    current = Beat.SITUATION
    for position, sentence in enumerate(sentences):
        cue = _cue(sentence) if position else None  # the opening sets the scene
        if cue is not None and _ORDER.index(cue) >= _ORDER.index(current) - 1:
            current = cue
        beats[current].append(sentence)
    return beats
