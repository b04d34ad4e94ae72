"""``KyosoAPI``: django-ninja's API object with Kyoso's auth, errors, docs and URL edges.

Besides ninja's own URL patterns it answers, in the error format,

- ``405`` for a known path with a method it does not serve (ninja returns a bare text body),
- ``404`` for every unknown path under the API (ninja's root raises a plain Http404 that
  Django would render as an HTML page),

and serves the Swagger UI files of the docs page itself (:mod:`kyoso.api.docs`).
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, path, re_path
from ninja import NinjaAPI
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from kyoso.api import auth, errors, messages
from kyoso.api.docs import LocalSwagger, docs_asset
from kyoso.core.policy import public

#: Set on the Django views ninja generates for API operations; each operation declares its
#: own rule (kyoso/api/tests/test_every_operation_declares_a_rule.py checks them).
API_OPERATION_ATTRIBUTE = "kyoso_api_operation"


class Utf8JSONRenderer(JSONRenderer):
    """Japanese text as UTF-8, not ``\\uXXXX`` escapes (the charset is in Content-Type)."""

    json_dumps_params = {"ensure_ascii": False}


def _not_text(value: Any) -> bool:
    """Whether a parsed JSON value holds a string no database column can store: a NUL
    character (PostgreSQL refuses it) or a lone surrogate (not encodable as UTF-8)."""
    if isinstance(value, str):
        if "\x00" in value:
            return True
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_not_text(k) or _not_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_not_text(item) for item in value)
    return False


class TextOnlyParser(Parser):
    """JSON whose strings are text. ``"\\u0000"`` and ``"\\ud800"`` are valid JSON syntax, but
    PostgreSQL cannot store a NUL and a lone surrogate is not text at all (both found by
    schemathesis, as 500s on PostgreSQL only). Such a body is refused like any other unreadable
    body (400, ``invalid_json``) before an operation sees it, on both databases alike. Forms
    need no such guard: Django's form fields already refuse NUL, and form data is decoded
    with replacement characters."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = super().parse_body(request)
        if _not_text(data):
            raise json.JSONDecodeError("a string that is not storable text", "", 0)
        return data


#: ``<int:issue_id>`` in a Django route → ``issue_id`` (OpenAPI writes ``{issue_id}``).
_ROUTE_ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")


class KyosoAPI(NinjaAPI):
    def __init__(self, **kwargs: Any) -> None:
        self._declared_query: dict[tuple[str, str], list[str]] | None = None
        kwargs.setdefault("renderer", Utf8JSONRenderer())
        kwargs.setdefault("parser", TextOnlyParser())
        kwargs.setdefault("auth", auth.AUTHENTICATED)
        kwargs.setdefault("docs", LocalSwagger())
        kwargs.setdefault("docs_decorator", public)
        super().__init__(**kwargs)
        errors.install(self)

    def _get_urls(self) -> list[URLPattern | URLResolver]:
        patterns: list[URLPattern | URLResolver] = []
        for pattern in super()._get_urls():
            if getattr(pattern, "name", None) == "api-root":
                continue  # replaced below
            if isinstance(pattern, URLPattern) and pattern.name not in {
                "openapi-json",
                "openapi-view",
            }:
                pattern.callback = self._answer_405_in_format(pattern.callback)
            patterns.append(pattern)
        not_found = self._not_found_view()
        patterns += [
            path("docs/assets/<str:name>", docs_asset, name="docs-asset"),
            path("", not_found, name="api-root"),
            re_path(r"^.+$", not_found),
        ]
        return patterns

    def _answer_405_in_format(self, view: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(view):
            return view

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            refused = self._refuse_undeclared_query(request)
            if refused is not None:
                return refused
            response = view(request, *args, **kwargs)
            if isinstance(response, HttpResponseNotAllowed):
                return errors.error_response(
                    self,
                    request,
                    405,
                    "method_not_allowed",
                    messages.METHOD_NOT_ALLOWED,
                    headers={"Allow": response["Allow"]},
                )
            return response

        setattr(wrapper, API_OPERATION_ATTRIBUTE, True)
        return wrapper

    def declared_query_parameters(self) -> dict[tuple[str, str], list[str]]:
        """``(METHOD, OpenAPI path) → the query parameters it declares``, read once from the
        OpenAPI document, so the check below and the document can never disagree."""
        if self._declared_query is None:
            declared: dict[tuple[str, str], list[str]] = {}
            for path_template, operations in self.get_openapi_schema()["paths"].items():
                for method, operation in operations.items():
                    declared[(method.upper(), path_template)] = [
                        parameter["name"]
                        for parameter in operation.get("parameters", [])
                        if parameter.get("in") == "query"
                    ]
            self._declared_query = declared
        return self._declared_query

    def _refuse_undeclared_query(self, request: HttpRequest) -> HttpResponse | None:
        """A 422 in the error format for a query parameter the operation does not declare.

        Filters and sorts accept only declared fields (issue 20): ``?ordering=user__password``
        or ``?user__email=…`` is refused, naming the allowed parameters, rather than silently
        ignored (where a later change could start passing it to the ORM)."""
        match = request.resolver_match
        if not request.GET or match is None:
            return None
        template = "/" + _ROUTE_ARGUMENT.sub(r"{\1}", match.route)
        allowed = self.declared_query_parameters().get((request.method or "GET", template))
        if allowed is None:
            return None  # a method the path does not serve: the 405 answers it
        unknown = sorted(set(request.GET) - set(allowed))
        if not unknown:
            return None
        message = messages.QUERY_PARAMETER_UNKNOWN % {
            "choices": ", ".join(allowed) or messages.NO_QUERY_PARAMETERS
        }
        return errors.error_response(
            self,
            request,
            422,
            "validation_error",
            messages.VALIDATION_FAILED,
            details=[
                {
                    "field": name,
                    "location": "query",
                    "code": "unknown_parameter",
                    "message": str(message),
                }
                for name in unknown
            ],
        )

    def _not_found_view(self) -> Callable[..., HttpResponseBase]:
        @public
        def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            return errors.error_response(self, request, 404, "not_found", messages.NOT_FOUND)

        return not_found
