"""A stand-in LMS for the export tests: scorm-again's SCORM 1.2 runtime from npm, on a page
served from this machine, with the exported package beside it.

scorm-again is installed by ``npm install`` into a cache folder outside the repository (once
per machine and pinned version); the tests skip, saying why, only when npm itself is missing
(``.ci/run`` installs it).
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

SCORM_AGAIN = "3.4.3"
NPM_CACHE = Path.home() / ".cache" / "storycoach" / "npm"
INSTALL_SECONDS = 300

HOST_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm12.js"></script>
<script>
  // The SCORM 1.2 runtime as an LMS offers it to a SCO (window.API), every call recorded.
  window.calls = [];
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"].forEach(
    function (name) {
      var real = window.API[name].bind(window.API);
      window.API[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var result = real.apply(null, args);
        window.calls.push({ call: name, args: args, result: String(result) });
        return result;
      };
    });
</script></head>
<body><iframe id="sco" src="sco/index.html" style="width:100%;height:95vh;border:0"></iframe></body>
</html>
"""


def scorm_again() -> Path:
    """scorm-again's SCORM 1.2 build, installed into the npm cache folder when missing."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is missing: `apt-get install npm` to run the SCORM runtime test")
    package = NPM_CACHE / "node_modules" / "scorm-again"
    manifest = package / "package.json"
    installed = json.loads(manifest.read_text())["version"] if manifest.exists() else None
    if installed != SCORM_AGAIN:
        NPM_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(NPM_CACHE),
                "--no-audit",
                "--no-fund",
                f"scorm-again@{SCORM_AGAIN}",
            ],
            check=True,
            timeout=INSTALL_SECONDS,
            capture_output=True,
        )
    script = package / "dist" / "scorm12.js"
    assert script.is_file(), f"scorm-again {SCORM_AGAIN} has no {script}"
    return script


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """``folder`` over HTTP on 127.0.0.1 (a free port) while the block runs; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def lms_folder(tmp: Path, package: Path, runtime: Path) -> Path:
    """The test LMS: the host page and runtime at the top, the package unpacked in ``sco/``."""
    folder = tmp / "lms"
    shutil.unpack_archive(package, folder / "sco", format="zip")
    shutil.copy(runtime, folder / "scorm12.js")
    (folder / "index.html").write_text(HOST_PAGE, encoding="utf-8")
    return folder
