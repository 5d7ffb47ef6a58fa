"""The embedded model: llama.cpp in this process, served to litellm as a custom provider.

``storycoach/<model-name>`` is then a model string like any other, so the coach, the judge and
the OpenAI-compatible API never know whether they talk to the embedded model or a provider.
A llama.cpp context is not thread-safe: every call, a whole stream included, holds the model's
lock. Async calls run the blocking work in a worker thread so the event loop stays free.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Generator, Iterator
from pathlib import Path
from typing import Any

import litellm
from litellm import CustomLLM
from litellm.types.utils import GenericStreamingChunk, ModelResponse

from service.errors import ConfigurationError

from .grammar import llama_response_format
from .native import without_extra_buffer_types
from .weights import EMBEDDED_MODELS, assemble_weights

PROVIDER = "storycoach"
_PASSED = ("max_tokens", "temperature", "top_p", "stop", "seed", "response_format")


class LocalModel:
    """One llama.cpp model; calls are serialised by a lock."""

    def __init__(self, path: Path, *, threads: int, context: int) -> None:
        from llama_cpp import Llama

        without_extra_buffer_types()

        self.path = path
        self.llama = Llama(model_path=str(path), n_ctx=context, n_threads=threads, verbose=False)
        self.lock = threading.Lock()

    def close(self) -> None:
        """Free the model now. Left to interpreter shutdown, llama.cpp's own finaliser can run
        after its C bindings are gone: a traceback at best, a segmentation fault at worst."""
        with self.lock:
            self.llama.close()

    def chat(self, messages: list[dict[str, str]], **params: Any) -> dict[str, Any]:
        with self.lock:
            result: dict[str, Any] = self.llama.create_chat_completion(messages=messages, **params)
        return result

    def chat_stream(self, messages: list[dict[str, str]], **params: Any) -> Iterator[str]:
        """Text deltas; the lock is held until the stream ends or is closed."""
        with self.lock:
            for chunk in self.llama.create_chat_completion(
                messages=messages, stream=True, **params
            ):
                text = chunk["choices"][0]["delta"].get("content")
                if text:
                    yield text


def llama_params(optional_params: dict[str, Any] | None) -> dict[str, Any]:
    """litellm's OpenAI-style parameters in the form llama-cpp-python understands."""
    given = dict(optional_params or {})
    params = {k: given[k] for k in _PASSED if given.get(k) is not None}
    if "max_tokens" not in params and given.get("max_completion_tokens"):
        params["max_tokens"] = given["max_completion_tokens"]
    if "response_format" in params:
        params["response_format"] = llama_response_format(params["response_format"])
    return params


class EmbeddedProvider(CustomLLM):  # type: ignore[misc]
    """Serves ``storycoach/<name>`` models through litellm's custom provider interface."""

    def __init__(self, models_dir: Path, *, threads: int, context: int) -> None:
        super().__init__()
        self._models_dir = models_dir
        self._threads = threads
        self._context = context
        self._loaded: dict[str, LocalModel] = {}
        self._loading = threading.Lock()

    def close(self) -> None:
        """Free every loaded model (the next call loads it again)."""
        with self._loading:
            for loaded in self._loaded.values():
                loaded.close()
            self._loaded.clear()

    def loaded(self) -> list[LocalModel]:
        """The models loaded so far (for benchmarks that read llama.cpp's counters)."""
        with self._loading:
            return list(self._loaded.values())

    def model(self, model: str) -> LocalModel:
        name = model.split("/", 1)[-1]
        with self._loading:
            if name not in self._loaded:
                spec = EMBEDDED_MODELS.get(name)
                if spec is None:
                    known = ", ".join(f"{PROVIDER}/{n}" for n in EMBEDDED_MODELS)
                    raise ConfigurationError(f"unknown embedded model '{model}' (known: {known})")
                path = assemble_weights(spec, self._models_dir)
                self._loaded[name] = LocalModel(path, threads=self._threads, context=self._context)
            return self._loaded[name]

    # litellm calls a custom provider with keyword arguments only.
    def completion(
        self,
        model: str,
        messages: list[Any],
        *,
        model_response: ModelResponse,
        optional_params: dict[str, Any],
        **_: Any,
    ) -> ModelResponse:
        response = model_response
        result = self.model(model).chat(messages, **llama_params(optional_params))
        choice = result["choices"][0]
        response.choices[0].message.content = choice["message"]["content"]
        response.choices[0].finish_reason = choice["finish_reason"]
        response.model = model
        usage = result.get("usage") or {}
        response.usage = litellm.Usage(
            prompt_tokens=usage.get("prompt_tokens", 0),
            completion_tokens=usage.get("completion_tokens", 0),
            total_tokens=usage.get("total_tokens", 0),
        )
        return response

    def streaming(
        self, model: str, messages: list[Any], *, optional_params: dict[str, Any], **_: Any
    ) -> Generator[GenericStreamingChunk, None, None]:
        for text in self.model(model).chat_stream(messages, **llama_params(optional_params)):
            yield _chunk(text, finished=False)
        yield _chunk("", finished=True)

    async def acompletion(self, model: str, messages: list[Any], **kwargs: Any) -> ModelResponse:
        return await asyncio.to_thread(self.completion, model, messages, **kwargs)

    async def astreaming(
        self, model: str, messages: list[Any], **kwargs: Any
    ) -> AsyncIterator[GenericStreamingChunk]:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[GenericStreamingChunk | BaseException | None] = asyncio.Queue()
        stop = threading.Event()

        def produce() -> None:
            stream = self.streaming(model, messages, **kwargs)
            try:
                for chunk in stream:
                    if stop.is_set():  # the consumer left: stop decoding, free the model
                        break
                    loop.call_soon_threadsafe(queue.put_nowait, chunk)
            except BaseException as exc:  # handed to the consumer, which re-raises it
                loop.call_soon_threadsafe(queue.put_nowait, exc)
            finally:
                stream.close()
                loop.call_soon_threadsafe(queue.put_nowait, None)

        worker = loop.run_in_executor(None, produce)
        try:
            while (item := await queue.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()
            await asyncio.shield(worker)


def _chunk(text: str, *, finished: bool) -> GenericStreamingChunk:
    return GenericStreamingChunk(
        text=text,
        tool_use=None,
        is_finished=finished,
        finish_reason="stop" if finished else "",
        usage=None,
        index=0,
    )
