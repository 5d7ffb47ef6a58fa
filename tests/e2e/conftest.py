"""Real parts: the embedded embedding model, a ``chroma run`` server, a served app."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.knowledge import KnowledgeBase
from service.knowledge.embeddings import load_embedder
from service.knowledge.vector_store import VectorStore
from service.settings import Settings

REAL_MODEL = "use-multilingual"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture
def real_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("STORYCOACH_EMBEDDING_MODEL", REAL_MODEL)
    return settings.model_copy(update={"embedding_model": REAL_MODEL})


@pytest.fixture
def real_knowledge(real_settings: Settings) -> KnowledgeBase:
    return KnowledgeBase(VectorStore.open(real_settings), load_embedder(REAL_MODEL))


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    chroma = shutil.which("chroma", path=os.path.dirname(sys.executable)) or shutil.which("chroma")
    assert chroma, "the chroma CLI ships with chromadb"
    port = free_port()
    process = subprocess.Popen(
        [
            chroma,
            "run",
            "--path",
            str(tmp_path / "chroma-server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/api/v2/heartbeat", process)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        process.wait(timeout=20)
