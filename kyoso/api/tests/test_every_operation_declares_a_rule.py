"""Every API operation declares a registered rule, as every web view does."""

import rules
from django.urls import URLPattern, URLResolver, get_resolver

from kyoso.api.urls import api
from kyoso.core.policy import declared_rule


def _operations():
    api.urls  # noqa: B018 - binds the routers, as kyoso/urls.py does
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield f"{method} {prefix}{path}", operation.view_func


def test_the_walk_finds_the_operations():
    found = {name for name, _view in _operations()}
    assert {"GET /me", "PATCH /me", "POST /auth/token", "DELETE /tokens/{token_id}"} <= found
    assert len(found) >= 10


def test_every_operation_declares_a_registered_rule():
    undeclared = [name for name, view in _operations() if declared_rule(view) is None]
    assert undeclared == []
    unknown = [
        (name, declared_rule(view))
        for name, view in _operations()
        if declared_rule(view) not in rules.permissions.permissions
    ]
    assert unknown == []


def _api_patterns():
    resolver = get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "api":
            yield from entry.url_patterns


def test_the_other_api_urls_declare_a_rule_or_are_operations():
    """Docs, schema, assets and the JSON 404 are public; the rest dispatch to operations."""
    patterns = [p for p in _api_patterns() if isinstance(p, URLPattern)]
    assert patterns
    for pattern in patterns:
        callback = pattern.callback
        assert declared_rule(callback) is not None or getattr(
            callback, "kyoso_api_operation", False
        ), pattern
