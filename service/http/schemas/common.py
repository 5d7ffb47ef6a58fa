"""Types shared by request and response schemas."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

MAX_ID = 2**31 - 1
"""Ids are 32-bit on every backend; a larger number is refused as input, not overflowed."""

RowId = Annotated[int, Field(ge=1, le=MAX_ID)]
CorpusId = Annotated[str, Field(min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9-]*$")]
"""A corpus document id (``value-customer-focus``): what a citation names."""


class RequestModel(BaseModel):
    """Request bodies refuse unknown fields: a typo must not be silently dropped."""

    model_config = ConfigDict(extra="forbid")


class Paged(BaseModel):
    """What every list answers beside its rows (``service.http.paging``)."""

    count: int
    """How many rows ``data`` holds (this page's, not the whole list's)."""
    next: int | None = None
    """The ``offset`` that asks for the next page; ``null`` on the last page."""


class PersonRef(BaseModel):
    """Who wrote or did something, as other people in the organisation may see them."""

    id: int
    name: str
