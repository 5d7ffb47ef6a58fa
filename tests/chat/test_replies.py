from __future__ import annotations

import pytest

from service.chat import Reply, ReplyKind, Said, final_reply, stream_reply
from service.chat.transcript import draft_text, is_draft
from service.coach.making.steps import Delta
from service.errors import InvalidInput
from service.knowledge import KnowledgeBase
from service.store import MessageRole
from service.testing import FakeModel
from service.vocabulary import Language
from tests.chat.models import QUESTIONS, coach_model
from tests.factories import ACCOUNT, ASK
from tests.helpers.coach_replies import STORY_TITLE
from tests.helpers.wording import fixed_start, wording

USER, COACH = MessageRole.USER, MessageRole.ASSISTANT
PRIORITY = "priority-complaints-one-day"


def reply_to(demo: KnowledgeBase, *messages: Said, model: FakeModel | None = None) -> Reply:
    return final_reply(
        stream_reply(model or coach_model(), demo, "demo", list(messages), Language.EN)
    )


def test_the_priority_alone_gets_the_interview_questions(demo: KnowledgeBase) -> None:
    reply = reply_to(demo, Said(USER, PRIORITY))
    assert reply.kind is ReplyKind.QUESTIONS
    assert all(f"{n}. {q}" in reply.content for n, q in enumerate(QUESTIONS, 1))
    assert reply.citations == (PRIORITY,)
    assert not is_draft(reply.content)


def test_a_thin_account_gets_a_request_for_more_not_an_invented_story(
    demo: KnowledgeBase,
) -> None:
    model = coach_model()
    reply = reply_to(
        demo, Said(USER, PRIORITY), Said(COACH, "1. ?"), Said(USER, "It went wrong."), model=model
    )
    assert reply.kind is ReplyKind.MORE
    assert "so far I have 3" in reply.content
    assert wording("interview", "beats.action.question") in reply.content  # an empty beat
    assert model.calls == []  # no model call: nothing to write from


def test_an_account_streams_a_draft_in_the_leaders_words(demo: KnowledgeBase) -> None:
    events = list(
        stream_reply(
            coach_model(),
            demo,
            "demo",
            [Said(USER, PRIORITY), Said(COACH, "1. ?"), Said(USER, ACCOUNT)],
            Language.EN,
        )
    )
    deltas = [e for e in events if isinstance(e, Delta)]
    reply = events[-1]
    assert isinstance(reply, Reply) and reply.kind is ReplyKind.DRAFT
    assert "".join(d.text for d in deltas if d.step == "story.title") == STORY_TITLE
    text = draft_text(reply.content)
    assert text.startswith(f"# {STORY_TITLE}")
    assert "I asked the team to work two weekends" in text
    redraft = fixed_start("chat", "replies.redraft")
    assert redraft in reply.content and redraft not in text
    assert reply.citations[-1] == PRIORITY and reply.citations[0].startswith("value-")


def test_feedback_redrafts_with_the_new_facts_and_without_the_requests(
    demo: KnowledgeBase,
) -> None:
    first = reply_to(demo, Said(USER, PRIORITY), Said(COACH, "1. ?"), Said(USER, ACCOUNT))
    second = reply_to(
        demo,
        Said(USER, PRIORITY),
        Said(COACH, "1. ?"),
        Said(USER, ACCOUNT),
        Said(COACH, first.content),
        Said(USER, "Add that Pieter took the Tuesday calls with me. Use the STAR structure."),
    )
    assert second.kind is ReplyKind.DRAFT and second.story is not None
    assert "Pieter took the Tuesday calls with me" in second.content
    assert "STAR structure" not in second.content
    assert second.story.structure.value == "star"


def test_a_model_that_answers_nonsense_still_gives_a_draft_to_save(demo: KnowledgeBase) -> None:
    broken = FakeModel(*(["not json"] * 10))
    reply = reply_to(
        demo, Said(USER, PRIORITY), Said(COACH, "1. ?"), Said(USER, ACCOUNT), model=broken
    )
    assert reply.kind is ReplyKind.DRAFT and reply.story is not None
    # the title falls back; the core message is the account's one lesson and the call to
    # action its one ask, each taken by code without asking the model
    assert reply.story.fallbacks == ["title"]
    assert reply.story.core_message.startswith("I learned") and reply.story.call_to_action == ASK
    assert reply.story.missing == []
    assert "I asked the team to work two weekends" in draft_text(reply.content)
    assert len(reply.story.notes) == 1


def test_an_unknown_priority_id_names_the_field(demo: KnowledgeBase) -> None:
    with pytest.raises(InvalidInput) as bad:
        reply_to(demo, Said(USER, "priority-does-not-exist"))
    assert bad.value.field == "priority"
