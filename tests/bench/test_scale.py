"""``bench.scale``: its figures from known samples, the recording proxy, and the smoke run."""

from __future__ import annotations

import json

import pytest
from rich.console import Console
from starlette.testclient import TestClient

from bench.scale import main, rounds_for, threads_for
from bench.scale_client import Draft, ModelTime, cases_for_round, leader_cases, model_time
from bench.scale_proxy import build_proxy
from bench.scale_report import (
    DeploymentResult,
    LeadersResult,
    Overhead,
    draft_table,
    overhead_table,
    p50_p95_s,
    summary,
)


def _draft(seconds: float, started: float = 0.0) -> Draft:
    return Draft("case", "en", started, seconds, 1.0, 0, 200, True)


def test_one_leader_rounds_alternate_languages_and_several_leaders_take_distinct_cases() -> None:
    cases = leader_cases()
    assert [cases_for_round(cases, 1, r)[0].language.value for r in range(3)] == ["en", "nl", "en"]
    four = cases_for_round(cases, 4, 0)
    assert len({c.id for c in four}) == 4
    assert [c.language.value for c in cases_for_round(cases, 2, 0)] == ["en", "nl"]


def test_defaults_fit_two_cores() -> None:
    assert [rounds_for(n, None) for n in (1, 2, 4)] == [3, 1, 1]
    assert rounds_for(4, 2) == 2
    assert threads_for(1, cores=2) == 2 and threads_for(2, cores=2) == 1
    assert threads_for(0, cores=2) == 2 and threads_for(4, cores=2) == 1


def test_summary_sets_each_number_of_leaders_beside_the_one_leader_reference() -> None:
    result = DeploymentResult("1", "1 llm serve", 1, 2)
    one = LeadersResult(1, 3, [_draft(40), _draft(50), _draft(60)], wall_seconds=150)
    one.model = [ModelTime(10, 39.0), ModelTime(10, 49.0), ModelTime(10, 59.5)]
    result.by_leaders = {1: one, 2: LeadersResult(2, 1, [_draft(80), _draft(100)], [], 100)}
    rows = {row["leaders"]: row for row in summary(result)}
    assert rows[1]["p50_s"] == pytest.approx(50) and rows[1]["p95_s"] == pytest.approx(60)
    assert rows[2]["reference_p50_s"] == pytest.approx(50)
    assert rows[2]["ratio_p50"] == pytest.approx(90 / 50)
    assert rows[1]["drafts_per_minute"] == pytest.approx(60 * 3 / 150)
    assert rows[1]["outside_model_ms_per_call"] == pytest.approx(100)  # 1 s over 10 calls
    assert rows[2]["outside_model_ms_per_call"] is None
    console = Console(width=200, record=True)
    console.print(draft_table([result], "title"))
    assert "1.80" in console.export_text()


def test_overhead_is_wall_time_minus_model_time_per_call() -> None:
    overhead = Overhead(
        requests=[2.0, 3.0],
        model_seconds=[1.5, 2.0],
        calls_per_request=[5, 5],
        proxied=[0.3] * 10,
        direct=[0.29] * 10,
    )
    assert overhead.per_call_ms() == pytest.approx([100.0, 200.0])
    console = Console(width=200, record=True)
    console.print(overhead_table(overhead, "1 llm serve"))
    assert "service overhead per model call" in console.export_text()
    assert p50_p95_s([1.0, 2.0, 3.0]) == pytest.approx((2.0, 3.0))


def test_model_calls_are_matched_to_the_request_they_ran_in() -> None:
    calls: list[dict[str, object]] = [
        {"started": 9.0, "seconds": 1.0},
        {"started": 10.5, "seconds": 2.0},
        {"started": 12.0, "seconds": 0.5},
        {"started": 20.0, "seconds": 4.0},
    ]
    found = model_time(calls, 10.0, 13.0)
    assert (found.calls, found.seconds) == (2, 2.5)


def test_the_instant_proxy_answers_in_the_openai_shape_and_records_each_call() -> None:
    body = {
        "model": "m",
        "messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}],
        "stream": True,
    }
    with TestClient(build_proxy(None)) as client:
        streamed = client.post("/v1/chat/completions", json=body).text
        plain = client.post("/v1/chat/completions", json={**body, "stream": False}).json()
        calls = client.get("/_bench/calls").json()
    chunks = [line.removeprefix("data: ") for line in streamed.splitlines() if line]
    assert chunks[-1] == "[DONE]"
    assert json.loads(chunks[-2])["choices"][0]["finish_reason"] == "stop"
    assert plain["choices"][0]["message"]["content"]
    assert [json.loads(c["body"])["stream"] for c in calls] == [True, False]


def test_the_smoke_run_drafts_for_every_leader_in_process() -> None:
    results = main(["--smoke", "--servers", "inprocess", "--leaders", "1,2", "--rounds", "1"])
    (result,) = results
    assert sorted(result.by_leaders) == [1, 2]
    for found in result.by_leaders.values():
        assert not found.failures and len(found.drafts) == found.leaders
        assert all(d.is_draft for d in found.drafts)
