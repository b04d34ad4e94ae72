"""What the hubs app plugs into core: rules, audit actions, navigation, search, personal
data, notification types and home blocks. Each part is registered by the module that owns it;
this file only calls them."""

from __future__ import annotations


def register() -> None:
    from kyoso.audit.registry import register_actions
    from kyoso.hubs import audit, rules

    rules.register()
    register_actions(audit.ACTIONS)
    register_notification_types()


def register_notification_types() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.notifications.types import register_type

    register_type(
        "hubs.bookings",
        _("拠点の予約"),
        kinds=["hubs.request", "hubs.decision"],
        order=55,
    )
