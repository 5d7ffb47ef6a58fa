"""The story: the leader's own account, restructured to explain *why*.

Code owns the story: it sorts the leader's sentences into beats, orders them in the chosen
structure under headings, and keeps every one of the leader's words. The parts that make it
teach — a title, the core message, why it matters (linked to one retrieved value, cited) and a
call to action — are chosen from the leader's own sentences by the model and framed by code
(``story_parts``); only a model listed as writing freely writes them (``story_writing``), and
then it is checked for anything the leader did not say. Every part says who wrote it
(``Story.parts``); a part code had to fall back on is listed in ``Story.fallbacks`` and
explained in ``Story.notes``, so a valid account always gives a story to save and edit. An
account too short for a 150-word story is not padded: the result lists what the coach still
needs to ask.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence

from pydantic import BaseModel

from service.knowledge import DocumentKind, KnowledgeBase, SearchHit
from service.knowledge.languages import detect_language
from service.quality.signals import sentences
from service.vocabulary import Language
from service.words import load_words

from .interview import standard_question
from .making.beats import assign_beats
from .making.choosing import writes_freely, writes_short
from .making.parts import MissingPart, Origin, Part, missing_marks, missing_text
from .making.sources import ResultMeta, gather_sources, remove_invalid_citations
from .making.steps import Delta, StepLog, finish
from .making.story_parts import (
    Chosen,
    choose_action,
    choose_core,
    choose_title,
    own_sentence,
    story_why,
)
from .making.story_writing import write_part, write_why
from .making.translation import translate_sentences, untranslated_note
from .model import ChatModel
from .priority import (
    MAX_ACCOUNT_WORDS,
    check_text,
    choose_language,
    resolve_priority,
)
from .structures import SECTIONS, Beat, StoryStructure, heading, pick_structure

MIN_WORDS, MAX_WORDS = 150, 350


class Section(BaseModel):
    heading: str
    text: str


class Story(BaseModel):
    """A story in the leader's words, with the parts that make it teach."""

    title: str
    structure: StoryStructure
    structure_reason: str
    sections: list[Section]
    core_message: str
    why_it_matters: str
    values: list[str]
    call_to_action: str
    text: str
    """The whole story as Markdown."""
    word_count: int
    language: Language
    citations: list[str]
    gaps: list[str]
    """Questions the coach still has when the account is too thin for a full story."""
    meta: ResultMeta
    parts: list[Part] = []
    """Every part in reading order (title, sections, core message, why, call to action), each
    saying whether it is the leader's own words, the coach's, or code's fallback."""
    fallbacks: list[str] = []
    """Names of the parts code wrote after the model's candidates failed (see ``parts``)."""
    notes: list[str] = []
    """What the coach could not do and what it did instead, in plain words and the story's
    language, for the leader to read."""
    missing: list[MissingPart] = []
    """Parts the leader's account has nothing for: shown with the question that asks for
    them (ask, don't fake); their ``parts`` entry has origin ``missing``."""


def write_story(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    priority: str,
    account: str,
    *,
    structure: StoryStructure | None = None,
    language: Language | None = None,
) -> Story:
    """The finished story (see ``stream_story`` for the same, piece by piece)."""
    return finish(_story(model, knowledge, org, priority, account, structure, language))


def stream_story(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    priority: str,
    account: str,
    *,
    structure: StoryStructure | None = None,
    language: Language | None = None,
) -> Iterator[Delta | Story]:
    """Text deltas of each model-written part as it is written, then the finished ``Story``."""
    story = yield from _story(model, knowledge, org, priority, account, structure, language)
    yield story


