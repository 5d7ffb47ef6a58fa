"""Short written fields, held to the story by code; shared by every job about a story.

A lesson, a one-on-one lesson, discussion questions and a critique are all assembled by code;
the model writes only short fields (the second half of an objective, two sentences on why it
matters, one key point, one question). Every field passes the same checks before it is used:
its length, its language, no corporate filler, and no name or number that the story (or the
other given text) does not contain: elicit, never invent (docs/design.md, principle 1). Here too:
the language a job answers in, the sources it may cite, and the Markdown it is assembled into.
"""

from __future__ import annotations

import re

from service.errors import InvalidInput
from service.knowledge import DocumentKind, KnowledgeBase, SearchHit, every_title
from service.knowledge.citations import cite
from service.knowledge.languages import detect_language, index_terms, words
from service.quality.checks.filler import filler_phrases
from service.quality.checks.questions import question_kind
from service.quality.checks.sources import unsupported_specifics
from service.quality.signals import names, numbers, places, sentences, time_markers
from service.vocabulary import Language
from service.words import load_words

from ..model import ChatModel
from ..priority import LANGUAGE_NAMES
from ..story_source import StorySource
from .choosing import writes_freely
from .sources import Sources, gather_sources, remove_invalid_citations
from .steps import StepLog
from .translation import language_named

BUILT_ON = {
    Language.EN: ("Built on the story “{link}”.", "Built on the leader's own story."),
    Language.NL: (
        "Gebaseerd op het verhaal “{link}”.",
        "Gebaseerd op het eigen verhaal van de leider.",
    ),
}


def resolve_language(requested: Language | str | None, default: Language) -> Language:
    """The requested language, or ``default`` (the input's); anything else names the field."""
    if requested is None:
        return default
    try:
        return Language(requested)
    except ValueError:
        supported = ", ".join(lang.value for lang in Language)
        raise InvalidInput(
            "language", "unsupported_language", requested=requested, supported=supported
        ) from None


def quoting_language(
    model: ChatModel, asked: Language, story: StorySource, log: StepLog
) -> Language:
    """The language a job that quotes its story answers in: ``asked``, or the story's own.

    A lesson, a 1:1 lesson and discussion questions are frames around the story's sentences.
    Asked in the other language, they were half one language and half the other (labels-v3 to
    v9: 36 held-out parts sent back as the wrong language), and the embedded model's
    translations of the quotes changed what the leader said ("ongemakkelijk" became "easy":
    docs/quality.md). So unless the model writes freely, the job answers in the story's
    language and says why in a note in the language that was asked, as an untranslated story
    does (``translation.untranslated_note``)."""
    if asked is story.language or writes_freely(model):
        return asked
    note = load_words("fallbacks", asked)["untranslated.note"]
    log.notes.append(note.format(language=language_named(story.language, asked)))
    return story.language


def source_hit(
    identifier: str,
    kind: DocumentKind,
    title: str,
    language: Language,
    values: tuple[str, ...],
    text: str,
) -> SearchHit:
    """A document a job was handed by id (not found by search), as one of its sources."""
    return SearchHit(
        id=identifier,
        kind=kind,
        title=title,
        language=language,
        outcome=None,
        values=list(values),
        tags=[],
        score=1.0,
        text=text,
        chunk_id=identifier,
    )


def story_hit(story: StorySource) -> SearchHit | None:
    """A corpus story as a source of its own job, so its id may be cited."""
    if story.id is None:
        return None
    return source_hit(
        story.id, DocumentKind.STORY, story.title, story.language, story.values, story.text
    )


def story_sources(knowledge: KnowledgeBase, org: str, story: StorySource) -> Sources:
    """The story itself (when it is in the corpus), then the values and past stories that fit
    it: everything a job about this story may cite."""
    found = gather_sources(knowledge, org, story_query(story), values=3, stories=2).hits
    own = story_hit(story)
    if own is None:
        return Sources(found)
    return Sources((own, *(h for h in found if h.id != own.id)))


def story_query(story: StorySource) -> str:
    return f"{story.title}\n{story.text}"[:1500]


def story_material(story: StorySource, sources: Sources, extra: str = "") -> str:
    """Where a field's names and numbers may come from: the story, ``extra``, and the values
    and priorities among the sources (what the prompts show; other stories are not shown, so
    a detail from one of them would be a coincidence at best)."""
    shown = [h for h in sources.hits if h.kind is not DocumentKind.STORY]
    return "\n".join(
        [story.title, story.text, extra, *(f"{every_title(h)}\n{h.text}" for h in shown)]
    )


