"""``GET /api/me``: who the key or session belongs to."""

from __future__ import annotations

from fastapi import APIRouter

from service.http.deps import CallerDep
from service.http.routing import CommittingRoute
from service.http.schemas import MePublic

router = APIRouter(route_class=CommittingRoute, tags=["people"])


@router.get("/me")
def me(caller: CallerDep) -> MePublic:
    """The caller, their organisation and role (and, for browsers, the CSRF token)."""
    person = caller.person
    return MePublic(
        id=person.id,
        name=person.name,
        email=person.email,
        role=person.role,
        locale=person.locale,
        org=caller.org,
        authenticated_by=caller.via,
        csrf_token=caller.csrf_token,
    )
