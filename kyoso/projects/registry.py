"""What the projects app plugs into core: rules, audit actions, navigation, search, personal
data. Each part is registered by the module that owns it; this file only calls them."""

from __future__ import annotations


def register() -> None:
    from kyoso.audit.registry import register_actions
    from kyoso.projects import audit, rules

    rules.register()
    register_actions(audit.ACTIONS)
    from kyoso.projects import conversion  # the events' figures: acts and outgrowths

    conversion.register()
