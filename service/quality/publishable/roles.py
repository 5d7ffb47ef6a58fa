"""Role: is a part made of material of its kind?

A call to action asks the team to do something; a practice is an action for the learner, not
the story's problem; a key point is a takeaway, and a mistake is one only when it is shown as
what went wrong; a discussion question is asked from the team's side, not the storyteller's;
a title is a phrase, not a paragraph. Read from the words alone (per language, from
``service/words/publishable``), so these are signals whose precision and recall against
human labels ``eval meta`` reports.
"""

from __future__ import annotations

import re

from service.knowledge.languages import words
from service.vocabulary import Language

from .lexicon import Lexicon, lexicon
from .parts import QUESTION_ROLES, PartContext, ReadPart, Role
from .shape import plain, quoted, titles
from .told import DONE, Told, acts, mistaken, told_in

MAX_TITLE_WORDS = 16
"""A whole sentence of the leader's this long still reads as a title; the coach prefers one of
12 words or fewer (``story_parts.TITLE_WORDS``)."""
_QUOTES = re.compile(r"[\u201c\"][^\u201d\"]*[\u201d\"]")
_REGULAR_PAST = re.compile(r"^\w{3,}ed$")
_QUOTING_ROLES = frozenset({Role.PRACTICE, Role.NEXT_STEP, Role.RECALL, Role.OBJECTIVE, Role.WHY})
"""Parts whose quoted sentence must be of their own kind (``_quoted_role``)."""
_LEADERS_WORDS = frozenset({"leader", "fallback"})
"""Origins of a part that is a sentence of the account as told: as the core message it must
say the lesson itself ("I learned …"); a sentence the coach wrote is held to the account by
the invented-detail check instead."""


def outside_quotes(text: str) -> str:
    """A part's own words: what the frame says, without the leader's quoted sentence."""
    return _QUOTES.sub(" ", text)


def _asks(text: str, said: Lexicon) -> bool:
    """The text speaks to the reader or the team, or opens with an instruction."""
    tokens = words(text)
    return bool(tokens) and (tokens[0] in said.imperative or bool(set(tokens) & said.addressee))


def _narrates(text: str, said: Lexicon) -> bool:
    """A past-tense narrative: a past verb among the first words and no instruction."""
    tokens = words(text)[:6]
    past = any(t in said.past or _REGULAR_PAST.match(t) for t in tokens)
    return past and not (tokens and tokens[0] in said.imperative)


def _calls(text: str, said: Lexicon) -> bool:
    """An instruction, or a sentence that asks or commits ("we should", "laten we"), not one
    that opens on a moment of the past ("When we …", "Toen ik …")."""
    tokens = words(text)
    if not tokens or tokens[0] in said.temporal:
        return False
    return tokens[0] in said.imperative or bool(set(tokens) & said.modal)


def _states_lesson(text: str, said: Lexicon) -> bool:
    """A sentence that says what was learned ("I learned that working longer hides the real
    problem"): the lesson, even when it names the problem and its verb is in the past."""
    return bool(set(words(text)[:6]) & said.learned)


def states_lesson(text: str, language: Language) -> bool:
    """Whether ``text`` says what was learned, or what one should do ("Wat ik ervan geleerd
    heb: …", "The lesson: …"), in its first words: a story's core message is such a sentence."""
    return _states_lesson(text, lexicon(language))


def _setback(text: str, said: Lexicon) -> bool:
    return bool(set(words(text)) & said.setback)


def _story_quotes(text: str, context: PartContext) -> list[str]:
    """The story's sentences a part quotes: not a linked title (a value, a priority) and not
    the output's own title (a frame may name the story by it)."""
    named = {title.strip(" .") for title in titles(context)}
    return [plain(q) for q in quoted(text) if "](" not in q and plain(q).strip(" .") not in named]


def _tells(sentence: str, context: PartContext) -> Told:
    return told_in(sentence, context.story or context.account, context.language)


def _avoids(own: str, said: Lexicon) -> bool:
    """The part's own words show its quote as a mistake to avoid ("where you could make the
    story's mistake", "explain what went wrong here")."""
    lowered = " ".join(own.lower().split())
    return any(marker in lowered for marker in said.avoid)


