"""``GET /docs``: the interactive API documentation (Swagger UI), under its own
Content-Security-Policy.

FastAPI's own docs page loads Swagger UI from a CDN and starts it with an inline script, which
the pages' strict policy (``service.http.headers``) forbids. This route serves the same page
with a policy of its own: scripts and styles from ourselves and that CDN, and the one inline
script allowed by its hash (computed from the very page sent, so it cannot drift). ReDoc and
the OAuth2 redirect page are not served: keys are sent as Bearer tokens, and one docs page
is enough.
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

CDN = "https://cdn.jsdelivr.net"
"""Where FastAPI's Swagger UI page loads its script and style from."""
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def docs_policy(page: bytes) -> str:
    """The Content-Security-Policy under which ``page`` (the Swagger UI page) works."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(page)
    )
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {CDN} {hashes}".strip(),
            f"style-src 'self' {CDN}",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over ``/openapi.json``."""
    root = request.scope.get("root_path", "").rstrip("/")
    page = get_swagger_ui_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title} - Swagger UI",
        swagger_favicon_url="data:,",  # not the CDN's: the policy loads images from us only
    )
    page.headers["Content-Security-Policy"] = docs_policy(bytes(page.body))
    return page
