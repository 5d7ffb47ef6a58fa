"""OpenAI-compatible routes: any OpenAI client or chat front end can talk to the coach.

``GET /v1/models`` and ``POST /v1/chat/completions`` (streaming or not), authenticated with
an API key like ``/api``. The chat is stateless: the messages array is the whole chat, read as
a stored conversation is (``service.chat.transcript``): the first user message is the priority
(a corpus id or own words) and the reply is the interview's questions; the leader's later
messages are their account and then feedback, and the reply is a story draft built from their
words only, with the cited documents listed at the end. Errors use OpenAI's shape.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from service.chat import Reply, Said, chat_language, check_account_size, final_reply, stream_reply
from service.coach import Delta
from service.coach.model import ChatModel
from service.errors import InvalidInput
from service.http.attempts import TooManyFailedSignIns
from service.http.auth import Caller, NotAuthenticated, caller_by_key
from service.http.deps import DatabaseDep, KnowledgeDep, ModelDep, QueueDep
from service.http.errors import describe_error
from service.http.language import request_language
from service.http.model_queue import QueueFull, Ticket, take_place
from service.http.public import citations_public
from service.http.routing import CommittingRoute
from service.http.schemas import CitationPublic
from service.http.schemas.openai import (
    MODEL_ID,
    AssistantMessage,
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionRequest,
    ChatMessageIn,
    Choice,
    ChunkChoice,
    ChunkDelta,
    ModelCard,
    ModelList,
    openai_error,
)
from service.knowledge import KnowledgeBase
from service.store import MessageRole, Role
from service.vocabulary import Language
from service.words import load_words

router = APIRouter(route_class=CommittingRoute, tags=["openai"])
CHATTERS = frozenset({Role.LEADER, Role.ADMIN})
PIECE_CHARS = 24
"""The finished reply is sent in pieces of about this size, as a model's tokens would be."""


