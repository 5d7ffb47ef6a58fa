from __future__ import annotations

from pathlib import Path

import pytest

from service.errors import CorpusNotFound
from service.knowledge import DocumentKind, load_corpus
from service.vocabulary import Language
from tests.factories import small_corpus, write_story

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_small_corpus_loads_every_file(corpus_dir: Path) -> None:
    load = load_corpus(corpus_dir)
    assert load.ok
    assert {d.id for d in load.documents} == {
        "value-care",
        "value-learning",
        "story-late-bikes",
        "story-battery-scare",
        "story-junior-idea",
        "story-klachten",
    }
    junior = next(d for d in load.documents if d.id == "story-junior-idea")
    assert junior.meta.language is Language.NL
    assert junior.meta.values == ("value-learning",)
    assert junior.body.startswith("Fatima")


def _problem_for(folder: Path, text: str) -> tuple[str, int, str | None, str, list[str]]:
    small_corpus(folder)
    bad = folder / "stories" / "bad.md"
    bad.write_text(text, encoding="utf-8")
    load = load_corpus(folder)
    assert len(load.problems) == 1, load.problems
    problem = load.problems[0]
    return (
        problem.path.name,
        problem.line,
        problem.field,
        problem.message,
        [d.id for d in load.documents],
    )


GOOD = (
    "---\nid: story-x\nkind: story\ntitle: X\nlanguage: en\n"
    "values: [value-care]\noutcome: failure\n---\nBody.\n"
)


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        (GOOD.replace("title: X\n", ""), 2, "title", "required"),
        (GOOD.replace("kind: story", "kind: anecdote"), 3, "kind", "value"),
        (GOOD.replace("outcome: failure\n", ""), 2, "outcome", "needs an outcome"),
        (GOOD.replace("language: en", "language: de"), 5, "language", "'en' or 'nl'"),
        (GOOD.replace("value-care", "value-nope"), 6, "values", "unknown value id 'value-nope'"),
        (GOOD.replace("id: story-x", "id: Story X"), 2, "id", "lowercase"),
        (GOOD.replace("title: X", "title: [unclosed"), 5, None, "broken YAML"),
        (
            GOOD.replace("author", "x").replace("title: X", "title: X\nauthr: me"),
            5,
            "authr",
            "unknown field",
        ),
        (GOOD.replace("Body.\n", ""), 9, None, "no body"),
        (
            GOOD.replace("language: en", "language: en\ntitled:\n  nl: Y"),
            6,
            "titled",
            "only values and priorities",
        ),
        ("no front matter\n", 1, None, "must start with"),
    ],
)
def test_bad_file_names_line_and_field_and_others_still_load(
    tmp_path: Path, text: str, line: int, field: str | None, words: str
) -> None:
    name, got_line, got_field, message, loaded = _problem_for(tmp_path / "c", text)
    assert name == "bad.md"
    assert (got_line, got_field) == (line, field)
    assert words in message
    assert len(loaded) == 6


def test_duplicate_id_is_reported_on_the_second_file(tmp_path: Path) -> None:
    folder = small_corpus(tmp_path / "c")
    copy = write_story(folder / "zz", "story-late-bikes", "Again", "Same id, other file.")
    load = load_corpus(folder)
    assert [(p.path, p.field) for p in load.problems] == [(copy, "id")]
    assert "duplicate id 'story-late-bikes'" in load.problems[0].message
    assert str(load.problems[0]).startswith(f"{copy}:2: id:")


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusNotFound):
        load_corpus(tmp_path / "nope")


def test_the_demo_corpus_is_valid_and_big_enough() -> None:
    load = load_corpus(CORPUS)
    assert load.problems == []
    by_kind = {kind: [d for d in load.documents if d.meta.kind is kind] for kind in DocumentKind}
    assert len(by_kind[DocumentKind.VALUE]) >= 6
    assert len(by_kind[DocumentKind.PRIORITY]) >= 4
    assert len(by_kind[DocumentKind.LESSON]) >= 4
    stories = by_kind[DocumentKind.STORY]
    assert len(stories) >= 24
    assert sum(s.meta.language is Language.NL for s in stories) * 3 >= len(stories)
    outcomes = {s.meta.outcome.value for s in stories if s.meta.outcome}
    assert {"success", "failure"} <= outcomes


def test_every_demo_value_and_priority_has_a_title_in_both_languages() -> None:
    """So that a text in either language names the value it shows and the priority it serves
    (``FrontMatter.titled``)."""
    kinds = (DocumentKind.VALUE, DocumentKind.PRIORITY)
    values = [d for d in load_corpus(CORPUS).documents if d.meta.kind in kinds]
    for value in values:
        assert {value.meta.language, *value.meta.titled} == set(Language), value.id
