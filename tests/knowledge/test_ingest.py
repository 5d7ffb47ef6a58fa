from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from service.knowledge import KnowledgeBase, SearchMode, ingest
from service.knowledge.embeddings import Vectors
from service.knowledge.ingest import EMBED_BATCH
from service.knowledge.vector_store import ChunkCollection
from service.testing import HashingEmbedder
from tests.factories import write_story


def test_first_ingest_embeds_everything_second_nothing(
    knowledge: KnowledgeBase, embedder: HashingEmbedder, corpus_dir: Path
) -> None:
    _, first = knowledge.ingest_folder("acme", corpus_dir)
    assert (first.documents, first.embedded, first.unchanged, first.removed) == (6, 6, 0, 0)
    embedded_before = embedder.texts_embedded
    _, second = knowledge.ingest_folder("acme", corpus_dir)
    assert (second.embedded, second.unchanged, second.removed) == (0, 6, 0)
    assert embedder.texts_embedded == embedded_before


def test_changed_file_is_replaced_and_removed_file_deleted(
    knowledge: KnowledgeBase, corpus_dir: Path
) -> None:
    knowledge.ingest_folder("acme", corpus_dir)
    write_story(
        corpus_dir,
        "story-late-bikes",
        "The bikes I promised too early",
        "Rewritten: the frames came from Porto, three days late.",
    )
    (corpus_dir / "stories" / "story-klachten.md").unlink()
    _, report = knowledge.ingest_folder("acme", corpus_dir)
    assert (report.embedded, report.unchanged, report.removed) == (1, 4, 1)
    hits = knowledge.search("acme", "frames from Porto", k=5)
    assert hits[0].id == "story-late-bikes"
    assert "Porto" in hits[0].text
    assert "story-klachten" not in {h.id for h in knowledge.search("acme", "klachten", k=10)}


def test_a_bad_file_holds_back_removals_but_good_files_load(
    knowledge: KnowledgeBase, corpus_dir: Path
) -> None:
    knowledge.ingest_folder("acme", corpus_dir)
    (corpus_dir / "stories" / "story-klachten.md").write_text("---\nid: broken\n", encoding="utf-8")
    write_story(corpus_dir, "story-new", "A new one", "Fresh material about saddles.")
    load, report = knowledge.ingest_folder("acme", corpus_dir)
    assert len(load.problems) == 1
    assert (report.embedded, report.removed) == (1, 0)
    ids = {h.id for h in knowledge.search("acme", "klachten saddles", k=10)}
    assert {"story-klachten", "story-new"} <= ids


def test_organisations_never_see_each_other(
    knowledge: KnowledgeBase, corpus_dir: Path, tmp_path: Path
) -> None:
    knowledge.ingest_folder("acme", corpus_dir)
    other = tmp_path / "other"
    write_story(
        other,
        "story-secret",
        "Secret",
        "Only the other organisation knows about saddles.",
        values="value-x",
    )
    (other / "values").mkdir()
    (other / "values" / "value-x.md").write_text(
        "---\nid: value-x\nkind: value\ntitle: X\nlanguage: en\n---\nX.\n", encoding="utf-8"
    )
    knowledge.ingest_folder("globex", other)
    assert "story-secret" not in {h.id for h in knowledge.search("acme", "saddles secret", k=100)}
    assert {h.id for h in knowledge.search("globex", "bikes klachten", k=100)} <= {
        "story-secret",
        "value-x",
    }


