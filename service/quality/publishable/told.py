"""What a leader's sentence tells: the lesson, a setback, a deed, what is done now, a result.

Every part of a lesson takes sentences of one kind: a practice tries a deed of the storyteller
or their team, a key point shows a setback only as what went wrong, "why it matters" says what
came of it, an objective explains the lesson. Reviewers sent back parts whose sentence was of
another kind (labels-v3: a setback quoted as "what worked", an outcome as the objective, the
opening situation as a key point). The story's beats (``service.coach.making.beats``) are the
order of a story and carry a cue on to the sentences after it; a part needs what one sentence
tells by itself, so this reads each sentence on its own words, in this order:

1. the lesson: the detectors' lesson words among its first words ("I learned", "the lesson");
2. a request to the team: it opens with an instruction ("Try …", "Vraag …"), not the opening;
3. what is done now: a word of now among its first words ("We now screen …", "Sindsdien …");
4. a setback: a word of a problem or mistake, or a negation ("Onze chauffeurs wisten het ook
   niet");
5. a deed: "I" or "we" acting among its first words, not the opening sentence (which sets the
   scene), not a belief ("I assumed") and not a deed before the story ("I had tested");
6. a result: a number or a word of what came of it, after the opening;
7. else the situation.

Word lists per language are data (``service/words/told``). These are signals: the parts they
choose are measured against human labels like every detector (``storycoach eval parts``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from service.knowledge.languages import detect_language, words
from service.quality.signals import NUMBER_WORDS, sentences
from service.settings import get_settings
from service.vocabulary import Language
from service.words import load_words

from .lexicon import lexicon

FIRST_WORDS = 6
"""How far into a sentence its lesson or its "now" is looked for."""
STRONG_WORDS = 4
"""A "now" or an acting "I" this early decides before a setback's words later on: "We now
screen by what the problem is, not by how it arrived" tells what is done now."""
SUBJECT_WORDS = 8
LATE = 0.5
"""From this far into an account (0 the opening, 1 its last sentence) a number tells a result;
before it, it is part of the situation ("die was al vier jaar oud", "I'd been there two
weeks, and Dennis has been fixing bikes for twenty years")."""
_PARTICIPLE = re.compile(r"^(?:\w*ge\w+[dtn]|(?:be|ver|ont|her)\w+[dt]|\w+ed)$")
"""A past participle, Dutch or English ("gekocht", "afgesproken", "verteld", "bought" aside):
after "have" it makes a perfect, a deed."""
_DIGIT = re.compile(r"\d+(?:[.,]\d+)?")
_SPEECH = re.compile(r"[\u201c\u201e\"][^\u201c\u201d\u201e\"]*[\u201d\"]")
"""Someone's words quoted in a sentence: what they said is not what the sentence tells."""


class Told(StrEnum):
    LESSON = "lesson"
    HABIT = "habit"
    SETBACK = "setback"
    DEED = "deed"
    RESULT = "result"
    REQUEST = "request"
    SITUATION = "situation"
    UNSURE = "unsure"
    """The reader cannot tell (``Settings.sentence_reader = "sure"``): no part that needs a
    kind offers the sentence, and a part with no sentence of its kind is asked for."""


DONE = frozenset({Told.DEED, Told.HABIT})
"""What a practice, a next step or an "apply it" question may ask the team to try."""


@dataclass(frozen=True)
class _Words:
    subject: frozenset[str]
    mental: frozenset[str]
    state: frozenset[str]
    possess: frozenset[str]
    habit: frozenset[str]
    setback: frozenset[str]
    negation: frozenset[str]
    result: frozenset[str]
    learned: frozenset[str]
    temporal: frozenset[str]
    imperative: frozenset[str]
    others: frozenset[str]
    mistake: frozenset[str]
    back: frozenset[str]
    refers: frozenset[str]
    recurring: frozenset[str]
    reasons: frozenset[str]


@cache
def _words(language: Language) -> _Words:
    said = load_words("told", language)

    def listed(key: str) -> frozenset[str]:
        return frozenset(said[key].split())

    return _Words(
        subject=listed("subject"),
        mental=listed("mental"),
        state=listed("state"),
        possess=listed("possess"),
        habit=listed("habit"),
        setback=listed("setback"),
        negation=listed("negation"),
        result=listed("result"),
        learned=lexicon(language).learned,
        temporal=lexicon(language).temporal,
        imperative=lexicon(language).imperative,
        others=listed("others"),
        mistake=listed("mistake"),
        back=listed("back"),
        refers=listed("refers"),
        recurring=listed("recurring"),
        reasons=listed("reasons"),
    )