def _story(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    priority_text: str,
    account: str,
    structure: StoryStructure | None,
    requested: Language | None,
) -> Generator[Delta, None, Story]:
    priority = resolve_priority(knowledge, org, priority_text)
    account = check_text("account", account, max_words=MAX_ACCOUNT_WORDS, min_words=20)
    language = choose_language(requested, account)
    sources = gather_sources(knowledge, org, f"{priority.text}\n{account}"[:1500])
    log = StepLog()

    said = [" ".join(s.split()) for s in sentences(account)]
    translated = detect_language(account) not in (None, language)
    if translated:
        said, language, translated = _translate(model, said, language, log)
    beats = _fit_length(assign_beats(said))
    if structure is None:
        structure, reason = pick_structure(beats, language)
    else:
        reason = ""
    sections = _sections(structure, _in_order(beats, said), language)
    body = "\n\n".join(s.text for s in sections)
    values = sources.of_kind(DocumentKind.VALUE)

    # The embedded model writes usable short English (a title, a call to action), checked by
    # the publishability detectors; its Dutch is broken, so Dutch parts are the leader's own
    # sentences unless a free-writing model is configured (docs/design.md, principle 9).
    free = writes_freely(model)
    short = writes_short(model, language)
    title = yield from _freely(
        short and write_part(model, log, "title", priority.text, body, account, language)
    )
    if title is None:
        title = yield from choose_title(
            model, log, beats, priority.title_in(language), body, account, language
        )
    core = yield from _freely(
        free and write_part(model, log, "core_message", priority.text, body, account, language)
    )
    if core is None:
        core = yield from choose_core(
            model, log, beats, body, account, language, avoid=_alone(sections)
        )
    written_why = yield from _freely_why(
        free and bool(values) and write_why(model, log, body, account, values, language)
    )
    why_origin = Origin.COACH
    if written_why is not None:
        why, cited = written_why[1], [written_why[0].id]
    elif values:
        value, why, why_origin = story_why(beats, core.text, values, account, language)
        cited = [value.id] if value is not None else []
        yield Delta("story.why", why)
    else:  # an organisation with no values yet: nothing to link the story to
        no_value = load_words("story", language).section("no_value")
        why, why_origin, cited = no_value["why"], Origin.FALLBACK, []
        log.fell_back("why_it_matters", no_value["note"])
        yield Delta("story.why", why)
    action = yield from _freely(
        short and write_part(model, log, "call_to_action", priority.text, body, account, language)
    )
    if action is None:
        action = yield from choose_action(model, log, beats, core.text, body, account, language)

    sections = _told_once(_told_once(sections, core), action)
    labels = load_words("story", language).section("labels")
    missing = [
        MissingPart(name=name, label=labels[key], question=question)
        for name, key, question, origin in (
            ("core_message", "core", core.text, core.origin),
            ("why_it_matters", "why", why, why_origin),
            ("call_to_action", "action", action.text, action.origin),
        )
        if origin is Origin.MISSING
    ]
    text = _markdown(title.text, sections, core.text, why, action.text, language, missing)
    text, removed = remove_invalid_citations(text, sources)
    count = len(text.split())
    section_origin = Origin.TRANSLATED if translated else Origin.LEADER
    return Story(
        title=title.text,
        structure=structure,
        structure_reason=reason,
        sections=sections,
        core_message=core.text,
        why_it_matters=why,
        values=cited,
        call_to_action=action.text,
        text=text,
        word_count=count,
        language=language,
        citations=[*cited, *([priority.id] if priority.id else [])],
        gaps=[*_gaps(beats, count, language), *(m.question for m in missing)],
        missing=missing,
        meta=ResultMeta.of(model.name, log, sources, removed),
        parts=[
            Part(name="title", label=labels["title"], text=title.text, origin=title.origin),
            *(
                Part(name="section", label=s.heading, text=s.text, origin=section_origin)
                for s in sections
            ),
            Part(
                name="core_message",
                label=labels["core"],
                text=core.text,
                origin=core.origin,
            ),
            Part(name="why_it_matters", label=labels["why"], text=why, origin=why_origin),
            Part(
                name="call_to_action",
                label=labels["action"],
                text=action.text,
                origin=action.origin,
            ),
        ],
        fallbacks=log.fallbacks,
        notes=log.notes,
    )


def told_text(text: str) -> str:
    """A story's Markdown as a lesson or questions build on it: without the lines of parts
    still to write, in either language (their questions are for the leader, not material a
    lesson may quote). A saved draft keeps those lines until the leader writes the part."""
    blocks = text.split("\n\n")
    return "\n\n".join(b for b in blocks if not any(mark in b for mark in missing_marks()))


def _freely(
    writing: Generator[Delta, None, str | None] | bool,
) -> Generator[Delta, None, Chosen | None]:
    """A freely written part as the coach's, or ``None`` when the model may not write freely
    or none of its candidates passed (then the part is chosen from the leader's words)."""
    if isinstance(writing, bool):
        return None
    text = yield from writing
    return None if text is None else Chosen(text, Origin.COACH)


def _freely_why(
    writing: Generator[Delta, None, tuple[SearchHit, str] | None] | bool,
) -> Generator[Delta, None, tuple[SearchHit, str] | None]:
    if isinstance(writing, bool):
        return None
    return (yield from writing)


