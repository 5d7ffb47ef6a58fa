"""A translation held to the account: every fact of the leader's sentence survives it, or the
story is not translated.

When a leader writes in one language and asks for a story in the other, each of their
sentences is translated by the model. The embedded model changed facts doing it: "the alarm
button had been broken for two weeks" became "de alarmknop had verbroken voor twee dagen.
weken", "weekly" became "maandelijks", "May" became "Maan" (issue 18). A translation that
changes a number, a unit of time or a name is an invention (docs/design.md, principle 1).

So each sentence's translation is held to its source (``translation_problem``): the same
numbers (in digits or words), the same facts of time (a number with its unit, "weekly", a
month, a weekday: ``publishable.facts``, compared across languages), every name kept and none
added, a negation kept, one sentence in the asked language, and no word that no dictionary
and no source knows (the detectors' grammar check; a Dutch compound of two known words is
known). Up to ``CANDIDATES`` candidates are tried per sentence (the model's greedy answer,
then seeded samples of the same prompt: ``sampling``), the first that passes is kept. When no
candidate of a sentence passes, the story is not translated at all: a story half in one
language helps nobody, and a changed fact is worse than an untranslated one. It then stays in
the account's language, with a plain note in the asked language (``untranslated_note``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from pydantic import BaseModel, Field

from service.knowledge.languages import detect_language, words
from service.prompting import render_prompt
from service.quality.checks.sources import unsupported_names
from service.quality.publishable import PartContext, ReadPart
from service.quality.publishable.facts import facts
from service.quality.publishable.grammar import ungrammatical, unknown_words
from service.quality.publishable.lexicon import known_words, lexicon
from service.quality.signals import NUMBER_WORDS, names, numbers
from service.vocabulary import Language
from service.words import load_words

from ..model import ChatModel
from ..priority import LANGUAGE_NAMES
from .sampling import sample_best
from .steps import StepLog

CANDIDATES = 4
"""Per sentence: the greedy answer, then three seeded samples."""
TEMPERATURE = 0.5
"""Lower than a question's: a translation has one right answer, the samples stay near it."""
LENGTH_RATIO = (0.5, 2.0)
"""A translation's words per word of its source: outside this, part was left out or added."""

_MORE_NUMBERS: dict[str, str] = {
    **dict.fromkeys(("once", "eenmaal"), "1"),
    **dict.fromkeys(("twice", "tweemaal"), "2"),
    **{
        word: str(n)
        for spelled in (
            "thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
            "dertien veertien vijftien zestien zeventien achttien negentien",
        )
        for n, word in enumerate(spelled.split(), 13)
    },
    **dict.fromkeys(("forty", "veertig"), "40"),
    **dict.fromkeys(("sixty", "zestig"), "60"),
    **dict.fromkeys(("seventy", "zeventig"), "70"),
    **dict.fromkeys(("eighty", "tachtig"), "80"),
    **dict.fromkeys(("ninety", "negentig"), "90"),
    **dict.fromkeys(("thousand", "duizend"), "1000"),
}
"""Number words beyond the detectors' own (``signals.NUMBER_WORDS``)."""
_AMBIGUOUS = frozenset({"half"})
""""Half" is 50 in "half the tickets" and nothing a number must match in "half a year"."""
_ARTICLES = frozenset({"a", "an", "een"})
""""One client" is "een cliënt": an article may stand for the number one."""
_BREAK = re.compile(r"[.!?]\s+[a-z\u00e0-\u00ff]")
"""A full stop inside a sentence, before a lowercase word ("twee dagen. weken")."""
_LINKS = ("", "s", "e", "en")
"""What joins the parts of a Dutch compound (werkplaats·leider, kwartaal·s·gesprek)."""


class TranslationDraft(BaseModel):
    translation: str = Field(max_length=1000)


def number_values(text: str) -> set[str]:
    """The numbers ``text`` states, in digits or in words, as digits."""
    spelled = {**NUMBER_WORDS, **_MORE_NUMBERS}
    found = set(numbers(text))
    found |= {spelled[w] for w in words(text) if w in spelled and w not in _AMBIGUOUS}
    return found


def _negated(text: str) -> bool:
    negation = lexicon(Language.EN).negation | lexicon(Language.NL).negation
    return bool(set(words(text)) & negation)


def _compound(word: str, language: Language) -> bool:
    """A Dutch compound of two words a dictionary knows ("werkplaatsleiders")."""
    if language is not Language.NL:
        return False
    known = known_words(language)
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if tail in known and any(
            head.endswith(link) and head[: len(head) - len(link)] in known
            for link in _LINKS
            if len(head) - len(link) >= 3
        ):
            return True
    return False


