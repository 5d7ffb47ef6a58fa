"""Pages over the same app the API tests use (two organisations, a small corpus, a fake model)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from markupsafe import escape

from service.vocabulary import Language
from service.web.i18n import translator
from tests.api.conftest import app, client, globex  # noqa: F401 (fixtures)
from tests.helpers.follow_ups import clock, desk, desk_client, lesson_id  # noqa: F401 (fixtures)
from tests.store.factories import Member

CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def sign_in(http: TestClient, member: Member) -> str:
    """Sign ``member`` in through the form; returns the page's CSRF token."""
    response = http.post(
        "/signin", data={"key": member.key}, headers={"Accept": "text/html"}, follow_redirects=True
    )
    assert response.status_code == 200, response.text
    found = CSRF.search(response.text)
    assert found, "a signed-in page carries the CSRF token"
    return found.group(1)


def ui(language: str, key: str) -> str:
    """A UI text as a page carries it: from the ``ui`` words, HTML-escaped as Jinja does."""
    return str(escape(translator(Language(language))[key]))