def _translate(
    model: ChatModel, said: list[str], language: Language, log: StepLog
) -> tuple[list[str], Language, bool]:
    """The account's sentences in ``language``, that language, and whether they are
    translated. When a sentence cannot be translated with every fact kept (``translation``),
    the story stays in the account's language: the sentences as said, that language, and a
    note in the asked language (the leader can go on in the language they wrote in)."""
    translated = translate_sentences(model, said, language, log)
    if translated is not None:
        return translated, language, True
    written = detect_language(" ".join(said)) or Language.EN
    log.fell_back("translation", untranslated_note(language, written))
    return said, written, False


def _fit_length(beats: dict[Beat, list[str]]) -> dict[Beat, list[str]]:
    """Drop sentences from the middle of the longest beat until the leader's part fits."""
    budget = MAX_WORDS - 80  # room for title, core message, why and call to action
    fitted = {beat: list(said) for beat, said in beats.items()}
    while sum(len(s.split()) for said in fitted.values() for s in said) > budget:
        longest = max(fitted, key=lambda b: len(fitted[b]))
        if len(fitted[longest]) <= 1:
            break
        fitted[longest].pop(len(fitted[longest]) // 2)
    return fitted


def _in_order(beats: dict[Beat, list[str]], said: list[str]) -> dict[Beat, list[str]]:
    """The sentences ``beats`` keep, under beats that never go back, so the story's sections
    tell them in the leader's order. A sentence moved back one beat was told before the one
    it answers ("He didn't lose the dealer" under the task, before the phone call: 5 of 27
    stories of the labels-v20 run, at aa88abd), and a part that quotes a sentence
    with the one before it (``in_context``) quoted the wrong one."""
    kept = {s for told in beats.values() for s in told}
    return assign_beats([s for s in said if s in kept], back=0)


def _sections(
    structure: StoryStructure, beats: dict[Beat, list[str]], language: Language
) -> list[Section]:
    sections = []
    for section, members in SECTIONS[structure]:
        said = [s for beat in members for s in beats[beat]]
        if said:
            title = heading(structure, section, language)
            sections.append(Section(heading=title, text=" ".join(said)))
    return sections


def _markdown(
    title: str,
    sections: list[Section],
    core: str,
    why: str,
    action: str,
    language: Language,
    missing: Sequence[MissingPart] = (),
) -> str:
    said = load_words("story", language)
    labels = said.section("labels")
    parts = [f"# {title}"]
    parts += [f"## {s.heading}\n\n{s.text}" for s in sections]
    asked = {m.name: m.question for m in missing}

    def line(name: str, label: str, text: str) -> str:
        if name in asked:  # the leader still has to say it: the question shows, marked
            return f"**{label}:** {missing_text(asked[name], language)}"
        return f"**{label}:** {text}"

    parts.append(line("core_message", labels["core"], core))
    parts.append(line("why_it_matters", labels["why"], why))
    parts.append(line("call_to_action", labels["action"], action))
    return "\n\n".join(parts)


def _told_once(sections: list[Section], chosen: Chosen) -> list[Section]:
    """``sections`` without the leader's sentence ``chosen`` as the core message (or the call to
    action) where it opens or closes the story: the reader read it twice, one paragraph apart
    (labels-v9, tune: 3 of 4 core messages sent back as a duplicate; labels-v11, tune: a call
    to action too). Elsewhere it stays: taken out of the middle, the sentence after it could
    lean on what is gone. A section keeps at least one sentence."""
    if chosen.origin not in (Origin.LEADER, Origin.FALLBACK) or not sections:
        return sections
    told = [sentences(s.text) for s in sections]
    for index, at in ((0, 0), (len(sections) - 1, -1)):
        said = told[index]
        if len(said) > 1 and own_sentence(said[at]) == chosen.text:
            said.pop(at)
            sections = [
                *sections[:index],
                Section(heading=sections[index].heading, text=" ".join(said)),
                *sections[index + 1 :],
            ]
    return sections


def _alone(sections: list[Section]) -> set[str]:
    """Sentences that are a whole section by themselves: as the core message too, the reader
    would read them twice, one under the other."""
    return {own_sentence(s.text) for s in sections if len(sentences(s.text)) == 1}


def _gaps(beats: dict[Beat, list[str]], words: int, language: Language) -> list[str]:
    """What to ask the leader next: the beats their account leaves empty, if the story is short."""
    if words >= MIN_WORDS and all(beats[b] for b in (Beat.SETBACK, Beat.ACTION)):
        return []
    return [standard_question(beat, language) for beat in Beat if not beats[beat]] or [
        standard_question(Beat.SITUATION, language)
    ]
