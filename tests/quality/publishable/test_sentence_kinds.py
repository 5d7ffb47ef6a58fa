"""The learned reader of what a sentence tells: fitted on labelled sentences, deterministic,
and (with the real embedding model) better than the word lists on the held-out accounts."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.evaluation.sentence_kinds import score_readers
from service.quality.publishable import sentence_kinds
from service.quality.publishable.sentence_kinds import (
    KINDS,
    Labelled,
    SentenceKinds,
    labelled_sentences,
    training_sentences,
)
from service.quality.publishable.told import Told
from service.testing import HashingEmbedder
from service.vocabulary import Language

EN = Language.EN
TOY = [
    Labelled("Every Monday we read ten random emails together.", EN, 0.8, "habit", True),
    Labelled("Every Monday the whole desk reads the emails again.", EN, 0.9, "habit", True),
    Labelled("Then I phoned him myself and apologised.", EN, 0.5, "deed", False),
    Labelled("Then I phoned her myself that evening.", EN, 0.6, "deed", False),
    Labelled("Please tell me from now on when a date moves.", EN, 1.0, "request", True),
    Labelled("Please tell me from now on when an order slips.", EN, 1.0, "request", True),
]


def test_a_reader_learns_what_its_labelled_sentences_tell() -> None:
    reader = SentenceKinds(TOY, HashingEmbedder())
    read = reader.read([(e.text, e.language, e.place) for e in TOY])
    assert read == [Told.HABIT, Told.HABIT, Told.DEED, Told.DEED, Told.REQUEST, Told.REQUEST]


def test_a_reader_learns_which_sentences_stand_alone() -> None:
    reader = SentenceKinds(TOY, HashingEmbedder())
    assert reader.stands_alone([e.text for e in TOY]) == [bool(e.stands_alone) for e in TOY]
    assert reader.stands_alone([]) == []


def test_the_same_sentences_give_the_same_reader() -> None:
    said = [("Then I phoned the dealer on Monday.", EN, 0.5)]
    assert SentenceKinds(TOY, HashingEmbedder()).read(said) == SentenceKinds(
        TOY, HashingEmbedder()
    ).read(said)


def test_nothing_to_learn_from_is_an_error() -> None:
    with pytest.raises(ValueError, match="no labelled sentences"):
        SentenceKinds([], HashingEmbedder())


def test_the_package_holds_labelled_sentences_of_every_kind_in_both_languages() -> None:
    examples = training_sentences()
    assert len(examples) >= 200
    assert {e.kind for e in examples} == set(KINDS)
    assert Told.UNSURE.value not in KINDS  # a reader's verdict, never a label
    assert {e.language for e in examples} == set(Language)


def test_a_measure_of_nothing_fails() -> None:
    with pytest.raises(ValueError, match="measure of nothing"):
        score_readers([])


def test_unknown_kinds_in_labels_are_named() -> None:
    with pytest.raises(ValueError, match="unknown kinds in the labels: moral"):
        score_readers([Labelled("We fixed it.", EN, 0.5, "moral")])


def test_eval_kinds_on_a_file_with_no_sentence_exits_1(tmp_path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "kinds.yaml"
    empty.write_text("accounts: []\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "kinds", "--labels", str(empty)])
    assert result.exit_code == 1, result.output
    assert "nothing was measured" in result.output


def test_labelled_sentences_know_their_place_in_the_account() -> None:
    text = "accounts:\n- id: a\n  language: nl\n  sentences:\n" + "".join(
        f"  - {{text: Zin {n}., kind: situation}}\n" for n in range(3)
    )
    assert [s.place for s in labelled_sentences(text)] == [0.0, 0.5, 1.0]


@pytest.mark.e2e
def test_the_learned_reader_reads_the_held_out_sentences_better_than_the_word_lists() -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["eval", "kinds"])
    assert result.exit_code == 0, result.output
    from service.cli.eval_kinds import KIND_LABELS

    labelled = labelled_sentences(KIND_LABELS.read_text(encoding="utf-8"))
    words, learned, sure = score_readers(labelled)
    assert len(labelled) >= 60
    assert learned.right > words.right, (learned, words)
    # the sentences the sure reader names are read right more often than any reader's every guess
    assert sure.named_share > learned.share, (sure, learned)
    assert 0 < sure.named < sure.total
    # what a practice offers as "what worked" is no more often wrong than by the word lists
    assert learned.offered_done - learned.right_done <= words.offered_done - words.right_done


def test_a_sure_reader_names_no_kind_below_its_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = SentenceKinds(TOY, HashingEmbedder())
    said = [(e.text, e.language, e.place) for e in TOY]
    assert reader.read(said, sure=True) == reader.read(said)  # what it learned, it is sure of
    monkeypatch.setattr(sentence_kinds, "SURE", 1.0)
    monkeypatch.setattr(sentence_kinds, "SURE_REQUEST", 1.0)
    assert set(reader.read(said, sure=True)) == {Told.UNSURE}
    assert Told.UNSURE not in reader.read(said)


def test_a_reader_that_names_fewer_kinds_is_scored_on_those_it_named() -> None:
    labelled = [
        Labelled("Every Monday we read ten random emails together.", EN, 0.8, "habit"),
        Labelled("Zebras graze quietly near the old lighthouse.", EN, 0.5, "situation"),
    ]
    sure = next(s for s in score_readers(labelled) if s.reader == "sure")
    assert sure.total == 2
    assert sure.named <= sure.total
    assert sure.right <= sure.named
