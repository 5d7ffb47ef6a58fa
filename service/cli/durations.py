"""Lengths of time as people type them on the command line: ``90m``, ``12h``, ``30d``, ``2w``."""

from __future__ import annotations

import re
from datetime import timedelta

from service.errors import InvalidInput

UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}
UNITS["w"] = UNITS["d"] * 7
LONGEST = timedelta(days=3660)
"""About ten years: past that a typo is likelier than an intention."""
_DURATION = re.compile(r"(\d{1,6})\s*([mhdw])")


def parse_duration(text: str, field: str = "expires-in") -> timedelta:
    """``text`` as a length of time: a whole number and a unit (m, h, d or w); ``InvalidInput``
    naming ``field`` for anything else, zero, or more than ``LONGEST``."""
    found = _DURATION.fullmatch(text.strip().lower())
    if found is None:
        raise InvalidInput(field, f"'{text}' is not a duration such as 90m, 12h, 30d or 2w")
    length = int(found.group(1)) * UNITS[found.group(2)]
    if not timedelta(0) < length <= LONGEST:
        raise InvalidInput(field, f"must be more than 0 and at most {LONGEST.days} days")
    return length
