"""Liveness for load balancers and the run script."""

from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/health")
async def health() -> dict[str, str]:  # async: no threadpool slot needed to say "ok"
    return {"status": "ok"}
