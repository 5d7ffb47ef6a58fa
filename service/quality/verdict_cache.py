"""Judge verdicts, cached by (judged text + context, rubric id and version, criterion, judge
model, epoch), so a re-run of the suite or a second look in the review queue costs no calls.

Only verdicts that counted are cached: an unparseable reply is tried again next time.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Protocol

from .verdicts import Verdict


def cache_key(
    output_hash: str, rubric_key: str, criterion_id: str, judge_model: str, epoch: int
) -> str:
    raw = "\x00".join([output_hash, rubric_key, criterion_id, judge_model, str(epoch)])
    return hashlib.sha256(raw.encode()).hexdigest()


class VerdictCache(Protocol):
    def get(self, key: str) -> Verdict | None: ...

    def put(self, key: str, verdict: Verdict) -> None: ...


class MemoryVerdictCache:
    """For one process: the review queue's worker, a test."""

    def __init__(self) -> None:
        self.entries: dict[str, Verdict] = {}

    def get(self, key: str) -> Verdict | None:
        return self.entries.get(key)

    def put(self, key: str, verdict: Verdict) -> None:
        self.entries[key] = verdict


class FileVerdictCache:
    """One small JSON file per verdict under a folder: safe for parallel runs, easy to delete."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Verdict | None:
        path = self._path(key)
        try:
            return Verdict.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return None  # missing or damaged: ask the judge again

    def put(self, key: str, verdict: Verdict) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_text(verdict.model_dump_json(), encoding="utf-8")
        partial.replace(path)
