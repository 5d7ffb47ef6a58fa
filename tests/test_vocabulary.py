from __future__ import annotations

from service.vocabulary import Language, LessonKind


def test_the_stored_spellings_do_not_change() -> None:
    # The database, the JSON and the URLs hold these values: changing one needs a migration.
    assert [language.value for language in Language] == ["en", "nl"]
    assert [kind.value for kind in LessonKind] == ["lesson", "one_on_one"]


def test_a_one_on_one_is_dashed_where_people_type_it() -> None:
    assert LessonKind.ONE_ON_ONE.dashed == "one-on-one"
    assert LessonKind.LESSON.dashed == "lesson"
