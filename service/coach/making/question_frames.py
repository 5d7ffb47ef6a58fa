"""Discussion questions code builds: a frame of its own around one whole sentence of the story.

The embedded model writes broken Dutch, and a phrase of the story dropped into a template is
broken too: "Hoe kan ik de klant drie keer terug met dezelfde rammelende e-bike helpen?" is a
clause cut out of its sentence, asked from the storyteller's side (issue 18). A frame here
quotes one *whole* sentence of the story between typographic quotes and asks the team about
it in words of its own, from the team's side (je, jij, jullie, we; you). The frames are words
(``service/words/questions``: one per round and question type, each worded apart from the
others so that a set repeats no phrase).

Which sentence a question quotes depends on what its type asks about: understanding asks about
the setback, reflection about a situation like the story's, application about what the
storyteller or their team did or do now. What each sentence tells is read by code
(``service.quality.publishable.told``); each sentence is quoted once per set. Every question
built is read by the publishability detectors beside the questions before it, and the next
sentence is tried when they find something (a sentence in the other language, a repeat).
"""

from __future__ import annotations

from collections.abc import Mapping

from service.knowledge.languages import words
from service.quality.publishable import PartContext, ReadPart, judge_parts
from service.quality.publishable.told import LOOSE, Told, acts, explains, recurs, told_all
from service.vocabulary import Language

from .fallbacks import inner_quotes, story_sentences
from .steps import offerable
from .told_sentences import in_context, quoted_sentences, reads_whole

QUOTED_WORDS = (4, 28)
"""A quoted sentence this long keeps the question short enough to read aloud; a longer or
shorter one is quoted only when the story has no other sentence left."""
_END_MARKS = ".!?\u2026"


def quotable(sentence: str) -> str:
    """``sentence`` as a quote inside a frame: on one line, its own quotes made single (so the
    frame's quotes stay the outer ones), ending as a sentence does."""
    text = inner_quotes(offerable(" ".join(sentence.split()))).strip()
    return text if text.endswith(tuple(_END_MARKS)) or text.endswith("\u2019") else f"{text}."


FITS: dict[str, tuple[Told, ...]] = {
    "understanding": (Told.SETBACK, Told.RESULT, Told.SITUATION),
    "reflection": (Told.SITUATION, Told.SETBACK),
    "application": (Told.DEED, Told.HABIT, Told.LESSON),
}
"""What a question of each kind quotes, best first (``told``): why it went so asks about the
setback; "the last time you were in a situation like this" about the situation; "how could
you try something like it" only about what the storyteller or their team did or do now, or
their lesson: an outcome, a cost or a setback offered as something to try was sent back
(labels-v3, 11 of 18 tune application questions). The other kinds leave the deeds alone:
taken by them, the application question had only a result left (labels-v5)."""


def reader_of(kind: str) -> str | None:
    """Who reads what a sentence tells for a question of ``kind``: the product's reader
    (``Settings.sentence_reader``) for an "apply it" question, whose frames name what the
    sentence is (something to try, an outcome to reach); the word lists for the others,
    whose frames claim little about it (``told.LOOSE``). Read by the word lists, "In mei
    zaten we op 10%" was offered as something to try and a setback as an outcome to reach
    (labels-v17, tune: 6 of 18 "apply it" questions sent back)."""
    return None if kind == "application" else LOOSE


def _rank(kind: str, sentence: str, tells: Told, language: Language) -> int:
    """How well a sentence fits a question of ``kind`` (0 best); past ``FITS`` when it does
    not fit at all."""
    fits = FITS[kind]
    if (
        tells not in fits
        or (kind == "application" and tells is not Told.LESSON and not acts(sentence, language))
        # a sentence that gives its own reason answers "why did it go this way" (labels-v17,
        # tune: 2 of 5 understanding questions sent back)
        or (kind == "understanding" and explains(sentence, language))
        # a routine is not "a situation like this" to have been in ("Every Monday at nine I
        # update the supply board": labels-v17, tune, 2 of 4 reflection questions sent back)
        or (kind == "reflection" and recurs(sentence, language))
    ):
        return len(fits)
    return fits.index(tells)


