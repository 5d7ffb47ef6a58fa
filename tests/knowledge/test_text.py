from __future__ import annotations

from service.knowledge.fusion import fuse_ranks
from service.knowledge.languages import detect_language, index_terms, words
from service.knowledge.lexical import LexicalIndex
from service.knowledge.vector_store import StoredChunk
from service.vocabulary import Language


def test_words_keep_inner_apostrophes_and_drop_punctuation() -> None:
    assert words("Auto's, don\u2019t, 14%!") == ["auto's", "don't", "14"]


def test_language_detection() -> None:
    assert (
        detect_language("Ik heb de klant niet op tijd gebeld en dat was mijn fout") is Language.NL
    )
    assert (
        detect_language("I did not call the customer in time and that was my mistake")
        is Language.EN
    )
    assert detect_language("Zaandam 2024") is None


def test_index_terms_drop_stopwords_and_stem_per_language() -> None:
    assert index_terms("The customers were complaining", Language.EN) == ["custom", "complain"]
    assert index_terms("De klanten klaagden over de fietsen", Language.NL) == [
        "klant",
        "klaag",
        "fiets",
    ]


def test_fusion_rewards_agreement_and_respects_weights() -> None:
    fused = fuse_ranks([(["a", "b", "c"], 1.0), (["b", "d"], 1.0)])
    assert [item for item, _ in fused] == ["b", "a", "d", "c"]
    only_first = fuse_ranks([(["a", "b"], 1.0), (["b"], 0.0)])
    assert [item for item, _ in only_first] == ["a", "b"]


def _chunk(cid: str, text: str, language: str, kind: str = "story") -> StoredChunk:
    return StoredChunk(
        cid,
        text,
        {
            "document_id": cid.split("#")[0],
            "language": language,
            "kind": kind,
            "outcome": "",
            "tag:x": True,
        },
    )


def test_lexical_index_matches_stems_in_either_language() -> None:
    index = LexicalIndex(
        [
            _chunk("a#0", "De klanten klaagden over lange wachttijden", "nl"),
            _chunk("b#0", "Customers complained about the waiting", "en"),
            _chunk("c#0", "Saddles and frames", "en", kind="value"),
        ]
    )
    assert [h.id for h in index.search("klant", 5)] == ["a#0"]
    assert [h.id for h in index.search("customer", 5)] == ["b#0"]
    assert index.search("the de", 5) == []
    assert index.known("kind") == {"story", "value"}
    assert index.known("tag") == {"x"}
    mask = index.columns["kind"] == "value"
    assert index.search("customers saddles", 5, mask) == [index.search("saddles", 1)[0]]


def test_empty_lexical_index_finds_nothing() -> None:
    assert LexicalIndex([]).search("anything", 5) == []