def tidy(text: str, max_words: int | None = None) -> str:
    """One line, without list or heading markers or wrapping quotes a model likes to add;
    with ``max_words``, only the whole sentences from the start that fit."""
    text = " ".join(text.split()).lstrip("#*-•> ").strip()
    if len(text) > 1 and text[0] in "\"'“" and text[-1] in "\"'”":
        text = text[1:-1].strip()
    return fit_sentences(text, max_words) if max_words else text


def fit_sentences(text: str, max_words: int) -> str:
    """The whole sentences from the start that fit ``max_words``: small models run long, and
    code keeps a part short without cutting a sentence. Unchanged if the first is too long."""
    kept: list[str] = []
    for sentence in sentences(text) or [text]:
        if len(" ".join([*kept, sentence]).split()) > max_words:
            break
        kept.append(sentence)
    return " ".join(kept) if kept else text


def check_field(
    text: str, language: Language, material: str, limits: tuple[int, int]
) -> str | None:
    """What is wrong with one written field, or ``None``: length, language, filler, invention."""
    plain, _ = remove_invalid_citations(text, Sources(()))  # ids are not words of the text
    count = len(words(plain))
    low, high = limits
    if count == 0:
        return "the answer is empty"
    if count < low:
        return f"it has {count} words; write at least {low}"
    if count > high:
        return f"it has {count} words; at most {high}"
    found = detect_language(plain)
    if found is not None and found is not language:
        return f"it is not in {LANGUAGE_NAMES[language]}"
    filler = filler_phrases(plain)
    if filler:
        return f"it uses stock phrases ({', '.join(filler)}); say it in plain words"
    invented = unsupported_specifics(plain, material)
    if invented:
        return (
            f"it adds {', '.join(invented)}, which the story does not contain; "
            "use only names and numbers from the story"
        )
    return None


def check_question(
    text: str, language: Language, material: str, limits: tuple[int, int]
) -> str | None:
    """A field that must be one open question (not answerable with yes or no)."""
    if not text.endswith("?"):
        return "the question must end with a question mark"
    if question_kind(text) == "closed":
        return "the question can be answered with yes or no; ask an open question"
    return check_field(text, language, material, limits)


def concrete_kinds(text: str) -> list[str]:
    """Which kinds of concrete detail a text has: numbers, names, places, moments in time."""
    found = {
        "numbers": numbers(text),
        "names": names(text),
        "places": places(text),
        "time": time_markers(text),
    }
    return [kind for kind, hits in found.items() if hits]


def cleaned(texts: list[str], sources: Sources) -> tuple[list[str], int]:
    """``texts`` without citations of ids that were not retrieved, and how many were removed."""
    out: list[str] = []
    removed = 0
    for text in texts:
        kept, dropped = remove_invalid_citations(text, sources)
        out.append(kept.strip())
        removed += dropped
    return out, removed


def built_on(story: StorySource, language: Language) -> str:
    """The line under the title that says (and cites) which story the lesson is built on."""
    with_id, without = BUILT_ON[language]
    return with_id.format(link=cite(story.title, story.id)) if story.id else without


def markdown(title: str, opening: str, sections: list[tuple[str, str | list[str]]]) -> str:
    """A titled document with ``## heading`` sections; a list becomes bullet points."""
    parts = [f"# {title}", opening]
    for heading, body in sections:
        content = "\n".join(f"- {item}" for item in body) if isinstance(body, list) else body
        parts.append(f"## {heading}\n\n{content}")
    return "\n\n".join(p for p in parts if p) + "\n"


def copies(text: str, example: str, language: Language) -> bool:
    """Whether ``text`` is mostly the prompt's example: the small model copied examples word
    for word (an objective about repair dates for a story about a first reply)."""
    shown = set(index_terms(example, language))
    return bool(shown) and len(shown & set(index_terms(text, language))) >= 0.6 * len(shown)


_SELF_REFERENCE = re.compile(
    r"\b(?:this lesson|the learner|participants?|deze les|de deelnemer|deelnemers)\b|[:;]$",
    re.IGNORECASE,
)


def objective_shape(rest: str, language: Language) -> str | None:
    """What is wrong with the shape of the objective after its stem: it must go on the stem's
    sentence ("... you can *explain* ..."), not start a new one or talk about the lesson. The
    embedded model wrote "Na deze les kun je Je kan de deelnemer ... uitvoeren:" (2026-11-30)."""
    first = rest.split(maxsplit=1)[0] if rest.split() else ""
    if not first or first[0].isupper() or _SELF_REFERENCE.search(rest.rstrip(". ")):
        example = {Language.EN: "explain ...", Language.NL: "uitleggen ..."}[language]
        return f"go on from the opening with what the learner can do, like '{example}'"
    return None
