"""Test doubles shipped with the package, so the benches and the tests share one copy.

In the spirit of pydantic-ai's ``TestModel``: doubles that a benchmark or a downstream
project can use without the repository's ``tests/`` folder on the path. Nothing in the
service imports this package; a deployment never uses it.

- ``FakeModel``: queued replies or a reply function; records every call as a ``ModelCall``
  (unit tests; serves as chat and judge model).
- ``InstantModel``: valid JSON for every step at once, recording nothing (benches).
- ``HashingEmbedder``: a small deterministic embedder (unit tests and benches).
- ``MovableClock``: the time a test says, moved on a week without waiting (follow-ups).
"""

from .clock import MovableClock
from .embedder import HashingEmbedder
from .fake_model import FakeModel, ModelCall, Reply
from .instant_model import InstantModel

__all__ = ["FakeModel", "HashingEmbedder", "InstantModel", "ModelCall", "MovableClock", "Reply"]
