"""The shared fake model: queued replies or a function, every call recorded as a ``ModelCall``."""

from __future__ import annotations

import pytest

from service.errors import ModelUnavailable
from service.testing import FakeModel, ModelCall

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

