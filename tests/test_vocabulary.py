from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from service.errors import InvalidInput
from service.knowledge import check_org
from service.settings import Settings
from service.store import ensure_organisation, upgrade_database
from service.vocabulary import (
    ORG_ID_MAX_LENGTH,
    ORG_ID_RULE,
    Language,
    LessonKind,
    is_org_id,
    language_named,
)


def test_the_stored_spellings_do_not_change() -> None:
    # The database, the JSON and the URLs hold these values: changing one needs a migration.
    assert [language.value for language in Language] == ["en", "nl"]
    assert [kind.value for kind in LessonKind] == ["lesson", "one_on_one"]


def test_a_language_is_named_by_its_code_only() -> None:
    assert language_named("nl") is Language.NL and language_named("en") is Language.EN
    for other in (None, "", "NL", "de", "english"):
        assert language_named(other) is None


def test_a_one_on_one_is_dashed_where_people_type_it() -> None:
    assert LessonKind.ONE_ON_ONE.dashed == "one-on-one"
    assert LessonKind.LESSON.dashed == "lesson"


def test_an_org_id_is_short_and_plain() -> None:
    assert is_org_id("acme") and is_org_id("acme-2") and is_org_id("a" * ORG_ID_MAX_LENGTH)
    for wrong in ("", "-acme", "Acme", "acme_2", "acme corp", "a" * (ORG_ID_MAX_LENGTH + 1)):
        assert not is_org_id(wrong), wrong


def test_settings_the_knowledge_base_and_the_store_refuse_the_same_org_ids(
    settings: Settings,
) -> None:
    with pytest.raises(ValidationError, match=re.escape(ORG_ID_RULE)):
        Settings(default_org="Acme")
    with pytest.raises(InvalidInput, match=re.escape(ORG_ID_RULE)):
        check_org("Acme")
    database = upgrade_database(settings)
    with database.transaction() as session, pytest.raises(InvalidInput) as refused:
        ensure_organisation(session, "Acme")
    database.close()
    assert (refused.value.field, refused.value.reason) == ("org", ORG_ID_RULE)
