"""StoryCoach in a process of its own, for the fault tests to kill, lock out and break.

    python -m tests.e2e.fault_server --data DIR --port PORT [--hold-publish before|after]

It serves ``create_app`` exactly as ``storycoach serve`` does (one uvicorn worker), with two
test parts that never load a language model: the instant model (``service.testing``) and the
hashing embedder. The first start ingests the demo corpus into ``DIR``, seeds the demo people
and a second reviewer, and writes their keys to ``DIR/keys.json``; a restart over the same
folder reuses them, as a real restart would.

Test hooks, all off unless asked for:

- ``--hold-publish before|after``: a publish stops before (or after) its index write, touches
  ``DIR/publish-held`` and waits there, so a test can ``kill -9`` the process between the
  recorded intent and the recorded result.
- a file ``DIR/break-stream`` holding a number N: the model's Nth streamed reply from then on
  sends half its text, then fails as a dropped provider connection does (``ModelUnavailable``);
  the file is removed, so asking again works.
"""

from __future__ import annotations

import argparse
import json
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from service.app import create_app
from service.errors import ModelUnavailable
from service.knowledge import CorpusDocument, KnowledgeBase, load_corpus
from service.knowledge.vector_store import VectorStore
from service.llm.completion import Completion
from service.settings import Settings
from service.store import Role, create_api_key, upgrade_database
from service.store.seed import person_with_role, seed_demo
from service.testing import HashingEmbedder, InstantModel

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ORG = "acme"
SECOND_REVIEWER = "second_reviewer"


class HeldPublish(KnowledgeBase):
    """A knowledge base whose next publish waits forever before or after its index write."""

    def __init__(self, knowledge: KnowledgeBase, when: str, marker: Path) -> None:
        super().__init__(knowledge.store, knowledge.embedder)
        self.when = when
        self.marker = marker

    def ingest(self, org: str, documents: Sequence[CorpusDocument], **options: Any) -> Any:
        if options.get("source") != "review":
            return super().ingest(org, documents, **options)
        if self.when == "after":
            super().ingest(org, documents, **options)
        self.marker.touch()
        threading.Event().wait()  # until the test kills the process
        raise AssertionError("unreachable")


class BreaksMidStream:
    """The instant model, whose Nth streamed reply breaks half-way while ``flag`` says so."""

    name = InstantModel.name

    def __init__(self, flag: Path) -> None:
        self.model = InstantModel()
        self.flag = flag
        self.streams = 0

    def complete(self, messages: list[dict[str, str]], **options: Any) -> Completion:
        return self.model.complete(messages, **options)

    def stream(self, messages: list[dict[str, str]], **options: Any) -> Iterator[str]:
        text = "".join(self.model.stream(messages, **options))
        if not self.flag.exists():
            yield text
            return
        self.streams += 1
        if self.streams < int(self.flag.read_text() or 1):
            yield text
            return
        self.flag.unlink()
        self.streams = 0
        yield text[: len(text) // 2]
        raise ModelUnavailable(self.name, "the connection to the model was reset")


def prepare(settings: Settings, knowledge: KnowledgeBase) -> dict[str, str]:
    """The people's keys: made at the first start, read back at a restart."""
    keys_file = settings.data_dir / "keys.json"
    if keys_file.exists():
        keys: dict[str, str] = json.loads(keys_file.read_text())
        return keys
    knowledge.ingest(ORG, load_corpus(CORPUS).documents)
    database = upgrade_database(settings)
    with database.transaction() as session:
        keys = {issued.person.role.value: issued.key for issued in seed_demo(session, ORG)}
        second = person_with_role(session, ORG, "Second Reviewer", Role.REVIEWER)
        keys[SECOND_REVIEWER] = create_api_key(session, second)[1]
    database.close()
    keys_file.write_text(json.dumps(keys))
    return keys


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--hold-publish", choices=["before", "after"])
    args = parser.parse_args()
    settings = Settings(data_dir=args.data, _env_file=None)  # STORYCOACH_* from the env
    knowledge = KnowledgeBase(VectorStore.open(settings), HashingEmbedder())
    keys = prepare(settings, knowledge)
    if args.hold_publish:
        knowledge = HeldPublish(knowledge, args.hold_publish, args.data / "publish-held")
    model = BreaksMidStream(args.data / "break-stream")
    app = create_app(settings, knowledge, model=model)
    print(json.dumps(keys), flush=True)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
