"""UI text in Dutch and English. The page language comes from ``?lang=`` or Accept-Language."""

from __future__ import annotations

from service.knowledge import Language

TEXT: dict[str, dict[Language, str]] = {
    "tagline": {
        Language.EN: "Real stories, compact lessons: leaders who train their teams.",
        Language.NL: "Echte verhalen, compacte lessen: leiders die hun team trainen.",
    },
    "search": {Language.EN: "Search", Language.NL: "Zoeken"},
    "placeholder": {
        Language.EN: "e.g. a story about admitting a mistake to the team",
        Language.NL: "bijv. een verhaal over een fout toegeven aan je team",
    },
    "any_kind": {Language.EN: "All kinds", Language.NL: "Alle soorten"},
    "any_language": {Language.EN: "Both languages", Language.NL: "Beide talen"},
    "no_results": {Language.EN: "Nothing found.", Language.NL: "Niets gevonden."},
    "results": {Language.EN: "results", Language.NL: "resultaten"},
    "value": {Language.EN: "value", Language.NL: "waarde"},
    "priority": {Language.EN: "priority", Language.NL: "prioriteit"},
    "story": {Language.EN: "story", Language.NL: "verhaal"},
    "lesson": {Language.EN: "lesson", Language.NL: "les"},
    "success": {Language.EN: "success", Language.NL: "succes"},
    "failure": {Language.EN: "failure", Language.NL: "mislukking"},
    "mixed": {Language.EN: "mixed", Language.NL: "gemengd"},
}


def pick_language(requested: str | None, accept_language: str | None) -> Language:
    if requested in ("nl", "en"):
        return Language(requested)
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in ("nl", "en"):
            return Language(code)
    return Language.EN


def translator(language: Language) -> dict[str, str]:
    return {key: texts[language] for key, texts in TEXT.items()}
