from __future__ import annotations

from pathlib import Path

import pytest

from service.errors import EmptyOrganisation, InvalidInput, NotFound
from service.knowledge import DocumentKind, KnowledgeBase, Outcome, SearchFilters, SearchMode
from service.knowledge.vector_store import VectorStore
from service.settings import Settings
from service.vocabulary import Language
from tests.factories import write_story


def test_best_document_first_with_its_passage(loaded: KnowledgeBase) -> None:
    hits = loaded.search("acme", "hot battery pack shipping", k=3)
    assert hits[0].id == "story-battery-scare"
    assert hits[0].kind is DocumentKind.STORY
    assert hits[0].title == "The battery scare"
    assert "hot battery" in hits[0].text
    assert hits[0].values == ["value-care", "value-learning"]
    assert hits[0].tags == ["safety"]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_one_hit_per_document_and_k_respected(loaded: KnowledgeBase) -> None:
    hits = loaded.search("acme", "customers bikes klachten", k=4)
    assert len(hits) == 4
    assert len({h.id for h in hits}) == 4


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(kind=DocumentKind.VALUE), {"value-care", "value-learning"}),
        (SearchFilters(language=Language.NL), {"story-junior-idea", "story-klachten"}),
        (SearchFilters(outcome=Outcome.MIXED), {"story-battery-scare"}),
        (SearchFilters(value="value-learning"), {"story-battery-scare", "story-junior-idea"}),
        (SearchFilters(tags=("dealers", "promises")), {"story-late-bikes"}),
        (
            SearchFilters(kind=DocumentKind.STORY, language=Language.NL, outcome=Outcome.SUCCESS),
            {"story-junior-idea", "story-klachten"},
        ),
    ],
)
@pytest.mark.parametrize("mode", list(SearchMode))
def test_filters_hold_in_every_mode(
    loaded: KnowledgeBase, filters: SearchFilters, expected: set[str], mode: SearchMode
) -> None:
    hits = loaded.search(
        "acme", "customers battery junior klachten bikes we", k=10, filters=filters, mode=mode
    )
    assert {h.id for h in hits} <= expected
    if mode is not SearchMode.LEXICAL:  # dense always returns every match; BM25 only word hits
        assert {h.id for h in hits} == expected


@pytest.mark.parametrize(
    ("query", "k", "filters", "field"),
    [
        ("", 5, None, "query"),
        ("   ", 5, None, "query"),
        ("x" * 2001, 5, None, "query"),
        ("bikes", 0, None, "k"),
        ("bikes", 101, None, "k"),
        ("bikes", 5, SearchFilters(value="value-nope"), "value"),
        ("bikes", 5, SearchFilters(tags=("nope",)), "tag"),
    ],
)
def test_bad_input_names_the_field(
    loaded: KnowledgeBase, query: str, k: int, filters: SearchFilters | None, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        loaded.search("acme", query, k=k, filters=filters)
    assert caught.value.field == field


def test_unknown_or_invalid_org(loaded: KnowledgeBase) -> None:
    with pytest.raises(EmptyOrganisation):
        loaded.search("nobody", "bikes")
    with pytest.raises(InvalidInput) as caught:
        loaded.search("Not An Org!", "bikes")
    assert caught.value.field == "org"


def test_lexical_index_follows_writes_from_another_process(
    loaded: KnowledgeBase, corpus_dir: Path, settings: Settings
) -> None:
    assert loaded.search("acme", "saddles", k=5, mode=SearchMode.LEXICAL) == []
    other = KnowledgeBase(VectorStore.open(settings), loaded.embedder)
    write_story(corpus_dir, "story-saddles", "Saddles", "All about saddles.")
    other.ingest_folder("acme", corpus_dir)
    hits = loaded.search("acme", "saddles", k=5, mode=SearchMode.LEXICAL)
    assert [h.id for h in hits] == ["story-saddles"]


def test_whole_document_by_id_within_its_organisation(loaded: KnowledgeBase) -> None:
    document = loaded.document("acme", "story-junior-idea")
    assert document.title == "Wat een junior mij leerde"
    assert document.language is Language.NL
    assert document.text.startswith("Fatima")
    assert document.values == ("value-learning",)
    with pytest.raises(NotFound):
        loaded.document("acme", "story-nope")
    with pytest.raises(NotFound):
        loaded.document("other-org", "story-junior-idea")


def test_a_collection_with_nothing_in_it_is_an_empty_organisation(
    knowledge: KnowledgeBase,
) -> None:
    assert knowledge.store.collection("hollow", knowledge.embedder.name, create=True)
    with pytest.raises(EmptyOrganisation):
        knowledge.search("hollow", "bikes")