class OpenAIError(Exception):
    """An error answered in OpenAI's shape, with its status code."""

    def __init__(
        self,
        status: int,
        message: str,
        kind: str,
        param: str | None = None,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = openai_error(message, kind, param, code)
        self.headers = dict(headers or {})
        if status == 401:
            self.headers["WWW-Authenticate"] = "Bearer"


def install_openai_errors(app: FastAPI) -> None:
    @app.exception_handler(OpenAIError)
    async def _openai(_: Request, exc: OpenAIError) -> JSONResponse:
        return JSONResponse(exc.body, status_code=exc.status, headers=exc.headers or None)


def _caller(request: Request, database: DatabaseDep) -> Caller:
    """The key's caller, looked up in a transaction that ends at once: a chat request may
    then wait for the model without holding a database connection."""
    header = request.headers.get("authorization")
    if header is None:
        raise OpenAIError(
            401,
            "send your API key as 'Authorization: Bearer <key>'",
            "invalid_request_error",
            code="invalid_api_key",
        )
    try:
        with database.transaction() as session:
            return caller_by_key(request, session, header)
    except NotAuthenticated as exc:
        raise OpenAIError(
            401, exc.message, "invalid_request_error", code="invalid_api_key"
        ) from None
    except TooManyFailedSignIns as exc:
        info = describe_error(exc, request_language(request))
        raise OpenAIError(
            429, info.message, "rate_limit_error", code=info.code, headers=info.headers
        ) from None


KeyCallerDep = Annotated[Caller, Depends(_caller)]


async def _ticket(caller: KeyCallerDep, queue: QueueDep) -> AsyncIterator[Ticket]:
    """A place in the model's queue (``service/http/model_queue.py``), held until the
    response is sent; a full queue is OpenAI's 429 with ``Retry-After``."""
    try:
        ticket = take_place(queue, caller)
    except QueueFull as exc:
        raise OpenAIError(
            429,
            exc.message,
            "rate_limit_error",
            code="model_busy",
            headers={"Retry-After": str(exc.retry_after)},
        ) from None
    try:
        yield ticket
    finally:
        queue.release(ticket)


TicketDep = Annotated[Ticket, Depends(_ticket)]


def _from_domain(
    exc: Exception, param: str | None = None, language: Language = Language.EN
) -> OpenAIError:
    """``exc`` in OpenAI's shape; a model failure or an unexpected error in fixed words in
    ``language``, never the exception's text (``describe_error``)."""
    info = describe_error(exc, language)
    if info.status == 422:
        param = param or info.field
        return OpenAIError(400, info.message, "invalid_request_error", param, info.code)
    kind = "invalid_request_error" if info.status < 500 else "api_error"
    return OpenAIError(info.status, info.message, kind, info.field, info.code)


@router.get("/models")
def models(caller: KeyCallerDep) -> ModelList:
    return ModelList(data=[ModelCard(id=MODEL_ID)])


@router.get("/models/{model_id}")
def model_card(model_id: str, caller: KeyCallerDep) -> ModelCard:
    _known_model(model_id)
    return ModelCard(id=MODEL_ID)


@router.post("/chat/completions", response_model=None)
async def chat_completions(
    request: Request,
    caller: KeyCallerDep,
    ticket: TicketDep,
    queue: QueueDep,
    knowledge: KnowledgeDep,
    model: ModelDep,
) -> JSONResponse | EventSourceResponse:
    """The coach's next reply to the chat in ``messages``."""
    body = await _request(request)
    _known_model(body.model)
    if caller.role not in CHATTERS:
        raise OpenAIError(
            403,
            f"chatting with the coach needs the role leader; you are a {caller.role.value}",
            "permission_error",
            code="forbidden",
        )
    said = _said(body.messages)
    told = body.language or request_language(request)
    language = await run_in_threadpool(_prepare, knowledge, caller.org, said, body.language, told)
    completion_id = f"chatcmpl-{uuid.uuid4().hex}"
    await queue.wait(ticket)  # in the event loop: no thread, no connection held
    if body.stream:
        chunks = _chunks(completion_id, model, knowledge, caller.org, said, language)
        return EventSourceResponse(chunks, sep="\n")
    try:
        reply = await run_in_threadpool(
            lambda: final_reply(stream_reply(model, knowledge, caller.org, said, language))
        )
    except Exception as exc:
        raise _from_domain(exc, language=language) from None
    cited = citations_public(knowledge, caller.org, list(reply.citations))
    completion = ChatCompletion(
        id=completion_id,
        created=int(time.time()),
        model=MODEL_ID,
        choices=[Choice(message=AssistantMessage(content=_content(reply, cited)))],
        citations=cited,
    )
    return JSONResponse(completion.model_dump(mode="json"))


async def _request(request: Request) -> ChatCompletionRequest:
    try:
        raw = await request.json()
    except ValueError:
        raise OpenAIError(
            400,
            "the request body is not valid JSON",
            "invalid_request_error",
            code="malformed_json",
        ) from None
    try:
        return ChatCompletionRequest.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        param = ".".join(str(p) for p in error["loc"]) or None
        raise OpenAIError(
            400, error["msg"], "invalid_request_error", param, "invalid_value"
        ) from None


def _known_model(model_id: str) -> None:
    if model_id != MODEL_ID:
        raise OpenAIError(
            404,
            f"The model '{model_id}' does not exist; use '{MODEL_ID}'",
            "invalid_request_error",
            "model",
            "model_not_found",
        )


def _said(messages: list[ChatMessageIn]) -> list[Said]:
    """The chat without system prompts (the coach has its own), as the leader's and the
    coach's messages; refuses what the coach cannot read, naming the message."""
    said: list[Said] = []
    for index, message in enumerate(messages):
        param = f"messages.{index}.content"
        if message.role in ("system", "developer"):
            continue
        if message.role not in ("user", "assistant"):
            raise OpenAIError(
                400,
                f"the coach does not use {message.role} messages",
                "invalid_request_error",
                f"messages.{index}.role",
                "invalid_value",
            )
        text = _text(message, param)
        if message.role == "user" and not text.strip():
            raise OpenAIError(
                400,
                "a user message must not be empty",
                "invalid_request_error",
                param,
                "invalid_value",
            )
        role = MessageRole.USER if message.role == "user" else MessageRole.ASSISTANT
        said.append(Said(role, text))
    if not said or said[0].role is not MessageRole.USER:
        raise OpenAIError(
            400,
            "start the chat with a user message: the priority to find a story for",
            "invalid_request_error",
            "messages",
            "invalid_value",
        )
    if said[-1].role is not MessageRole.USER:
        raise OpenAIError(
            400,
            "the last message must be the leader's (role user)",
            "invalid_request_error",
            "messages",
            "invalid_value",
        )
    return said


def _text(message: ChatMessageIn, param: str) -> str:
    if message.content is None:
        return ""
    if isinstance(message.content, str):
        return message.content
    texts = []
    for part in message.content:
        if part.type != "text" or part.text is None:
            raise OpenAIError(
                400,
                f"only text parts are supported, not '{part.type}'",
                "invalid_request_error",
                param,
                "invalid_value",
            )
        texts.append(part.text)
    return "\n".join(texts)


def _prepare(
    knowledge: KnowledgeBase, org: str, said: list[Said], requested: Language | None, told: Language
) -> Language:
    """Check the priority and the account before anything streams, so a bad request gets its
    status code, its reason in ``told`` (the caller's language); returns the chat's language."""
    try:
        language = chat_language(knowledge, org, said[0].content, requested)
        check_account_size(said)
    except InvalidInput as exc:
        param = "messages.0.content" if exc.field == "priority" else "messages"
        raise _from_domain(exc, param, told) from None
    return language


def _content(reply: Reply, cited: list[CitationPublic]) -> str:
    if not cited:
        return reply.content
    listed = "\n".join(f"- [{c.id}] {c.title}" for c in cited)
    sources = load_words("chat", reply.language)["replies.sources"]
    return f"{reply.content}\n\n**{sources}:**\n{listed}"


def _chunks(
    completion_id: str,
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    said: list[Said],
    language: Language,
) -> Iterator[ServerSentEvent]:
    """OpenAI's chunk stream: the role, the parts as the model writes them (as reasoning),
    the finished reply in pieces, a last chunk with ``finish_reason``, then ``[DONE]``."""
    created = int(time.time())

    def chunk(
        delta: ChunkDelta, *, finish: bool = False, cited: list[CitationPublic] | None = None
    ) -> ServerSentEvent:
        body = ChatCompletionChunk(
            id=completion_id,
            created=created,
            model=MODEL_ID,
            choices=[ChunkChoice(delta=delta, finish_reason="stop" if finish else None)],
            citations=cited,
        )
        return ServerSentEvent(body.wire())

    yield chunk(ChunkDelta(role="assistant", content=""))
    try:
        for event in stream_reply(model, knowledge, org, said, language):
            if isinstance(event, Delta):
                text = ("\n" if event.restart else "") + event.text
                yield chunk(ChunkDelta(reasoning_content=text))
                continue
            cited = citations_public(knowledge, org, list(event.citations))
            content = _content(event, cited)
            for start in range(0, len(content), PIECE_CHARS):
                yield chunk(ChunkDelta(content=content[start : start + PIECE_CHARS]))
            yield chunk(ChunkDelta(), finish=True, cited=cited)
    except Exception as exc:  # the stream has begun: report in-band, as OpenAI does
        yield ServerSentEvent(json.dumps(_from_domain(exc, language=language).body))
        return
    yield ServerSentEvent("[DONE]")
