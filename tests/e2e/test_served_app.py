"""`storycoach serve` as a real process: the search page and the keyed API over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.helpers.served_app import ServedApp

pytestmark = pytest.mark.e2e


def test_serve_answers_search_over_http(served_app: ServedApp) -> None:
    key = served_app.key("member")
    base = served_app.url
    query = urllib.parse.urlencode({"q": "klachten binnen een werkdag beantwoorden", "k": 3})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{base}/api/search?{query}")
    assert refused.value.code == 401
    request = urllib.request.Request(
        f"{base}/api/search?{query}", headers={"Authorization": f"Bearer {key}"}
    )
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
    assert body["count"] == 3
    assert "priority-complaints-one-day" in [h["id"] for h in body["data"]]
    # The search page needs a signed-in browser: sign in with the key, keep the cookie.
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    form = urllib.parse.urlencode({"key": key}).encode()
    browser.open(urllib.request.Request(f"{base}/signin", form, {"Accept": "text/html"}))
    with browser.open(f"{base}/search?q=battery+recall&lang=nl") as response:
        page = response.read().decode()
    assert 'lang="nl"' in page and 'class="hit"' in page
