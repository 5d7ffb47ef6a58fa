"""Citations and invented specifics: every claim about the company cites the corpus, and a
leader's story adds no names or numbers the leader did not give (docs/design.md, principles 1, 2).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from service.knowledge.languages import words

from ..context import ScoringContext
from ..document import ParsedDocument
from ..signals import names, numbers, spelled_numbers
from .registry import CheckOutcome, check, quote, unscored, verdict

CITATION = re.compile(r"(?<![\w-])(?:value|priority|story|lesson)-[a-z0-9]+(?:-[a-z0-9]+)*")
"""A corpus id anywhere in the text: ``[story-late-shipment]``, ``(lesson-x)`` or bare."""


def citations(text: str) -> list[str]:
    return list(dict.fromkeys(CITATION.findall(text)))


class CitationParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_citations: int = Field(default=0, ge=0)


@check("valid_citations", CitationParams)
def valid_citations(
    document: ParsedDocument, context: ScoringContext, params: CitationParams
) -> CheckOutcome:
    """Every cited id is one the document could cite (the retrieved ids), and there are at
    least ``min_citations``. Without a list of allowed ids, only the count is checked."""
    cited = citations(document.body)
    if len(cited) < params.min_citations:
        return verdict(False, f"{len(cited)} citation(s); at least {params.min_citations}")
    if context.allowed_sources is None:
        if cited:
            return unscored("no list of retrieved ids to check the citations against")
        return verdict(True, "nothing cited, nothing invalid")
    invalid = [c for c in cited if c not in context.allowed_sources]
    if invalid:
        return verdict(False, f"{len(invalid)} citation(s) not among the sources", quote(invalid))
    if not cited:
        return verdict(True, "nothing cited, nothing invalid")
    return verdict(True, f"{len(cited)} citation(s), all among the sources", quote(cited))


class SpecificsParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_unsupported: int = Field(default=0, ge=0)


@lru_cache(maxsize=64)
def _known(material: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words and numbers ``material`` supports. Cached: one job checks every step's answer
    against the same material, and reading it again each time was most of a check's cost.
    A leader who says "four days" supports a story that writes "4 days"."""
    found_numbers = set(numbers(material)) | set(spelled_numbers(material))
    return frozenset(words(material)), frozenset(found_numbers)


def unsupported_numbers(text: str, material: str) -> list[str]:
    """Numbers written in digits in ``text`` that ``material`` has neither in digits nor in
    words, once each."""
    known_numbers = _known(material)[1]
    return [n for n in dict.fromkeys(numbers(text)) if n not in known_numbers]


def unsupported_names(text: str, material: str) -> list[str]:
    """Names (capitalised words inside a sentence) in ``text`` that ``material`` lacks."""
    known_words = _known(material)[0]
    return [n for n in dict.fromkeys(names(text)) if not set(words(n)) <= known_words]


def unsupported_specifics(text: str, material: str) -> list[str]:
    """Numbers and names in ``text`` that ``material`` (the account, the sources) lacks."""
    return unsupported_numbers(text, material) + unsupported_names(text, material)


@check("supported_specifics", SpecificsParams)
def supported_specifics(
    document: ParsedDocument, context: ScoringContext, params: SpecificsParams
) -> CheckOutcome:
    """Numbers and names in the output that appear nowhere in the leader's account or the
    sources are flagged as possibly invented. A signal for the reviewer, not a proof: a name
    spelled differently is flagged too."""
    if not context.has_material:
        return unscored("no leader's account or sources to hold the specifics against")
    material = "\n".join([context.leader_account or "", *context.source_texts])
    unsupported = unsupported_specifics("\n".join(document.paragraphs + document.items), material)
    if len(unsupported) > params.max_unsupported:
        reason = f"{len(unsupported)} name(s) or number(s) not in the account or sources"
        return verdict(False, reason, quote(unsupported))
    return verdict(True, "every name and number comes from the account or the sources")
