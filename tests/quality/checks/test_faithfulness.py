"""Faithfulness to the leader's account: the failures the coach really made are flagged, and the
leader's own sentences, copied, trimmed or merged, always pass."""

from __future__ import annotations

import itertools

import pytest

from service.quality import ScoringContext, parse_document
from service.quality.checks.faithfulness import unsupported_claims
from service.quality.signals import sentences
from tests.conftest import CORPUS
from tests.quality.checks.run import run_check

APP = (
    "The district bought a scheduling app without asking night staff. Half the team kept a "
    "paper list. I admitted the mistake and tested the phone version with three night nurses. "
    "Now I test every new tool with the people who will use it before I sign anything."
)
TROLLEY = (
    "De medicijnkar stond in de verkeerde gang. Ik had niet gezien dat de kar op de andere "
    "afdeling stond, en ik legde een nieuwe collega alles uit met de lijst in mijn hand. Zij "
    "liep de hele ochtend heen en weer. Ik heb geleerd dat ik eerst moet kijken voordat ik "
    "iemand iets ga leren."
)
HANDOVER = (
    "I made a checklist for the handover between shifts, five lines on one card. The first "
    "week people forgot it. I taped it to the door of the dispatch office."
)


@pytest.mark.parametrize(
    ("account", "part", "said"),
    [
        (APP, "Scheduling App Improves Night Shift Sickness", "Improves Night Shift Sickness"),
        (
            APP,
            "The team should remember to use the scheduling app for night shifts to reduce "
            "sick leave",
            "reduce sick leave",
        ),
        (APP, "Start using the scheduling app immediately to reduce sick leave", "immediately"),
        (TROLLEY, "De leader heeft zich verplaatst naar de verkeerde gang", "verplaatst"),
        (TROLLEY, "De medicijnkar moest eerst kijken voordat ze iemand iets leren", "mixes up"),
        (HANDOVER, "productivity increased significantly within four weeks", "productivity"),
    ],
)
def test_the_coachs_real_failures_are_flagged(account: str, part: str, said: str) -> None:
    found = unsupported_claims(part, account)
    assert found, part
    assert any(said in item for item in found), found


@pytest.mark.parametrize(
    ("account", "part"),
    [
        (APP, "Now I test every new tool with the people who will use it before I sign anything."),
        (APP, "I test every new tool with the people who will use it before I sign anything"),
        (APP, "I learned that I test every new tool with the people who will use it."),
        (APP, "What I learned: test every new tool with the people who will use it."),
        (APP, "I admitted the mistake and tested the phone version with three night nurses."),
        (TROLLEY, "Ik heb geleerd dat ik eerst moet kijken voordat ik iemand iets ga leren."),
        (TROLLEY, "Ik moet eerst kijken voordat ik iemand iets ga leren."),
        (TROLLEY, "Wat ik heb geleerd: eerst kijken, dan pas iemand iets leren."),
        (HANDOVER, "A checklist for the handover, five lines on one card"),
    ],
)
def test_the_leaders_own_sentences_pass(account: str, part: str) -> None:
    assert unsupported_claims(part, account) == []


def _corpus_stories(language: str | None = None) -> list[tuple[str, str]]:
    stories = []
    for path in sorted((CORPUS / "stories").glob("*.md")):
        document = parse_document(path.read_text(encoding="utf-8"))
        if language in (None, document.declared_language):
            stories.append((path.stem, "\n".join(document.paragraphs)))
    return stories


def test_every_sentence_of_every_corpus_story_passes_against_its_story() -> None:
    """Copied, merged with the next one, or introduced as a lesson: still the leader's."""
    flagged: list[str] = []
    for story_id, body in _corpus_stories():
        said = sentences(body)
        for sentence, following in itertools.pairwise([*said, ""]):
            variants = [sentence, f"I learned that {sentence[:1].lower()}{sentence[1:]}"]
            if following:
                variants.append(f"{sentence.rstrip('.!?')}, and {following}")
            flagged += [f"{story_id}: {v}" for v in variants if unsupported_claims(v, body)]
    assert not flagged, flagged[:5]


def test_another_storys_sentences_mostly_fail() -> None:
    """The check tells stories apart: under one in ten sentences of another story in the same
    language passes (measured: about one in twenty)."""
    passed = total = 0
    for language in ("en", "nl"):
        for (_, body), (_, other) in itertools.permutations(_corpus_stories(language)[:8], 2):
            for sentence in sentences(other):
                total += 1
                passed += not unsupported_claims(sentence, body)
    assert total > 500 and passed / total < 0.1


def test_names_and_numbers_the_account_lacks_are_named() -> None:
    found = unsupported_claims("Then Marco fixed 30 bikes in Rotterdam.", APP)
    assert "the number 30" in found
    assert "the name 'Marco'" in found and "the name 'Rotterdam'" in found


def test_allowed_text_supports_names_numbers_and_words() -> None:
    value = "Customer focus: a customer who waits four days is a customer we lose."
    part = "A customer who waits four days is a customer we lose."
    assert unsupported_claims(part, APP) != []
    assert unsupported_claims(part, APP, allowed=value) == []


def test_a_title_in_title_case_is_not_a_row_of_names() -> None:
    found = unsupported_claims("Scheduling App Improves Night Shift Sickness", APP)
    assert not any(item.startswith("the name") for item in found)


def test_a_sentence_about_the_story_itself_makes_no_claim() -> None:
    frame = "Tell this story to your team this week, and agree on one thing to do differently."
    assert unsupported_claims(frame, APP) == []
    assert unsupported_claims("This story shows how our productivity improved.", APP) != []


def test_across_languages_only_names_and_numbers_are_held_to_the_account() -> None:
    dutch = "Ik heb de app met drie nachtverpleegkundigen getest. Daarna hielp Marco mee."
    assert unsupported_claims(dutch, APP) == ["the name 'Marco'"]


ACCOUNT = ScoringContext(leader_account=APP)
STORY = "# Scheduling App Improves Night Shift Sickness\n\n" + APP


def test_the_rubric_check_fails_an_invented_claim_with_evidence() -> None:
    outcome = run_check("faithful_to_account", STORY, ACCOUNT)
    assert outcome.passed is False and "Improves Night Shift Sickness" in outcome.evidence


def test_the_rubric_check_passes_the_leaders_own_story() -> None:
    assert run_check("faithful_to_account", APP, ACCOUNT).passed is True


def test_without_the_account_the_rubric_check_is_unscored_not_passed() -> None:
    assert run_check("faithful_to_account", STORY).passed is None


def test_the_rubric_check_reads_only_the_sections_it_is_given() -> None:
    lesson = (
        "## Objective\nAfter this lesson you can run a handover with a five-line card.\n\n"
        "## Why it matters\n{why}\n"
    )
    context = ScoringContext(leader_account=HANDOVER)
    invented = lesson.format(why="Productivity increased significantly within four weeks.")
    assert run_check("faithful_to_account", invented, context, sections=["why"]).passed is False
    own = lesson.format(why="The first week people forgot the checklist for the handover.")
    assert run_check("faithful_to_account", own, context, sections=["why"]).passed is True
    missing = run_check("faithful_to_account", own, context, sections=["practice"])
    assert missing.passed is None


def test_a_story_in_another_language_than_its_account_is_unscored() -> None:
    dutch = "Ik heb de app met drie nachtverpleegkundigen getest voordat ik iets tekende."
    assert run_check("faithful_to_account", dutch, ACCOUNT).passed is None
    invented = dutch + " Daarna hielp Marco."
    assert run_check("faithful_to_account", invented, ACCOUNT).passed is False
