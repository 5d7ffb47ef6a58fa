from __future__ import annotations

from service.knowledge import CorpusDocument, FrontMatter
from service.knowledge.chunking import MAX_CHUNK_WORDS, chunk_document


def _doc(body: str, title: str = "A title") -> CorpusDocument:
    meta = FrontMatter.model_validate(
        {
            "id": "lesson-x",
            "kind": "lesson",
            "title": title,
            "language": "en",
            "values": ["value-a"],
            "tags": ["t1"],
        }
    )
    return CorpusDocument(meta=meta, body=body)


def test_short_document_is_one_chunk_with_title_and_flags() -> None:
    [chunk] = chunk_document(_doc("One paragraph.\n\nAnother one."))
    assert chunk.id == "lesson-x#0"
    assert chunk.text == "A title\n\nOne paragraph.\n\nAnother one."
    assert chunk.metadata["value:value-a"] is True
    assert chunk.metadata["tag:t1"] is True
    assert chunk.metadata["kind"] == "lesson"


def test_a_values_title_in_the_other_language_is_kept_beside_its_own() -> None:
    meta = FrontMatter.model_validate(
        {
            "id": "value-a",
            "kind": "value",
            "title": "Leave less behind",
            "language": "en",
            "titled": {"nl": "Laat minder achter"},
        }
    )
    [chunk] = chunk_document(CorpusDocument(meta=meta, body="Less waste."))
    assert chunk.metadata["title"] == "Leave less behind"
    assert chunk.metadata["title:nl"] == "Laat minder achter"


def test_long_document_splits_at_paragraphs_and_keeps_headings_with_their_text() -> None:
    paragraph = " ".join(["word"] * 100) + "."
    body = f"## Objective\n\n{paragraph}\n\n## Key points\n\n{paragraph}"
    chunks = chunk_document(_doc(body))
    assert [c.id for c in chunks] == ["lesson-x#0", "lesson-x#1"]
    assert chunks[0].text.startswith("A title\n\n## Objective\nword")
    assert chunks[1].text.startswith("A title\n\n## Key points\nword")
    assert all(len(c.text.split()) <= MAX_CHUNK_WORDS + 10 for c in chunks)


def test_one_huge_paragraph_is_cut_at_sentences() -> None:
    sentence = " ".join(["word"] * 30) + "."
    chunks = chunk_document(_doc(" ".join([sentence] * 12)))
    assert len(chunks) >= 3
    assert all(c.text.rstrip().endswith(".") for c in chunks)


def test_hash_is_stable_and_changes_with_text_or_metadata() -> None:
    first = chunk_document(_doc("Same."))[0].content_hash
    assert chunk_document(_doc("Same."))[0].content_hash == first
    assert chunk_document(_doc("Different."))[0].content_hash != first
    assert chunk_document(_doc("Same.", title="Other"))[0].content_hash != first
