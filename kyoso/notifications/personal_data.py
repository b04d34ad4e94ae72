"""What the notifications app holds about one person: export and erasure."""

from __future__ import annotations

from typing import Any

from kyoso.notifications.models import (
    DigestSent,
    Notification,
    NotificationPreference,
    NotificationSetting,
)
from kyoso.notifications.selectors import preference_of, settings_of


def export(user: Any) -> dict[str, Any]:
    current = settings_of(user)
    return {
        "email_frequency": preference_of(user),
        "deliveries": current.deliveries,
        "quiet_hours": [current.preference.quiet_start, current.preference.quiet_end],
        "language": current.preference.language,
        "digests_sent": [
            {"period": d.period, "period_start": d.period_start, "count": d.count}
            for d in DigestSent.objects.filter(user_id=user.pk).order_by("sent_at", "id")
        ],
        "notifications": [
            {
                "kind": n.kind,
                "text": n.text,
                "url": n.url,
                "target": n.target_label,
                "created_at": n.created_at,
                "read_at": n.read_at,
                "emailed_at": n.emailed_at,
            }
            for n in Notification.objects.filter(recipient_id=user.pk).order_by("created_at", "id")
        ],
    }


def erase(user: Any) -> None:
    """Delete the person's notifications and preference; others' notifications about what the
    person did no longer point at them (the list then shows no name)."""
    Notification.objects.filter(recipient_id=user.pk).delete()
    NotificationPreference.objects.filter(user_id=user.pk).delete()
    NotificationSetting.objects.filter(user_id=user.pk).delete()
    DigestSent.objects.filter(user_id=user.pk).delete()
    Notification.objects.filter(actor_id=user.pk).update(actor=None)
