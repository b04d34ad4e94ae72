"""What the screening app plugs into core: rules and audit actions.

Rounds are private to the poster and its reviewers, so they are in no search, feed or public
list; the personal data a reviewer leaves (scores, comments, conflicts) is in the data download.
"""

from __future__ import annotations


def register() -> None:
    from kyoso.audit.registry import register_actions
    from kyoso.core import personal_data as core_personal_data
    from kyoso.screening import audit, home, personal_data, rules

    rules.register()
    home.register()
    register_actions(audit.ACTIONS)
    core_personal_data.register("screening", export=personal_data.export, erase=personal_data.erase)
    register_notification_types()


def register_notification_types() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.notifications.types import register_type

    register_type(
        "screening.reviews",
        _("審査の担当"),
        kinds=["screening.reviewer_added", "screening.item_added"],
        order=54,
    )
