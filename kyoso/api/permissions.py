"""Every API operation declares the rule that guards it, like every web view does.

::

    @router.get("/organizations/{slug}", response=OrganizationDetail)
    @rule("orgs.view_organization", get_object=organization_from_path)
    def organization_detail(request, slug: str, obj: Organization): ...

The rule name is one of those registered with django-rules and checked through
:func:`kyoso.core.policy.check`, the same call the web views make. ``get_object(request,
**kwargs)`` loads the object the rule is checked against (raising 404 if it is missing); the
view receives it as ``obj`` and ninja never sees ``obj`` as a parameter. The rule name is
stored on the view function as ``kyoso_rule``;
``kyoso/api/tests/test_every_operation_declares_a_rule.py`` fails for any operation without it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError

from kyoso.api.errors import ApiError
from kyoso.api.messages import PERMISSION_DENIED
from kyoso.core.policy import RULE_ATTRIBUTE, check

OBJECT_ARGUMENT = "obj"


def acting_user(request: HttpRequest) -> Any:
    """The person behind the request: token owner, session user or AnonymousUser."""
    return request.user


def deny(request: HttpRequest) -> ApiError | AuthenticationError:
    if not acting_user(request).is_authenticated:
        return AuthenticationError()
    return ApiError(403, "permission_denied", PERMISSION_DENIED)


def authorize(request: HttpRequest, rule_name: str, obj: Any = None) -> None:
    """Raise 401/403 unless ``rule_name`` allows the acting user (on ``obj``)."""
    if not check(rule_name, acting_user(request), obj):
        raise deny(request)


Refusal = Callable[[HttpRequest, Any], ApiError | None]


def rule(
    rule_name: str,
    *,
    get_object: Callable[..., Any] | None = None,
    refusal: Refusal | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare and enforce the rule of an API operation (see the module docstring).

    ``refusal(request, obj)`` may return a more specific error than the generic 403 when the
    rule says no (e.g. "verify your email address first").
    """

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        # Resolve annotations here, in the view's module, so that ninja reads real types.
        signature = inspect.signature(view, eval_str=True)
        if get_object is not None:
            if OBJECT_ARGUMENT not in signature.parameters:
                raise TypeError(f"{view.__qualname__} must accept '{OBJECT_ARGUMENT}'")
            signature = signature.replace(
                parameters=[p for n, p in signature.parameters.items() if n != OBJECT_ARGUMENT]
            )

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            obj = get_object(request, **kwargs) if get_object is not None else None
            if not check(rule_name, acting_user(request), obj):
                specific = refusal(request, obj) if refusal is not None else None
                raise specific or deny(request)
            if get_object is not None:
                kwargs[OBJECT_ARGUMENT] = obj
            return view(request, *args, **kwargs)

        wrapper.__signature__ = signature  # type: ignore[attr-defined]
        setattr(wrapper, RULE_ATTRIBUTE, rule_name)
        return wrapper

    return decorator
