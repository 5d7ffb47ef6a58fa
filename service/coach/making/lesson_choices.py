"""A lesson's parts chosen from the story's own sentences, for a model that selects.

The embedded model, asked to write a lesson's "why it matters", its practice and its
reflection question, failed its checks on most stories (why 29 of 32 generation cases,
practice 28, reflection 21, measured 2026-11-29): it wrote facts the story does not hold or
skipped the story's concrete detail. Choosing is what it does well (``choosing``), so for a
model not listed in ``Settings.free_writing_models`` each of these parts is a sentence of the
story the model chose for the part's purpose, inside a frame code owns. What each sentence
tells (``service.quality.publishable.told``) decides which sentences a part is offered: a
reviewer sent back the parts whose sentence was of another kind (labels-v3).

- the objective: the sentence in which the storyteller says what they learned, else what
  they do now or did, to explain in terms of one's own work ("After this lesson you can
  explain what this means for your own work: “…”"). Written freely, the Dutch objective
  failed its checks on 13 of 16 corpus stories (measured 2026-11-30);
- why it matters: what came of it (a result, what is done now), the most concrete first,
  then the value it shows, cited; the value alone when the story tells no result;
- practice: a deed of the storyteller or their team, or what they do now, as a task for
  this week; when the story tells none, a moment to act on the story's lesson, named by its
  title;
- key points: per focus (what went wrong, what worked, the habit or lesson) the story's
  sentence that tells it, a setback shown as what went wrong; fewer points rather than the
  situation padded in;
- reflection: the moment of the story to hold one's own work against;
- a one-on-one's next step: a deed of the storyteller or their team the team member can also
  do, with a moment to agree by Friday.

The recall question is code's frame for such a model (``lesson_steps.recall_frame``). Each
choice is recorded in ``StepLog.chosen``; when no candidate comes back, the part falls back
(``fallbacks``)."""

from __future__ import annotations

from collections.abc import Sequence

from service.knowledge import DocumentKind
from service.knowledge.languages import words
from service.quality.publishable.told import (
    LOOSE,
    Told,
    acts,
    mistaken,
    recurs,
    stands_alone,
    told_in,
)
from service.vocabulary import Language

from ..model import ChatModel
from .choosing import choose_one
from .fallbacks import (
    frame,
    inner_quotes,
    note,
    story_clause,
    story_sentences,
    why_text,
)
from .field_steps import concrete_kinds
from .lesson_steps import LessonBrief, recall_frame
from .publishable import fits_role
from .steps import StepLog
from .story_parts import own_sentence
from .told_sentences import (
    MAX_OPTIONS,
    following,
    fresh,
    in_context,
    of_kinds,
    point_options,
    reads_whole,
    standing,
    unquoting,
    whole_first,
)

MOMENT_WORDS = 20
OBJECTIVE_QUOTE_WORDS = 35
"""The longest sentence the objective quotes. Held to the objective's own word limit, the
quote had room for 16 words, and 9 of 10 English lessons fell back to naming the story by its
title (labels-v6, tune): a quoted sentence is read as one thing to explain, as long as a
practice's may be."""
RECALL_WORDS = 35
"""The longest sentence a recall question quotes: it is asked on its own, a week later."""
LONGEST_MOMENT = 60
"""The longest sentence a reflection quotes when no shorter one is left."""


def why_options(
    text: str, language: Language, limits: tuple[int, int], taken: Sequence[str] = ()
) -> list[str]:
    """The story's sentences that can carry "why it matters": what came of it (a result, what
    is done now), the most concrete first; none that another part quotes already. A setback,
    the opening situation or a deed was sent back as "not why it matters" (labels-v3)."""
    what_came = of_kinds(text, language, Told.RESULT, Told.HABIT, reader=LOOSE)
    said = unquoting(fresh(what_came, taken, 5, limits[1]))
    return sorted(said, key=lambda s: -len(concrete_kinds(s)))[:MAX_OPTIONS]


