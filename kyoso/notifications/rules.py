"""Rules of the notifications app: each person reads only their own notifications."""

import rules

from kyoso.core.rules import is_active_member


@rules.predicate
def is_recipient(user, notification) -> bool:
    return bool(notification is not None and notification.recipient_id == user.pk)


def register() -> None:
    rules.set_perm("notifications.view_notifications", is_active_member)
    rules.set_perm("notifications.open_notification", is_active_member & is_recipient)
