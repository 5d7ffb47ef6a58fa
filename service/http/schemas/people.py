"""The caller, as ``GET /api/me`` describes them."""

from __future__ import annotations

from pydantic import BaseModel

from service.store import Role
from service.vocabulary import Language


class MePublic(BaseModel):
    id: int
    name: str
    email: str | None
    role: Role
    locale: Language
    org: str
    """The organisation id; everything the caller sees is scoped to it."""
    authenticated_by: str
    """``key`` or ``session``."""
    csrf_token: str | None
    """For signed-in browsers: send it as ``X-CSRF-Token`` on POST/PATCH/PUT/DELETE."""
