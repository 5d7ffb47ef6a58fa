"""A stand-in LRS over real HTTP, for the app's own tests: it keeps what is POSTed, or hangs.

The real LRS test (``test_ralph.py``) runs Ralph; this one is quick and can misbehave."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeLrs(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *, hang: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hang = hang
        self.released = threading.Event()
        self.statements: list[dict[str, Any]] = []
        self.headers_seen: list[dict[str, str]] = []

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/xAPI"


class _Handler(BaseHTTPRequestHandler):
    server: FakeLrs

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.server.hang:
            self.server.released.wait()  # until the test ends
        self.server.headers_seen.append(dict(self.headers))
        self.server.statements.extend(body if isinstance(body, list) else [body])
        answer = json.dumps([s["id"] for s in self.server.statements]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def fake_lrs(*, hang: bool = False) -> Iterator[FakeLrs]:
    server = FakeLrs(hang=hang)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.released.set()
        server.shutdown()
        server.server_close()
