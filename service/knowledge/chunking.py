"""Splitting documents into chunks with stable ids and content hashes.

Chunks follow paragraphs, so a passage shown to a leader or cited by the coach reads as a whole
thought. Each chunk carries its document's title, which is what people search for as often as
the body. The id (``doc-id#n``) is stable while the document keeps its shape, and the hash lets
re-ingest skip what did not change.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .documents import CorpusDocument

MAX_CHUNK_WORDS = 160
"""Long enough for a story's beat, short enough that one chunk is one idea for the embedder."""


@dataclass(frozen=True)
class Chunk:
    """A piece of a document as it is indexed."""

    id: str
    document_id: str
    position: int
    text: str
    """The title and the passage, which is what gets embedded and shown."""
    metadata: dict[str, str | int | float | bool]
    content_hash: str


def chunk_document(document: CorpusDocument, *, source: str = "corpus") -> list[Chunk]:
    """Split a document into paragraph-aligned chunks of at most ``MAX_CHUNK_WORDS`` words."""
    meta = document.meta
    metadata: dict[str, str | int | float | bool] = {
        "document_id": meta.id,
        "kind": meta.kind.value,
        "title": meta.title,
        "language": meta.language.value,
        "outcome": meta.outcome.value if meta.outcome else "",
        "author": meta.author or "",
        "source": source,
    }
    # Lists are stored as one boolean key per member so every store can filter on them.
    metadata.update({f"value:{v}": True for v in meta.values})
    metadata.update({f"title:{language.value}": t for language, t in meta.titled.items()})
    metadata.update({f"tag:{t}": True for t in meta.tags})
    passages = _pack_paragraphs(_paragraphs(document.body))
    chunks = []
    for position, passage in enumerate(passages):
        text = f"{meta.title}\n\n{passage}"
        digest = hashlib.sha256()
        digest.update(text.encode())
        digest.update(repr(sorted(metadata.items())).encode())
        chunks.append(
            Chunk(
                id=f"{meta.id}#{position}",
                document_id=meta.id,
                position=position,
                text=text,
                metadata={**metadata, "position": position},
                content_hash=digest.hexdigest(),
            )
        )
    return chunks


def _paragraphs(body: str) -> list[str]:
    """Paragraphs of Markdown text; a heading stays with the paragraph under it."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]
    merged: list[str] = []
    for block in blocks:
        if merged and merged[-1].startswith("#") and "\n" not in merged[-1]:
            merged[-1] = f"{merged[-1]}\n{block}"
        else:
            merged.append(block)
    return merged


def _pack_paragraphs(paragraphs: list[str]) -> list[str]:
    """Join short paragraphs and split long ones so chunks stay near the size limit."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for paragraph in paragraphs:
        for piece in _split_long(paragraph):
            words = len(piece.split())
            if current and size + words > MAX_CHUNK_WORDS:
                chunks.append("\n\n".join(current))
                current, size = [], 0
            current.append(piece)
            size += words
    if current:
        chunks.append("\n\n".join(current))
    return chunks


def _split_long(paragraph: str) -> list[str]:
    """A paragraph longer than the limit is cut at sentence ends."""
    if len(paragraph.split()) <= MAX_CHUNK_WORDS:
        return [paragraph]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
        if current and len(" ".join([*current, sentence]).split()) > MAX_CHUNK_WORDS:
            pieces.append(" ".join(current))
            current = []
        current.append(sentence)
    if current:
        pieces.append(" ".join(current))
    return pieces
