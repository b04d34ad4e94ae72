"""A small LINE Login v2.1 client: OAuth 2.0 authorization code + OpenID Connect ID token.

Standard library only (``urllib.request``, ``hmac``): LINE's ID token for a web login is a JWT
signed with HS256 and the channel secret, so checking it needs no JOSE library (decision 0012).
Base URLs come from settings so that tests point them at a fake server on loopback.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

ISSUER = "https://access.line.me"
SCOPE = "profile openid"
TIMEOUT_SECONDS = 10
#: Seconds of clock difference tolerated on ``exp`` and ``iat``.
LEEWAY_SECONDS = 60
MAX_RESPONSE_BYTES = 64 * 1024
#: Plain HTTP is allowed to these hosts only (the fake LINE server of the tests).
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class LineError(Exception):
    """Anything that keeps a LINE login from being trusted; ``reason`` is for logs and tests."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LineIdentity:
    sub: str
    name: str


def authorize_url(*, channel_id: str, redirect_uri: str, state: str, nonce: str) -> str:
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": channel_id,
            "redirect_uri": redirect_uri,
            "state": state,
            "scope": SCOPE,
            "nonce": nonce,
        }
    )
    return f"{settings.KYOSO_LINE_AUTHORIZE_BASE}/oauth2/v2.1/authorize?{query}"


def _read_json(request: urllib.request.Request) -> dict[str, Any]:
    parts = urllib.parse.urlsplit(request.full_url)
    if not (
        parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS)
    ):
        raise LineError("insecure_endpoint")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise LineError(f"http_{exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise LineError("unreachable") from exc
    if len(body) > MAX_RESPONSE_BYTES:
        raise LineError("response_too_large")
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise LineError("not_json") from exc
    if not isinstance(data, dict):
        raise LineError("not_json")
    return data


def exchange_code(
    *, channel_id: str, channel_secret: str, code: str, redirect_uri: str
) -> dict[str, Any]:
    """Redeem the authorization code at the token endpoint; returns its JSON."""
    body = urllib.parse.urlencode(
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": channel_id,
            "client_secret": channel_secret,
        }
    ).encode()
    request = urllib.request.Request(  # noqa: S310 (scheme checked in _read_json)
        f"{settings.KYOSO_LINE_API_BASE}/oauth2/v2.1/token",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    tokens = _read_json(request)
    if not isinstance(tokens.get("id_token"), str) or not isinstance(
        tokens.get("access_token"), str
    ):
        raise LineError("no_id_token")
    return tokens


def fetch_profile(*, access_token: str) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 (scheme checked in _read_json)
        f"{settings.KYOSO_LINE_API_BASE}/v2/profile",
        headers={"Authorization": f"Bearer {access_token}"},
    )
    return _read_json(request)


def _b64decode(part: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (ValueError, TypeError) as exc:
        raise LineError("malformed_token") from exc


def verify_id_token(
    token: str, *, channel_id: str, channel_secret: str, nonce: str, now: float | None = None
) -> dict[str, Any]:
    """Check an HS256 ID token: signature (channel secret), ``iss``, ``aud``, ``exp``, ``nonce``.

    Returns the claims; raises :class:`LineError` naming the first check that failed.
    """
    parts = token.split(".")
    if len(parts) != 3:
        raise LineError("malformed_token")
    header_b64, payload_b64, signature_b64 = parts
    try:
        header = json.loads(_b64decode(header_b64))
        claims = json.loads(_b64decode(payload_b64))
    except ValueError as exc:
        raise LineError("malformed_token") from exc
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise LineError("malformed_token")
    # Only HS256: never "none", never an algorithm chosen by the token.
    if header.get("alg") != "HS256":
        raise LineError("bad_algorithm")
    expected = hmac.new(
        channel_secret.encode(), f"{header_b64}.{payload_b64}".encode(), hashlib.sha256
    ).digest()
    if not hmac.compare_digest(expected, _b64decode(signature_b64)):
        raise LineError("bad_signature")
    if claims.get("iss") != ISSUER:
        raise LineError("bad_issuer")
    if claims.get("aud") != channel_id:
        raise LineError("bad_audience")
    current = time.time() if now is None else now
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or exp + LEEWAY_SECONDS < current:
        raise LineError("expired")
    iat = claims.get("iat")
    if isinstance(iat, int | float) and iat - LEEWAY_SECONDS > current:
        raise LineError("issued_in_future")
    token_nonce = claims.get("nonce")
    if not isinstance(token_nonce, str) or not hmac.compare_digest(token_nonce, nonce):
        raise LineError("bad_nonce")
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub or len(sub) > 64:
        raise LineError("no_subject")
    return claims


def identity_from_code(
    *, channel_id: str, channel_secret: str, code: str, redirect_uri: str, nonce: str
) -> LineIdentity:
    """The whole server-side half of the login: code → tokens → checked ID token → profile."""
    tokens = exchange_code(
        channel_id=channel_id, channel_secret=channel_secret, code=code, redirect_uri=redirect_uri
    )
    claims = verify_id_token(
        tokens["id_token"], channel_id=channel_id, channel_secret=channel_secret, nonce=nonce
    )
    name = claims.get("name") if isinstance(claims.get("name"), str) else ""
    if not name:
        profile = fetch_profile(access_token=tokens["access_token"])
        if profile.get("userId") not in (None, claims["sub"]):
            raise LineError("profile_mismatch")
        name = profile.get("displayName") if isinstance(profile.get("displayName"), str) else ""
    return LineIdentity(sub=claims["sub"], name=(name or "")[:100])
