"""Retrieval evaluation: labelled queries, rank metrics, and a side-by-side of search modes.

The query sets live in ``evals/retrieval/`` as versioned YAML. A set that has reported
results is frozen; a change is a new version file.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from service.errors import InvalidInput
from service.vocabulary import Language

from .base import KnowledgeBase
from .search import SearchMode

CUTOFF = 5


class LabelledQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    query: str = Field(min_length=1)
    language: Language
    relevant: tuple[str, ...] = Field(min_length=1)
    """Document ids that answer the query, most relevant first."""


class QuerySet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    description: str = ""
    queries: tuple[LabelledQuery, ...] = Field(min_length=1)


class Scores(BaseModel):
    """Mean metrics over a group of queries."""

    queries: int
    recall_at_5: float
    mrr: float
    ndcg_at_5: float


class ModeReport(BaseModel):
    mode: SearchMode
    overall: Scores
    by_group: dict[str, Scores]
    """``nl``, ``en`` (query language) and ``cross-lingual``."""
    misses: list[str]
    """Ids of queries whose first relevant document is not in the top 5."""


def load_query_set(path: Path) -> QuerySet:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return QuerySet.model_validate(data)
    except FileNotFoundError:
        raise InvalidInput("queries", f"no such file: {path}") from None
    except (yaml.YAMLError, ValidationError) as exc:
        raise InvalidInput("queries", f"{path}: {exc}") from None


def recall_at(ranked: Sequence[str], relevant: Sequence[str], k: int = CUTOFF) -> float:
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: Sequence[str]) -> float:
    return next((1.0 / rank for rank, doc in enumerate(ranked, 1) if doc in relevant), 0.0)


def ndcg_at(ranked: Sequence[str], relevant: Sequence[str], k: int = CUTOFF) -> float:
    """Binary-relevance nDCG: every labelled document counts the same."""
    gains = sum(
        1 / math.log2(rank + 1) for rank, doc in enumerate(ranked[:k], 1) if doc in relevant
    )
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(relevant), k) + 1))
    return gains / ideal


def evaluate(
    knowledge: KnowledgeBase,
    org: str,
    query_set: QuerySet,
    languages: dict[str, Language],
    modes: Sequence[SearchMode] = tuple(SearchMode),
) -> list[ModeReport]:
    """Run every query in every mode; ``languages`` maps document id to its language."""
    unknown = {d for q in query_set.queries for d in q.relevant if d not in languages}
    if unknown:
        raise InvalidInput("queries", f"relevant ids not in the corpus: {sorted(unknown)}")
    reports = []
    for mode in modes:
        rows: dict[str, list[tuple[float, float, float]]] = {}
        misses = []
        for labelled in query_set.queries:
            hits = knowledge.search(org, labelled.query, k=10, mode=mode)
            ranked = [h.id for h in hits]
            row = (
                recall_at(ranked, labelled.relevant),
                reciprocal_rank(ranked, labelled.relevant),
                ndcg_at(ranked, labelled.relevant),
            )
            crossing = all(languages[d] != labelled.language for d in labelled.relevant)
            for group in ("all", labelled.language.value, *(["cross-lingual"] if crossing else [])):
                rows.setdefault(group, []).append(row)
            if not set(ranked[:CUTOFF]) & set(labelled.relevant):
                misses.append(labelled.id)
        scores = {group: _mean(values) for group, values in rows.items()}
        overall = scores.pop("all")
        reports.append(ModeReport(mode=mode, overall=overall, by_group=scores, misses=misses))
    return reports


def _mean(rows: list[tuple[float, float, float]]) -> Scores:
    n = len(rows)
    return Scores(
        queries=n,
        recall_at_5=round(sum(r[0] for r in rows) / n, 4),
        mrr=round(sum(r[1] for r in rows) / n, 4),
        ndcg_at_5=round(sum(r[2] for r in rows) / n, 4),
    )
