"""The LRS settings: off by default, nonsense refused at start, the secret kept out of sight."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from service.settings import Settings

URL = "https://coach.example.com"


def test_off_by_default(settings: Settings) -> None:
    assert settings.lrs_endpoint is None and settings.lrs_credentials is None


def test_an_endpoint_with_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYCOACH_LRS_ENDPOINT", " https://lrs.example.com/xAPI/ ")
    monkeypatch.setenv("STORYCOACH_PUBLIC_URL", URL)
    monkeypatch.setenv("STORYCOACH_LRS_KEY", "storycoach")
    monkeypatch.setenv("STORYCOACH_LRS_SECRET", "s3cret-value")
    settings = Settings()
    assert settings.lrs_endpoint == "https://lrs.example.com/xAPI"
    assert settings.lrs_credentials == ("storycoach", "s3cret-value")
    assert "s3cret-value" not in repr(settings) and "s3cret-value" not in str(settings)


@pytest.mark.parametrize(
    ("values", "said"),
    [
        ({"lrs_endpoint": "lrs.example.com"}, "must be an http(s) address"),
        ({"lrs_endpoint": "https://lrs.example.com/xAPI"}, "needs public_url"),
        (
            {"lrs_endpoint": "https://lrs.example.com", "public_url": URL, "lrs_key": "k"},
            "set both or neither",
        ),
        ({"lrs_timeout": 0}, "greater than 0"),
        ({"lrs_queue": 0}, "greater than or equal to 1"),
    ],
)
def test_nonsense_is_refused_at_start(values: dict[str, object], said: str) -> None:
    with pytest.raises(ValidationError, match=said.replace("(", r"\(").replace(")", r"\)")):
        Settings(**values)  # type: ignore[arg-type]


def test_a_blank_endpoint_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYCOACH_LRS_ENDPOINT", "  ")
    assert Settings().lrs_endpoint is None
