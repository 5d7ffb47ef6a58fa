"""Why a part is not publishable as it stands: the reasons a careful L&D reviewer gives.

The same names are used by the human labels (``evals/quality/``) and by the detectors, so each
detector's precision and recall can be measured against the labels.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    FRAGMENT = "fragment"
    """Not a whole sentence or phrase: a clause cut out of a sentence, or one that stops mid-way."""
    WRONG_ROLE = "wrong_role"
    """Material of another role: a problem as a practice, a mistake as a takeaway, a past
    narrative as a call to action, a question asked from the storyteller's side."""
    UNGRAMMATICAL = "ungrammatical"
    """Words that do not exist, a phrase dropped into a frame that does not fit it."""
    GENERIC = "generic"
    """Says nothing about this story: could stand under any story."""
    DUPLICATE = "duplicate"
    """Repeats another part of the same output."""
    RAW_ID = "raw_id"
    """An internal id (``value-open-knowledge``) in the text a reader sees."""
    WRONG_LANGUAGE = "wrong_language"
    INVENTED = "invented"
    """Says what the leader did not: a fact, a number, a unit of time, a name or a negation
    that the account does not have."""
