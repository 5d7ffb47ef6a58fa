"""``storycoach serve``."""

from __future__ import annotations

from typing import Annotated

import typer

from service.settings import get_settings


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web pages and the API."""
    import uvicorn

    from service.app import create_app

    uvicorn.run(create_app(get_settings()), host=host, port=port)
