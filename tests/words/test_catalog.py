from __future__ import annotations

import string

import pytest

from service.vocabulary import Language
from service.words import MissingWords, domains, load_words
from service.words.catalog import WORDS_DIR


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_domain_has_one_file_per_language() -> None:
    found = domains()
    assert {
        "chat",
        "critique",
        "fallbacks",
        "interview",
        "lesson",
        "questions",
        "retry",
        "story",
        "structures",
        "ui",
    } <= set(found)
    for domain in found:
        files = {path.name for path in (WORDS_DIR / domain).glob("*.toml")}
        assert files == {f"{language.value}.toml" for language in Language}, domain


@pytest.mark.parametrize("domain", domains())
def test_dutch_and_english_have_the_same_keys_and_placeholders(domain: str) -> None:
    english = load_words(domain, Language.EN).texts()
    dutch = load_words(domain, Language.NL).texts()
    lists = load_words(domain, Language.EN).lists()
    assert english or lists, f"{domain} has no words"
    assert sorted(english) == sorted(dutch)
    for key, text in english.items():
        assert text.strip() and dutch[key].strip(), f"{domain}: {key} is empty"
        assert placeholders(text) == placeholders(dutch[key]), f"{domain}: {key}"


def test_all_words_files_are_checked() -> None:
    counted = sum(len(load_words(d, language).texts()) for d in domains() for language in Language)
    assert counted > 100  # the ui alone has well over a hundred texts per language


def test_a_key_is_found_by_its_dots_and_a_missing_one_is_named() -> None:
    words = load_words("interview", "en")
    beats = words.section("beats")
    assert beats["why.opening"] == words["beats.why.opening"]
    assert "why" in beats and "never" not in beats
    with pytest.raises(MissingWords, match=r"interview/en.toml: 'beats.never'"):
        beats["never"]
    with pytest.raises(MissingWords, match="is a table"):
        words["beats"]
    with pytest.raises(MissingWords, match="is text"):
        words.section("beats.why.opening")


@pytest.mark.parametrize("domain", domains())
def test_both_languages_have_the_same_word_lists_and_none_is_empty(domain: str) -> None:
    english = load_words(domain, Language.EN).lists()
    dutch = load_words(domain, Language.NL).lists()
    assert sorted(english) == sorted(dutch)
    for key, listed in {**english, **{f"nl:{k}": v for k, v in dutch.items()}}.items():
        assert listed and all(word.strip() for word in listed), f"{domain}: {key}"


def test_a_word_list_is_read_as_a_list_and_text_is_not_one() -> None:
    cues = load_words("beat_cues", Language.NL)
    assert "te laat" in cues.listed("setback")
    assert cues.texts() == {}  # a word list is not text
    with pytest.raises(MissingWords, match="is not a list of words"):
        load_words("interview", Language.EN).listed("beats.why.opening")
    with pytest.raises(MissingWords, match="is missing"):
        cues.listed("never")


def test_the_word_lists_the_checks_read_are_data() -> None:
    """The lists that held Dutch and English words in one Python literal are now one file
    per language (tests/test_layers.py keeps them out of code)."""
    assert {"beat_cues", "section_names", "filler", "question_starts"} <= set(domains())
