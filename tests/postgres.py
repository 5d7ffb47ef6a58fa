"""A throwaway PostgreSQL server for the tests: one cluster per test session, a fresh
database per test.

The store and API suites run on SQLite and on a real PostgreSQL, because the two disagree in
ways only a real server shows (string lengths, case in ``LIKE``, sequences after explicit ids,
lock timeouts). Nothing has to be running beforehand: the cluster is made with ``initdb`` in a
temporary folder, listens on a free local port and a socket in that folder, trusts local
connections, and is removed at the end of the session.

PostgreSQL refuses to run as root, and CI runs as root: then the server runs as the
``postgres`` user that Debian's package creates (or ``nobody``), through ``runuser``.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

SUPERUSER = "storycoach"
"""The cluster's superuser (its name, not an operating-system user)."""
SERVER_USERS = ("postgres", "nobody")
"""Who runs the server when the tests run as root, in order of preference."""
FAST_AND_UNSAFE = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=200 -c shared_buffers=32MB"
)
"""A test cluster is thrown away, so it need not survive a crash; this keeps CREATE
DATABASE and commits cheap. ``max_connections`` leaves room for the app's pool plus the
tests' own connections."""


class PostgresMissing(RuntimeError):
    """No ``initdb``/``pg_ctl`` on this machine."""


def find_binaries() -> Path:
    """The folder with ``initdb`` and ``pg_ctl``: on ``PATH``, or Debian's versioned folder
    (``/usr/lib/postgresql/<version>/bin``, not on ``PATH``), newest version first."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
        reverse=True,
    )
    if not versions:
        raise PostgresMissing("initdb not found on PATH or under /usr/lib/postgresql")
    return versions[0].parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server_user() -> str | None:
    """The user to run the server as, or ``None`` to run it as ourselves (not root)."""
    if os.geteuid() != 0:
        return None
    for name in SERVER_USERS:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise PostgresMissing("running as root and no unprivileged user to run PostgreSQL as")


@dataclass
class PostgresServer:
    """A running throwaway cluster; ``fresh_database`` hands each test its own database."""

    folder: Path
    port: int
    binaries: Path
    user: str | None
    _numbers: Iterator[int] = field(default_factory=count)

    @classmethod
    def start(cls) -> PostgresServer:
        binaries = find_binaries()
        user = _server_user()
        # The server's user must reach its folder: under /tmp, not a TMPDIR inside /root.
        folder = Path(tempfile.mkdtemp(prefix="storycoach-pg-", dir="/tmp" if user else None))
        server = cls(folder=folder, port=free_port(), binaries=binaries, user=user)
        if user is not None:
            record = pwd.getpwnam(user)
            os.chown(folder, record.pw_uid, record.pw_gid)
        try:
            server._run(
                "initdb", "-D", str(server.data), "-U", SUPERUSER, "--auth=trust",
                "--encoding=UTF8", "--no-locale", "--no-sync",
            )  # fmt: skip
            server._run(
                "pg_ctl", "-D", str(server.data), "-l", str(server.log), "-w", "-t", "60",
                "-o", f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 "
                f"{FAST_AND_UNSAFE}",
                "start",
            )  # fmt: skip
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return server

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def url(self, database: str = "postgres") -> str:
        """A SQLAlchemy URL for ``database`` on this server, through psycopg 3."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.binaries / program), *args]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if done.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"{program} failed: {done.stdout}{done.stderr}{log}")

    def _admin(self, statement: str) -> None:
        import psycopg

        dsn = f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(statement)  # type: ignore[arg-type]  # names made here

    def fresh_database(self) -> str:
        """Create an empty database and return its name (unique within the session)."""
        name = f"test_{next(self._numbers)}"
        self._admin(f"CREATE DATABASE {name} TEMPLATE template0")
        return name

    def drop_database(self, name: str) -> None:
        """Drop ``name`` even if a connection a test left open still uses it."""
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
