"""Pages of a list query: ``limit`` rows from ``offset``, in the query's own order.

Every list the API and the pages show is read a page at a time, so no list grows without
bound. Callers ask for one row more than they show to learn whether a next page exists
(``service.http.paging``).
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select

Query = TypeVar("Query", bound=Select[Any])


def paged(query: Query, limit: int | None, offset: int = 0) -> Query:
    """``query`` cut to ``limit`` rows from ``offset`` (all of them when ``limit`` is None)."""
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return query
