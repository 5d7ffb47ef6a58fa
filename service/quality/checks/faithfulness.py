"""Faithfulness to the leader's account: no claim, outcome, name or number the leader did not give.

docs/design.md, principle 1: elicit, never invent. A small model that restructures an account drifts
in ways the name-and-number check cannot see: it reports an outcome nobody reported
("productivity increased significantly"), turns the leader's lesson into an instruction about
something else ("start using the scheduling app to reduce sick leave"), or moves a person or a
thing into another moment of the account ("the trolley had to look first"). Without a model,
three signals catch most of it, the same way in Dutch and English:

1. every name and number is in the account, or in ``allowed`` text (a cited value);
2. most content words of every sentence occur in the account: content words are the words
   left after Dutch and English stopwords, compared as Snowball stems of both languages and as
   parts of Dutch compounds. A sentence with less than ``MIN_SUPPORT`` of them supported says
   something the leader did not say, and so does one with a word of change or result
   ("improves", "reduce", "steeg") that the account does not have;
3. a sentence whose content words are all the leader's but come from two moments of the
   account that share nothing, one of them adding a single word, mixes those moments up.

A sentence copied from the account passes whole, and so does one trimmed of a lead-in ("I
learned that ..."). This is a signal for a reviewer, not a proof: a negation turned around
with the leader's own words passes, and the judge criterion ``faithful-judged`` reads for that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from service.knowledge.languages import STOPWORDS, detect_language, index_terms, words
from service.vocabulary import Language

from ..context import ScoringContext
from ..document import ParsedDocument
from ..signals import NUMBER_WORDS, numbers, sentences, spelled_numbers, word_set
from .registry import CheckOutcome, check, quote, unscored, verdict
from .sources import CITATION, unsupported_names, unsupported_numbers

MIN_SUPPORT = 0.6
"""The share of a sentence's content words the account must have. Tuned on the coach's real
failures (half or fewer of their words are the leader's), the 34 corpus stories (all 723 of
their sentences pass against their own story, also merged in pairs or after "I learned
that") and on the sentences of other stories in the same language (about 1 in 20 passes)."""
_MIN_PART = 4
"""Shortest part of a Dutch compound that counts: "nacht" + "dienst", not "in" + "zet"."""
_FUNCTION_WORDS = word_set(
    "also always just really very still even then there here every everyone anyone someone "
    "something anything nothing got get gets make made makes went go goes going come came one "
    "ones thing things way lot kind much many more most less within without really actually "
    "wel weer heel even eens steeds nog gaat ging gingen gaan moest moesten moeten kwam kwamen "
    "komt komen werd deed deden doet elke elk ieder iedereen niemand alle allemaal zoals echt "
    "gewoon daarna daarom toen dus eigenlijk misschien voordat nadat terwijl zodat wanneer "
    "because after while until since"
)
"""Words that carry no claim of their own, beyond the stopword lists of the search index."""
_STOP = STOPWORDS[Language.EN] | STOPWORDS[Language.NL] | _FUNCTION_WORDS
_LEAD_INS = (
    r"(?:what\s+)?(?:i|we)\s+(?:have\s+|had\s+)?(?:learned|learnt|realised|realized|found out"
    r"|took away)(?:\s+(?:is|was))?(?:\s+that)?",
    r"(?:the|my)\s+lesson(?:\s+(?:i|we)\s+(?:learned|learnt|took away))?(?:\s+(?:is|was))?"
    r"(?:\s+that)?",
    r"(?:wat\s+)?(?:ik|we|wij)\s+(?:ervan\s+|daarvan\s+)?(?:heb\s+|hebben\s+)?"
    r"(?:ervan\s+|daarvan\s+)?(?:geleerd|leerde|leerden|besefte|realiseerde me)"
    r"(?:\s+(?:heb|hebben|is))?(?:\s+dat)?",
    r"(?:mijn|de)\s+les(?:\s+(?:is|was))?(?:\s+dat)?",
)
_LEAD_IN = re.compile(rf"^(?:{'|'.join(_LEAD_INS)})\s*[:,]?\s+", re.IGNORECASE)
"""A lead-in before the leader's own lesson ("I learned that", "Wat ik heb geleerd:"): the
words after it are what is checked, so a trimmed or introduced sentence of theirs passes."""
_OUTCOME = re.compile(
    r"^(?:improv|increas|reduc|decreas|boost|ris(?:e|es|en|ing)$|rose$|drop|halv|doubl|lower"
    r"|sav(?:e|ed|es|ing)$|grow|grew|declin|productiv|efficien|significant|dramatic|drastic"
    r"|substantial|considerabl|verbeter|verhoog|verlaag|verminder|stijg|steeg|gestegen|daal"
    r"|gedaald|halveer|verdubbel|bespa|groei|efficiënt|aanzienlijk|toename|afname)"
)
"""Words that report a change or a result ("improves", "reduce", "productiviteit steeg"):
one the account does not have makes its sentence a claim, however many of its other words
the account shares ("use the scheduling app to reduce sick leave")."""
_ABOUT_THE_STORY = re.compile(
    r"\b(?:this|the|my|your) story\b|\b(?:dit|het|mijn|je|jouw) verhaal\b", re.IGNORECASE
)
"""A sentence about the story itself ("This story shows what our value means", "Vertel dit
verhaal aan je team") reports no event, so its words are not held to the account; a word of
change or result in it still is."""
_TITLE_CASE_SHARE = 0.6
"""A line with this share of capitalised words is in title case: its capitals are not names."""


@dataclass(frozen=True)
class _Material:
    """What the account (and the allowed text) supports, read once per text."""

    stems: frozenset[str]
    """Every word as written and as its English and Dutch stem."""
    words: frozenset[str]
    sentences: tuple[tuple[frozenset[str], ...], ...]
    """The content words of each sentence of the account, as their keys: which moment of the
    account a word comes from."""
    numbers: frozenset[str]
    """Numbers in digits and in words, as digits: "four days" supports "4 days"."""
    plain: str
    """The account's words, lower-cased, between single spaces, to find copied sentences."""


@lru_cache(maxsize=16384)
def _keys(word: str) -> frozenset[str]:
    """The forms a word is compared by: as written and its English and Dutch stems."""
    stems = [t for language in Language for t in index_terms(word, language)]
    return frozenset({word, *stems})


@lru_cache(maxsize=64)
def _material(source: str, allowed: str) -> _Material:
    text = f"{source}\n{allowed}"
    tokens = words(text)
    stems = frozenset(key for token in tokens for key in _keys(token))
    moments = tuple(tuple(_keys(w) for w in _content_words(s)) for s in sentences(source))
    found = frozenset([*numbers(text), *spelled_numbers(text)])
    return _Material(stems, frozenset(tokens), moments, found, f" {_plain(text)} ")


def _plain(text: str) -> str:
    return " ".join(words(text))


def _compound_supported(word: str, material: _Material) -> bool:
    """Dutch writes compounds as one word: "nachtdienst" is supported by "nacht" and
    "dienst", and "leider" by "werkplaatsleider"."""
    if len(word) < 2 * _MIN_PART:
        return any(len(w) > len(word) >= _MIN_PART and w.endswith(word) for w in material.words)
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if _keys(head) & material.stems and _keys(tail) & material.stems:
            return True
    return any(len(w) > len(word) and w.endswith(word) for w in material.words)


def _supported(word: str, material: _Material) -> bool:
    if _keys(word) & material.stems:
        return True
    if NUMBER_WORDS.get(word) in material.numbers:
        return True
    return _compound_supported(word, material)


def _content_words(sentence: str) -> list[str]:
    return [w for w in words(sentence) if w not in _STOP and not w.isdigit() and len(w) > 1]


def _span(sentence: str, unsupported: Iterable[str]) -> str:
    """The part of the sentence from its first to its last unsupported word, as written."""
    wanted = set(unsupported)
    found = [
        m
        for m in re.finditer(r"[^\W_]+(?:['\u2019][^\W_]+)?", sentence)
        if m.group().lower().replace("\u2019", "'") in wanted
    ]
    if not found:
        return sentence
    return sentence[found[0].start() : found[-1].end()]


def _mixed_moments(content: list[str], material: _Material) -> bool:
    """Whether the sentence grafts one word of a moment of the account onto another moment:
    "De medicijnkar" (from "De medicijnkar stond in de verkeerde gang") "moest eerst kijken
    voordat ze iemand iets leren" (from the leader's lesson). A sentence that merges two of
    the leader's sentences keeps most of each ("I had no answer, and the ticket waited") and
    is not flagged."""
    keys = [_keys(w) for w in dict.fromkeys(content)]
    if len(keys) < 4:
        return False
    every = frozenset().union(*keys)
    for index, own in enumerate(keys):
        others = [k for i, k in enumerate(keys) if i != index]
        moments = [m for m in material.sentences if any(own & word for word in m)]
        if not moments or any(_touches(m, others) for m in moments):
            continue
        rest = [m for m in material.sentences if m not in moments]
        found_elsewhere = all(any(_touches(m, [k]) for m in rest) for k in others)
        barely_used = all(sum(bool(w & every) for w in m) * 2 < len(m) for m in moments)
        if found_elsewhere and barely_used:
            return True
    return False


def _touches(moment: tuple[frozenset[str], ...], keys: list[frozenset[str]]) -> bool:
    return any(word & key for word in moment for key in keys)


def _title_case(line: str) -> bool:
    tokens = re.findall(r"[^\W\d_]+", line)
    capitals = sum(t[0].isupper() for t in tokens)
    return len(tokens) >= 3 and capitals / len(tokens) >= _TITLE_CASE_SHARE


def comparable(text: str, source: str) -> bool:
    """Words can be compared only when the account is in the text's language (or either is
    too short to tell); a story in English told from a Dutch account is checked for names and
    numbers alone."""
    mine, theirs = detect_language(text), detect_language(source)
    return mine is None or theirs is None or mine == theirs


def unsupported_claims(
    text: str,
    source: str,
    *,
    allowed: str = "",
    min_support: float = MIN_SUPPORT,
    moments: bool = True,
    story_talk: bool = True,
) -> list[str]:
    """What ``text`` says that the leader's account ``source`` does not support.

    Args:
        text: a generated part or document (plain text or Markdown prose; citations ignored).
        source: the leader's own account.
        allowed: other text whose names, numbers and words may be used: a cited value, the
            story a lesson was made from. Never a priority: its targets are the company's,
            not the leader's results.
        min_support: the share of a sentence's content words the account must have.
        moments: also flag a sentence that mixes two moments of the account (signal 3). A
            summary that joins moments on purpose (a lesson's "why it matters") is held to
            signals 1 and 2 only: signal 3 flagged good hand-written summaries there.
        story_talk: let a sentence about the story itself ("This story shows we …") pass
            with its words unchecked. The publishability detectors pass ``False``: code's
            frames are removed before they check, so what is left is a claim like any other.

    Returns:
        Human-readable findings, numbers and names first, then sentences in order: "the
        number 30", "the name 'Marco'", "'productivity increased significantly' is not in the
        account", "'De medicijnkar moest eerst kijken ...' mixes up two moments of the
        account". Empty when everything is supported.
    """
    text = CITATION.sub(" ", text)
    material = _material(source, allowed)
    known = f"{source}\n{allowed}"
    findings = [f"the number {n}" for n in unsupported_numbers(text, known)]
    cased = "\n".join(line.lower() if _title_case(line) else line for line in text.splitlines())
    findings += [f"the name '{n}'" for n in unsupported_names(cased, known)]
    if not comparable(text, source):
        return findings
    for sentence in sentences(text):
        clean = _LEAD_IN.sub("", sentence.strip(" *_#>-\"'\u201c\u201d"), count=1)
        if not clean or f" {_plain(clean)} " in material.plain:
            continue  # copied from the account (or the allowed text), word for word
        if clean.rstrip(" *_\"'\u201d\u2019").endswith("?"):
            continue  # a question claims nothing (its names and numbers are checked above)
        content = _content_words(clean)
        if not content:
            continue
        missing = [w for w in content if not _supported(w, material)]
        outcome = any(_OUTCOME.match(w) for w in missing)
        if story_talk and _ABOUT_THE_STORY.search(clean) and not outcome:
            continue
        if outcome or len(content) - len(missing) < min_support * len(content):
            findings.append(f"'{_span(clean, missing)}' is not in the account")
        elif moments and _mixed_moments(content, material):
            findings.append(f"'{clean}' mixes up two moments of the account")
    return findings


class FaithfulParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sections: tuple[str, ...] = ()
    """Section keys whose text is checked (a lesson's ``why``: its practice and recall are
    instructions, not claims); empty means the whole document, title included."""
    min_support: float = Field(default=MIN_SUPPORT, gt=0, le=1)
    max_unsupported: int = Field(default=0, ge=0)


def _checked_text(document: ParsedDocument, sections: tuple[str, ...]) -> str:
    if sections:
        return "\n".join(s.text for key in sections for s in document.sections_with(key))
    title = [document.title] if document.title else []
    return "\n".join([*title, *document.paragraphs, *document.items])


@check("faithful_to_account", FaithfulParams)
def faithful_to_account(
    document: ParsedDocument, context: ScoringContext, params: FaithfulParams
) -> CheckOutcome:
    """Every sentence, name and number is supported by the leader's account (or by the
    allowed text: a cited value, the story a lesson was made from). Without the account it is
    unscored, never passed: a pasted document has nothing to be faithful to."""
    account = context.leader_account
    if not account:
        return unscored("no leader's account to hold the text to")
    text = _checked_text(document, params.sections)
    if not words(text):
        return unscored(f"nothing to check: no {', '.join(params.sections)} part")
    allowed = "\n".join(context.allowed_texts)
    found = unsupported_claims(text, account, allowed=allowed, min_support=params.min_support)
    if len(found) > params.max_unsupported:
        reason = f"{len(found)} claim(s), name(s) or number(s) that the account does not support"
        return verdict(False, reason, quote(found, 3))
    if not comparable(text, account):
        # Sentences cannot be held to an account in another language word for word; passing
        # them would call a translation "checked" when only its names and numbers were.
        return unscored("names and numbers supported; the account is in another language")
    return verdict(True, "every sentence, name and number is supported by the account")