def sentence_order(story_text: str, kind: str, used: set[str], language: Language) -> list[str]:
    """The story's sentences not ``used`` yet, in the order a question of ``kind`` would quote
    them: of a readable length first, then by how well what they tell fits the kind
    (``_rank``), then one that reads whole as quoted (``reads_whole``) before one that leans
    on a sentence another question quotes, then in the story's order (application: from the
    end, where what changed is told)."""
    said = list(dict.fromkeys(story_sentences(story_text)))
    tells = told_all(said, language, reader_of(kind))
    low, high = QUOTED_WORDS
    ranked = []
    for position, (sentence, told) in enumerate(zip(said, tells, strict=True)):
        if sentence in used:
            continue
        fits = low <= len(words(sentence)) <= high
        plain = not any(mark in sentence for mark in '\u201c\u201d"')
        rank = _rank(kind, sentence, told, language)
        order = -position if kind == "application" else position
        whole = reads_whole(sentence, story_text, sorted(used))
        ranked.append(((not fits, rank, not whole, not plain, order), sentence))
    return [sentence for _, sentence in sorted(ranked)]


def frame_for(
    kind: str, sentence: str, tells: Told, language: Language, frame: str, others: Mapping[str, str]
) -> str:
    """The frame a question of ``kind`` asks about ``sentence`` in: its own, or, for an
    "apply it" question about a sentence that tells no deed to try, the one ``others`` holds
    for what it tells: "result" for an outcome or what someone else does now ("He now asks me
    …"), else "open", which asks how it applies to one's own work and claims nothing about
    what the sentence is. "How could you try something like it" around an outcome or a
    setback was sent back as the wrong role (labels-v6: 7 of 18 tune "apply it" questions),
    and so were "picture this in your own team" around an outcome and "this is what came of
    it" around a costly detour (labels-v17, tune)."""
    if kind != "application" or _rank(kind, sentence, tells, language) < len(FITS[kind]):
        return frame
    key = "result" if tells in (Told.RESULT, Told.HABIT) else "open"
    return others.get(key, frame)


def framed_question(frame: str, sentence: str) -> str:
    """``frame`` (its ``{sentence}`` placeholder) around one whole ``sentence`` of the story."""
    return frame.format(sentence=quotable(sentence))


def frame_question(
    frame: str,
    story_text: str,
    kind: str,
    asked: list[str],
    used: set[str],
    language: Language,
    others: Mapping[str, str] | None = None,
) -> tuple[str, list[str]] | None:
    """A question of ``kind`` in ``frame`` (or the one of ``others`` that fits the sentence:
    ``frame_for``) and the story's sentences it quotes (a sentence that leans on the one
    before it is quoted with that one: ``in_context``), or ``None`` when every sentence of
    the story is ``used``. The first sentence whose question the detectors let through
    beside the questions ``asked`` is taken; if none passes, the first one."""
    options = sentence_order(story_text, kind, used, language)
    if not options:
        return None
    said = list(dict.fromkeys(story_sentences(story_text)))
    tells = dict(zip(said, told_all(said, language, reader_of(kind)), strict=True))
    context = PartContext(language=language, account=story_text)
    earlier = [ReadPart(f"questions.{n}", q) for n, q in enumerate(asked, 1)]
    name = f"questions.{len(asked) + 1}"

    def quote(sentence: str) -> str:
        return in_context(sentence, story_text, sorted(used))

    def question(sentence: str) -> str:
        fitting = frame_for(kind, sentence, tells[sentence], language, frame, others or {})
        return framed_question(fitting, quote(sentence))

    for sentence in options:
        if judge_parts([*earlier, ReadPart(name, question(sentence))], context)[-1].publishable:
            break
    else:
        sentence = options[0]
    return question(sentence), quoted_sentences(quote(sentence), story_text)