def test_a_write_killed_half_way_is_ended_by_the_next_ingest(
    knowledge: KnowledgeBase, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``kill -9`` after the last batch, before the write was marked done: a reader that
    built its BM25 index from the half-written collection must not keep it. (The real
    process is killed in ``tests/e2e/test_faults.py``.)"""
    for number in range(EMBED_BATCH + 8):  # more than one batch
        write_story(corpus_dir, f"story-extra-{number}", f"Extra {number}", f"Wheel {number}.")
    collection = knowledge.store.collection("acme", knowledge.embedder.name, create=True)
    assert collection is not None
    monkeypatch.setattr(ingest, "WRITE_BATCH", EMBED_BATCH)  # a write per batch, to die between
    reader = knowledge.embedder
    looked: list[bool] = []

    def embed_and_look(texts: Sequence[str]) -> Vectors:
        if reader.calls == 1 and not looked:  # a search builds its index between two batches
            looked.append(True)
            knowledge.lexical_index("acme", collection)
        return HashingEmbedder.embed_passages(reader, texts)

    monkeypatch.setattr(reader, "embed_passages", embed_and_look)
    monkeypatch.setattr(ChunkCollection, "end_write", _killed)
    with pytest.raises(SystemExit):
        knowledge.ingest_folder("acme", corpus_dir)
    monkeypatch.undo()
    assert collection.write_unfinished()
    partial = knowledge.lexical_index("acme", collection)
    assert len(partial.ids) < collection.count()  # what that reader kept

    _, report = knowledge.ingest_folder("acme", corpus_dir)
    assert report.embedded == 0  # every batch was written before the kill
    assert not collection.write_unfinished()
    index = knowledge.lexical_index("acme", collection)
    assert sorted(index.ids) == sorted(collection.indexed()) and len(index.ids) == len(
        set(index.ids)
    )
    hits = knowledge.search("acme", f"Wheel {EMBED_BATCH + 7}", k=3, mode=SearchMode.LEXICAL)
    assert hits[0].id == f"story-extra-{EMBED_BATCH + 7}"


def _killed(self: ChunkCollection) -> None:
    raise SystemExit("killed")


def test_every_chunk_across_batches_is_written_with_its_own_vector(
    knowledge: KnowledgeBase, corpus_dir: Path
) -> None:
    for number in range(2 * EMBED_BATCH + 3):
        write_story(corpus_dir, f"story-many-{number}", f"Many {number}", f"Pedal{number} crank.")
    _, report = knowledge.ingest_folder("acme", corpus_dir)
    assert report.embedded == report.chunks
    for number in (0, EMBED_BATCH - 1, EMBED_BATCH, 2 * EMBED_BATCH + 2):
        hits = knowledge.search("acme", f"Pedal{number}", k=1, mode=SearchMode.DENSE)
        assert hits[0].id == f"story-many-{number}"


def test_a_failed_write_fails_the_ingest_and_keeps_the_batches_before_it(
    knowledge: KnowledgeBase, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(2 * EMBED_BATCH):
        write_story(corpus_dir, f"story-many-{number}", f"Many {number}", f"Pedal{number} crank.")
    monkeypatch.setattr(ingest, "WRITE_BATCH", EMBED_BATCH)
    upsert = ChunkCollection.upsert
    writes: list[int] = []

    def second_write_fails(self: ChunkCollection, chunks: Sequence[Any], vectors: Vectors) -> None:
        writes.append(len(chunks))
        if len(writes) == 2:
            raise OSError("disk full")
        upsert(self, chunks, vectors)

    monkeypatch.setattr(ChunkCollection, "upsert", second_write_fails)
    with pytest.raises(OSError, match="disk full"):
        knowledge.ingest_folder("acme", corpus_dir)
    monkeypatch.undo()
    _, report = knowledge.ingest_folder("acme", corpus_dir)
    assert report.unchanged == EMBED_BATCH  # the first batch was kept


def test_writes_gather_embedded_batches_up_to_the_write_size(
    knowledge: KnowledgeBase, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(2 * EMBED_BATCH + 3):
        write_story(corpus_dir, f"story-many-{number}", f"Many {number}", f"Pedal{number} crank.")
    upsert = ChunkCollection.upsert
    writes: list[int] = []

    def counted(self: ChunkCollection, chunks: Sequence[Any], vectors: Vectors) -> None:
        writes.append(len(chunks))
        upsert(self, chunks, vectors)

    monkeypatch.setattr(ChunkCollection, "upsert", counted)
    monkeypatch.setattr(ingest, "WRITE_BATCH", 2 * EMBED_BATCH)
    _, report = knowledge.ingest_folder("acme", corpus_dir)
    assert writes == [2 * EMBED_BATCH, report.chunks - 2 * EMBED_BATCH]
