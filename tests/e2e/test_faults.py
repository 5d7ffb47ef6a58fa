"""Faults with real processes: ``kill -9`` half-way, a model that breaks mid-stream, a locked
database. No language model is loaded: the server is ``tests.e2e.fault_server`` (the app as
``storycoach serve`` runs it, with the instant model and the hashing embedder) and the ingest
is the real CLI with the hashing embedder (``tests.e2e.fault_ingest``).

Nothing here waits on a clock to decide an outcome: a process is killed once it has touched
a file at the exact point under test, and every check reads what the processes left behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.knowledge import load_corpus
from service.knowledge.chunking import chunk_document
from service.vocabulary import Language
from service.words import load_words
from tests.factories import ACCOUNT, small_corpus, write_story
from tests.helpers.fault_process import Served, served
from tests.store.factories import LESSON_TEXT, STORY_TEXT

DATABASE_BUSY = load_words("errors", Language.EN)["database_busy"]
"""What a 503 for a locked database says, in English."""

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]


def wait_for_file(path: Path, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    """Until ``process`` touches ``path`` (it does so at the point under test)."""
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None:
            raise RuntimeError(f"the process exited with {process.returncode} first")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} never appeared")
        time.sleep(0.05)


def kill_9(process: subprocess.Popen[bytes]) -> None:
    process.kill()  # SIGKILL: no handler, no cleanup, nothing flushed
    process.wait(timeout=30)
    assert process.returncode == -9


# -- kill -9 of `storycoach ingest` half-way ------------------------------------------------


def index_state(data: Path) -> dict[str, Any]:
    """What the index holds, read by a fresh process (as the next server would read it)."""
    script = (
        "import json, sys\n"
        "from service.knowledge import KnowledgeBase, SearchMode\n"
        "from service.knowledge.vector_store import VectorStore\n"
        "from service.settings import Settings\n"
        "from service.testing import HashingEmbedder\n"
        "settings = Settings(data_dir=sys.argv[1], _env_file=None)\n"
        "kb = KnowledgeBase(VectorStore.open(settings), HashingEmbedder())\n"
        "c = kb.store.collection('acme', HashingEmbedder.name)\n"
        "ids = list(c.indexed())\n"
        "lexical = kb.lexical_index('acme', c).ids\n"
        "hits = kb.search('acme', sys.argv[2], k=1, mode=SearchMode.LEXICAL)\n"
        "print(json.dumps({'ids': ids, 'count': c.count(), 'writing': c.write_unfinished(),\n"
        "                  'lexical': lexical, 'top': hits[0].id}))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script, str(data), "Spokes 119 in Haarlem"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    state: dict[str, Any] = json.loads(found.stdout)
    return state


def test_ingest_killed_after_its_first_batch_is_completed_by_the_next_run(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "corpus")
    for number in range(120):  # four batches of 32 and more
        body = f"Spokes {number} in Haarlem. We fixed wheel {number} the same day for a customer."
        write_story(corpus, f"story-wheel-{number}", f"Wheel {number}", body)
    expected = {c.id for d in load_corpus(corpus).documents for c in chunk_document(d)}
    data, held = tmp_path / "data", tmp_path / "first-batch-written"
    env = {**os.environ, "STORYCOACH_DATA_DIR": str(data)}
    command = [sys.executable, "-m", "tests.e2e.fault_ingest", "ingest", str(corpus)]
    command += ["--org", "acme"]

    first = subprocess.Popen(
        command,
        cwd=REPO,
        env={**env, "FAULT_HOLD_AFTER_FIRST_BATCH": str(held)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_file(held, first)
    kill_9(first)
    half = index_state(data)
    assert 0 < len(half["ids"]) < len(expected) and set(half["ids"]) <= expected
    assert half["writing"]  # the killed write is marked unfinished

    second = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert "embedded" in second.stdout
    done = index_state(data)
    assert sorted(done["ids"]) == sorted(expected)  # nothing lost
    assert done["count"] == len(done["ids"]) == len(set(done["ids"]))  # nothing twice
    assert sorted(done["lexical"]) == sorted(done["ids"])  # BM25 agrees with Chroma
    assert not done["writing"]
    assert done["top"] == "story-wheel-119"  # a story of the last batch is found by BM25


# -- the server, killed during a publish; a broken model; a locked database -----------------


def approved_lesson(server: Served) -> int:
    """A lesson of the demo leader, submitted, approved by the demo reviewer."""
    with server.client("leader") as leader, server.client("reviewer") as reviewer:
        story = leader.post(
            "/api/stories",
            json={
                "title": "The battery that got hot",
                "text": STORY_TEXT,
                "language": "en",
                "values": ["value-customer-focus"],
            },
        ).json()
        lesson = leader.post("/api/lessons", json={"story_id": story["id"], "text": LESSON_TEXT})
        lesson_id = int(lesson.json()["id"])
        assert leader.post(f"/api/lessons/{lesson_id}/submit").status_code == 200
        decided = reviewer.post(f"/api/lessons/{lesson_id}/decision", json={"decision": "approve"})
        assert decided.json()["state"] == "approved"
    return lesson_id


@pytest.mark.parametrize("when", ["before", "after"], ids=["before-index", "after-index"])
def test_server_killed_during_publish_is_settled_at_restart(tmp_path: Path, when: str) -> None:
    data = tmp_path / "data"
    with served(data, "--hold-publish", when) as server:
        lesson_id = approved_lesson(server)
        publisher = server.client("second_reviewer")
        cut_short = threading.Thread(
            target=lambda: _ignore_errors(publisher.post, f"/api/lessons/{lesson_id}/publish"),
            daemon=True,
        )
        cut_short.start()
        wait_for_file(data / "publish-held", server.process)
        kill_9(server.process)
        cut_short.join(timeout=30)

    with served(data) as server, server.client("reviewer") as reviewer:
        lesson = reviewer.get(f"/api/lessons/{lesson_id}").json()
        trail = reviewer.get(f"/api/lessons/{lesson_id}/audit").json()["data"]
        hits = reviewer.get(
            "/api/search", params={"q": "battery complaints within a day", "kind": "lesson"}
        ).json()["data"]
    # Fully published: the state, the corpus id, the index and the audit trail agree.
    assert lesson["state"] == "published" and lesson["corpus_id"]
    assert lesson["corpus_id"] in [hit["id"] for hit in hits]
    assert [(e["action"], e["actor"]["name"]) for e in trail[-2:]] == [
        ("start_publish", "Second Reviewer"),
        ("publish", "Second Reviewer"),
    ]
    assert trail[-1]["comment"].startswith("finished when the service started")


def _ignore_errors(call: Any, *args: Any) -> None:
    with contextlib.suppress(httpx.HTTPError):  # the server dies under the request: the point
        call(*args)


def events(response: httpx.Response) -> list[tuple[str, dict[str, Any]]]:
    """The server-sent events of a finished response, as ``(name, data)``."""
    found = []
    for block in response.text.replace("\r\n", "\n").split("\n\n"):
        lines = block.splitlines()
        name = next((x.split(":", 1)[1].strip() for x in lines if x.startswith("event:")), "")
        data = "\n".join(x.split(":", 1)[1].strip() for x in lines if x.startswith("data:"))
        if name and data:
            found.append((name, json.loads(data)))
    return found


@pytest.mark.parametrize("language", [Language.EN, Language.NL])
def test_a_model_that_breaks_mid_stream_keeps_the_leaders_words_and_draft(
    tmp_path: Path, language: Language
) -> None:
    data = tmp_path / "data"
    told = load_words("chat", language)["failures.model_unavailable"]
    with served(data) as server, server.client("leader") as leader:
        started = leader.post(
            "/api/conversations",
            json={"priority": "priority-complaints-one-day", "language": language.value},
        )
        assert started.status_code == 201, started.text
        chat = f"/api/conversations/{started.json()['id']}"

        (data / "break-stream").write_text("1")
        broken = events(leader.post(f"{chat}/messages", json={"content": ACCOUNT}))
        names = [name for name, _ in broken]
        assert "delta" in names and names[-1] == "error" and "done" not in names
        error = broken[-1][1]
        assert error["message"] == told and error["retry"] is True  # plain words, try again
        kept = leader.get(chat).json()
        assert kept["messages"][-1]["role"] == "user"
        assert kept["messages"][-1]["content"] == ACCOUNT  # the leader's words are kept

        again = events(leader.post(f"{chat}/reply"))
        assert again[-1][0] == "done" and again[-1][1]["message"]["is_draft"]
        draft_id = again[-1][1]["message"]["id"]

        (data / "break-stream").write_text("1")  # now feedback on the draft breaks
        feedback = "Add that the huddle takes fifteen minutes every morning."
        broken = events(leader.post(f"{chat}/messages", json={"content": feedback}))
        assert broken[-1][0] == "error" and broken[-1][1]["message"] == told
        kept = leader.get(chat).json()
        assert kept["messages"][-1]["content"] == feedback
        assert kept["draft"]["message_id"] == draft_id  # the draft so far is kept
        saved = leader.post(f"{chat}/story", json={})
        assert saved.status_code == 201, saved.text


def test_a_database_locked_past_its_timeout_is_503_and_half_of_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"STORYCOACH_DATABASE_TIMEOUT": "1"}
    with served(data, env=env) as server, server.client("leader") as leader:
        holder = subprocess.Popen(  # another process takes the write lock and keeps it
            [
                sys.executable,
                "-c",
                "import sqlite3, sys\n"
                "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                "db.execute('BEGIN EXCLUSIVE')\n"
                "print('locked', flush=True)\n"
                "sys.stdin.readline()\n"
                "db.execute('ROLLBACK')\n",
                str(data / "storycoach.db"),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == b"locked"
        body = {"title": "Written while locked", "text": "A story.", "language": "en"}
        refused = leader.post("/api/stories", json=body)
        holder.stdin.write(b"\n")
        holder.stdin.close()
        assert holder.wait(timeout=30) == 0

        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "5"
        assert refused.json()["error"]["code"] == "database_busy"
        assert refused.json()["error"]["message"] == DATABASE_BUSY
        titles = [s["title"] for s in leader.get("/api/stories").json()["data"]]
        assert "Written while locked" not in titles  # nothing half-written
        assert leader.post("/api/stories", json=body).status_code == 201  # and it works again
