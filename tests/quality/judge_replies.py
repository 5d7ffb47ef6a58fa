"""Replies a judge model gives, for ``service.testing.FakeModel`` to queue."""

from __future__ import annotations

import json


def verdict(score: int, evidence: str = "", reason: str = "because") -> str:
    return json.dumps({"score": score, "reason": reason, "evidence": evidence})
