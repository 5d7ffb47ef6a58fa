"""A recording hop between the service and one model server: the time each model call takes.

    python -m bench.scale_proxy --port PORT (--upstream http://127.0.0.1:8081 | --instant)

``bench.scale`` puts one in front of each ``storycoach llm serve``; the web process's
``model_api_base`` lists the proxies, so litellm's Router spreads calls over them as it would
over the servers. Every request is forwarded as it came and its answer relayed byte by byte
(streams stay streams); what the proxy keeps per call is when it started, how long the model
server took to the last byte, and the request body, so the bench can subtract the time spent
inside the model from a request's wall time, and replay the same calls at the bare server.
``GET /_bench/calls`` returns them. The hop itself is loopback HTTP in its own process: about
a millisecond per call, counted as model time (so the service's overhead is, if anything,
understated by that much).

With ``--instant`` there is no upstream: the proxy answers itself, in the OpenAI shape, with
``service.testing.InstantModel``, so ``bench.scale --smoke`` runs the whole path in seconds.
"""

from __future__ import annotations

import argparse
import json
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import asdict, dataclass
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from service.testing import InstantModel

HOP_HEADERS = {"content-length", "transfer-encoding", "connection", "host", "keep-alive"}


@dataclass(frozen=True)
class ModelCall:
    """One call as the proxy saw it."""

    started: float
    """Unix time the request reached the proxy."""
    seconds: float
    """From then to the model server's last byte."""
    status: int
    body: str
    """The request body, as sent (for replaying the same call at the bare server)."""


def instant_answer(body: dict[str, Any], model: InstantModel) -> tuple[str, int]:
    """The instant model's reply to an OpenAI chat request: its text, and the tokens asked."""
    response_format = body.get("response_format") or {}
    schema = (response_format.get("json_schema") or {}).get("schema")
    messages = [
        {"role": str(m.get("role")), "content": str(m.get("content") or "")}
        for m in body.get("messages", [])
    ]
    text = model.complete(messages, schema=schema).text
    return text, int(body.get("max_tokens") or 0)


def _completion(text: str, name: str, chunk: bool, last: bool = False) -> dict[str, Any]:
    common = {"id": f"chatcmpl-{uuid.uuid4().hex}", "created": int(time.time()), "model": name}
    if chunk:
        delta = {} if last else {"role": "assistant", "content": text}
        choice = {"index": 0, "delta": delta, "finish_reason": "stop" if last else None}
        return {**common, "object": "chat.completion.chunk", "choices": [choice]}
    message = {"role": "assistant", "content": text}
    usage = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
    return {
        **common,
        "object": "chat.completion",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": usage,
    }


def build_proxy(upstream: str | None) -> Starlette:
    """The proxy's app: forwards to ``upstream``, or answers instantly when it is ``None``."""
    calls: list[ModelCall] = []
    client = httpx.AsyncClient(timeout=900)
    instant = InstantModel()

    async def recorded(request: Request) -> JSONResponse:
        return JSONResponse([asdict(call) for call in calls])

    async def answer_instantly(request: Request, raw: bytes, started: float) -> Response:
        body = json.loads(raw)
        text, _ = instant_answer(body, instant)
        name = str(body.get("model", "instant"))
        calls.append(ModelCall(started, 0.0, 200, raw.decode()))
        if not body.get("stream"):
            return JSONResponse(_completion(text, name, chunk=False))

        async def events() -> AsyncIterator[bytes]:
            for last in (False, True):  # litellm wants a finish_reason before [DONE]
                piece = _completion(text, name, chunk=True, last=last)
                yield f"data: {json.dumps(piece)}\n\n".encode()
            yield b"data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    async def forward(request: Request) -> Response:
        raw = await request.body()
        started, clock = time.time(), time.perf_counter()
        if upstream is None:
            return await answer_instantly(request, raw, started)
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_HEADERS}
        outgoing = client.build_request(
            request.method, f"{upstream}{request.url.path}", content=raw, headers=headers
        )
        answer = await client.send(outgoing, stream=True)

        async def relay() -> AsyncIterator[bytes]:
            try:
                async for chunk in answer.aiter_raw():
                    yield chunk
            finally:
                await answer.aclose()
                seconds = time.perf_counter() - clock
                calls.append(ModelCall(started, seconds, answer.status_code, raw.decode()))

        kept = {k: v for k, v in answer.headers.items() if k.lower() not in HOP_HEADERS}
        return StreamingResponse(relay(), status_code=answer.status_code, headers=kept)

    return Starlette(
        routes=[
            Route("/_bench/calls", recorded, methods=["GET"]),
            Route("/{path:path}", forward, methods=["GET", "POST"]),
        ],
        lifespan=_closing(client),
    )


def _closing(client: httpx.AsyncClient) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        await client.aclose()

    return lifespan


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--upstream", help="the model server, e.g. http://127.0.0.1:8081")
    where.add_argument("--instant", action="store_true", help="answer with the instant model")
    args = parser.parse_args()
    app = build_proxy(None if args.instant else args.upstream.rstrip("/"))
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
