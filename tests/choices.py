"""Fake replies for steps that choose among given options (the story's own parts)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

Reply = Callable[[list[dict[str, str]]], str]


def options_in(messages: list[dict[str, str]]) -> list[str]:
    """The options a choosing prompt lists (its fenced ``- option`` lines)."""
    fenced = re.search(r"<<<(?:OPTIONS|KEUZES)\n(.*?)\n>>>", messages[-1]["content"], re.S)
    assert fenced is not None, "not a choosing prompt"
    return [line[2:] for line in fenced.group(1).splitlines() if line.startswith("- ")]


def choose(containing: str = "") -> Reply:
    """A reply that chooses the first option containing ``containing`` (else the first)."""

    def reply(messages: list[dict[str, str]]) -> str:
        options = options_in(messages)
        chosen = next((o for o in options if containing.lower() in o.lower()), options[0])
        return json.dumps({"choice": chosen})

    return reply


def choosing_all_but(refused: str, written: str) -> Reply:
    """A coach that chooses the first option at every choosing prompt except the one whose
    prompt holds ``refused`` (its answer never parses, so code falls back), and answers every
    writing prompt with ``written``. Retries are answered by the first prompt (``messages[1]``)."""
    chooser = choose()

    def reply(messages: list[dict[str, str]]) -> str:
        asked = messages[1]["content"]
        if re.search(r"<<<(?:OPTIONS|KEUZES)\n", asked):
            return "not json" if refused in asked else chooser([messages[1]])
        return written

    return reply
