"""One error format for every API error.

Every error response has the body::

    {"error": {"code": "not_found", "message": "<localized>", "details": []}}

``code`` is stable and meant for programs; ``message`` is for people, in the language of the
request (Japanese unless ``Accept-Language`` asks for English). ``details`` lists per-field
problems for ``validation_error`` (``field``, ``location``, ``code``, ``message``).
:func:`install` registers the handlers on the API.
"""

from __future__ import annotations

import logging
import math
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.core import signals
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import Promise
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from kyoso.accounts.services.security import LoginFailed, LoginThrottled
from kyoso.api import messages

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger("django.request")

#: The ``loc`` sources ninja reports, kept as ``location`` in the details.
LOCATIONS = frozenset({"body", "query", "path", "header", "cookie", "form", "file"})


class ApiError(Exception):
    """Raise from an operation to answer with ``status`` and the error format."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str | Promise,
        *,
        details: Iterable[dict[str, Any]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.details = list(details)
        self.headers = headers or {}


def error_body(code: str, message: str | Promise, details: Iterable[Any] = ()) -> dict[str, Any]:
    return {"error": {"code": code, "message": str(message), "details": list(details)}}


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: str | Promise,
    *,
    details: Iterable[Any] = (),
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    response = api.create_response(request, error_body(code, message, details), status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


# --- Validation details ----------------------------------------------------------------------

_SIMPLE_MESSAGES: dict[str, Promise] = {
    "missing": messages.FIELD_REQUIRED,
    "int_parsing": messages.FIELD_NOT_INTEGER,
    "int_type": messages.FIELD_NOT_INTEGER,
    "int_from_float": messages.FIELD_NOT_INTEGER,
    "float_parsing": messages.FIELD_NOT_NUMBER,
    "float_type": messages.FIELD_NOT_NUMBER,
    "bool_parsing": messages.FIELD_NOT_BOOLEAN,
    "bool_type": messages.FIELD_NOT_BOOLEAN,
    "string_type": messages.FIELD_NOT_STRING,
    "list_type": messages.FIELD_NOT_LIST,
    "datetime_parsing": messages.FIELD_NOT_DATETIME,
    "datetime_type": messages.FIELD_NOT_DATETIME,
    "datetime_from_date_parsing": messages.FIELD_NOT_DATETIME,
    "json_invalid": messages.BODY_NOT_JSON,
    "model_attributes_type": messages.BODY_NOT_JSON,
    "dict_type": messages.BODY_NOT_JSON,
    "extra_forbidden": messages.FIELD_UNKNOWN,
}

#: Errors raised by our own validators carry their (already localized) message.
CUSTOM_PREFIX = "kyoso_"
#: Operations name their body schema parameter ``payload``; it is dropped from field paths.
BODY_PARAMETER = "payload"


def _detail_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind.startswith(CUSTOM_PREFIX):
        return str(error.get("msg", messages.FIELD_INVALID))
    if kind in _SIMPLE_MESSAGES:
        return str(_SIMPLE_MESSAGES[kind])
    if kind in {"greater_than_equal", "greater_than"}:
        limit = ctx.get("ge", ctx.get("gt"))
        return str(messages.FIELD_MIN_VALUE % {"limit": limit})
    if kind in {"less_than_equal", "less_than"}:
        limit = ctx.get("le", ctx.get("lt"))
        return str(messages.FIELD_MAX_VALUE % {"limit": limit})
    if kind == "string_too_long":
        return str(messages.FIELD_TOO_LONG % {"limit": ctx.get("max_length")})
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return str(messages.FIELD_BLANK)
        return str(messages.FIELD_TOO_SHORT % {"limit": ctx.get("min_length")})
    if kind in {"literal_error", "enum"}:
        return str(messages.FIELD_CHOICE % {"choices": ctx.get("expected", "")})
    return str(messages.FIELD_INVALID)


def _detail_code(kind: str) -> str:
    return kind.removeprefix(CUSTOM_PREFIX) or "invalid"


def validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ninja's ``[{"loc": ("query", "limit"), "type": ...}]`` → our ``details`` entries.

    ``field`` is the dotted path inside its location (``"limit"``, ``"scopes.0"``); the
    name of the Python parameter holding a whole body schema is not part of it.
    """
    details = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        location = loc[0] if loc and loc[0] in LOCATIONS else "body"
        path = loc[1:] if loc and loc[0] in LOCATIONS else loc
        if location == "body" and path and path[0] == BODY_PARAMETER:
            path = path[1:]
        details.append(
            {
                "field": ".".join(path),
                "location": location,
                "code": _detail_code(str(error.get("type", ""))),
                "message": _detail_message(error),
            }
        )
    return details


