"""A cap on request bodies, checked before any handler reads one.

Nothing StoryCoach accepts comes near 256 KiB (a long story is about 20 KiB), so a bigger
body is a mistake or an attack, and is refused with a JSON 413 before it is buffered.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 256 * 1024


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that hands out ``messages`` first, then waits on the real one (which
    reports the client's disconnect, as streaming responses need)."""
    pending = list(messages)

    async def replaying() -> Message:
        return pending.pop(0) if pending else await receive()

    return replaying


def _too_large_body(limit: int) -> bytes:
    message = f"the request body is larger than {limit // 1024} KiB"
    return json.dumps(
        {"error": {"code": "body_too_large", "message": message, "field": None}}
    ).encode()


class BodySizeLimit:
    """Pure ASGI middleware: a declared ``Content-Length`` over the limit is refused at once;
    a chunked body is read up to the limit and refused when it passes it."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        if declared is not None:
            await self.app(scope, receive, send)  # the server holds the body to its length
            return
        # No length declared (chunked): read the body here, at most the limit, then replay it.
        # Refusing from inside the app's receive would not work: FastAPI turns any error while
        # reading a body into a 400.
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._refuse(send)
                return
            if not message.get("more_body", False):
                break
        whole: Message = {"type": "http.request", "body": bytes(body), "more_body": False}
        await self.app(scope, _replay([whole], receive), send)

    async def _refuse(self, send: Send) -> None:
        body = _too_large_body(self.max_bytes)
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
