"""The shared test doubles: a fake model that records typed calls; the benches' instant model."""

from __future__ import annotations

import json

import pytest

from service.errors import ModelUnavailable
from service.testing import FakeModel, InstantModel, ModelCall

ASK = [{"role": "system", "content": "rules"}, {"role": "user", "content": "say hi"}]


def test_queued_replies_then_the_function_and_every_call_recorded() -> None:
    model = FakeModel("first", lambda m: m[-1]["content"].upper(), answer=lambda m: "again")
    schema = {"type": "object"}
    assert model.complete(ASK, schema=schema, max_tokens=50).text == "first"
    assert "".join(model.stream(ASK)) == "SAY HI"
    assert model.complete_json(ASK, schema) == "again"
    assert model.calls[0] == ModelCall("complete", ASK, schema, 50, 0.2)
    assert [c.method for c in model.calls] == ["complete", "stream", "complete_json"]
    assert model.calls[1].prompt == "say hi" and model.calls[2].max_tokens is None


def test_a_queued_exception_is_raised_and_an_empty_queue_fails_the_test() -> None:
    model = FakeModel(ModelUnavailable("fake-model", "down"))
    with pytest.raises(ModelUnavailable):
        model.complete(ASK)
    with pytest.raises(AssertionError, match="ran out of replies at call 2"):
        model.complete(ASK)
    assert len(model.calls) == 2  # a refused call is recorded too


def test_the_instant_model_answers_the_schema_it_is_given() -> None:
    schema = {
        "type": "object",
        "properties": {"title": {"type": "string"}, "kind": {"enum": ["a", "b"]}},
    }
    reply = json.loads(InstantModel().complete(ASK, schema=schema).text)
    assert reply == {"title": "Waiting is the complaint", "kind": "a"}
