"""Open discussion questions, and a mix of kinds, in Dutch and English.

A yes/no question ends a discussion in one word. In both languages a closed question starts
with a verb ("Do you...", "Heb je..."); an open one starts with a question word ("What", "Hoe")
or asks for an account ("Describe...", "Vertel...").
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from service.knowledge.languages import words
from service.vocabulary import Language
from service.words import load_words

from ..context import ScoringContext
from ..document import ParsedDocument
from ..signals import sentences, word_set
from .registry import CheckOutcome, check, quote, unscored, verdict
from .structure import section_items

_STARTS = [load_words("question_starts", language) for language in Language]
OPEN_STARTS: dict[str, str] = {
    word: kind
    for said in _STARTS
    for kind, opening in said.section("open").lists().items()
    for word in opening
}
"""Question words and the kind of question they open; imperatives ask for an account. Both
languages' (``service/words/question_starts/``): a question is read whatever its language."""

CLOSED_STARTS = frozenset(word for said in _STARTS for word in said.listed("closed"))
"""The verbs a closed (yes/no) question starts with, in both languages."""
_DUTCH_IMPERATIVES = word_set("beschrijf vertel denk stel noem geef leg deel")
_PRONOUNS = word_set("je jij u jullie we wij ze zij")
_CONDITION = re.compile(r"^(if|when|als|wanneer|stel dat|suppose|imagine that|na|after)\b", re.I)


def question_sentence(item: str) -> str:
    """The asking part of an item: its last sentence with "?", without a leading "If ...,"."""
    said = sentences(item)
    asked = [s for s in said if s.rstrip().endswith("?")] or said or [item]
    question = asked[-1]
    if _CONDITION.match(question) and "," in question:
        question = question.split(",", 1)[1]
    return question.strip(" *_\"'“”")


def question_kind(item: str) -> str | None:
    """``why``, ``how``, ``what``, ``when-where-who``, ``tell``, ``closed``, or ``None``."""
    tokens = words(question_sentence(item))
    if not tokens:
        return None
    first = tokens[0]
    if first in ("in", "to", "op", "met", "for", "on", "from", "at") and len(tokens) > 1:
        first = tokens[1]  # "In what way...", "Op welk moment...", "To what extent..."
    if first in OPEN_STARTS:
        if first in _DUTCH_IMPERATIVES and len(tokens) > 1 and tokens[1] in _PRONOUNS:
            return "closed"  # "Denk je dat...?" is a yes/no question, "Denk aan..." is not
        return OPEN_STARTS[first]
    if first in CLOSED_STARTS:
        return "closed"
    return None


class QuestionParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    section: str = "questions"
    max_closed: int = Field(default=0, ge=0)


@check("open_questions", QuestionParams)
def open_questions(
    document: ParsedDocument, context: ScoringContext, params: QuestionParams
) -> CheckOutcome:
    """No yes/no questions (beyond ``max_closed``); a question that opens with a verb is closed."""
    items = section_items(document, params.section)
    if not items:
        return verdict(False, "no questions found")
    closed = [question_sentence(i) for i in items if question_kind(i) == "closed"]
    if len(closed) > params.max_closed:
        return verdict(False, f"{len(closed)} yes/no question(s)", quote(closed))
    return verdict(True, f"{len(items)} question(s), none answerable with yes or no")


class VarietyParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    section: str = "questions"
    min_kinds: int = Field(default=2, ge=1)


@check("question_variety", VarietyParams)
def question_variety(
    document: ParsedDocument, context: ScoringContext, params: VarietyParams
) -> CheckOutcome:
    """A mix of kinds (why, how, what, tell me about a time...), not one question five times."""
    items = section_items(document, params.section)
    if not items:
        return unscored("no questions to compare")
    kinds = {k for i in items if (k := question_kind(i)) not in (None, "closed")}
    evidence = ", ".join(sorted(kinds)) or "none"
    if len(kinds) < params.min_kinds:
        return verdict(False, f"{len(kinds)} kind(s) of open question", evidence)
    return verdict(True, f"{len(kinds)} kinds of open question", evidence)


def asks(item: str) -> bool:
    """Whether an item asks something: it ends with a question mark, or asks for an account
    ("Describe...", "Vertel over..."). "Our team answers within a day." asks nothing."""
    return question_sentence(item).rstrip().endswith("?") or question_kind(item) == "tell"


class AsksParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    section: str = "questions"
    max_statements: int = Field(default=0, ge=0)


@check("asks_questions", AsksParams)
def asks_questions(
    document: ParsedDocument, context: ScoringContext, params: AsksParams
) -> CheckOutcome:
    """Every item asks: a set of statements gives a team nothing to discuss, however well it
    scores on count and language. The other question checks cannot see this: a statement is
    neither a yes/no question nor one of a kind."""
    items = section_items(document, params.section)
    if not items:
        return verdict(False, "no questions found")
    statements = [i for i in items if not asks(i)]
    if len(statements) == len(items):
        return verdict(False, "no item is a question", quote(statements, 3))
    if len(statements) > params.max_statements:
        reason = f"{len(statements)} of {len(items)} item(s) ask nothing"
        return verdict(False, reason, quote(statements, 3))
    return verdict(True, f"all {len(items)} item(s) ask a question")
