"""The story's sentences by what each tells (``service.quality.publishable.told``), as parts
quote them: the lesson's parts choose among these (``lesson_choices``), and a free-written
key point that failed its checks falls back to one (``lesson_steps``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.knowledge.languages import words
from service.quality.publishable.told import Told, mistaken, refers_back, stands_alone, told_all
from service.vocabulary import Language

from .fallbacks import story_sentences
from .story_parts import own_sentence

MAX_OPTIONS = 6
"""At most this many sentences are offered for a part (the model's choice prompt stays short)."""
LONGEST_POINT = 45
CONTEXT_WORDS = 40
"""The longest quote of a sentence with the one before it (``in_context``)."""
_SPEECH = re.compile(r"^[\"\u201c\u201e]|:\s*[\"\u201c\u201e]")
"""Someone's words quoted in a sentence: after a colon ("He said: “…”"), or opening it."""
_QUOTE_MARK = re.compile(r"[\"\u201c\u201d\u201e]")


def fitting(said: list[str], low: int, high: int) -> list[str]:
    own = (own_sentence(s) for s in said)
    return [s for s in dict.fromkeys(own) if low <= len(words(s)) <= high]


def unquoting(said: list[str]) -> list[str]:
    """Sentences a frame can quote: none that quotes what someone said (“He said: “…””
    nests quotes, and someone's words are not what the storyteller did), and none with a
    quote mark left open (a piece of someone's words the sentence splitter cut off)."""
    return [s for s in said if not _SPEECH.search(s) and _closed(s)]


def _closed(sentence: str) -> bool:
    opened = sentence.count("\u201c") + sentence.count("\u201e")
    return opened == sentence.count("\u201d") and sentence.count('"') % 2 == 0


def of_kinds(text: str, language: Language, *kinds: Told, reader: str | None = None) -> list[str]:
    """The story's sentences that tell one of ``kinds`` (``told``), the kinds in the order
    given, each kind in the story's order; read by ``reader`` (``told_all``)."""
    said = story_sentences(text)
    tells = told_all(said, language, reader)
    return [s for kind in kinds for s, t in zip(said, tells, strict=True) if t is kind]


def fresh(said: list[str], taken: Sequence[str], low: int, high: int) -> list[str]:
    """``said`` as parts quote them, of a readable length and not ``taken`` by another part;
    a sentence that stands on its own before one that leans back on an earlier one
    (``stands_alone``), each in the order given."""
    found = [s for s in fitting(said, low, high) if s not in taken]
    return sorted(found, key=lambda s: not stands_alone(s))


def standing(sentence: str) -> bool:
    """``sentence``, quoted on its own, is understood without the one before it
    (``stands_alone``) and names nothing "of them" (``refers_back``)."""
    return stands_alone(sentence) and not refers_back(sentence)


def in_context(sentence: str, text: str, taken: Sequence[str] = ()) -> str:
    """``sentence`` of the story ``text`` as a part quotes it: on its own when it stands alone
    (``standing``), else together with the sentence right before it, when that one stands
    alone, is no question, quotes nobody, is not ``taken`` by another part, and the two stay
    within ``CONTEXT_WORDS``; otherwise ``sentence`` as given. Quoted on their own, "Dat was
    lastig; …", "I didn't because …", "Per mail deed ongeveer een op de vijf dat" and "Bij
    één daarvan …" were sent back as fragments (labels-v19, tune: by the reviewers' notes,
    29 of the 69 parts sent back leaned on a sentence they did not quote).
    """
    if standing(sentence):
        return sentence
    said = [own_sentence(s) for s in story_sentences(text)]
    bare = [s.rstrip(".!") for s in said]
    own = own_sentence(sentence).rstrip(".!")
    if own not in bare[1:]:
        return sentence
    before = said[bare.index(own) - 1]
    # ``taken`` as parts quote them (a lesson) or as told (a question set's ``used``)
    taken_bare = {form.rstrip(".!") for t in taken for form in (t, own_sentence(t))}
    if (
        before.endswith("?")
        or before.rstrip(".!") in taken_bare
        or not standing(before)
        or not unquoting([before])
        or len(words(before)) + len(words(sentence)) > CONTEXT_WORDS
    ):
        return sentence
    return f"{before} {sentence}"


def reads_whole(sentence: str, text: str, taken: Sequence[str] = ()) -> bool:
    """``sentence`` is understood as a part quotes it: on its own, or with the sentence before
    it (``in_context``)."""
    return standing(sentence) or in_context(sentence, text, taken) != sentence


def whole_first(said: list[str], text: str, taken: Sequence[str] = ()) -> list[str]:
    """``said`` with the sentences that read whole as quoted (``reads_whole``) first, each
    in the order given."""
    return sorted(said, key=lambda s: not reads_whole(s, text, taken))


def quoted_sentences(quote: str, text: str) -> list[str]:
    """The story's sentences, as told (``story_sentences``), that ``quote`` holds as told or
    as parts quote them (``own_sentence``): one, or two where ``in_context`` joined them."""
    return [s for s in story_sentences(text) if _holds(quote, s)]


def following(quote: str, text: str) -> str | None:
    """The story's sentence right after the last one ``quote`` holds, as parts quote it
    (``own_sentence``), or ``None``."""
    said = story_sentences(text)
    held = [n for n, s in enumerate(said) if _holds(quote, s)]
    return own_sentence(said[held[-1] + 1]) if held and held[-1] + 1 < len(said) else None


def _holds(quote: str, sentence: str) -> bool:
    """``quote`` holds ``sentence`` as told or as parts quote it (``own_sentence``)."""
    return any(form.rstrip(".!") in quote for form in (sentence, own_sentence(sentence)))


POINT_KINDS: tuple[tuple[Told, ...], ...] = (
    (Told.SETBACK,),
    (Told.DEED, Told.HABIT),
    (Told.LESSON, Told.HABIT, Told.RESULT),
)
"""What each key point is drawn from, by focus: what went wrong (shown so), what worked, the
habit or the lesson to take away."""
TAKEAWAYS = (Told.LESSON, Told.DEED, Told.HABIT, Told.RESULT)
"""What any key point may be when its focus has no sentence left: never the situation."""


def point_options(
    text: str, language: Language, focus: int, taken: list[str], limits: tuple[int, int]
) -> list[str]:
    """Sentences for the key point of ``focus`` (0 setback, 1 deed, 2 habit or lesson), not
    taken; else any takeaway; else a setback (shown as what went wrong); else none, and the
    lesson has fewer key points: the opening situation is not a takeaway (labels-v3)."""
    for kinds in (POINT_KINDS[focus % 3], TAKEAWAYS, (Told.SETBACK,)):
        said = unquoting(of_kinds(text, language, *kinds))
        if Told.SETBACK in kinds:  # shown as what went wrong, its own quotes would nest
            said = [s for s in said if not _QUOTE_MARK.search(s)]
            # the storyteller's own mistake first: a feeling or someone's remark shown as
            # "what went wrong" was sent back (labels-v7)
            said = sorted(said, key=lambda s: not mistaken(s, language))
        found = fresh(said, taken, *limits) or fresh(said, taken, 4, LONGEST_POINT)
        if found:
            return found[:MAX_OPTIONS]
    return []
