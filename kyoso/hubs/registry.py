"""What the hubs app plugs into core: rules, audit actions, navigation, search, personal
data. Each part is registered by the module that owns it; this file only calls them."""

from __future__ import annotations


def register() -> None:
    from kyoso.hubs import rules

    rules.register()
