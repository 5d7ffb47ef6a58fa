"""Handlers commit as soon as they return, before FastAPI prepares the response."""

from __future__ import annotations

import inspect
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from service.http.routing import committing


def test_the_write_is_visible_to_others_once_the_handler_returns(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.begin() as connection:
        connection.execute(text("create table notes (body text)"))

    def handler(session: Session) -> str:
        session.execute(text("insert into notes values ('kept')"))
        return "done"

    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions() as session, session.begin():  # what the request's dependency does
        assert committing(handler)(session=session) == "done"
        # Still inside the dependency: another connection already sees the row, so the
        # write lock is free while FastAPI validates and sends the response.
        with engine.connect() as other:
            assert other.execute(text("select body from notes")).scalars().all() == ["kept"]
    engine.dispose()


def test_the_wrapper_keeps_the_signature_fastapi_reads() -> None:
    def handler(session: Session, name: str = "x") -> str:
        return name

    async def async_handler(session: Session) -> str:
        return "ok"

    assert inspect.signature(committing(handler)) == inspect.signature(handler)
    assert inspect.iscoroutinefunction(committing(async_handler))
