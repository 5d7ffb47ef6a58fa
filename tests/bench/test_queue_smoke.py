"""``bench.queue`` in miniature: pages and ``/api/me`` are measured while model work waits,
and every waiting request is answered in the end."""

from __future__ import annotations

import asyncio

from bench.load import served
from bench.queue import PROBES, measure


def test_a_short_queue_run_measures_every_probe_and_answers_every_request() -> None:
    with served(120, "--queued", "--model-seconds", "0.2") as server:
        result = asyncio.run(measure(server.url, server.key, pending=6, seconds=1.0))
    loaded = result["loaded"]
    assert isinstance(loaded, dict) and all(loaded[name] for name in PROBES)
    assert isinstance(result["unfinished"], int) and result["unfinished"] > 0  # it did wait
    assert result["statuses"] == [201]
