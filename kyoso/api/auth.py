"""Who is calling: a personal API token (``Authorization: Bearer kyo_…``) or the browser session.

- :class:`TokenAuth` looks the token up by the SHA-256 of the whole secret, rejects revoked and
  expired tokens and tokens of inactive or deleted accounts, and refuses unsafe methods (POST,
  PATCH, PUT, DELETE) to tokens without the ``write`` scope.
- :class:`SessionAuth` accepts the signed-in browser session so that Kyoso's own pages can
  call the API with htmx; unsafe methods must carry the CSRF token (``X-CSRFToken``), which
  ``base.html`` sends on every htmx request. Staff who must set up two-factor sign-in (site
  setting) and have not are refused, as the web pages refuse them.

``AUTHENTICATED`` is the default of the API (token or session required); ``OPTIONAL`` is for
public operations, which still see who is calling when a token or session is present.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.utils import check_csrf

from kyoso.accounts.services import security
from kyoso.api import messages
from kyoso.api.errors import ApiError
from kyoso.api.models import TokenScope
from kyoso.api.selectors import api_token_for_secret
from kyoso.api.services import api_token_touch

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _is_safe(request: HttpRequest) -> bool:
    return request.method in SAFE_METHODS


class TokenAuth(HttpBearer):
    """Bearer tokens. A malformed, unknown or unusable token is a 401, never a fallback."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = api_token_for_secret(token)
        if api_token is None or not api_token.is_usable():
            raise ApiError(
                401,
                "token_invalid",
                messages.TOKEN_INVALID,
                headers={"WWW-Authenticate": 'Bearer realm="kyoso", error="invalid_token"'},
            )
        if not _is_safe(request) and not api_token.has_scope(TokenScope.WRITE):
            raise ApiError(
                403,
                "insufficient_scope",
                messages.INSUFFICIENT_SCOPE,
                headers={"WWW-Authenticate": 'Bearer realm="kyoso", error="insufficient_scope"'},
            )
        api_token_touch(token=api_token)
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]
        return api_token.user


class SessionAuth(NinjaSessionAuth):
    """The browser session; the CSRF token is checked for unsafe methods only.

    Unlike ninja's own class, a request without a signed-in session is simply not
    authenticated here (401), instead of failing the CSRF check first (403).
    """

    def __call__(self, request: HttpRequest) -> Any:
        user = request.user
        if not (user.is_authenticated and user.is_active):
            return None
        if not _is_safe(request) and check_csrf(request) is not None:
            raise ApiError(403, "csrf_failed", messages.CSRF_FAILED)
        # The web pages send such staff to the set-up page; the API answers in its format.
        if security.two_factor_required(user) and not security.has_confirmed_totp(user):
            raise ApiError(403, "two_factor_setup_required", messages.TWO_FACTOR_SETUP_REQUIRED)
        request.api_token = None  # type: ignore[attr-defined]
        return user


class Anonymous:
    """Last in the list of a public operation: let everyone else through as they are."""

    def __call__(self, request: HttpRequest) -> Any:
        request.api_token = None  # type: ignore[attr-defined]
        return request.user


token_auth = TokenAuth()
session_auth = SessionAuth()

AUTHENTICATED = [token_auth, session_auth]
OPTIONAL = [token_auth, session_auth, Anonymous()]
#: ``openapi_extra`` of operations using OPTIONAL: ninja appends this to the token and session
#: requirements; the empty requirement ``{}`` tells clients that authentication is optional.
OPTIONAL_OPENAPI: dict[str, Any] = {"security": [{}]}
