"""Failed two-factor codes on ``POST /auth/token`` are limited like failed passwords.

Without this, someone who knows the password could try all 10^6 codes. The limit and window
are the login ones (``KYOSO_LOGIN_FAILURE_LIMIT`` per ``KYOSO_LOGIN_FAILURE_WINDOW`` seconds),
counted per account in the cache.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from kyoso.accounts.services.security import LoginThrottled


def _key(user_id: int) -> str:
    return f"kyoso:api-totp-failures:{user_id}"


def _recent(user_id: int, now: float) -> list[float]:
    window = settings.KYOSO_LOGIN_FAILURE_WINDOW
    return [t for t in cache.get(_key(user_id), []) if now - t < window]


def totp_check_allowed(user_id: int) -> None:
    """Raise LoginThrottled while the account has too many recent failed codes."""
    now = time.time()
    recent = _recent(user_id, now)
    limit = settings.KYOSO_LOGIN_FAILURE_LIMIT
    if len(recent) >= limit:
        oldest_counted = sorted(recent)[-limit]
        wait = settings.KYOSO_LOGIN_FAILURE_WINDOW - (now - oldest_counted)
        raise LoginThrottled(max(1, int(wait) + 1))


def totp_failure_record(user_id: int) -> None:
    now = time.time()
    recent = _recent(user_id, now)
    recent.append(now)
    cache.set(_key(user_id), recent, timeout=settings.KYOSO_LOGIN_FAILURE_WINDOW)
