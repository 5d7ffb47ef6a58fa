"""Corpus passages a job may use, and the rule that citations must point at them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel

from service.knowledge import DocumentKind, KnowledgeBase, SearchFilters, SearchHit

from .steps import StepLog

_CITED = re.compile(r"\[((?:value|priority|story|lesson)-[a-z0-9-]+)\]")


@dataclass(frozen=True)
class Sources:
    """The retrieved documents, best first."""

    hits: tuple[SearchHit, ...]

    @property
    def ids(self) -> list[str]:
        return [h.id for h in self.hits]

    def of_kind(self, kind: DocumentKind) -> list[SearchHit]:
        return [h for h in self.hits if h.kind is kind]

    def as_prompt_text(self) -> str:
        """One block per document: its id to cite, kind, title and the matching passage."""
        return "\n\n".join(
            f"[{h.id}] ({h.kind.value}) {h.title}\n{h.text.split(chr(10) * 2, 1)[-1]}"
            for h in self.hits
        )

    def keep_cited(self, cited: Iterable[str]) -> tuple[list[str], int]:
        """Citations that point at retrieved documents (deduplicated), and how many did not."""
        allowed = set(self.ids)
        kept: list[str] = []
        dropped = 0
        for identifier in cited:
            if identifier not in allowed:
                dropped += 1
            elif identifier not in kept:
                kept.append(identifier)
        return kept, dropped


def cited_ids(text: str) -> list[str]:
    """Ids cited in text as ``[story-x]``."""
    return _CITED.findall(text)


def remove_invalid_citations(text: str, sources: Sources) -> tuple[str, int]:
    """Strip ``[id]`` markers that do not point at a retrieved document; count them."""
    allowed = set(sources.ids)
    dropped = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal dropped
        if match.group(1) in allowed:
            return match.group(0)
        dropped += 1
        return ""

    return re.sub(r"\s?" + _CITED.pattern, replace, text), dropped


def gather_sources(
    knowledge: KnowledgeBase, org: str, query: str, *, values: int = 3, stories: int = 3
) -> Sources:
    """Values and past stories that fit ``query``: what a story may link to and cite."""
    found = [
        *knowledge.search(org, query, k=values, filters=SearchFilters(kind=DocumentKind.VALUE)),
        *knowledge.search(org, query, k=stories, filters=SearchFilters(kind=DocumentKind.STORY)),
    ]
    return Sources(tuple(found))


class ResultMeta(BaseModel):
    """How a result was made: enough to audit it and to reproduce the prompts."""

    model: str
    prompts: list[str]
    """Template ids with versions, in the order they ran."""
    calls: int
    retries: int
    retrieved: list[str]
    """Ids of the corpus documents the job was given."""
    invalid_citations_removed: int = 0

    @classmethod
    def of(cls, model: str, log: StepLog, sources: Sources, removed: int = 0) -> ResultMeta:
        return cls(
            model=model,
            prompts=log.prompts,
            calls=log.calls,
            retries=log.retries,
            retrieved=sources.ids,
            invalid_citations_removed=removed,
        )
