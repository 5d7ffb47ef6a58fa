from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from service.knowledge.bridge import TermBridge, content_words
from service.knowledge.embeddings import Vectors
from service.knowledge.lexical import LexicalIndex
from service.knowledge.vector_store import StoredChunk
from service.vocabulary import Language

MEANINGS = {"klachten": 0, "complaints": 0, "complaint": 0, "garantie": 1, "warranty": 1}


class DictionaryEmbedder:
    """Words with the same meaning get the same vector; everything else its own direction."""

    name = "test-dictionary"
    dimension = 16

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        self.embedded.extend(texts)
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            slot = MEANINGS.get(text, 2 + sum(map(ord, text)) % (self.dimension - 2))
            vectors[row, slot] = 1.0
        return vectors

    def embed_query(self, text: str) -> Vectors:
        return self.embed_passages([text])[0]


def _chunk(cid: str, text: str, language: str) -> StoredChunk:
    return StoredChunk(cid, text, {"language": language, "kind": "story", "document_id": cid[:1]})


def test_content_words_drop_stopwords_numbers_and_short_words() -> None:
    assert content_words("De klant wachtte 3 dagen op een antwoord") == [
        "klant",
        "wachtte",
        "dagen",
        "antwoord",
    ]


def test_bridge_adds_translations_weighted_by_similarity() -> None:
    bridge = TermBridge.build(
        [("Klachten over garantie", Language.NL), ("Saddles", Language.EN)],
        DictionaryEmbedder(),
        {},
    )
    terms = bridge.expand("complaints about the warranty")
    assert terms["klacht"] == 1.0  # Dutch stem of the bridged word "klachten"
    assert terms["garantie"] == 1.0
    assert "saddl" not in terms


def test_word_vectors_are_cached_across_rebuilds() -> None:
    embedder = DictionaryEmbedder()
    cache: dict[tuple[str, Language], Vectors] = {}
    TermBridge.build([("klachten garantie", Language.NL)], embedder, cache)
    TermBridge.build([("klachten garantie zadels", Language.NL)], embedder, cache)
    assert embedder.embedded == ["klachten", "garantie", "zadels"]


def test_lexical_search_crosses_languages_with_a_bridge() -> None:
    chunks = [_chunk("a#0", "Honderd klachten bleven liggen", "nl"), _chunk("b#0", "Saddles", "en")]
    assert LexicalIndex(chunks).search("complaints", 5) == []
    bridged = LexicalIndex(chunks, DictionaryEmbedder(), {})
    assert [h.id for h in bridged.search("complaints", 5)] == ["a#0"]


def test_query_words_the_corpus_has_reuse_their_vectors() -> None:
    """Only the words the corpus lacks are embedded at query time, and the result is the same."""
    embedder = DictionaryEmbedder()
    bridge = TermBridge.build(
        [("Klachten over garantie", Language.NL), ("Saddles", Language.EN)], embedder, {}
    )
    embedder.embedded.clear()
    terms = bridge.expand("klachten and warranty")
    assert embedder.embedded == ["warranty"]  # "klachten" is a corpus word
    assert terms["garantie"] == 1.0 and terms["klacht"] == 1.0
