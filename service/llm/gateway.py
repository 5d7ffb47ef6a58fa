"""One gateway to every model: the embedded one by default, any litellm model string by setting.

A litellm Router gives fallbacks, a timeout and retries to every model alike, and spreads the
main model's calls over its servers (``model_api_base``: ``storycoach llm serve``, vLLM,
Ollama). Structured output is asked for with the OpenAI ``json_schema`` response format; the
embedded provider and ``storycoach llm serve`` turn it into llama.cpp's grammar-constrained
decoding, providers enforce it themselves.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from functools import cache
from typing import Any

import litellm

from service.errors import ModelUnavailable
from service.settings import Settings

from .completion import Completion, Messages
from .embedded import PROVIDER, EmbeddedProvider, LocalModel


@cache
def _embedded_provider(models_dir: str, threads: int, context: int) -> EmbeddedProvider:
    """One provider, and so one loaded copy of each model, per process."""
    from pathlib import Path

    provider = EmbeddedProvider(Path(models_dir), threads=threads, context=context)
    litellm.custom_provider_map = [{"provider": PROVIDER, "custom_handler": provider}]
    return provider


class ModelGateway:
    """Chat completions, plain or JSON-schema constrained, streamed or not."""

    def __init__(self, settings: Settings, model: str | None = None) -> None:
        self.name = model or settings.model
        self.writes_freely = self.name in settings.free_writing_models
        """Whether the coach may let this model write parts freely (``story_writing``)."""
        self.short_writing_languages = frozenset(settings.short_writing_languages)
        """Languages in which it writes a story's short parts (``story_writing``)."""
        if any(m.startswith(f"{PROVIDER}/") for m in (self.name, *settings.model_fallbacks)):
            _embedded_provider(str(settings.models_dir), settings.llm_threads, settings.llm_context)
        names = [self.name, *settings.model_fallbacks]
        self._router = litellm.Router(
            model_list=deployments(names, _served_at(settings, self.name), settings.model_api_key),
            fallbacks=[{"m0": [f"m{i}" for i in range(1, len(names))]}] if len(names) > 1 else [],
            num_retries=settings.model_retries,
            timeout=settings.model_timeout,
        )

    def complete(
        self,
        messages: Messages,
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
        seed: int | None = None,
    ) -> Completion:
        """One reply; with ``schema``, decoding is constrained to JSON of that shape; with
        ``seed``, a sampled reply is the same every time (llama.cpp and most providers)."""
        try:
            response = self._router.completion(
                model="m0", messages=messages, **_params(schema, max_tokens, temperature, seed)
            )
        except Exception as exc:  # litellm raises many provider-specific types
            raise ModelUnavailable(self.name, _reason(exc)) from exc
        text = response.choices[0].message.content
        if text is None:
            raise ModelUnavailable(self.name, "the model returned no text")
        usage = getattr(response, "usage", None)
        return Completion(
            text=text,
            model=str(response.model or self.name),
            prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
            completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
        )

    def complete_json(self, messages: Messages, schema: dict[str, Any]) -> str:
        """The judge's entry point: a schema-constrained reply as text."""
        return self.complete(messages, schema=schema, temperature=0.0).text

    def stream(
        self,
        messages: Messages,
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Iterator[str]:
        """Text deltas as the model produces them (constrained to ``schema`` if given)."""
        try:
            response = self._router.completion(
                model="m0",
                messages=messages,
                stream=True,
                **_params(schema, max_tokens, temperature),
            )
            for chunk in response:
                delta = chunk.choices[0].delta.content
                if delta:
                    yield delta
        except ModelUnavailable:
            raise
        except Exception as exc:
            raise ModelUnavailable(self.name, _reason(exc)) from exc

    async def astream(
        self, messages: Messages, *, max_tokens: int = 400, temperature: float = 0.2
    ) -> AsyncIterator[str]:
        try:
            response = await self._router.acompletion(
                model="m0",
                messages=messages,
                stream=True,
                max_tokens=max_tokens,
                temperature=temperature,
            )
            async for chunk in response:
                delta = chunk.choices[0].delta.content
                if delta:
                    yield delta
        except Exception as exc:
            raise ModelUnavailable(self.name, _reason(exc)) from exc


def _served_at(settings: Settings, name: str) -> list[str]:
    """The addresses serving ``name``: those of the model setting, for that model only (a
    judge or an eval's other model keeps its provider's own address)."""
    return settings.model_api_base if name == settings.model else []


SERVED_WITHOUT_KEY = "no-key"
"""Sent when model servers need no key: the OpenAI client refuses to start without one."""


def deployments(
    names: list[str], api_bases: list[str], api_key: str | None
) -> list[dict[str, Any]]:
    """The Router's model list: ``m0`` is the main model, ``m1``... its fallbacks in order.

    With ``api_bases``, the main model is one deployment per address under the one name
    ``m0``, so the Router spreads calls over the servers (and a failed call is retried on
    another by its own rules); fallbacks keep their providers' own addresses.
    """
    main, *fallbacks = names
    listed: list[dict[str, Any]] = [
        {
            "model_name": "m0",
            "litellm_params": {
                "model": main,
                "api_base": base,
                "api_key": api_key or SERVED_WITHOUT_KEY,
            },
        }
        for base in api_bases
    ] or [{"model_name": "m0", "litellm_params": {"model": main}}]
    listed += [
        {"model_name": f"m{i}", "litellm_params": {"model": name}}
        for i, name in enumerate(fallbacks, start=1)
    ]
    return listed


def _params(
    schema: dict[str, Any] | None, max_tokens: int, temperature: float, seed: int | None = None
) -> dict[str, Any]:
    params: dict[str, Any] = {"max_tokens": max_tokens, "temperature": temperature}
    if seed is not None:
        params["seed"] = seed
    if schema is not None:
        params["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": schema.get("title", "result"), "schema": schema},
        }
    return params


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]


def open_gateway(settings: Settings, model: str | None = None) -> ModelGateway:
    return ModelGateway(settings, model)


def embedded_model(settings: Settings, model: str | None = None) -> LocalModel:
    """The loaded llama.cpp model behind an embedded model string (the benchmark's reference)."""
    provider = _embedded_provider(
        str(settings.models_dir), settings.llm_threads, settings.llm_context
    )
    return provider.model(model or settings.model)


def close_embedded_models() -> None:
    """Free the embedded models of this process; callers do this before they exit."""
    if _embedded_provider.cache_info().currsize:
        for provider in _loaded_providers():
            provider.close()


def _loaded_providers() -> list[EmbeddedProvider]:
    handlers = [entry["custom_handler"] for entry in (litellm.custom_provider_map or [])]
    return [h for h in handlers if isinstance(h, EmbeddedProvider)]
