"""The reminder the day before: once per booking, with the .ics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from kyoso.hubs.services.bookings import booking_create
from kyoso.hubs.services.reminders import send_reminders
from kyoso.hubs.tests.factories import at, frozen_clock, open_day

pytestmark = pytest.mark.django_db


def test_tomorrows_bookings_are_reminded_once(room, suzuki, django_capture_on_commit_callbacks):
    day = open_day()
    booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11))
    booking_create(
        actor=suzuki,
        space=room,
        starts_at=at(day + timedelta(days=1), 10),
        ends_at=at(day + timedelta(days=1), 11),
    )
    mail.outbox.clear()
    with (
        frozen_clock(at(day - timedelta(days=1), 18)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_reminders() == 1
        assert send_reminders() == 0
    assert len(mail.outbox) == 1
    assert "明日" in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][0].endswith(".ics")
