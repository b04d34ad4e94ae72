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
