"""Configuration: one Settings class, read from ``STORYCOACH_*`` variables and ``.env``.

Everything long-lived (the Chroma store, the embedding model) is chosen here, so that a
deployment switches from embedded to client/server mode by setting, not by code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ORG_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
"""Organisation ids become part of Chroma collection names, so they stay short and plain."""


class Settings(BaseSettings):
    """All of StoryCoach's settings. Nonsense values fail at start-up, not at first use."""

    model_config = SettingsConfigDict(
        env_prefix="STORYCOACH_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path("data")
    """Holds the embedded Chroma store (``chroma/``) and, later, the database."""

    corpus_dir: Path = Path("corpus")
    """The demo organisation's corpus folder, loaded by ``storycoach ingest`` without arguments."""

    default_org: str = "demo"
    """Organisation used when a command is given no ``--org``."""

    embedding_model: str = "use-multilingual"
    """Name of an embedder in ``service.knowledge.embeddings`` (chosen by the retrieval eval)."""

    chroma_host: str | None = None
    """Host of a ``chroma run`` server; unset means an embedded store under ``data_dir``."""

    chroma_port: Annotated[int, Field(ge=1, le=65535)] = 8001

    @field_validator("default_org")
    @classmethod
    def _org_id_is_plain(cls, value: str) -> str:
        if not ORG_ID_PATTERN.match(value):
            raise ValueError("must be lowercase letters, digits and dashes (at most 40)")
        return value

    @model_validator(mode="after")
    def _host_is_not_blank(self) -> Settings:
        if self.chroma_host is not None and not self.chroma_host.strip():
            self.chroma_host = None
        return self

    @property
    def chroma_path(self) -> Path:
        """Where the embedded Chroma store lives."""
        return self.data_dir / "chroma"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests build their own ``Settings`` instead."""
    return Settings()
