"""Loading a corpus folder: parse, validate, and report every problem with file, line and field.

One bad file never stops the others from loading; the caller decides what a problem costs
(the CLI exits non-zero with a summary).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from service.errors import CorpusNotFound

from .documents import CorpusDocument, DocumentKind, FrontMatter


@dataclass(frozen=True)
class CorpusProblem:
    """One reason a file could not be used."""

    path: Path
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


@dataclass
class CorpusLoad:
    """The documents that loaded and the problems of those that did not."""

    documents: list[CorpusDocument] = field(default_factory=list)
    problems: list[CorpusProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _FileProblem(Exception):
    def __init__(self, line: int, field: str | None, message: str) -> None:
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


def load_corpus(folder: Path) -> CorpusLoad:
    """Read every ``*.md`` below ``folder`` (sorted, so runs are repeatable)."""
    if not folder.is_dir():
        raise CorpusNotFound(str(folder))
    result = CorpusLoad()
    seen: dict[str, Path] = {}
    values_lines: dict[str, int] = {}
    for path in sorted(folder.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            document, key_lines = parse_document(path.read_text(encoding="utf-8"), path)
        except UnicodeDecodeError as exc:
            result.problems.append(CorpusProblem(path, 1, None, f"not UTF-8 text ({exc.reason})"))
            continue
        except _FileProblem as exc:
            result.problems.append(CorpusProblem(path, exc.line, exc.field, exc.message))
            continue
        if document.id in seen:
            result.problems.append(
                CorpusProblem(
                    path,
                    key_lines.get("id", 1),
                    "id",
                    f"duplicate id '{document.id}' (also in {seen[document.id]})",
                )
            )
            continue
        seen[document.id] = path
        values_lines[document.id] = key_lines.get("values", 1)
        result.documents.append(document)
    _check_value_links(result, values_lines)
    return result


def _check_value_links(result: CorpusLoad, values_lines: dict[str, int]) -> None:
    """A link to a value that is not in the corpus is a problem of the linking file."""
    value_ids = {d.id for d in result.documents if d.meta.kind is DocumentKind.VALUE}
    kept: list[CorpusDocument] = []
    for document in result.documents:
        unknown = [v for v in document.meta.values if v not in value_ids]
        if unknown:
            assert document.path is not None
            result.problems.append(
                CorpusProblem(
                    document.path,
                    values_lines[document.id],
                    "values",
                    f"unknown value id {', '.join(repr(v) for v in unknown)}",
                )
            )
        else:
            kept.append(document)
    result.documents = kept


def parse_document(text: str, path: Path | None = None) -> tuple[CorpusDocument, dict[str, int]]:
    """Parse one file's text; returns the document and the 1-based line of each front-matter key."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise _FileProblem(1, None, "must start with a '---' line opening the YAML front matter")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise _FileProblem(1, None, "front matter is not closed by a '---' line") from None
    raw = "\n".join(lines[1:end])
    try:
        node = yaml.compose(raw, Loader=yaml.SafeLoader)
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc)
        raise _FileProblem(line, None, f"broken YAML: {problem}") from None
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise _FileProblem(2, None, "front matter must be a YAML mapping of fields")
    key_lines = {k.value: k.start_mark.line + 2 for k, _ in node.value if isinstance(k.value, str)}
    try:
        meta = FrontMatter.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]) if error["loc"] else _field_in_message(error["msg"])
        message = error["msg"].removeprefix("Value error, ")
        if name and message.startswith(f"{name}: "):
            message = message[len(name) + 2 :]
        if error["type"] == "missing":
            message = "required field is missing"
        elif error["type"] == "extra_forbidden":
            message = "unknown field"
        line = key_lines.get(name, 2) if name else 2
        raise _FileProblem(line, name or None, message) from None
    body = "\n".join(lines[end + 1 :]).strip()
    if not body:
        raise _FileProblem(end + 2, None, "the document has no body text")
    return CorpusDocument(meta=meta, body=body, path=path), key_lines


def _field_in_message(message: str) -> str:
    """Model-level checks start their message with the field name ('outcome: ...')."""
    head = message.removeprefix("Value error, ").split(":", 1)[0]
    return head if head in FrontMatter.model_fields else ""
