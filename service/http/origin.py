"""Whether a browser's request comes from our own pages: the ``Origin`` header, else the
``Referer``'s origin, compared with the origin people open the service at.

That origin is ``STORYCOACH_PUBLIC_URL`` when set (behind a proxy that rewrites the Host
header or ends TLS elsewhere), else the request's own ``Host`` header with its scheme. A
browser names the page that sent a form or a fetch in ``Origin`` (on every POST, also for
same-site ones) and a page cannot forge it, so a form on another site that posts to
``/signin`` (login CSRF: signing the victim in as the attacker) or to any cookie-authenticated
route is refused before anything happens. A request with neither header is not from a
browser's page (curl, a script, an API client) and carries no ambient authority of a victim,
so it is let through; ``Origin: null`` (a sandboxed or privacy-stripped page) is not.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request

DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> str | None:
    """``scheme://host[:port]`` of ``url`` in a comparable form, or ``None`` if it has none."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    shown = "" if port in (None, DEFAULT_PORTS[scheme]) else f":{port}"
    return f"{scheme}://{parts.hostname.lower()}{shown}"


def sender_origin(request: Request) -> str | None:
    """The origin of the page that sent ``request`` ("null" for an opaque one), or ``None``
    when the request names no page at all."""
    origin = request.headers.get("origin")
    if origin is not None:
        return _origin(origin) or "null"
    referer = request.headers.get("referer")
    if referer is not None:
        return _origin(referer) or "null"
    return None


def own_origin(request: Request, public_url: str | None) -> str | None:
    """The origin people open this service at (see the module)."""
    if public_url:
        return _origin(public_url)
    host = request.headers.get("host")
    return _origin(f"{request.url.scheme}://{host}") if host else None


def from_another_site(request: Request, public_url: str | None) -> bool:
    """Whether a browser sent ``request`` from a page that is not one of ours."""
    sender = sender_origin(request)
    return sender is not None and sender != own_origin(request, public_url)
