"""Discussion questions code builds: a frame of its own around one whole sentence of the story.

The embedded model writes broken Dutch, and a phrase of the story dropped into a template is
broken too: "Hoe kan ik de klant drie keer terug met dezelfde rammelende e-bike helpen?" is a
clause cut out of its sentence, asked from the storyteller's side (issue 18). A frame here
quotes one *whole* sentence of the story between typographic quotes and asks the team about
it in words of its own, from the team's side (je, jij, jullie, we; you). The frames are words
(``service/words/questions``: one per round and question type, each worded apart from the
others so that a set repeats no phrase).

Which sentence a question quotes depends on what its type asks about: understanding asks about
the setback or the turning point, reflection about what the storyteller did or learned,
application about what changed and what they do now. The story's sentences are sorted into
beats by code (``beats``) and read for words of a setback; each sentence is quoted once per
set. Every question built is read
by the publishability detectors beside the questions before it, and the next sentence is
tried when they find something (a sentence in the other language, a repeat).
"""

from __future__ import annotations

from service.knowledge.languages import words
from service.quality.publishable import PartContext, ReadPart, judge_parts
from service.quality.publishable.lexicon import lexicon
from service.vocabulary import Language

from ..structures import Beat
from .beats import assign_beats
from .fallbacks import story_sentences
from .steps import offerable

QUOTED_WORDS = (4, 28)
"""A quoted sentence this long keeps the question short enough to read aloud; a longer or
shorter one is quoted only when the story has no other sentence left."""
_QUOTE_MARKS = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019"})
_END_MARKS = ".!?\u2026"


def quotable(sentence: str) -> str:
    """``sentence`` as a quote inside a frame: on one line, its own quotes made single (so the
    frame's quotes stay the outer ones), ending as a sentence does."""
    text = offerable(" ".join(sentence.split())).translate(_QUOTE_MARKS).strip()
    return text if text.endswith(tuple(_END_MARKS)) or text.endswith("\u2019") else f"{text}."


def _rank(kind: str, beat: Beat, troubled: bool, after: bool) -> int:
    """How well a sentence fits a question of ``kind`` (0 best): understanding asks about the
    setback, reflection about what was done or learned, application about what changed."""
    if kind == "understanding":
        return 0 if beat is Beat.SETBACK or troubled else 1 if beat is Beat.SITUATION else 2
    wanted = (Beat.ACTION, Beat.WHY) if kind == "reflection" else (Beat.CHANGE, Beat.WHY)
    if beat in wanted:
        return 0
    if troubled:
        return 3
    return 1 if after else 2


def sentence_order(story_text: str, kind: str, used: set[str], language: Language) -> list[str]:
    """The story's sentences not ``used`` yet, in the order a question of ``kind`` would quote
    them: of a readable length first, then by how well they fit the kind (``_rank``: by the
    beat code sorted them into, and by words of a setback, per language), then in the story's
    order (application: from the end, where what changed is told)."""
    said = list(dict.fromkeys(story_sentences(story_text)))
    beat_of = {s: beat for beat, members in assign_beats(said).items() for s in members}
    setback = lexicon(language).setback
    troubled = [bool(set(words(s)) & setback) for s in said]
    starts = [t or beat_of[s] is Beat.SETBACK for s, t in zip(said, troubled, strict=True)]
    first_trouble = starts.index(True) if any(starts) else 0
    low, high = QUOTED_WORDS
    ranked = []
    for position, sentence in enumerate(said):
        if sentence in used:
            continue
        fits = low <= len(words(sentence)) <= high
        plain = not any(mark in sentence for mark in '\u201c\u201d"')
        rank = _rank(kind, beat_of[sentence], troubled[position], position > first_trouble)
        order = -position if kind == "application" else position
        ranked.append(((not fits, rank, not plain, order), sentence))
    return [sentence for _, sentence in sorted(ranked)]


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
) -> tuple[str, str] | None:
    """A question of ``kind`` in ``frame`` and the sentence it quotes, or ``None`` when every
    sentence of the story is ``used``. The first sentence whose question the detectors let
    through beside the questions ``asked`` is taken; if none passes, the first one."""
    options = sentence_order(story_text, kind, used, language)
    if not options:
        return None
    context = PartContext(language=language, account=story_text)
    earlier = [ReadPart(f"questions.{n}", q) for n, q in enumerate(asked, 1)]
    name = f"questions.{len(asked) + 1}"
    for sentence in options:
        question = framed_question(frame, sentence)
        verdicts = judge_parts([*earlier, ReadPart(name, question)], context)
        if verdicts[-1].publishable:
            return question, sentence
    return framed_question(frame, options[0]), options[0]
