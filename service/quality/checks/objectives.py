"""One learning objective, stated with a verb you can observe (Bloom), in Dutch or English.

"Understand the importance of X" cannot be checked after the lesson; "explain to your team why
X" can. Microlearning asks for exactly one objective per unit.
"""

from __future__ import annotations

import re

from service.knowledge.languages import words

from ..context import ScoringContext
from ..document import ParsedDocument
from ..signals import sentences, word_set
from .registry import CheckOutcome, NoParams, check, quote, verdict

ENGLISH_VERBS = (
    word_set(  # Bloom's levels from remember to create, plus the verbs of leading a team.
        "list name define identify describe explain summarise summarize classify sort compare "
        "contrast apply use demonstrate show run conduct hold lead facilitate coach write draft "
        "calculate measure prioritise prioritize plan design create produce build analyse analyze "
        "diagnose evaluate assess judge decide choose select justify argue give ask answer present "
        "teach recognise recognize spot distinguish estimate check test read record report respond "
        "reply prepare formulate agree set investigate solve handle tell recount map rank order "
        "propose recommend negotiate review critique predict interpret illustrate outline state "
        "recall match perform complete fill triage escalate call register inspect replace repair "
        "deliver share discuss turn pass send forward submit file notify inform contact fix "
        "install adjust welcome interview observe mentor sign log document track follow "
        "schedule invite visit brief debrief phone email"
    )
)
DUTCH_VERBS = word_set(  # Infinitives: Dutch objectives put the verb last ("kun je ... uitleggen").
    "opsommen noemen benoemen definiëren herkennen beschrijven uitleggen samenvatten indelen "
    "sorteren ordenen vergelijken toepassen gebruiken demonstreren voordoen voeren uitvoeren "
    "schrijven opschrijven opstellen berekenen meten uitlezen plannen inplannen ontwerpen maken "
    "analyseren onderzoeken beoordelen evalueren beslissen kiezen selecteren onderbouwen "
    "beargumenteren geven stellen vragen beantwoorden presenteren vertellen afwerken "
    "controleren testen rapporteren melden reageren antwoorden voorbereiden formuleren afspreken "
    "leiden begeleiden coachen oplossen prioriteren voorstellen aanbevelen bespreken delen "
    "doorvragen terugkoppelen invullen registreren vervangen repareren aftekenen inschatten "
    "herschrijven houden tonen zien doorgeven doorsturen indienen informeren bellen mailen "
    "invoeren opvolgen uitnodigen observeren afronden vastleggen aanpassen installeren "
    "inrichten bezoeken briefen loggen bijhouden"
)
VAGUE_VERBS = word_set(
    "understand know learn appreciate realise realize grasp internalise internalize believe "
    "familiarise familiarize aware begrijpen begrijpt snappen snapt weten weet leren beseffen "
    "beseft inzien waarderen kennen kent bewust"
)
_ENGLISH_LEAD_INS = word_set(
    "can to will you'll i'll we'll and or then also could should must shall"
)
"""A verb counts in English only right after one of these (or first): "why answering matters"
has the word "answer" in it but asks for nothing observable."""
_DUTCH_MODALS = word_set("kun kan kunt kunnen zal zul zult zullen ga gaat gaan te")
"""A Dutch infinitive counts only after a modal ("kun je ... uitleggen"): "snelle antwoorden"
is a noun."""
MEASURABLE_PHRASES = ("carry out", "point out", "laten zien", "in kaart brengen")
_OBJECTIVE_STEM = re.compile(
    r"\b(you can|you will|you'll|be able to|can you|kun je|kan je|kunt u|kun jij|ben je in staat"
    r"|weet je|leer je|by the end|na afloop"
    r"|after (this|the|today's) (lesson|session|conversation|talk|meeting|training|module|week)"
    r"|na (deze|dit|het) (les|gesprek|sessie|training|module|overleg|week))\b",
    re.IGNORECASE,
)


def _english_forms(word: str) -> set[str]:
    forms = {word}
    for suffix in ("es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.add(word[: -len(suffix)])
    return forms


_TOKEN = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def _tokens(sentence: str) -> list[str]:
    """Words, with a hyphenated verb reduced to its last part: "drop-test" is a "test"."""
    return [t.lower().replace("\u2019", "'").split("-")[-1] for t in _TOKEN.findall(sentence)]


def _measurable_in(sentence: str) -> list[str]:
    tokens = _tokens(sentence)
    found: list[str] = []
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        if before.endswith("ly") and i > 1:
            before = tokens[i - 2]  # "you can clearly explain"
        english = _english_forms(token) & ENGLISH_VERBS and (i == 0 or before in _ENGLISH_LEAD_INS)
        dutch = token in DUTCH_VERBS and (i == 0 or any(t in _DUTCH_MODALS for t in tokens[:i]))
        if english or dutch:
            found.append(token)
    lowered = sentence.lower()
    return found + [p for p in MEASURABLE_PHRASES if p in lowered]


def measurable_verbs(text: str) -> list[str]:
    """The observable verbs a text asks for, as written."""
    return [verb for sentence in sentences(text) for verb in _measurable_in(sentence)]


def objectives(document: ParsedDocument) -> list[str]:
    """The objectives a document states: items of its objective part, or sentences in it that
    open an objective ("you can...", "kun je..."); without such a part, sentences that start like
    one anywhere ("After this lesson...", "Na deze les...")."""
    found: list[str] = []
    for part in document.sections_with("objective"):
        if part.items:
            found.extend(part.items)
            continue
        said = sentences(" ".join(part.paragraphs))
        openers = [s for s in said if _OBJECTIVE_STEM.search(s)]
        found.extend(openers or said[:1])
    if found:
        return found
    return [s for s in sentences(document.prose) if _OBJECTIVE_STEM.match(s)]


@check("single_objective")
def single_objective(
    document: ParsedDocument, context: ScoringContext, params: NoParams
) -> CheckOutcome:
    """Exactly one objective: a compact lesson that tries to teach two things teaches neither."""
    stated = objectives(document)
    if not stated:
        return verdict(False, "no learning objective found")
    if len(stated) > 1:
        return verdict(False, f"{len(stated)} objectives; a compact lesson has one", quote(stated))
    return verdict(True, "one objective", quote(stated))


@check("measurable_objective")
def measurable_objective(
    document: ParsedDocument, context: ScoringContext, params: NoParams
) -> CheckOutcome:
    """Every stated objective has an observable verb ("explain", "uitleggen"), not only
    "understand" or "weten", so the learner and the leader can tell whether it was reached."""
    stated = objectives(document)
    if not stated:
        return verdict(False, "no learning objective found")
    for objective in stated:
        if not measurable_verbs(objective):
            vague = [w for w in words(objective) if w in VAGUE_VERBS]
            why = f"only {', '.join(vague)}" if vague else "no observable verb"
            return verdict(False, f"objective has {why}", quote([objective]))
    verbs = [v for o in stated for v in measurable_verbs(o)]
    return verdict(True, f"observable verb: {', '.join(dict.fromkeys(verbs))}", quote(stated))
