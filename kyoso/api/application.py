"""``KyosoAPI``: django-ninja's API object with Kyoso's auth, errors, docs and URL edges.

Besides ninja's own URL patterns it answers, in the error format,

- ``405`` for a known path with a method it does not serve (ninja returns a bare text body),
- ``404`` for every unknown path under the API (ninja's root raises a plain Http404 that
  Django would render as an HTML page),

and serves the Swagger UI files of the docs page itself (:mod:`kyoso.api.docs`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, path, re_path
from ninja import NinjaAPI
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


class KyosoAPI(NinjaAPI):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("renderer", Utf8JSONRenderer())
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

    def _not_found_view(self) -> Callable[..., HttpResponseBase]:
        @public
        def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            return errors.error_response(self, request, 404, "not_found", messages.NOT_FOUND)

        return not_found
