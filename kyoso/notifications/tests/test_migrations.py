"""Migration 0002: what waited for "the digest" waits for the period the person chose."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from kyoso.accounts.tests.factories import UserFactory
from kyoso.notifications.models import Notification


@pytest.mark.django_db(transaction=True)
def test_0002_sends_waiting_notifications_to_each_persons_digest():
    weekly, daily, default = UserFactory.create_batch(3)
    call_command("migrate", "notifications", "0001", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO notifications_notificationpreference (user_id, email_frequency, "
            "updated_at) VALUES (%s, 'weekly', CURRENT_TIMESTAMP), "
            "(%s, 'daily', CURRENT_TIMESTAMP)",
            [weekly.pk, daily.pk],
        )
        for person, state in [
            (weekly, "digest"),
            (daily, "digest"),
            (default, "digest"),
            (weekly, "immediate"),
            (daily, "none"),
        ]:
            cursor.execute(
                "INSERT INTO notifications_notification (recipient_id, kind, target_label, "
                "text, url, created_at, mail) VALUES (%s, 'issues.comment', '', 't', '/', "
                "CURRENT_TIMESTAMP, %s)",
                [person.pk, state],
            )
    call_command("migrate", "notifications", verbosity=0)
    assert sorted(Notification.objects.values_list("recipient_id", "mail")) == sorted(
        [
            (weekly.pk, "weekly"),
            (daily.pk, "daily"),
            (default.pk, "daily"),
            (weekly.pk, "immediate"),
            (daily.pk, "none"),
        ]
    )
    call_command("migrate", "notifications", "0001", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT mail FROM notifications_notification ORDER BY id")
        assert [row[0] for row in cursor.fetchall()] == [
            "digest",
            "digest",
            "digest",
            "immediate",
            "none",
        ]
    call_command("migrate", "notifications", verbosity=0)
