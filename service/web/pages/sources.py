"""Cited corpus ids as people read them: with the document's title and kind."""

from __future__ import annotations

from dataclasses import dataclass

from service.errors import NotFound
from service.knowledge import KnowledgeBase


@dataclass(frozen=True)
class CitedDocument:
    id: str
    title: str
    kind: str | None
    """``None`` when the id is no longer in the corpus (shown as the bare id)."""


def cited_documents(knowledge: KnowledgeBase, org: str, ids: list[str]) -> list[CitedDocument]:
    found = []
    for document_id in ids:
        try:
            document = knowledge.document(org, document_id)
        except NotFound:
            found.append(CitedDocument(document_id, document_id, None))
        else:
            found.append(CitedDocument(document_id, document.title, document.kind.value))
    return found