def _main_clause(sentence: str, said: _Words) -> str:
    """The sentence from its main clause on: after the comma that closes an opening clause of
    time with its own subject ("Toen we de accuschrik hadden, was Jonas degene die …"), else
    all of it ("Toen hebben we …" opens on the adverb)."""
    tokens = words(sentence)
    if len(tokens) > 1 and tokens[0] in said.temporal and tokens[1] in said.subject:
        return sentence.split(",", 1)[1] if "," in sentence else ""
    return sentence


def _acts(tokens: list[str], said: _Words, within: int) -> bool:
    """The storyteller or their team acts within the first ``within`` words ("In September I
    started …", "Toen hebben we …"): not a belief ("I assumed") and not a state or a deed
    before the story ("I was", "I had tested", "Na drie maanden hadden we")."""
    if set(tokens) & said.mental:
        return False
    for index, token in enumerate(tokens[:within]):
        if token in said.subject:
            beside = {*tokens[index + 1 : index + 2], *tokens[max(0, index - 1) : index]}
            if beside & said.possess:  # "Ik heb vijftien man": a state; "Ik heb … gekocht": a deed
                return any(_PARTICIPLE.match(t) for t in tokens[index + 1 :])
            return not beside & said.state
    return False


def _counted(sentence: str, tokens: list[str]) -> int:
    return len(_DIGIT.findall(sentence)) + sum(t in NUMBER_WORDS for t in tokens)


def told(sentence: str, language: Language, place: float = 0.5) -> Told:
    """What ``sentence`` tells on its own; ``place`` is where it stands in its account (0 the
    opening, which sets the scene; 1 the last sentence)."""
    said = _words(language)
    own = _SPEECH.sub(" ", sentence)
    tokens = words(own)
    acting = words(_main_clause(own, said))
    opening = place <= 0
    troubled = bool(set(tokens) & (said.setback | said.negation))
    if set(tokens[:FIRST_WORDS]) & said.learned and not (tokens and tokens[0] in said.others):
        return Told.LESSON
    if not opening and tokens and tokens[0] in said.imperative:
        return Told.REQUEST
    if not opening and set(tokens[:STRONG_WORDS]) & said.habit:
        return Told.HABIT
    if not opening and not troubled and _acts(acting, said, STRONG_WORDS):
        return Told.DEED
    counted = _counted(own, tokens)
    if place >= LATE and counted >= 2:
        return Told.RESULT
    late = place >= LATE
    if troubled and late and set(tokens) & said.habit and not set(tokens) & said.setback:
        return Told.RESULT  # "They haven't sent a bike back since": a trouble that ended
    if troubled:
        return Told.SETBACK
    if not opening and set(tokens[: len(tokens) if late else FIRST_WORDS]) & said.habit:
        return Told.HABIT  # late in the story anywhere: "…, en sinds november gaat het display …"
    if not opening and _acts(acting, said, SUBJECT_WORDS):
        return Told.DEED
    if place >= LATE and (counted or set(tokens) & said.result):
        return Told.RESULT
    return Told.SITUATION


def told_all(sentences: list[str], language: Language, reader: str | None = None) -> list[Told]:
    """What each sentence of an account tells, in order, read in the account's own language
    (``language`` when it cannot be told): a lesson in Dutch may quote an English story, and
    Dutch word lists read "we found two more that didn't work" as a deed. Read by ``reader``
    (``READERS``), else by ``Settings.sentence_reader``."""
    return list(_told_all(tuple(sentences), language, reader or _reader()))


@lru_cache(maxsize=256)
def _told_all(sentences: tuple[str, ...], language: Language, reader: str) -> tuple[Told, ...]:
    """``told_all``, once per story and reader: a lesson reads the same story for every part
    (without this, a lesson's own time doubled: bench.coach)."""
    written = detect_language(" ".join(sentences)) or language
    last = max(len(sentences) - 1, 1)
    return tuple(read_kinds([(s, written, n / last) for n, s in enumerate(sentences)], reader))


READERS = ("words", "learned", "sure")
"""The readers ``Settings.sentence_reader`` and ``Settings.standing_reader`` may name."""
LOOSE = "words"
"""The reader of sentences for frames that claim little of them (what came of it, a moment
like this one, how the story went on, a discussion question). The word lists name a kind for
every sentence; the ``sure`` reader leaves many unsure, and those parts then fell to
stand-ins or to worse sentences (labels-v15, tune, every part read by it: "why it matters"
19 → 13 of 24 publishable, reflections 19 → 13, recalls 18 → 10, questions 58 → 46, while
practices, objectives and key points rose)."""


def _reader() -> str:
    return get_settings().sentence_reader


def read_kinds(said: list[tuple[str, Language, float]], reader: str) -> list[Told]:
    """What each ``(sentence, language, place)`` tells, by ``reader`` (``READERS``)."""
    if reader in ("learned", "sure"):
        # imported here: the learned reader builds on ``told`` (the word lists' verdict is
        # one of its inputs), so this module cannot import it at the top
        from .sentence_kinds import learned_reader

        return learned_reader().read(said, sure=reader == "sure")
    return [told(s, language, place) for s, language, place in said]


