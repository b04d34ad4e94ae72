"""The one policy layer: every view and API operation declares the rule it needs.

Rules are django-rules predicates registered by each app's ``AppConfig.ready()`` under names
``<app>.<verb>_<model>``. A view says which rule guards it with :func:`rule_required` (or
:func:`public` for pages anyone may see); ``kyoso/core/tests/test_every_url_declares_a_rule.py``
walks the URL configuration and fails when a view declares nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase as HttpResponse

RULE_ATTRIBUTE = "kyoso_rule"
PUBLIC = "core.public"
AUTHENTICATED = "core.authenticated"

ObjectGetter = Callable[..., Any]


def declared_rule(view: Callable[..., Any]) -> str | None:
    return getattr(view, RULE_ATTRIBUTE, None)


def _declare(view: Callable[..., Any], rule: str) -> None:
    setattr(view, RULE_ATTRIBUTE, rule)


def check(rule: str, user: Any, obj: Any = None) -> bool:
    if rule not in rules.permissions.permissions:
        raise LookupError(f"Rule {rule!r} is not registered")
    return rules.has_perm(rule, user, obj)


def deny(request: HttpRequest) -> HttpResponse:
    """Send anonymous visitors to log in; tell signed-in people they may not."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def rule_required(
    rule: str, *, get_object: ObjectGetter | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Guard a function view with a named rule, optionally checked against an object.

    ``get_object(request, **kwargs)`` loads the object (raising 404 if missing); the view then
    receives it as ``obj`` so that it is not loaded twice.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            obj = get_object(request, **kwargs) if get_object else None
            if not check(rule, request.user, obj):
                return deny(request)
            if get_object is not None:
                kwargs["obj"] = obj
            return view(request, *args, **kwargs)

        _declare(wrapper, rule)
        return wrapper

    return decorator


def hidden_unless_visible(view_rule: str, user: Any, obj: Any) -> Any:
    """Return ``obj``, or raise 404 to a signed-in person who may not view it: a 403 would tell
    them that a draft or private object exists (docs/security.md). Anonymous visitors still get
    the login page from the view's own rule. For an object loader (``get_object``)."""
    if user.is_authenticated and not check(view_rule, user, obj):
        raise Http404
    return obj


def public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view as open to everyone, anonymous visitors included."""
    _declare(view, PUBLIC)
    return view


def login_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    return rule_required(AUTHENTICATED)(view)
