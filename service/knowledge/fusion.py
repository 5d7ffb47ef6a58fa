"""Combining ranked lists: reciprocal rank fusion with a weight per list."""

from __future__ import annotations

from collections.abc import Sequence

RRF_K = 60
"""The usual RRF constant: ranks matter, but the tail of a list still counts a little."""


def fuse_ranks(
    rankings: Sequence[tuple[Sequence[str], float]], *, k: int = RRF_K
) -> list[tuple[str, float]]:
    """Fuse ranked id lists, each with a weight; returns ``(id, score)`` best first.

    Ties keep the order in which ids first appeared, which favours the first (dense) list.
    """
    scores: dict[str, float] = {}
    for ranking, weight in rankings:
        if weight <= 0:
            continue
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])
