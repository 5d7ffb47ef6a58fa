"""`storycoach serve` as a real process: the search page and the keyed API over HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.conftest import REAL_MODEL, free_port, wait_for

pytestmark = pytest.mark.e2e
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_serve_answers_search_over_http(isolated_state: Path) -> None:
    env = {**os.environ, "STORYCOACH_EMBEDDING_MODEL": REAL_MODEL}
    cli = [sys.executable, "-m", "service.cli"]
    subprocess.run([*cli, "ingest", str(CORPUS)], env=env, check=True, capture_output=True)
    key = subprocess.run(
        [*cli, "admin", "create-key", "--role", "member"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    port = free_port()
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/health", server)
        query = urllib.parse.urlencode({"q": "klachten binnen een werkdag beantwoorden", "k": 3})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/api/search?{query}")
        assert refused.value.code == 401
        request = urllib.request.Request(
            f"{base}/api/search?{query}", headers={"Authorization": f"Bearer {key}"}
        )
        with urllib.request.urlopen(request) as response:
            body = json.load(response)
        assert body["count"] == 3
        assert "priority-complaints-one-day" in [h["id"] for h in body["data"]]
        # The search page needs a signed-in browser: sign in with the key, keep the cookie.
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        form = urllib.parse.urlencode({"key": key}).encode()
        browser.open(urllib.request.Request(f"{base}/signin", form, {"Accept": "text/html"}))
        with browser.open(f"{base}/search?q=battery+recall&lang=nl") as response:
            page = response.read().decode()
        assert 'lang="nl"' in page and 'class="hit"' in page
    finally:
        server.terminate()
        server.wait(timeout=20)
