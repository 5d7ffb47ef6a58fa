"""Corpus passages a job may use, and the rule that citations must point at them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel

from service.knowledge import DocumentKind, KnowledgeBase, SearchFilters, SearchHit
from service.knowledge.citations import keep_citations

from .steps import StepLog


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


def remove_invalid_citations(text: str, sources: Sources) -> tuple[str, int]:
    """Remove the citations that do not point at a retrieved document (a link keeps its
    title as plain words); count them."""
    return keep_citations(text, set(sources.ids))


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
