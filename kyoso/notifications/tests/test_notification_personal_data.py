"""The data download holds a person's notifications; account deletion erases them."""

from django.utils import timezone

from kyoso.core import personal_data
from kyoso.notifications.models import EmailFrequency, Notification, NotificationPreference
from kyoso.notifications.tests.factories import NotificationFactory


def test_export_holds_my_notifications_and_preference(suzuki, takahashi):
    NotificationPreference.objects.create(user=suzuki, email_frequency=EmailFrequency.WEEKLY)
    NotificationFactory(recipient=suzuki, text="私への通知", read_at=timezone.now())
    NotificationFactory(recipient=takahashi, text="他の人への通知")
    section = personal_data.export_sections(suzuki)["notifications"]
    assert section["email_frequency"] == "weekly"
    assert [n["text"] for n in section["notifications"]] == ["私への通知"]
    assert section["notifications"][0]["read_at"] is not None


def test_erase_removes_mine_and_my_name_from_others(suzuki, takahashi):
    NotificationPreference.objects.create(user=suzuki, email_frequency=EmailFrequency.DAILY)
    NotificationFactory(recipient=suzuki)
    about_me = NotificationFactory(recipient=takahashi, actor=suzuki)
    personal_data.erase_all(suzuki)
    assert not Notification.objects.filter(recipient=suzuki).exists()
    assert not NotificationPreference.objects.filter(user=suzuki).exists()
    about_me.refresh_from_db()
    assert about_me.actor is None


def test_export_and_erase_cover_types_quiet_hours_language_and_digests(suzuki):
    import json
    from datetime import date, time

    from django.core.serializers.json import DjangoJSONEncoder

    from kyoso.notifications.models import DigestSent, NotificationSetting

    NotificationPreference.objects.create(
        user=suzuki, quiet_start=time(22), quiet_end=time(7), language="en"
    )
    NotificationSetting.objects.create(user=suzuki, group="issues.comments", delivery="off")
    DigestSent.objects.create(user=suzuki, period="daily", period_start=date(2026, 12, 5), count=2)
    section = personal_data.export_sections(suzuki)["notifications"]
    assert section["deliveries"]["issues.comments"] == "off"
    assert section["deliveries"]["issues.stages"] == "immediate"
    assert section["quiet_hours"] == [time(22), time(7)]
    assert section["language"] == "en"
    assert section["digests_sent"] == [
        {"period": "daily", "period_start": date(2026, 12, 5), "count": 2}
    ]
    assert '"22:00:00"' in json.dumps(section, cls=DjangoJSONEncoder)

    personal_data.erase_all(suzuki)
    assert not NotificationSetting.objects.filter(user=suzuki).exists()
    assert not DigestSent.objects.filter(user=suzuki).exists()
