"""One chat through the OpenAI-compatible API of a served app, with the real embedded models.

Slow (minutes on 2 cores): the interview and the story run through llama.cpp. Driven by the
official ``openai`` client, as any chat front end would.
"""

from __future__ import annotations

import openai
import pytest
from openai.types.chat import ChatCompletionMessageParam

from tests.factories import ACCOUNT
from tests.helpers.served_app import ServedApp

pytestmark = pytest.mark.e2e


def test_chat_interviews_then_streams_a_story_in_the_leaders_words(
    served_app: ServedApp,
) -> None:
    base_url, key = f"{served_app.url}/v1", served_app.key("leader")
    client = openai.OpenAI(base_url=base_url, api_key=key, timeout=900, max_retries=0)
    assert [m.id for m in client.models.list()] == ["storycoach"]

    chat: list[ChatCompletionMessageParam] = [
        {"role": "user", "content": "priority-complaints-one-day"}
    ]
    interview = client.chat.completions.create(model="storycoach", messages=chat)
    questions = interview.choices[0].message.content or ""
    assert questions.count("?") >= 5 and "priority-complaints-one-day" in questions  # cited

    chat += [{"role": "assistant", "content": questions}, {"role": "user", "content": ACCOUNT}]
    stream = client.chat.completions.create(model="storycoach", messages=chat, stream=True)
    chunks = list(stream)
    assert chunks[-1].choices[0].finish_reason == "stop"
    story = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert story.startswith("# ")
    assert "I asked the team to work two weekends" in story  # the leader's own words, kept
    assert "- [priority-complaints-one-day]" in story  # cited documents listed at the end
    written = [c for c in chunks if (c.choices[0].delta.model_extra or {}).get("reasoning_content")]
    assert len(written) > 3  # the model's parts really streamed, piece by piece