def quoted_in(text: str, *parts: str) -> list[str]:
    """The story's sentences (as parts quote them) that any of ``parts`` already quotes, its
    own quotes as they are or made single inside a frame's (``inner_quotes``)."""
    said = [own_sentence(s) for s in story_sentences(text)]
    forms = {s: {s.rstrip(".!"), inner_quotes(s.rstrip(".!"))} for s in said}
    return [s for s in forms if any(f in part for f in forms[s] for part in parts)]


def framed_options(
    text: str,
    language: Language,
    frame: str,
    high: int,
    kinds: tuple[Told, ...],
    taken: Sequence[str] = (),
) -> list[str]:
    """Statements (no questions) that tell one of ``kinds``, short enough that ``frame``
    around them stays within ``high`` words, without their end mark."""
    room = high - len(words(frame.format(sentence="")))
    said = unquoting(fresh(of_kinds(text, language, *kinds), taken, 5, room))
    return [s.rstrip(".!") for s in said if not s.endswith("?")][:MAX_OPTIONS]


def objective_options(
    text: str, language: Language, frame: str, high: int, taken: Sequence[str] = ()
) -> list[str]:
    """What the storyteller says they learned: only that is what the story "means for your
    own work". A deed in that frame was sent back every time (labels-v10, tune: 0 of 4, "Ik
    heb de klant niets laten betalen en haar een week een leenfiets meegegeven", "We settled
    on half a percent"; the stated lesson 3 of 3 published), as was what someone else does
    now (labels-v7)."""
    return framed_options(text, language, frame, high, (Told.LESSON,), taken=taken)


def setback_options(
    text: str, language: Language, frame: str, high: int, taken: Sequence[str] = ()
) -> list[str]:
    """The story's setbacks, the storyteller's own mistakes first: what an objective may ask
    to explain as what went wrong. None that leans on the sentence before it: "Dat was
    lastig; …", "I didn't because …", "He didn't lose the dealer" were sent back as
    fragments (labels-v10, tune: 0 of 5)."""
    said = framed_options(text, language, frame, high, (Told.SETBACK,), taken=taken)
    alone = [s for s in said if stands_alone(s)]
    return sorted(alone, key=lambda s: not mistaken(s, language))


def next_step_options(
    text: str, language: Language, frame: str, high: int, taken: list[str]
) -> list[str]:
    """Something the storyteller or their team did that worked, not quoted by another part;
    a routine before what was done once (``PRACTICE_TIERS``)."""
    options = framed_options(text, language, frame, high, (Told.DEED, Told.HABIT), taken=taken)
    return sorted((o for o in options if acts(o, language)), key=lambda o: not recurs(o, language))


def practice_options(text: str, language: Language, taken: list[str]) -> list[str]:
    """What the storyteller or their team did that worked, or do now: never a setback, a
    result or someone else's act quoted as the thing to try (labels-v3); what is done now
    first, then the deeds from the story's end (the turn comes late)."""
    said = unquoting(fresh(of_kinds(text, language, Told.HABIT), taken, 5, 35))
    deeds = of_kinds(text, language, Told.DEED)[::-1]
    deeds = unquoting(fresh(deeds, taken, 5, 35))
    return [s for s in [*said, *deeds] if acts(s, language)][:MAX_OPTIONS]


def moment_options(text: str, language: Language, taken: list[str]) -> list[str]:
    """Short sentences of the story's hard moment, of what was done about it, or of its
    situation; none another part quotes (the stand-in took the story's first short sentence,
    whichever part quoted it: labels-v3, duplicate). A routine comes last: "Every Monday at
    nine I update the supply board" and "We now screen by what the problem is" are not a
    moment to hold one's own work against (labels-v17, tune: 2 of 7 reflections sent back)."""
    kinds = (Told.SETBACK, Told.DEED, Told.SITUATION)
    said = fresh(of_kinds(text, language, *kinds, reader=LOOSE), taken, 4, MOMENT_WORDS)
    said = sorted(whole_first(unquoting(said), text, taken), key=lambda s: recurs(s, language))
    return [s.rstrip(".") for s in said][:MAX_OPTIONS]


