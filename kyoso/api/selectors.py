"""Reading API tokens."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kyoso.api.models import ApiToken
from kyoso.api.tokens import SECRET_MAX_LENGTH, SECRET_PREFIX, hash_secret


def api_token_for_secret(secret: str) -> ApiToken | None:
    """The token whose secret this is, with its user; None for anything else.

    The lookup is by the SHA-256 of the whole secret, so the secret itself is never compared
    (nor stored): timing can at most tell how much of a digest matched, which says nothing
    about the secret.
    """
    if not secret.startswith(SECRET_PREFIX) or len(secret) > SECRET_MAX_LENGTH:
        return None
    return ApiToken.objects.select_related("user").filter(token_hash=hash_secret(secret)).first()


def api_tokens_of_user(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at", "-id")
