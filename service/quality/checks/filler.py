"""Stock corporate phrases in Dutch and English, the words a real story never needs.

Patterns, not single words: "robust" can describe a frame, "robust solutions" is filler. Each
pattern allows the usual inflections ("leverage", "leveraging").
"""

from __future__ import annotations

import re

FILLER_PATTERNS: tuple[str, ...] = (
    # English
    r"leverag(e|es|ed|ing)",
    r"synerg(y|ies|istic)",
    r"best[- ]in[- ]class",
    r"world[- ]class",
    r"going forward",
    r"circle back",
    r"move the needle",
    r"paradigm shift",
    r"value[- ]add(ed)?",
    r"low[- ]hanging fruit",
    r"win[- ]win",
    r"think(ing)? outside the box",
    r"(take|taking) (it|this|things) to the next level",
    r"next[- ]level",
    r"holistic",
    r"robust (solution|framework|approach|process)s?",
    r"seamless(ly)?",
    r"empower(ing|ment)?",
    r"stakeholder alignment",
    r"at the end of the day",
    r"deep[- ]dive",
    r"core competenc(y|ies)",
    r"mission[- ]critical",
    r"actionable insights?",
    r"best practices?",
    r"customer[- ]centric",
    r"drive (excellence|growth|value|impact)",
    r"unlock(ing)? (value|potential)",
    r"game[- ]changer",
    r"cutting[- ]edge",
    r"in today's fast[- ]paced",
    r"fast[- ]paced world",
    r"(journey|culture) of excellence",
    r"strategic (alignment|imperative)",
    r"key (learnings|takeaways) going forward",
    r"continuous improvement mindset",
    r"(raise|raising) the bar",
    r"state[- ]of[- ]the[- ]art",
    r"bandwidth",
    r"optimi[sz](e|ing|ation) (of )?(our )?(processes|synergies|performance)",
    r"proactive(ly)?",
    r"impactful",
    r"excellence",
    # Dutch
    r"synergie(ën|en)?",
    r"meerwaarde",
    r"stip op de horizon",
    r"handen en voeten",
    r"(te )?borgen",
    r"geborgd",
    r"slag(en)? (te )?maken",
    r"quick wins?",
    r"toekomstbestendig(e)?",
    r"(de )?schouders eronder",
    r"samen sterk",
    r"vliegende start",
    r"ontzorg(en|t)",
    r"op de kaart (zetten|gezet)",
    r"impact maken",
    r"in positie brengen",
    r"integrale aanpak",
    r"klantgericht(heid)? denken",
    r"optimaliser(en|ing) van (onze )?processen",
    r"proactie(f|ve)",
    r"next level",
    r"excellentie",
    r"werkplezier en vitaliteit",
    r"(mensen|medewerkers) in hun kracht( zetten)?",
    r"eigenaarschap (nemen|pakken)",
    r"de lat hoger leggen",
    r"best practices?",
    r"ambitieuze stappen",
    r"waardegedreven",
    r"resultaatgericht(e)?",
    r"verbinding (maken|zoeken)",
    r"het goede gesprek",
)
_FILLER = re.compile(r"\b(" + "|".join(FILLER_PATTERNS) + r")\b", re.IGNORECASE)


def filler_phrases(text: str) -> list[str]:
    """Every filler phrase in the text, as written, in order."""
    return [m.group(0) for m in _FILLER.finditer(text)]