def _quoted_role(role: Role, quotes: list[str], context: PartContext, own: str) -> str | None:
    """Why the story's sentences a part quotes are of another role than the part, or ``None``:
    what a learner tries is a deed of the storyteller or their team (or, for a practice, the
    lesson they state, or their own mistake shown as one to avoid); an objective explains the
    lesson, or a setback shown as what went wrong; "why it matters" says what came of it."""
    if role not in _QUOTING_ROLES:
        return None
    said = lexicon(context.language)
    for quote in quotes:
        tells = _tells(quote, context)
        if role is Role.PRACTICE and tells is Told.LESSON:
            continue
        if role is Role.PRACTICE and _avoids(own, said):
            if not mistaken(quote, context.language):
                return "shown as a mistake to avoid, but it tells no mistake of the storyteller"
            continue
        if role in (Role.PRACTICE, Role.NEXT_STEP):
            if tells is Told.SETBACK:
                return "quotes the story's problem as the thing to do"
            if tells not in DONE or not acts(quote, context.language):
                return "quotes what happened, not something the storyteller or the team did"
        if role is Role.OBJECTIVE and _avoids(own, said):
            # "explain what went wrong here and what you would do instead"
            if tells is not Told.SETBACK:
                return f"shown as what went wrong, but it is a {tells.value} sentence"
            continue
        if role is Role.OBJECTIVE and tells is not Told.LESSON:
            # what the story "means for your own work" is its lesson: a deed there was sent
            # back every time (labels-v10, tune: 0 of 4; any sentence but the lesson, 0 of 6)
            return f"quotes a {tells.value} sentence, not what was learned"
        if role is Role.WHY and tells in (Told.SETBACK, Told.DEED, Told.SITUATION):
            return f"quotes a {tells.value} sentence, not what came of it"
    return None


def _went_wrong_opening(text: str, said: Lexicon) -> str:
    """The opening that shows a key point as what went wrong ("What went wrong:"), or ""."""
    lowered = text.lower()
    return next((o for o in said.went_wrong if lowered.startswith(o)), "")


def wrong_role(part: ReadPart, context: PartContext) -> str | None:
    """Why ``part`` is material of another role, or ``None``."""
    said = lexicon(context.language)
    text = plain(part.text)
    own = outside_quotes(text)
    role = part.role
    if role in QUESTION_ROLES and not text.rstrip("\"'\u201d\u2019) ").endswith("?"):
        return "not a question"
    if role is Role.QUESTION and set(words(own)) & said.storyteller:
        return "asked from the storyteller's side"
    if role is Role.TITLE and len(words(text)) > MAX_TITLE_WORDS:
        return "a sentence, not a title"
    if role is Role.CALL:
        if not _asks(own, said):
            return "asks nothing of the team"
        if _narrates(own, said) or not _calls(own, said):
            return "tells what happened instead of asking the team to act"
        # "Nu schrijven we op de bon …", "Elk display kost ons zo'n €120 …" passed the words
        # above and were sent back: the reader reads a request, or there is none (labels-v11,
        # tune: 3 of 3 leader's sentences of another kind)
        if part.origin in _LEADERS_WORDS and (tells := _tells(text, context)) is not Told.REQUEST:
            return f"a {tells.value} sentence, not a request to the team"
    if role in (Role.PRACTICE, Role.NEXT_STEP) and not _asks(own, said):
        return "not an action for the learner"
    if found := _quoted_role(role, _story_quotes(part.text, context), context, own):
        return found
    if role is Role.KEY_POINT:
        opening = _went_wrong_opening(text, said)
        point = text[len(opening) :].strip(' \u201c\u201d"')
        tells = _tells(point, context)
        if tells is Told.SETBACK and not opening:
            return "a mistake offered as a takeaway"
        if opening and tells is not Told.SETBACK:
            return "shown as what went wrong, but it tells no mistake"
        if tells is Told.SITUATION and not opening:
            return "the story's situation, not a takeaway"
    if role is Role.CORE and not _states_lesson(text, said):
        if _setback(text, said) and _narrates(text, said):
            return "the story's setback, not its lesson"
        if part.origin in _LEADERS_WORDS:
            return "a sentence of what happened, not one that says the lesson"
    return None
