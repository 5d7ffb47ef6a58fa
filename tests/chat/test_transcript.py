from __future__ import annotations

import pytest

from service.chat import Said, draft_text, read_transcript
from service.chat.transcript import feedback_facts
from service.coach.structures import StoryStructure
from service.store import MessageRole

USER, COACH = MessageRole.USER, MessageRole.ASSISTANT


def chat(*pairs: tuple[MessageRole, str]) -> list[Said]:
    return [Said(role, text) for role, text in pairs]


def test_the_first_message_is_the_priority_and_answers_before_a_draft_are_the_account() -> None:
    transcript = read_transcript(
        chat(
            (USER, "priority-complaints-one-day"),
            (COACH, "Let's find the story.\n\n1. Where were you?"),
            (USER, "Last March I ran customer service."),
            (COACH, "Thank you. Could you tell me more?"),
            (USER, "But I asked the team to work two weekends."),
        )
    )
    assert transcript.priority == "priority-complaints-one-day"
    assert transcript.account == (
        "Last March I ran customer service.",
        "But I asked the team to work two weekends.",
    )
    assert transcript.feedback == () and not transcript.drafted


def test_messages_after_a_draft_are_feedback_and_only_their_facts_are_material() -> None:
    transcript = read_transcript(
        chat(
            (USER, "Answer complaints fast"),
            (COACH, "1. Where were you?"),
            (USER, "Last March I ran customer service."),
            (
                COACH,
                "# The weekends\n\n## Once\n\nLast March ...\n\n---\n\nTell me what to change.",
            ),
            (USER, "Make it shorter. Add that Sanne warned me first. Use the STAR structure."),
        )
    )
    assert transcript.drafted
    material = transcript.material()
    assert material.splitlines() == ["Last March I ran customer service.", "Sanne warned me first."]
    assert "shorter" not in material and "STAR" not in material
    assert transcript.structure() is StoryStructure.STAR


@pytest.mark.parametrize(
    ("note", "facts"),
    [
        ("The backlog was 340, not 300.", ["The backlog was 340, not 300."]),
        ("Please rewrite the ending.", []),
        ("Voeg toe dat Sanne het eerst zag.", ["Sanne het eerst zag."]),
        ("Can you make it warmer? It was raining.", ["It was raining."]),
    ],
)
def test_feedback_facts_keep_what_the_leader_tells_and_drop_requests(
    note: str, facts: list[str]
) -> None:
    assert feedback_facts(note) == facts


def test_a_chat_must_start_with_the_leader() -> None:
    with pytest.raises(ValueError):
        read_transcript(chat((COACH, "Hello")))


def test_draft_text_drops_the_coachs_notes() -> None:
    assert draft_text("# Title\n\nBody.\n\n---\n\nTell me more:") == "# Title\n\nBody."
