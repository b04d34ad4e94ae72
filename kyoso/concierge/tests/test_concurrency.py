"""Real concurrency: many people booking one slot at once get exactly one consultation; two
reminder runs at once mail each follow-up once."""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.concierge import messages
from kyoso.concierge.models import Consultation
from kyoso.concierge.services import ConciergeError, Subject, slot_book
from kyoso.concierge.tasks import send_follow_up
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases


def _book(user, slot):
    def job():
        try:
            slot_book(actor=user, slot=slot, subject=Subject(topic="同時に", themes=[]))
        except ConciergeError as error:
            return str(error.message)
        return "booked"

    return job


@pytest.mark.django_db(transaction=True)
def test_six_people_booking_one_slot_get_one_consultation(tmp_path, slot):
    people = UserFactory.create_batch(6)
    with thread_databases(tmp_path) as open_connection:
        results = in_parallel(open_connection, [_book(p, slot) for p in people])
        live = read(open_connection, lambda: Consultation.objects.filter(slot=slot).count())
    assert sorted(results) == sorted(["booked"] + [str(messages.SLOT_TAKEN)] * 5)
    assert live == 1


@pytest.mark.django_db(transaction=True)
def test_two_reminder_runs_at_once_mail_each_follow_up_once(tmp_path, held):
    with thread_databases(tmp_path) as open_connection:
        sent = in_parallel(
            open_connection, [lambda: send_follow_up(held.pk), lambda: send_follow_up(held.pk)]
        )
    assert sorted(sent) == [False, True]