def leans_back(sentence: str) -> bool:
    """``sentence`` opens on a word that points back to an earlier one ("They haven't sent a
    bike back since", "Toen hebben we …", "Ze werkt hier nog steeds"): quoted on its own, a
    reviewer reads it as a fragment (labels-v7: 9 quoted parts). Read in both languages: a
    lesson may quote a story in the other one."""
    tokens = words(sentence)[:1]
    return bool(tokens) and any(tokens[0] in _words(language).back for language in Language)


def stands_alone(sentence: str) -> bool:
    """``sentence``, quoted on its own, is understood without the one before it: by the
    learned reader (``sentence_kinds``), else by ``leans_back``."""
    return stands_alone_by(sentence, get_settings().standing_reader)


@lru_cache(maxsize=4096)
def stands_alone_by(sentence: str, reader: str) -> bool:
    """``stands_alone`` by ``reader`` (``READERS``)."""
    if reader in ("learned", "sure"):
        from .sentence_kinds import learned_reader  # see ``read_kinds``

        return learned_reader().stands_alone([sentence])[0]
    return not leans_back(sentence)


def refers_back(sentence: str) -> bool:
    """``sentence`` says "of them" in one word ("Bij één daarvan bel je het noodnummer"): as a
    title it names what the reader has not read (labels-v9, tune). A title that opens on a
    pronoun is not refused for it: reviewers published "Ze werkt hier nog steeds, en
    inmiddels is ze zelf buddy" and "He now asks me when the next new one starts"."""
    tokens = set(words(sentence))
    return any(tokens & _words(lang).refers for lang in Language)


def recurs(sentence: str, language: Language) -> bool:
    """``sentence`` tells something done again and again ("bij elke werkbank een kaart",
    "every Monday I read ten random emails"), not once: a routine is what a team can take up,
    a one-off remedy ("haar een week een leenfiets meegegeven", "We settled on half a
    percent") was sent back as the practice (labels-v8, tune). Read in its own language."""
    said = _words(detect_language(sentence) or language)
    return bool(set(words(sentence)) & (said.recurring | said.habit))


def mistaken(sentence: str, language: Language) -> bool:
    """The storyteller or their team tells a mistake of their own ("The first thing I got wrong
    … is that I did most of the talking", "dacht ik dat we de valtest wel konden overslaan"):
    what a practice may show as one to avoid. Someone else's setback ("they sent back four
    bikes") is not one. Read in the sentence's own language when it can be told."""
    said = _words(detect_language(sentence) or language)
    tokens = words(_SPEECH.sub(" ", sentence))
    return bool(set(tokens[:SUBJECT_WORDS]) & said.subject and set(tokens) & said.mistake)


def explains(sentence: str, language: Language) -> bool:
    """``sentence`` gives its own reason ("…, omdat de enige sleutel al maanden kwijt was"):
    a question why it went so is answered by the quote it asks about. Read in the
    sentence's own language when it can be told."""
    said = _words(detect_language(sentence) or language)
    return bool(set(words(sentence)) & said.reasons)


def acts(sentence: str, language: Language) -> bool:
    """The storyteller or their team is the one acting in ``sentence`` ("We now use …",
    "Sindsdien bestellen we …"): what a practice may ask the team to try. "Nu hangt bij elk
    scherm een kaartje" tells what is done now, but not who does it. Read in the sentence's
    own language when it can be told."""
    said = _words(detect_language(sentence) or language)
    return _acts(words(_main_clause(_SPEECH.sub(" ", sentence), said)), said, SUBJECT_WORDS)


def told_in(sentence: str, account: str, language: Language) -> Told:
    """What ``sentence`` tells, read where it stands in ``account`` (``_told_in``)."""
    return _told_in(sentence, account, language, _reader())


@lru_cache(maxsize=4096)
def _told_in(sentence: str, account: str, language: Language, reader: str) -> Told:
    """What ``sentence`` tells, read where it stands in ``account`` (a story's Markdown is
    read without its headings and labelled parts); in its middle if it is not found there.
    A part may quote a sentence without its opening connective ("So", "En")."""
    lines = [
        line for line in account.splitlines() if not line.lstrip().startswith(("#", "**", ">"))
    ]
    said = [words(s) for line in lines for s in sentences(line)]
    wanted = words(sentence)
    last = max(len(said) - 1, 1)
    place = next(
        (n / last for n, s in enumerate(said) if wanted and s[-len(wanted) :] == wanted), 0.5
    )
    return read_kinds([(sentence, detect_language(account) or language, place)], reader)[0]
