"""What every job starts from: the priority (an id in the corpus, or the leader's own words)
and the language to answer in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.errors import InvalidInput, NotFound
from service.knowledge import DocumentKind, KnowledgeBase
from service.knowledge.languages import detect_language, words
from service.vocabulary import Language

MAX_PRIORITY_WORDS = 300
MAX_ACCOUNT_WORDS = 1500
LANGUAGE_NAMES = {Language.EN: "English", Language.NL: "Nederlands"}
"""How prompts name the output language; a Dutch output is asked for with a Dutch prompt."""
_CORPUS_ID = re.compile(r"^(?:value|priority|story|lesson)-[a-z0-9-]+$")


@dataclass(frozen=True)
class Priority:
    id: str | None
    """The corpus id, when the leader named one."""
    text: str
    titled: dict[Language, str] = field(default_factory=dict)
    """The corpus priority's title in other languages (``FrontMatter.titled``)."""

    def title_in(self, language: Language) -> str:
        """The priority's title as a text in ``language`` names it: the one it gives in that
        language, else its own (its first line). "Een verhaal bij “Every complaint answered
        within one working day”" was sent back as the wrong language (labels-v17, tune)."""
        return self.titled.get(language) or self.text.split("\n", 1)[0]


def check_text(field: str, text: str, *, max_words: int, min_words: int = 1) -> str:
    """Stripped text, or an ``InvalidInput`` that names the field and the limit."""
    text = text.strip()
    count = len(words(text))
    if count < min_words:
        if count == 0:
            raise InvalidInput(field, "empty")
        raise InvalidInput(field, "too_few_words", least=min_words)
    if count > max_words:
        raise InvalidInput(field, "too_many_words", count=count, most=max_words)
    return text


def resolve_priority(knowledge: KnowledgeBase, org: str, priority: str) -> Priority:
    """A priority id is looked up in the organisation's corpus; other text is taken as is."""
    text = check_text("priority", priority, max_words=MAX_PRIORITY_WORDS)
    if _CORPUS_ID.match(text):
        try:
            document = knowledge.document(org, text)
        except NotFound:
            raise InvalidInput("priority", "no_such_document", id=text) from None
        if document.kind is not DocumentKind.PRIORITY:
            raise InvalidInput("priority", "not_a_priority", id=text, kind=document.kind.value)
        return Priority(document.id, f"{document.title}\n\n{document.text}", document.titled)
    return Priority(None, text)


def choose_language(requested: Language | None, *texts: str) -> Language:
    """The requested language, else the language of the input, else English."""
    if requested is not None:
        return requested
    for text in texts:
        if (found := detect_language(text)) is not None:
            return found
    return Language.EN
