"""Personal API tokens: issue one with email + password (+ TOTP), list and revoke your own."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import Throttled
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from kyoso.accounts.services import security
from kyoso.api import messages
from kyoso.api.errors import ApiError
from kyoso.api.models import ApiToken, TokenScope
from kyoso.api.permissions import acting_user, rule
from kyoso.api.selectors import api_tokens_of_user
from kyoso.api.services import NAME_MAX_LENGTH, api_token_create, api_token_revoke
from kyoso.core import ratelimit
from kyoso.core.http import client_address
from kyoso.core.text import normalize_text

router = Router(tags=["tokens"])


class TokenCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=254)
    password: str = Field(max_length=4096)
    name: str = Field(
        min_length=1,
        max_length=NAME_MAX_LENGTH,
        description="A label to tell your tokens apart, e.g. 'データ連携スクリプト'",
    )
    scopes: list[TokenScope] = Field(
        default_factory=lambda: [TokenScope.READ],
        description="'read' and/or 'write'; write implies read",
    )
    expires_at: datetime | None = Field(
        None, description="ISO 8601; without an offset it is read as Japan time"
    )
    totp_code: str | None = Field(
        None, max_length=12, description="Required when the account uses two-factor sign-in"
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = normalize_text(value)
        if not value:
            raise PydanticCustomError("kyoso_blank", str(messages.FIELD_BLANK))
        return value

    @field_validator("expires_at")
    @classmethod
    def _expires_at(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        if value <= timezone.now():
            raise PydanticCustomError("kyoso_in_past", str(messages.EXPIRES_IN_PAST))
        return value


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="Shown as kyo_<prefix>_… to tell tokens apart")
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    active: bool


class TokenCreatedOut(TokenOut):
    token: str = Field(description="The secret. Shown only in this response; store it safely.")


def _token_out(token: ApiToken) -> dict:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "scopes": token.scopes,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "expires_at": token.expires_at,
        "revoked_at": token.revoked_at,
        "active": token.active,
    }


def _check_second_factor(user, code: str | None) -> None:
    if not security.has_confirmed_totp(user):
        if security.two_factor_required(user):
            raise ApiError(403, "two_factor_setup_required", messages.TWO_FACTOR_SETUP_REQUIRED)
        return
    if not code:
        raise ApiError(401, "totp_required", messages.TOTP_REQUIRED)
    if not security.second_factor_check(user=user, code=code):
        raise ApiError(401, "totp_invalid", messages.TOTP_INVALID)


@router.post(
    "/auth/token",
    response={201: TokenCreatedOut},
    auth=None,
    summary="Issue a token with email and password",
)
@rule("api.create_token")
def token_create(request: HttpRequest, payload: TokenCreateIn):
    """Failed attempts are limited per account (5 a minute), all attempts per address
    (30 an hour) and tokens issued per account (10 an hour, with the web page's): then 429
    with Retry-After."""
    wait = ratelimit.hit("api_token", client_address(request))
    if wait:
        raise Throttled(wait)
    user = security.credentials_check(
        request=request, email=payload.email, password=payload.password
    )
    _check_second_factor(user, payload.totp_code)
    wait = ratelimit.hit("api_token_account", f"user:{user.pk}")
    if wait:  # tokens issued to one account, wherever from (the web page counts too)
        raise Throttled(wait)
    issued = api_token_create(
        actor=user,
        name=payload.name,
        scopes=[scope.value for scope in payload.scopes],
        expires_at=payload.expires_at,
        request=request,
    )
    return Status(201, {**_token_out(issued.token), "token": issued.secret})


@router.get("/tokens", response=list[TokenOut], summary="Your tokens")
@paginate
@rule("api.view_own_tokens")
def token_list(request: HttpRequest):
    """Newest first, revoked and expired ones included (``active`` tells them apart)."""
    return api_tokens_of_user(acting_user(request))


def _own_token(request: HttpRequest, token_id: int, **kwargs) -> ApiToken:
    # Someone else's token is "not found", not "forbidden": ids of others stay unknown.
    return get_object_or_404(api_tokens_of_user(acting_user(request)), pk=token_id)


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke one of your tokens")
@rule("api.revoke_token", get_object=_own_token)
def token_revoke(request: HttpRequest, token_id: int, obj: ApiToken):
    """Needs the write scope. Revoking an already revoked token changes nothing."""
    api_token_revoke(actor=acting_user(request), token=obj, request=request)
    return Status(204, None)
