"""``storycoach llm serve``: the embedded model as an OpenAI-compatible server of its own.

Web processes then reach it with ``STORYCOACH_MODEL=openai/<name>`` and
``STORYCOACH_MODEL_API_BASE``, like any provider; several servers are load-balanced by the
gateway's Router. The command only reads options and settings; ``service.llm.served`` builds
the server.
"""

from __future__ import annotations

from typing import Annotated

import typer

from service.errors import ConfigurationError
from service.llm.served import ServedModel, build_server, weight_specs
from service.llm.weights import QWEN25_CODER_15B, assemble_weights
from service.settings import Settings, get_settings

from .output import errors_as_exit_codes, out

app = typer.Typer(help="Run the embedded model apart from the web process.", no_args_is_help=True)


def default_models(settings: Settings) -> list[str]:
    """The model setting's model when it is a packaged one (``storycoach/...`` or the
    ``openai/...`` a web process uses to reach this server, so one ``.env`` serves both),
    else the default 1.5B model."""
    try:
        weight_specs([settings.model])
    except ConfigurationError:
        return [QWEN25_CODER_15B.name]
    return [settings.model]


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8081,
    model: Annotated[
        list[str] | None,
        typer.Option(
            "--model",
            help="A packaged model (qwen2.5-coder-1.5b-instruct, qwen2.5-coder-0.5b-instruct); "
            "repeat to serve several, one loaded at a time. Default: the model setting's.",
        ),
    ] = None,
) -> None:
    """Serve the packaged model over the OpenAI chat completions API (/v1/chat/completions).

    Loads the weights once (about 1.1 GB for the 1.5B model), then answers one request at a
    time, JSON-schema constrained when asked. STORYCOACH_MODEL_API_KEY, if set, is required of
    every caller; STORYCOACH_LLM_THREADS and STORYCOACH_LLM_CONTEXT apply as in process.
    """
    import uvicorn

    settings = get_settings()
    with errors_as_exit_codes():
        specs = weight_specs(model or default_models(settings))
        served = [ServedModel(s.name, assemble_weights(s, settings.models_dir)) for s in specs]
        server = build_server(served, settings)
    names = ", ".join(f"openai/{s.name}" for s in served)
    out().print(
        f"serving {names} at http://{host}:{port}/v1 "
        f"(STORYCOACH_MODEL_API_BASE='[\"http://{host}:{port}/v1\"]')",
        highlight=False,
    )
    uvicorn.run(server, host=host, port=port)
