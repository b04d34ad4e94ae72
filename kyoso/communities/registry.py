"""What the communities app plugs into core: rules, navigation, search, personal data.

Each part is registered by the module that owns it; this file only calls them in one place."""

from __future__ import annotations


def register() -> None:
    from kyoso.communities import rules

    rules.register()
