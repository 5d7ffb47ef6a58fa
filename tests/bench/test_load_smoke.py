"""``bench.load`` end to end in small: a live server, five clients, three seconds, no errors."""

from __future__ import annotations

import math

from bench.load import added_p95, served
from bench.load_client import ENDPOINTS, run_load


def test_a_short_load_run_has_no_errors_and_measures_every_endpoint() -> None:
    with served() as server:
        result = run_load(server.url, server.key, streams=5, seconds=3)
    assert not result.errors, result.examples
    assert result.completed > 0 and result.throughput > 0
    for name in ENDPOINTS:
        samples = result.samples[name]
        assert len(samples.total) == result.completed
        assert all(
            0 < first <= total
            for first, total in zip(samples.first_byte, samples.total, strict=True)
        )
    first, total = added_p95(result)
    assert not math.isnan(first) and not math.isnan(total)
