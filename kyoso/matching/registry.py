"""What the matching app plugs into core: rules, audit actions, navigation, personal data,
the dashboard block, and the accounts' ``profile_changed`` hook that keeps features fresh."""

from __future__ import annotations


def register() -> None:
    from kyoso.accounts.hooks import register_profile_changed
    from kyoso.audit.registry import register_actions
    from kyoso.core import personal_data as core_personal_data
    from kyoso.matching import audit, home, personal_data, rules
    from kyoso.matching.services.profiles import refresh_later

    rules.register()
    register_actions(audit.ACTIONS)
    core_personal_data.register("matching", export=personal_data.export, erase=personal_data.erase)
    home.register()
    register_profile_changed(refresh_later)