def _choose(
    model: ChatModel,
    brief: LessonBrief,
    log: StepLog,
    part: str,
    options: list[str],
    *,
    what: str = "",
) -> str | None:
    chosen = choose_one(
        model,
        log,
        options,
        what=what or brief.words[f"choices.{part}"],
        story=f"{brief.story.title}\n\n{brief.story.text}",
        language=brief.language,
    )
    if chosen is not None:
        log.chose(f"{brief.job}.{part}")
    return chosen


def _choose_or_first(
    model: ChatModel, brief: LessonBrief, log: StepLog, part: str, options: list[str]
) -> str:
    """The model's choice among ``options`` (at least one); when it never comes, the first of
    them, marked as a stand-in: a sentence of the right kind beats a frame that names only
    the story."""
    chosen = _choose(model, brief, log, part, options)
    if chosen is None:
        note(log, part, brief.language, "story", f"{brief.job}.{part}")
        return options[0]
    return chosen


def choose_objective(
    model: ChatModel, brief: LessonBrief, log: StepLog, taken: Sequence[str] = ()
) -> str:
    """The objective: explain what the story's stated lesson means for one's own work, else
    what went wrong in its chosen setback and what one would do instead; a sentence no part
    before it (the practice) quotes. A story with neither is asked for it (``LessonBrief.ask``):
    the frame that named it by its title was sent back as generic for 9 of 10 English lessons
    (labels-v6, tune)."""
    for key, options_of in (
        ("objective_frame", objective_options),
        ("objective_setback_frame", setback_options),
    ):
        frame_text = brief.words[key]
        high = len(words(frame_text.format(sentence=""))) + OBJECTIVE_QUOTE_WORDS
        options = options_of(brief.story.text, brief.language, frame_text, high, taken)
        if options:
            chosen = _choose_or_first(model, brief, log, "objective", options)
            quote = in_context(chosen, brief.story.text, taken)
            return f"{brief.stem} {frame_text.format(sentence=inner_quotes(quote))}."
    return brief.ask(log, "objective")


def choose_next_step(
    model: ChatModel, brief: LessonBrief, log: StepLog, taken: list[str], high: int
) -> str | None:
    """A one-on-one's next step around a chosen sentence of the story (the first of its kind,
    marked, when the model's choice never comes), or ``None`` when the story has none left."""
    frame_text = brief.words["next_step_frame"]
    options = next_step_options(brief.story.text, brief.language, frame_text, high, taken)
    if not options:
        return None
    chosen = _choose_or_first(model, brief, log, "next_step", options)
    return frame_text.format(sentence=inner_quotes(chosen))


def choose_why(
    model: ChatModel, brief: LessonBrief, log: StepLog, taken: Sequence[str] = ()
) -> str:
    """Why it matters: the chosen sentence of what came of it (not one in ``taken``), more
    of those while it is shorter than the limits ask, and the value it shows, cited; the value
    alone when the story tells no result."""
    # the story's own values first: a lesson that named another value than its story did
    # was sent back as generic (labels-v21, tune: the lesson and the 1:1 of one account)
    found = brief.sources.of_kind(DocumentKind.VALUE)
    values = sorted(found, key=lambda v: v.id not in brief.story.values)
    options = why_options(brief.story.text, brief.language, brief.limits.why, taken)
    chosen = _choose(model, brief, log, "why", options)
    if chosen is None:
        note(log, "why", brief.language, "value", f"{brief.job}.why")
    first = [in_context(chosen or options[0], brief.story.text, taken)] if options else []
    # only the sentence that follows: two of what came of it, glued in the wrong order or
    # across a sentence left out, were sent back (labels-v19, tune: 2 of 18 "why"s)
    after = following(first[0], brief.story.text) if first else None
    more = [o for o in options if after and o.rstrip(".!") == after.rstrip(".!")]
    return why_text(first, more, values, brief.language, brief.limits.why)


