"""What the concierge app plugs into core: rules, audit actions, navigation, personal data and
the notification types. Nothing of a consultation joins the global search, feeds or the API:
nothing about a consultation is public."""

from __future__ import annotations


def register() -> None:
    from kyoso.audit.registry import register_actions
    from kyoso.concierge import audit, home, personal_data, rules
    from kyoso.core import personal_data as core_personal_data

    rules.register()
    home.register()
    register_actions(audit.ACTIONS)
    core_personal_data.register("concierge", export=personal_data.export, erase=personal_data.erase)
