"""Helpers for API tests: issue tokens through the service and call the API with them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from kyoso.api.services import api_token_create

API = "/api/v1"


def issue_token(user: Any, scopes: Iterable[str] = ("read",), **kwargs: Any) -> str:
    """A fresh token of ``user``; returns the secret."""
    return api_token_create(actor=user, name="テスト用", scopes=list(scopes), **kwargs).secret


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def send(client, method: str, path: str, body: Any = None, **extra: Any):
    """``client.<method>(API + path)`` with a JSON body when one is given."""
    kwargs: dict[str, Any] = dict(extra)
    if body is not None:
        kwargs["data"] = body if isinstance(body, str | bytes) else json.dumps(body)
        kwargs["content_type"] = "application/json"
    return getattr(client, method.lower())(API + path, **kwargs)


def error_of(response) -> dict[str, Any]:
    """The ``error`` object of an error response, checking the envelope on the way."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    return body["error"]
