"""Which language to answer a request in, for the pages and for the API's error messages alike.

In order: ``?lang=`` (the pages remember it in a cookie), that cookie, the signed-in person's
locale, the browser's Accept-Language, English. The pages and the error handlers ask the same
question, so a Dutch reader gets Dutch words from both.
"""

from __future__ import annotations

from fastapi import Request

from service.vocabulary import Language, language_named

LANG_COOKIE = "storycoach_lang"
LOCALE_STATE = "caller_locale"
"""Where ``auth.resolve_caller`` leaves the caller's locale on ``request.state``, so an error
raised later in the request is told in it."""


def pick_language(
    requested: str | None,
    accept_language: str | None,
    *,
    cookie: str | None = None,
    locale: str | None = None,
) -> Language:
    """The language: the request, the remembered choice, the person, the browser."""
    for choice in (requested, cookie, locale):
        if (named := language_named(choice)) is not None:
            return named
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if (named := language_named(code)) is not None:
            return named
    return Language.EN


def request_language(request: Request, locale: str | None = None) -> Language:
    """The language to answer ``request`` in; ``locale`` is the caller's, when known (else the
    one ``resolve_caller`` noted on the request, if it ran)."""
    return pick_language(
        request.query_params.get("lang"),
        request.headers.get("accept-language"),
        cookie=request.cookies.get(LANG_COOKIE),
        locale=locale or getattr(request.state, LOCALE_STATE, None),
    )