def _grammar(translation: str, source: str, language: Language) -> str | None:
    part = ReadPart("translation", translation, "translated")
    context = PartContext(language=language, account=source)
    compounds = [w for w in unknown_words(part, context) if _compound(w, language)]
    return ungrammatical(part, replace(context, support=" ".join(compounds)))


def _numbers_problem(source: str, translation: str) -> str | None:
    theirs, mine = number_values(source), number_values(translation)
    lost, added = theirs - mine, mine - theirs
    if set(words(translation)) & _ARTICLES:
        lost.discard("1")
    if set(words(source)) & _ARTICLES:
        added.discard("1")
    if lost:
        return f"it lost the number(s) {', '.join(sorted(lost))}"
    if added:
        return f"it added the number(s) {', '.join(sorted(added))}"
    return None


def _facts_problem(source: str, translation: str) -> str | None:
    theirs, mine = facts(source), facts(translation)
    lost, added = sorted(theirs - mine), sorted(mine - theirs)
    if lost and added:
        return f"it says {', '.join(added)} where the sentence says {', '.join(lost)}"
    if lost:
        return f"it lost {', '.join(lost)}"
    if added:
        return f"it says {', '.join(added)}, which the sentence does not"
    return None


def _names_problem(source: str, translation: str) -> str | None:
    kept = set(words(translation))
    lost = [n for n in dict.fromkeys(names(source)) if not set(words(n)) <= kept]
    if lost:
        return f"it lost the name(s) {', '.join(lost)}"
    added = unsupported_names(translation, source)
    if added:
        return f"it added the name(s) {', '.join(added)}"
    return None


def translation_problem(source: str, translation: str, language: Language) -> str | None:
    """What ``translation`` (into ``language``) changed of ``source``, or ``None``."""
    text = " ".join(translation.split())
    if not text:
        return "the translation is empty"
    for problem in (
        _numbers_problem(source, text),
        _facts_problem(source, text),
        _names_problem(source, text),
    ):
        if problem:
            return problem
    if _negated(source) != _negated(text):
        return "it turns a negation around"
    ratio = len(words(text)) / max(len(words(source)), 1)
    if not LENGTH_RATIO[0] <= ratio <= LENGTH_RATIO[1]:
        return "it leaves part of the sentence out or adds to it"
    if len(_BREAK.findall(text)) > len(_BREAK.findall(source)):
        return "it breaks the sentence with a full stop"
    if source.rstrip()[-1:] in ".!?" and text[-1:] not in ".!?\"'\u201d\u2019":
        return "it stops before the end of the sentence"
    found = detect_language(text)
    if found is not None and found is not language:
        return f"the translation is not in {LANGUAGE_NAMES[language]}"
    grammar = _grammar(text, source, language)
    return f"ungrammatical: {grammar}" if grammar else None


def translate_sentence(
    model: ChatModel, sentence: str, language: Language, log: StepLog
) -> str | None:
    """``sentence`` in ``language``, every fact kept, or ``None`` when no candidate kept them."""
    prompt = render_prompt(
        "translate-sentence",
        language=language.value,
        sentence=sentence,
        language_name=LANGUAGE_NAMES[language],
    )

    def judge(draft: TranslationDraft) -> str | None:
        return translation_problem(sentence, draft.translation, language)

    answer = sample_best(
        model,
        prompt,
        TranslationDraft,
        judge,
        log,
        samples=CANDIDATES,
        temperature=TEMPERATURE,
        greedy_first=True,
        max_tokens=200,
    )
    return None if answer is None else " ".join(answer.translation.split())


def translate_sentences(
    model: ChatModel, said: list[str], language: Language, log: StepLog
) -> list[str] | None:
    """Every sentence of ``said`` in ``language``, or ``None`` as soon as one cannot be
    translated faithfully (the rest are not tried: the story will not be translated)."""
    translated = []
    for sentence in said:
        text = translate_sentence(model, sentence, language, log)
        if text is None:
            return None
        translated.append(text)
    return translated


def untranslated_note(asked: Language, written: Language) -> str:
    """Why the story stays in the language the leader ``written`` it in, in the ``asked`` one."""
    note = load_words("story", asked)["untranslated.note"]
    return note.format(language=language_named(written, asked))


def language_named(language: Language, said_in: Language) -> str:
    """``language``'s name in ``said_in`` ("Dutch", "Engels"), for a note on why a text
    stays in it."""
    return load_words("story", said_in)[f"untranslated.languages.{language.value}"]
