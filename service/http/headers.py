"""Security headers on every response: what a browser may load, frame and tell other sites.

The pages are built for a strict policy: scripts and styles only from our own ``/static``
files (no inline script or style attribute anywhere; the pages' text for scripts travels in a
``<script type="application/json">`` data block, which is never run), fetches only to
ourselves, no plugins, no ``<base>``, forms only to ourselves, and no framing by anyone
(``frame-ancestors 'none'`` and, for old browsers, ``X-Frame-Options: DENY``).

Images load only from ourselves and ``data:`` URLs: a remote image in a story's Markdown (a
tracking pixel that would tell its owner who read the story, when and from where) is turned
into a link by the renderer (``service.web.markdown``), and this policy would block it anyway.

A response that sets its own policy keeps it (the API docs page needs the CDN that serves
Swagger UI; see ``service.api.routes.docs``).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
"""The Content-Security-Policy of every response that does not set its own."""

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
"""Sent with every response. ``same-origin`` referrers: our own pages still name themselves
(the sign-in check reads the Referer when a browser sends no Origin), other sites learn
nothing of our URLs (which name stories and lessons)."""

CSP = b"content-security-policy"


class SecurityHeaders:
    """Pure ASGI middleware that adds the headers above to every HTTP response, streamed
    ones too (it edits the response's start message, not its body)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._fixed = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in self._fixed if k not in present]
                if CSP not in present:
                    headers.append((CSP, PAGE_POLICY.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