def choose_key_points(
    model: ChatModel, brief: LessonBrief, log: StepLog, *written: str
) -> list[str]:
    """Up to three key points in the story's own words, one per focus, none repeated and
    none that a ``written`` part ("why it matters", the objective) already quotes. A story
    with no sentence left of a kind a key point may be gets fewer: the situation padded in
    was sent back as "not a takeaway" (labels-v3). With none left at all, the one key point is
    a sentence another part quotes too, marked as a stand-in: a lesson without key points
    missed a required part (3 of 27 lessons in the labels-v6 run); the key points are then
    asked of the leader (``LessonBrief.ask``): a sentence another part quotes, given again as
    a stand-in, was sent back as a duplicate (labels-v19, tune)."""
    points: list[str] = []
    said: list[str] = []  # the story's sentences the points quote (a point may be framed)
    # nor the title's sentence: a key point that repeats the title was a duplicate (4 lessons
    # of the sure reader's tune run, by the detectors)
    quoted = quoted_in(brief.story.text, brief.story.title, *written)
    for number, focus in enumerate(brief.key_point_focus()):
        taken = [*said, *quoted]
        options = point_options(
            brief.story.text, brief.language, number, taken, brief.limits.key_point
        )
        if not options:
            continue
        what = brief.words["choices.key_point"].format(focus=focus)
        chosen = _choose(model, brief, log, f"key_point.{number + 1}", options, what=what)
        if chosen is None:
            note(log, "key_point", brief.language, "story", f"{brief.job}.key_point.{number + 1}")
            chosen = options[0]
        # a key point quotes its one sentence: with the one before it, a setup or a mistake
        # came with it ("What went wrong: “<setup>. <setback>”", "<mistake>. <fix>"), sent
        # back as the wrong role (labels-v20, tune: 3 of 4) and flagged by the detectors on
        # 19 more of the 194 key points of the corpus stories
        said.append(chosen)
        points.append(as_key_point(chosen, brief))
    if not points:  # every sentence is quoted by another part: asked of the leader
        points.append(brief.ask(log, "key_points"))
    return points


def _tells_setback(sentence: str, brief: LessonBrief) -> bool:
    return told_in(sentence, brief.story.text, brief.language) is Told.SETBACK


def as_key_point(sentence: str, brief: LessonBrief) -> str:
    """A key point as the reader takes it away: the story's sentence, or, when it tells a
    setback, that sentence shown as what went wrong: a mistake is a lesson's material, never
    its takeaway (and a sentence that tells none is never labelled as one)."""
    if not _tells_setback(sentence, brief):
        return sentence
    return brief.words["went_wrong_frame"].format(sentence=sentence.rstrip(".") + ".")


PRACTICE_TIERS: tuple[tuple[str, str], ...] = (
    ("practice_frame", "routine"),
    ("practice_lesson_frame", "lesson"),
    ("practice_mistake_frame", "mistake"),
    ("practice_frame", "once"),
)
"""The practice's frames, best first, each with the sentences it may quote: what worked and
is done again and again (a routine of the storyteller or their team: ``told.recurs``), else
what the storyteller learned, to act on, else their own mistake, to avoid, else what worked
once. A one-off remedy was sent back as the thing to try (labels-v8, tune: 2 of 2); only a
story with none of these gets the title frame, sent back as generic in 9 of 18 tune
practices (labels-v6)."""


