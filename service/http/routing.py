"""Routes that commit the request's transaction as soon as the handler returns.

The request's session (``deps.SessionDep``) would otherwise commit when the dependency exits,
which FastAPI runs after it has validated the response, and for a ``def`` handler that
validation waits for a threadpool thread. Under load (measured with ``bench.load``, 50 chat
streams) every thread was busy in SQLite waiting for the very write lock the finished
request still held: requests stalled until the busy timeout and failed with "database is
locked". Committing right after the handler returns releases the lock before anything else
is waited for; the dependency's exit then has nothing left to commit. Sessions do not expire
objects on commit, so the response is built from the committed objects without new queries.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from fastapi.routing import APIRoute
from sqlalchemy.orm import Session


def _commit_sessions(arguments: dict[str, Any]) -> None:
    for value in arguments.values():
        if isinstance(value, Session) and value.in_transaction():
            value.commit()


def committing(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """``endpoint``, committing any session it was given once it has returned."""
    if inspect.iscoroutinefunction(endpoint):

        @functools.wraps(endpoint)
        async def run_async(*args: Any, **kwargs: Any) -> Any:
            result = await endpoint(*args, **kwargs)
            _commit_sessions(kwargs)
            return result

        return run_async

    @functools.wraps(endpoint)
    def run(*args: Any, **kwargs: Any) -> Any:
        result = endpoint(*args, **kwargs)
        _commit_sessions(kwargs)
        return result

    return run


class CommittingRoute(APIRoute):
    """An ``APIRoute`` whose handler commits its session before the response is prepared."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, committing(endpoint), **kwargs)
