"""The pages' words: every key a template or page script uses exists, and the language choice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.vocabulary import Language
from service.web.i18n import SCRIPT_KEYS, pick_language, translator

WEB = Path(__file__).resolve().parents[2] / "service" / "web"


@pytest.mark.parametrize("language", list(Language))
def test_every_key_a_template_names_has_text(language: Language) -> None:
    named = {
        key
        for page in (WEB / "templates").glob("*.html")
        for key in re.findall(r"\bt\.([a-z_0-9]+)", page.read_text(encoding="utf-8"))
    }
    assert len(named) > 50
    assert sorted(named - set(translator(language))) == []


def test_page_scripts_get_the_texts_they_use() -> None:
    used = {
        key
        for script in (WEB / "static").glob("*.js")
        for key in re.findall(r"\bT\.([a-z_]+)", script.read_text(encoding="utf-8"))
    }
    assert used and used <= set(SCRIPT_KEYS)
    assert set(SCRIPT_KEYS) <= set(translator(Language.NL))


@pytest.mark.parametrize(
    ("requested", "accept", "cookie", "locale", "expected"),
    [
        ("nl", "en", "en", "en", Language.NL),
        (None, "en", "nl", "en", Language.NL),
        (None, "nl", None, "en", Language.EN),
        (None, "fr-FR, nl-BE;q=0.8", None, None, Language.NL),
        ("fr", None, None, None, Language.EN),
    ],
)
def test_the_page_language_follows_the_request_then_the_person_then_the_browser(
    requested: str | None,
    accept: str | None,
    cookie: str | None,
    locale: str | None,
    expected: Language,
) -> None:
    chosen = pick_language(requested, accept, cookie=cookie, locale=locale)
    assert chosen is expected