def practice_tier(text: str, language: Language, tier: str, taken: list[str]) -> list[str]:
    """The sentences a practice of ``tier`` (``PRACTICE_TIERS``) may quote."""
    if tier in ("routine", "once"):
        done = practice_options(text, language, taken)
        return [s for s in done if recurs(s, language) is (tier == "routine")]
    if tier == "lesson":
        return unquoting(fresh(of_kinds(text, language, Told.LESSON), taken, 5, 35))
    kinds = (Told.SETBACK, Told.SITUATION, Told.UNSURE)  # ``mistaken`` tells a mistake
    said = unquoting(fresh(of_kinds(text, language, *kinds), taken, 5, 30))
    return [s for s in said if mistaken(s, language)][:MAX_OPTIONS]


def choose_practice(model: ChatModel, brief: LessonBrief, log: StepLog, taken: list[str]) -> str:
    """A task for this week around the story's chosen sentence: try what worked, act on what
    was learned, or avoid the storyteller's mistake (``PRACTICE_TIERS``)."""
    for key, tier in PRACTICE_TIERS:
        frame_text = brief.words[key]
        options = [
            o
            for o in practice_tier(brief.story.text, brief.language, tier, taken)
            if fits_role(
                "practice",
                frame_text.format(sentence=inner_quotes(o.rstrip("."))),
                brief.story.text,
                brief.language,
            )
        ]  # never the story's problem quoted as the thing to try
        if options:
            chosen = _choose_or_first(model, brief, log, "practice", options)
            return frame_text.format(sentence=inner_quotes(chosen.rstrip(".")))
    return brief.ask(log, "practice")


def choose_reflection(model: ChatModel, brief: LessonBrief, log: StepLog, taken: list[str]) -> str:
    """A reflection question around the story's chosen moment."""
    options = moment_options(brief.story.text, brief.language, taken)
    chosen = _choose(model, brief, log, "reflection", options)
    if chosen is None:
        note(log, "reflection", brief.language, "frame", f"{brief.job}.reflection")
        chosen = (
            _unquoted(brief.story.text, taken)
            or _unquoted(brief.story.text, taken, RECALL_WORDS)
            or _unquoted(brief.story.text, taken, LONGEST_MOMENT, speech=True)
            # every sentence is quoted by another part: the story's first short one again
            # (a duplicate), rather than no reflection at all
            or story_clause(brief.story.text, 0)
        )
    quote = in_context(chosen, brief.story.text, taken)
    return frame("reflection", brief.language).format(clause=inner_quotes(quote))


def _unquoted(
    text: str, taken: list[str], high: int = MOMENT_WORDS, *, speech: bool = False
) -> str | None:
    """The story's first sentence of at most ``high`` words that no other part quotes, of
    any kind: the stand-in for a question about a moment when no moment is left. The story's
    first short sentence was taken whichever part quoted it (labels-v9, tune: a reflection on
    the practice's own sentence, sent back as a duplicate); a longer one is asked for before
    the story's first sentence, which another part may quote (labels-v17, tune: a reflection
    on the first key point's sentence). Past that, a long sentence or one that quotes
    someone (``speech``; their words made single quotes) before one another part quotes
    (labels-v19, tune: two reflections repeated the practice's or the objective's sentence).
    A sentence that reads whole (``whole_first``) before one that leans on another."""
    said = fresh(story_sentences(text), taken, 4, high)
    said = whole_first(said if speech else unquoting(said), text, taken)
    whole = [s for s in said if not s.endswith("?")]
    return whole[0].rstrip(".!") if whole else None


