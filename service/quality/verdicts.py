"""The judge's structured verdict, how a reply becomes one, and how its evidence is verified.

A judge that cannot quote the document has not read it: a verdict whose evidence is not really
in the judged text is rejected, and a reply that does not parse is unscored, never guessed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, ValidationError


class Verdict(BaseModel):
    """What the judge returns for one criterion, one call."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    score: int
    """A level of the criterion's scale."""
    reason: str = ""
    """One or two sentences: why this level and not the next."""
    evidence: str = ""
    """A short quote copied exactly from the judged text; empty only for the lowest level."""


VERDICT_SCHEMA = Verdict.model_json_schema()


class Rejection(StrEnum):
    """Why a reply did not count. Each is counted, so a judge that drifts shows in the report."""

    UNPARSEABLE = "unparseable"
    OUT_OF_RANGE = "score out of range"
    EVIDENCE_NOT_FOUND = "evidence not in the judged text"
    EVIDENCE_MISSING = "no evidence for a score above the lowest level"
    MODEL_FAILED = "the judge model failed"


_FENCED_JSON = re.compile(r"```(?:json)?\s*(\{.*?\})\s*```", re.DOTALL)
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
    }
)
_MARKUP = re.compile(r"[*_`#>]+")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\[\.\.\.\])\s*")


def parse_verdict(reply: str) -> Verdict | None:
    """The verdict in a reply: bare JSON, JSON in a code fence, or the first ``{...}`` in prose."""
    candidates = [reply.strip()]
    if fenced := _FENCED_JSON.search(reply):
        candidates.append(fenced.group(1))
    start, end = reply.find("{"), reply.rfind("}")
    if 0 <= start < end:
        candidates.append(reply[start : end + 1])
    for candidate in candidates:
        try:
            data = json.loads(candidate)
            return Verdict.model_validate(data)
        except (ValueError, ValidationError):
            continue
    return None


def normalise_for_match(text: str) -> str:
    """Case, curly quotes, dashes, Markdown marks and runs of whitespace do not count."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _MARKUP.sub("", text)
    return " ".join(text.lower().split())


def evidence_in(evidence: str, text: str) -> bool:
    """Whether every fragment of the quote (split at "...") is in the text, in order."""
    haystack = normalise_for_match(text)
    quote = normalise_for_match(evidence).strip(" \"'")
    fragments = [f.strip(" \"'") for f in _ELLIPSIS.split(quote) if f.strip(" \"'.")]
    if not fragments:
        return False
    position = 0
    for fragment in fragments:
        found = haystack.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


def check_verdict(verdict: Verdict, text: str, low: int, high: int) -> Rejection | None:
    """Why a parsed verdict cannot count, or ``None`` when it can."""
    if not low <= verdict.score <= high:
        return Rejection.OUT_OF_RANGE
    if not verdict.evidence.strip():
        return None if verdict.score == low else Rejection.EVIDENCE_MISSING
    if not evidence_in(verdict.evidence, text):
        return Rejection.EVIDENCE_NOT_FOUND
    return None
