"""What the evaluation app plugs into core: rules and audit actions. A report holds no personal
data (highlights are the secretariat's text about the year, figures are aggregates) and is not
in the global search."""

from __future__ import annotations


def register() -> None:
    from kyoso.audit.registry import register_actions
    from kyoso.evaluation import audit, rules

    rules.register()
    register_actions(audit.ACTIONS)