def recall_options(text: str, language: Language, taken: list[str]) -> list[tuple[str, Told]]:
    """Sentences a recall question can ask about from memory, none another part quotes: what
    came of it (to recall what led to it), else a setback or the situation (to recall what was
    done after it: never the story's last sentence, after which nothing follows; labels-v16,
    tune: "hoe ging het verhaal verder na dit moment: “We raken er nog maar een paar per maand
    kwijt”" was sent back)."""
    told = story_sentences(text)
    last = own_sentence(told[-1]) if told else ""
    said = [
        (sentence, kind)
        for kind in (Told.RESULT, Told.HABIT, Told.SETBACK, Told.SITUATION)
        for sentence in unquoting(
            fresh(of_kinds(text, language, kind, reader=LOOSE), taken, 4, RECALL_WORDS)
        )
        if kind in RECALL_FRAMES or sentence != last
    ]
    # a sentence that stands on its own before one of a better kind that leans back: asked
    # a week later on its own, "Dat was lastig; …", "I didn't because …" and "we zijn ermee
    # begonnen" were sent back as fragments (labels-v17, tune: 3 of 9 recalls)
    said = sorted(said, key=lambda sk: not standing(sk[0]))
    # one that leans on a sentence another part quotes is not asked about at all: quoted
    # alone it was sent back as a fragment (labels-v20, tune: 4 of 18 recalls); the recall
    # then asks to retell the story (``recall_frame``)
    return [
        (s.rstrip("."), kind)
        for s, kind in said
        if not s.endswith("?") and reads_whole(s, text, taken)
    ]


def has_moment(text: str, language: Language, taken: list[str]) -> bool:
    """A short sentence no other part quotes is left for the reflection (``choose_reflection``)."""
    return bool(moment_options(text, language, taken)) or _unquoted(text, taken) is not None


def has_unquoted(text: str, language: Language, taken: list[str]) -> bool:
    """Any sentence no other part quotes is left for the reflection's stand-in: with none, a
    later key point gives its sentence back, which the reflection quotes rather than one
    another part quotes (labels-v19, tune: a reflection repeated the objective's sentence)."""
    return _unquoted(text, taken, LONGEST_MOMENT, speech=True) is not None


def has_recall(text: str, language: Language, taken: list[str]) -> bool:
    """A sentence is left for the recall question (``choose_recall``) beside ``taken``."""
    return bool(recall_options(text, language, taken) or _went_on(text, language, taken))


def _went_on(text: str, language: Language, taken: list[str]) -> list[str]:
    """Deeds no other part quotes after which the story goes on (not its last sentence)."""
    said = story_sentences(text)
    last = own_sentence(said[-1]) if said else ""
    deeds = of_kinds(text, language, Told.DEED, reader=LOOSE)
    deeds = unquoting(fresh(deeds, taken, 4, RECALL_WORDS))
    return [
        s.rstrip(".")
        for s in deeds
        if s != last and not s.endswith("?") and reads_whole(s, text, taken)
    ]


RECALL_FRAMES = {Told.RESULT: "recall_result", Told.HABIT: "recall_result"}
"""The recall question's frame by what its sentence tells: what led to a result; else how the
story went on ("what did the leader do after this" was sent back where someone else acted
next: labels-v6, labels-v7)."""


def choose_recall(brief: LessonBrief, taken: list[str]) -> str:
    """The recall question, a week later and from memory, about a sentence of the story no
    other part quotes: what led to its result, or how the story went on after its setback or
    situation (``RECALL_FRAMES``). Naming the story by its title alone was sent back as
    generic (labels-v4), and quoting the practice's sentence again as a duplicate
    (labels-v3). With none of those left, how the story went on after a deed (the title frame
    was sent back as generic 6 of 6 times, labels-v10, tune); a story with no such sentence
    that reads whole (``reads_whole``) is asked to be retold from memory, named by its title
    (``recall_frame``)."""
    options = recall_options(brief.story.text, brief.language, taken)
    if not options:
        options = [(s, Told.DEED) for s in _went_on(brief.story.text, brief.language, taken)]
    if not options:
        return recall_frame(brief)
    sentence, kind = options[0]
    key = RECALL_FRAMES.get(kind, "recall_situation")
    quote = in_context(sentence, brief.story.text, taken)
    return brief.words[key].format(sentence=inner_quotes(quote))