# --- Handlers --------------------------------------------------------------------------------


def _retry_after(seconds: float | None) -> dict[str, str]:
    return {"Retry-After": str(max(1, math.ceil(seconds)))} if seconds is not None else {}


def _handlers(api: NinjaAPI) -> dict[type[Exception], Callable[[HttpRequest, Any], HttpResponse]]:
    def respond(request: HttpRequest, status: int, code: str, message: Any, **kwargs: Any):
        return error_response(api, request, status, code, message, **kwargs)

    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(
            request, exc.status, exc.code, exc.message, details=exc.details, headers=exc.headers
        )

    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(
            request,
            422,
            "validation_error",
            messages.VALIDATION_FAILED,
            details=validation_details(exc.errors),
        )

    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(
            request,
            401,
            "not_authenticated",
            messages.NOT_AUTHENTICATED,
            headers={"WWW-Authenticate": 'Bearer realm="kyoso"'},
        )

    def permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 403, "permission_denied", messages.PERMISSION_DENIED)

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 404, "not_found", messages.NOT_FOUND)

    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        if exc.wait is None:
            return respond(request, 429, "throttled", messages.THROTTLED_NO_WAIT)
        headers = _retry_after(exc.wait)
        message = messages.THROTTLED % {"seconds": headers["Retry-After"]}
        return respond(request, 429, "throttled", message, headers=headers)

    def login_throttled(request: HttpRequest, exc: LoginThrottled) -> HttpResponse:
        headers = _retry_after(exc.seconds)
        message = messages.LOGIN_THROTTLED % {"seconds": headers["Retry-After"]}
        return respond(request, 429, "login_throttled", message, headers=headers)

    def login_failed(request: HttpRequest, exc: LoginFailed) -> HttpResponse:
        return respond(request, 401, "login_failed", messages.LOGIN_FAILED)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # What ninja raises itself besides the kinds above: an unreadable body (400) and
        # the CSRF check of its own cookie authentication (403).
        if exc.status_code == 400:
            return respond(request, 400, "invalid_json", messages.BODY_NOT_JSON)
        if exc.status_code == 403:
            return respond(request, 403, "permission_denied", messages.PERMISSION_DENIED)
        return respond(request, exc.status_code, "http_error", messages.HTTP_ERROR)

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Log like Django does and let the test client re-raise it, then answer in the format.
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=sys.exc_info(),
            extra={"status_code": 500, "request": request},
        )
        signals.got_request_exception.send(sender=None, request=request)
        from kyoso.core.views import DATABASE_RETRY_AFTER, database_unavailable

        if database_unavailable(exc):  # the database is restarting: temporary, say when
            headers = _retry_after(DATABASE_RETRY_AFTER)
            message = messages.SERVICE_UNAVAILABLE % {"seconds": headers["Retry-After"]}
            return respond(request, 503, "service_unavailable", message, headers=headers)
        return respond(request, 500, "server_error", messages.SERVER_ERROR)

    return {
        ApiError: api_error,
        ValidationError: validation_error,
        AuthenticationError: authentication_error,
        PermissionDenied: permission_denied,
        Http404: not_found,
        ObjectDoesNotExist: not_found,
        Throttled: throttled,
        LoginThrottled: login_throttled,
        LoginFailed: login_failed,
        HttpError: http_error,
        Exception: server_error,
    }


def install(api: NinjaAPI) -> None:
    for exc_class, handler in _handlers(api).items():
        api.add_exception_handler(exc_class, handler)
