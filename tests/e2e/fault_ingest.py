"""``storycoach ingest`` in a process of its own, with the hashing embedder, for a test to kill.

    python -m tests.e2e.fault_ingest ingest FOLDER --org ORG

The command is the real CLI (``service.cli.app``); only the embedder is the test's, so no
model is loaded. With ``FAULT_HOLD_AFTER_FIRST_BATCH=<file>`` in the environment the embedder
touches that file when it is asked for the second batch (the first is written by then) and
waits there until the process is killed.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

from service.cli import app
from service.knowledge import ingest
from service.knowledge.embeddings import EMBEDDERS, Vectors
from service.testing import HashingEmbedder


class HeldAfterFirstBatch(HashingEmbedder):
    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        hold = os.environ.get("FAULT_HOLD_AFTER_FIRST_BATCH")
        if hold and self.calls >= 1:
            Path(hold).touch()
            threading.Event().wait()  # until the test kills the process
        return super().embed_passages(texts)


if __name__ == "__main__":
    EMBEDDERS[HashingEmbedder.name] = HeldAfterFirstBatch
    # The product gathers many batches into one write; the test's small corpus needs a write
    # per batch to be killed between two of them.
    ingest.WRITE_BATCH = ingest.EMBED_BATCH
    app(prog_name="storycoach")
