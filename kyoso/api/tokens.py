"""The shape of a token secret: ``kyo_<prefix>_<random>``.

``prefix`` is eight lowercase letters and digits, stored and shown so that people can tell
their tokens apart; ``random`` is 32 bytes from :mod:`secrets` (43 URL-safe characters). Only
the SHA-256 hex digest of the whole secret is stored.
"""

from __future__ import annotations

import hashlib
import secrets
import string

SECRET_PREFIX = "kyo_"  # noqa: S105 - the public marker of a Kyoso token, not a secret
PREFIX_LENGTH = 8
RANDOM_BYTES = 32
#: Longer input is not a Kyoso token; it is rejected before hashing.
SECRET_MAX_LENGTH = 100

_PREFIX_ALPHABET = string.ascii_lowercase + string.digits


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> tuple[str, str]:
    """Return ``(prefix, secret)`` for a fresh token."""
    prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    return prefix, f"{SECRET_PREFIX}{prefix}_{secrets.token_urlsafe(RANDOM_BYTES)}"
