"""Corpus loading, chunking, embedding, indexing and hybrid search.

``Language`` lives in ``service.vocabulary``; it is re-exported here because a document's
language is part of what this package speaks of (``FrontMatter``, ``SearchFilters``).
"""

from service.vocabulary import Language

from .base import IndexedDocument, KnowledgeBase, ListedDocument, check_org
from .corpus import CorpusLoad, CorpusProblem, load_corpus
from .documents import CorpusDocument, DocumentKind, FrontMatter, Outcome, every_title, title_in
from .ingest import IngestReport
from .search import SearchFilters, SearchHit, SearchMode

__all__ = [
    "CorpusDocument",
    "CorpusLoad",
    "CorpusProblem",
    "DocumentKind",
    "FrontMatter",
    "IndexedDocument",
    "IngestReport",
    "KnowledgeBase",
    "Language",
    "ListedDocument",
    "Outcome",
    "SearchFilters",
    "SearchHit",
    "SearchMode",
    "check_org",
    "every_title",
    "load_corpus",
    "title_in",
]
