"""Security headers on every response, a cookie that can be marked Secure behind a TLS proxy,
and no image from another host in a rendered story (issue 11, point 4)."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from service.app import create_app
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Role
from service.testing import FakeModel
from service.web.markdown import render_markdown
from tests.store.factories import Member
from tests.web.conftest import sign_in

People = dict[Role, Member]
PIXEL = "https://tracker.example/pixel.gif?reader=1"


def policy(response: Response) -> dict[str, str]:
    """The response's Content-Security-Policy as directive → sources."""
    header = response.headers["content-security-policy"]
    parts = (d.strip().split(" ", 1) for d in header.split(";") if d.strip())
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


def assert_secured(response: Response, where: str) -> None:
    headers = response.headers
    assert headers.get("x-content-type-options") == "nosniff", where
    assert headers.get("x-frame-options") == "DENY", where
    assert headers.get("referrer-policy") == "same-origin", where
    csp = policy(response)
    assert csp["frame-ancestors"] == "'none'", where
    assert "unsafe-inline" not in headers["content-security-policy"], where


def test_every_kind_of_response_carries_the_headers(
    client: TestClient, acme: People, database: Database
) -> None:
    member = acme[Role.MEMBER]
    responses = {
        "signed-out page (redirect)": client.get("/", follow_redirects=False),
        "sign-in form": client.get("/signin"),
        "static file": client.get("/static/app.js"),
        "health": client.get("/health"),
        "JSON": client.get("/api/me", headers=member.headers),
        "JSON 401": client.get("/api/me"),
        "404": client.get("/api/nothing-here"),
        "413": client.post("/api/stories", content=b"x" * 300_000, headers=member.headers),
        "v1": client.get("/v1/models", headers=member.headers),
        "openapi": client.get("/openapi.json"),
    }
    sign_in(client, member)
    responses["signed-in page"] = client.get("/stories")
    for where, response in responses.items():
        assert_secured(response, where)
    page = policy(responses["signed-in page"])
    assert page["script-src"] == "'self'" and page["style-src"] == "'self'"
    assert page["img-src"] == "'self' data:" and page["object-src"] == "'none'"
    assert page["form-action"] == "'self'" and page["base-uri"] == "'none'"


def test_an_unexpected_crash_is_answered_with_the_headers_too(
    settings: Settings, loaded: KnowledgeBase, database: Database, acme: People
) -> None:
    def crash(messages: list[dict[str, str]]) -> str:
        raise ZeroDivisionError("a bug")

    app: FastAPI = create_app(settings, loaded, model=FakeModel(answer=crash), database=database)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post(
            "/api/conversations",
            json={"priority": "Answer complaints within a day"},
            headers=acme[Role.LEADER].headers,
        )
    assert response.status_code == 500
    assert_secured(response, "500 from Starlette's own error middleware")


def test_no_page_needs_inline_script_or_style(client: TestClient, acme: People) -> None:
    """What the policy forbids is not in any page: inline scripts (other than JSON data
    blocks, which are never run), style attributes or elements, event-handler attributes."""
    sign_in(client, acme[Role.ADMIN])
    for path in ("/", "/stories", "/review", "/chat", "/search?q=battery", "/signin?x=1"):
        html = client.get(path).text
        scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
        assert all('type="application/json"' in attrs for attrs in scripts), path
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=|javascript:", html), path


@pytest.mark.parametrize("secure", [False, True])
def test_the_cookie_is_secure_by_setting_or_by_https(
    settings: Settings, loaded: KnowledgeBase, database: Database, acme: People, secure: bool
) -> None:
    tuned = settings.model_copy(update={"cookie_secure": secure})
    app: FastAPI = create_app(tuned, loaded, model=FakeModel(), database=database)
    key = {"key": acme[Role.MEMBER].key}
    with TestClient(app) as plain, TestClient(app, base_url="https://testserver") as tls:
        over_http = plain.post("/signin", data=key, follow_redirects=False)
        over_https = tls.post("/signin", data=key, follow_redirects=False)
    assert ("Secure" in over_http.headers["set-cookie"]) is secure
    assert "Secure" in over_https.headers["set-cookie"]


def test_the_docs_page_allows_exactly_its_own_inline_script(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "SwaggerUIBundle" in docs.text
    inline = re.findall(r"<script>(.*?)</script>", docs.text, re.DOTALL)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    script_src = policy(docs)["script-src"].split()
    assert f"'sha256-{digest}'" in script_src and "'unsafe-inline'" not in script_src
    assert policy(docs)["frame-ancestors"] == "'none'"
    assert client.get("/redoc").status_code == 404  # one docs page, the one with a policy


@pytest.mark.parametrize(
    "image",
    [
        f"![pixel]({PIXEL})",
        "![pixel](//tracker.example/pixel.gif)",
        "![pixel][ref]\n\n[ref]: HTTP://TRACKER.example/pixel.gif",
        "![](https://tracker.example/pixel.gif)",
    ],
)
def test_a_remote_image_is_shown_as_a_link_and_never_loaded(image: str) -> None:
    html = str(render_markdown(f"Read this.\n\n{image}"))
    assert "<img" not in html and 'class="remote-image"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_images_of_our_own_stay_images() -> None:
    html = str(render_markdown("![chart](/static/chart.png) ![dot](data:image/png;base64,AAAA)"))
    assert html.count("<img") == 2 and "remote-image" not in html


def test_a_published_story_with_a_tracking_pixel_loads_nothing_remote(
    client: TestClient, acme: People
) -> None:
    token = sign_in(client, acme[Role.LEADER])
    text = f"I promised forty bikes by Friday.\n\n![ ]({PIXEL})"
    story = {"title": "Forty bikes", "text": text, "language": "en"}
    created = client.post("/api/stories", json=story, headers={"X-CSRF-Token": token}).json()
    page = client.get(f"/stories/{created['id']}")
    assert page.status_code == 200
    assert not re.search(r"<img[^>]+tracker\.example", page.text)
    link = re.search(r'<a class="remote-image" href="([^"]+)"[^>]*>([^<]+)</a>', page.text)
    assert link and link.group(1) == PIXEL.replace("&", "&amp;") == link.group(2)
    assert "https:" not in policy(page)["img-src"]
