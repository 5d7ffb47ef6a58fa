"""Which page a request came from, and whether that is one of ours; the setting behind it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from starlette.requests import Request

from service.http.origin import from_another_site, own_origin, sender_origin
from service.settings import Settings


def request(scheme: str = "http", host: str = "coach.local:8000", **headers: str) -> Request:
    raw = [(b"host", host.encode())] + [
        (name.lower().encode(), value.encode()) for name, value in headers.items()
    ]
    return Request(
        {
            "type": "http",
            "scheme": scheme,
            "method": "POST",
            "path": "/signin",
            "headers": raw,
            "query_string": b"",
        }
    )


@pytest.mark.parametrize(
    ("headers", "sender"),
    [
        ({"Origin": "http://coach.local:8000"}, "http://coach.local:8000"),
        ({"Origin": "HTTPS://Coach.Local:443"}, "https://coach.local"),
        ({"Origin": "null"}, "null"),
        ({"Origin": "chrome-extension://abc"}, "null"),
        ({"Origin": "http://x:99999"}, "null"),  # an impossible port names no origin
        ({"Referer": "http://coach.local:8000/stories?x=1"}, "http://coach.local:8000"),
        ({"Origin": "http://a.example", "Referer": "http://coach.local:8000/"}, "http://a.example"),
        ({}, None),
    ],
)
def test_the_sender_is_the_origin_else_the_referers(
    headers: dict[str, str], sender: str | None
) -> None:
    assert sender_origin(request(**headers)) == sender


def test_our_origin_is_the_public_url_else_the_host() -> None:
    assert own_origin(request(), None) == "http://coach.local:8000"
    assert own_origin(request("https", "coach.local:443"), None) == "https://coach.local"
    assert own_origin(request(), "https://coach.example.com/app") == "https://coach.example.com"
    assert not from_another_site(request(), None)  # no page named: not a browser's page
    assert from_another_site(request(Origin="http://evil.example"), None)
    assert not from_another_site(
        request(Origin="https://coach.example.com"), "https://coach.example.com"
    )


@pytest.mark.parametrize(
    "bad", ["coach.example.com", "ftp://coach.example.com", "https://", "https://x:0"]
)
def test_a_public_url_that_is_no_web_address_fails_at_start(bad: str) -> None:
    with pytest.raises(ValidationError, match="public_url"):
        Settings(public_url=bad)
    assert (
        Settings(public_url=" https://coach.example.com/ ").public_url
        == "https://coach.example.com"
    )
    assert Settings(public_url="  ").public_url is None
