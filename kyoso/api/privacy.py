"""API tokens in a person's data download, and gone when the person leaves."""

from __future__ import annotations

from typing import Any

from kyoso.core import personal_data


def export_tokens(user: Any) -> list[dict[str, Any]]:
    from kyoso.api.selectors import api_tokens_of_user

    return [
        {
            "name": t.name,
            "prefix": t.prefix,
            "scopes": t.scopes,
            "created_at": t.created_at,
            "last_used_at": t.last_used_at,
            "expires_at": t.expires_at,
            "revoked_at": t.revoked_at,
        }
        for t in api_tokens_of_user(user)
    ]


def erase_tokens(user: Any) -> None:
    from kyoso.api.models import ApiToken

    ApiToken.objects.filter(user_id=user.pk).delete()


def register_personal_data() -> None:
    personal_data.register("api_tokens", export=export_tokens, erase=erase_tokens)
