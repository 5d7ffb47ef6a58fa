"""The OpenAI chat-completions wire format, as far as StoryCoach speaks it.

Requests are lenient (clients send many parameters we do not use: temperature, top_p, user
...), and are ignored rather than refused; what we read is checked strictly.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from service.vocabulary import Language

from .conversations import MESSAGE_CHARS, CitationPublic

MODEL_ID = "storycoach"
"""The one model: the coach (interview, then a story draft from the leader's answers)."""


class TextPart(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str
    text: Annotated[str, Field(max_length=MESSAGE_CHARS)] | None = None


class ChatMessageIn(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: Annotated[str, Field(max_length=MESSAGE_CHARS)] | list[TextPart] | None = None


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    model: Annotated[str, Field(min_length=1, max_length=200)]
    messages: Annotated[list[ChatMessageIn], Field(min_length=1, max_length=200)]
    stream: bool = False
    language: Language | None = None
    """Not OpenAI's: the language of the chat (``extra_body={"language": "nl"}``); default:
    the priority's."""


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "storycoach"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: AssistantMessage
    finish_reason: Literal["stop"] = "stop"
    logprobs: None = None


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: Usage = Field(default_factory=Usage)
    citations: list[CitationPublic]
    """Not OpenAI's: the cited corpus documents (also listed at the end of the content)."""


class ChunkDelta(BaseModel):
    role: Literal["assistant"] | None = None
    content: str | None = None
    reasoning_content: str | None = None
    """Not OpenAI's, but shown by many chat front ends: the parts as the model writes them,
    before the finished draft arrives in ``content``."""


class ChunkChoice(BaseModel):
    index: int = 0
    delta: ChunkDelta
    finish_reason: Literal["stop"] | None = None
    logprobs: None = None


class ChatCompletionChunk(BaseModel):
    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str
    choices: list[ChunkChoice]
    citations: list[CitationPublic] | None = None

    def wire(self) -> str:
        return self.model_dump_json(exclude_none=True)


def openai_error(
    message: str, kind: str, param: str | None = None, code: str | None = None
) -> dict[str, Any]:
    """OpenAI's error body: ``{"error": {"message", "type", "param", "code"}}``."""
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}
