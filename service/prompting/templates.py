"""Prompt templates are data: ``prompts/*.j2`` files with YAML front matter.

Front matter declares ``id``, ``version``, ``variables`` and optionally ``output`` (the name
of the result model). The body is Jinja2 with StrictUndefined; lines that are exactly
``[system]``, ``[user]`` or ``[assistant]`` start a chat message. A template that uses a
variable it does not declare is refused when it is loaded, not when a leader is waiting.

The body is split into its role blocks *here*, before any data is inserted, and each block
is its own Jinja template: which messages a prompt has, and in which order, is fixed by the
file, never by what a story or a passage contains. (So a ``{% if %}`` or ``{% set %}`` cannot
span two roles, and a role line cannot be made by a variable.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
import jinja2.meta
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from service.errors import PromptError
from service.settings import get_settings, packaged_folder

from .fencing import fence, inserted
from .markers import ROLES

PROMPTS_DIR = packaged_folder("prompts", "prompts")
"""The prompts the package ships: the default of ``Settings.prompts_dir``, named for tests
and tools that list them. Rendering asks the settings, so a deployment can point elsewhere."""


class PromptMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    version: int = Field(ge=1)
    description: str = ""
    variables: tuple[str, ...] = ()
    output: str | None = None
    """Name of the pydantic model the reply must validate against, if structured."""


@dataclass(frozen=True)
class RoleBlock:
    """One chat message of a template: its role and the Jinja template of its text."""

    role: str
    template: jinja2.Template


@dataclass(frozen=True)
class PromptTemplate:
    meta: PromptMeta
    blocks: tuple[RoleBlock, ...]
    path: Path
    lead: jinja2.Template | None = None
    """Whatever comes before the first role line (comments, say); it must render blank."""


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # prompts are plain text, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=inserted,
    )
    env.filters["fence"] = fence
    return env


_ENV = _environment()


def parse_template(text: str, path: Path) -> PromptTemplate:
    """Parse one template file; every problem names the file (and the line, where one is)."""
    if not text.startswith("---\n"):
        raise PromptError(f"{path}: must start with '---' front matter")
    try:
        head, body = text[4:].split("\n---\n", 1)
        meta = PromptMeta.model_validate(yaml.safe_load(head))
    except ValueError as exc:
        raise PromptError(f"{path}: front matter is not closed by '---'") from exc
    except (yaml.YAMLError, ValidationError) as exc:
        raise PromptError(f"{path}: bad front matter: {exc}") from exc
    first_line = head.count("\n") + 3  # the body's first line in the file
    lead: jinja2.Template | None = None
    blocks: list[RoleBlock] = []
    used: set[str] = set()
    for role, start, source in _role_blocks(body):
        try:
            used |= jinja2.meta.find_undeclared_variables(_ENV.parse(source))
            template = _ENV.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            line = first_line + start + (exc.lineno or 1) - 1
            raise PromptError(f"{path}:{line}: {exc.message}") from exc
        if role is None:
            lead = template
        else:
            blocks.append(RoleBlock(role, template))
    undeclared = sorted(used - set(meta.variables))
    if undeclared:
        raise PromptError(f"{path}: uses undeclared variables {', '.join(undeclared)}")
    return PromptTemplate(meta, tuple(blocks), path, lead)


def _role_blocks(body: str) -> list[tuple[str | None, int, str]]:
    """``(role, first line, source)`` per block; role ``None`` for what precedes the first
    role line. A role line is one that is exactly ``[role]`` apart from spaces."""
    found: list[tuple[str | None, int, list[str]]] = [(None, 0, [])]
    for number, line in enumerate(body.split("\n")):
        marker = line.strip()
        if marker.startswith("[") and marker.endswith("]") and marker[1:-1] in ROLES:
            found.append((marker[1:-1], number + 1, []))
        else:
            found[-1][2].append(line)
    return [(role, start, "\n".join(lines)) for role, start, lines in found]


@cache
def load_template(prompt_id: str, folder: Path | None = None) -> PromptTemplate:
    """``<folder>/<prompt_id>.j2``, parsed once per process.

    ``folder`` defaults to the prompts setting, read at the first call (settings are made
    once per process; ``render_prompt`` passes the folder it resolved).
    """
    folder = folder or get_settings().prompts_dir
    path = folder / f"{prompt_id}.j2"
    if not path.is_file():
        raise PromptError(f"no prompt template '{prompt_id}' in {folder}")
    template = parse_template(path.read_text(encoding="utf-8"), path)
    if template.meta.id != prompt_id:
        raise PromptError(f"{path}: id '{template.meta.id}' does not match the file name")
    return template
