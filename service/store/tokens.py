"""API keys and session tokens: made random, kept only as a hash.

Keys and tokens are 256 bits from ``secrets``, so a fast hash (sha256) is the right choice:
there is nothing to brute-force, unlike a password, where a slow hash buys time against a
guessable secret. A hash lookup also means a stolen database holds no usable key.
"""

from __future__ import annotations

import hashlib
import secrets

KEY_PREFIX = "sc_"
"""Marks a StoryCoach key, so secret scanners and people recognise one."""
SHOWN_PREFIX = 10
"""How much of a key is kept in clear to tell keys apart (``sc_`` plus 7 characters)."""


def new_secret() -> str:
    """A fresh 256-bit secret, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def new_api_key() -> str:
    return KEY_PREFIX + new_secret()


def hash_secret(secret: str) -> str:
    """The sha256 hex digest that the database keeps in place of ``secret``."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def shown_prefix(key: str) -> str:
    return key[:SHOWN_PREFIX]
