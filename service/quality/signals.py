"""Surface signals of concrete text in Dutch and English: sentences, numbers, names, time.

Concrete stories carry numbers, names, places and moments (Made to Stick: concrete, credible),
told by an "I". These are cheap to spot without a model; they are signals, not proof, and the
checks that use them say so in their reasons.
"""

from __future__ import annotations

import itertools
import re

from service.knowledge.languages import STOPWORDS, words
from service.vocabulary import Language


def word_set(text: str) -> frozenset[str]:
    """A vocabulary written as one space-separated string, the way word lists read best."""
    return frozenset(text.split())


_SENTENCE_END = re.compile(
    r"(?<=[.!?\u2026])([\"'\u201d\u2019)]*)\s+(?=[\"'\u201c\u2018(]?[A-Z0-9\u00c0-\u00dd])"
)
"""The space between two sentences; the closing quotes or bracket before it (captured) stay
with the sentence they close."""
_NUMBER = re.compile(r"(?<![\w-])[€$£]?\d[\d.,:]*(?:\s?%)?")
_CAPITALISED = re.compile(
    r"\b[A-Z\u00c0-\u00dd][\w\u2019'-]*[a-z\u00e0-\u00ff][\w\u2019'-]*\b|\b[A-Z]{2,}\b"
)
_PLACE_PREPOSITIONS = word_set("in at from to near te uit naar bij vanuit")
_SPELLED = (
    "one two three four five six seven eight nine ten eleven twelve",
    "één twee drie vier vijf zes zeven acht negen tien elf twaalf",
)
NUMBER_WORDS: dict[str, str] = {
    **{word: str(n) for spelled in _SPELLED for n, word in enumerate(spelled.split(" "), 1)},
    **dict.fromkeys(("twenty", "twintig"), "20"),
    **dict.fromkeys(("thirty", "dertig"), "30"),
    **dict.fromkeys(("fifty", "vijftig", "half"), "50"),
    **dict.fromkeys(("hundred", "honderd"), "100"),
}
"""Numbers written as words ("four days", "twee dagen"); Dutch "een" is an article, not 1."""

FIRST_PERSON = word_set(
    "i me my mine myself i'm i've i'd i'll we us our ours we're we've ik mij mijn m'n wij ons onze"
)
"""First-person pronouns: a leader's story is told by the leader."""

TIME_WORDS = word_set(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday januari februari maart mei juni "
    "juli augustus oktober maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
    "yesterday gisteren morning ochtend afternoon middag evening avond week weken weeks month "
    "maand maanden months quarter kwartaal day days dag dagen year years jaar jaren hour hours "
    "uur minutes minuten weekend today vandaag tomorrow morgen tonight vanavond vanochtend "
    "night nacht summer zomer winter spring autumn voorjaar najaar herfst"
)
"""Words that put a story at a moment in time."""
_NOT_NAMES = TIME_WORDS | word_set("i dutch english engels nederlands ok okay")
_APPOSITION = re.compile(
    r"^([A-Z\u00c0-\u00dd][a-z\u00e0-\u00ff]+), (?:the|a|an|our|my|his|her|their|who|onze|ons|"
    r"mijn|zijn|haar|hun|de|het|een|die|wie)\b"
)
"""A sentence that opens with a name and says who it is: "Henk, onze meest ervaren monteur"."""


def sentences(text: str) -> list[str]:
    """Sentences, split at ., ! or ? followed by a capital or digit (good enough for checks)."""
    out: list[str] = []
    for block in text.split("\n"):
        pieces = _SENTENCE_END.split(block)  # sentence, its closing marks, sentence, ...
        for index in range(0, len(pieces), 2):
            closing = pieces[index + 1] if index + 1 < len(pieces) else ""
            sentence = (pieces[index] + closing).strip()
            if sentence:
                out.append(sentence)
    return out


def numbers(text: str) -> list[str]:
    """Numbers written in digits ("€260", "1,020", "46%", "2026"), normalised to digits only."""
    found = []
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if digits:
            found.append(digits)
    return found


def spelled_numbers(text: str) -> list[str]:
    """Numbers written as words, as digits: "four days" gives "4"."""
    return [NUMBER_WORDS[w] for w in words(text) if w in NUMBER_WORDS]


_QUOTE_OPENS = ("\u201c", "\u201e", ': "')


def names(text: str) -> list[str]:
    """Capitalised words that are not the first word of a sentence: names, places, products.

    The first word of a sentence quoted inside one ("… like this one: “Three months later …”")
    is not one either. Stopwords, months, weekdays and "I" are not names; an ALL-CAPS
    abbreviation is.
    """
    stop = STOPWORDS[Language.EN] | STOPWORDS[Language.NL]
    found: list[str] = []
    for sentence in sentences(text):
        opener = _APPOSITION.match(sentence)
        if opener is not None:
            lead = opener.group(1)
            if not lead.lower().endswith("ly") and lead.lower() not in stop | _NOT_NAMES:
                found.append(lead)
        for match in _CAPITALISED.finditer(sentence):
            before = sentence[: match.start()]
            if before.strip(" \"'\u201c\u2018(*-") == "" or before.endswith(_QUOTE_OPENS):
                continue  # the first word of the sentence, or of a sentence quoted in it
            word = match.group().strip("'\u2019")
            if word.lower() in stop or word.lower() in _NOT_NAMES:
                continue
            found.append(word)
    return found


def places(text: str) -> list[str]:
    """Capitalised words right after "in", "at", "te", "naar"...: a rough sign of a place."""
    found: list[str] = []
    for sentence in sentences(text):
        tokens = sentence.replace(",", " ").split()
        for before, word in itertools.pairwise(tokens):
            clean = word.strip(".;:!?\"'\u201d\u2019()")
            capitalised = clean[:1].isupper() and clean.isalpha()
            preposition = before.lower() in _PLACE_PREPOSITIONS
            if preposition and capitalised and clean.lower() not in _NOT_NAMES:
                found.append(clean)
    return found


def first_person(text: str) -> list[str]:
    return [w for w in words(text) if w in FIRST_PERSON]


def time_markers(text: str) -> list[str]:
    return [w for w in words(text) if w in TIME_WORDS]
