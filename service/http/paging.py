"""Pages of a list: the ``limit`` and ``offset`` query parameters, and where the next page is.

Every list route takes ``limit`` (default ``DEFAULT_LIMIT``, at most ``MAX_LIMIT``; beyond it
a 422 names the field) and ``offset``, and answers ``{data, count, next}``: ``count`` rows in
``data`` and ``next``, the offset of the following page, or ``null`` on the last one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Query

from .schemas.common import MAX_ID

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
Row = TypeVar("Row")


@dataclass(frozen=True)
class PageRequest:
    limit: int
    offset: int

    @property
    def peek(self) -> int:
        """Rows to read: one more than a page, to learn whether there is a next page."""
        return self.limit + 1


def page_request(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page, at most {MAX_LIMIT}.")
    ] = DEFAULT_LIMIT,
    offset: Annotated[
        int, Query(ge=0, le=MAX_ID, description="Rows to skip: the `next` of the page before.")
    ] = 0,
) -> PageRequest:
    return PageRequest(limit, offset)


PageDep = Annotated[PageRequest, Depends(page_request)]


def cut(rows: Sequence[Row], page: PageRequest) -> tuple[list[Row], int | None]:
    """The page's rows of ``rows`` (read with ``page.peek``) and the next page's offset."""
    more = len(rows) > page.limit
    return list(rows[: page.limit]), page.offset + page.limit if more else None
