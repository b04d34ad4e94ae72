"""Every page declares the rule that guards it (kyoso.core.policy)."""

from django.urls import URLPattern, URLResolver, get_resolver

from kyoso.core.policy import declared_rule

# Django's admin has its own permission system (is_staff + model permissions), and the API
# operations are walked by kyoso/api/tests/test_every_operation_declares_a_rule.py.
EXEMPT_NAMESPACES = {"admin", "api"}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace, entry.callback


def test_every_url_pattern_declares_a_rule():
    undeclared = [
        route
        for route, namespace, view in _walk(get_resolver().url_patterns)
        if namespace not in EXEMPT_NAMESPACES and declared_rule(view) is None
    ]
    assert undeclared == [], f"Views without a declared rule: {undeclared}"


def test_walk_sees_the_application_urls():
    routes = {route for route, _ns, _view in _walk(get_resolver().url_patterns)}
    assert "accounts/login/" in routes
    assert "" in routes


def test_every_declared_rule_is_registered():
    import rules

    names = {
        declared_rule(view)
        for _route, namespace, view in _walk(get_resolver().url_patterns)
        if namespace not in EXEMPT_NAMESPACES
    }
    missing = sorted(n for n in names if n not in rules.permissions.permissions)
    assert missing == []
