"""Two organizers publishing the same minutes at the same moment (or one double click): every
attendee still gets the follow-up exactly once — real threads, one connection each."""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory, make_secretariat
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.events.services import minutes as service
from kyoso.events.services.followup import NOTIFICATION_KIND
from kyoso.events.tests.after_event import attend, make_event, organizer, write_minutes
from kyoso.issues.tests.factories import IssueFactory
from kyoso.notifications.models import Notification

THREADS = 6
ATTENDEES = 5


@pytest.mark.django_db(transaction=True)
def test_parallel_publishes_send_each_attendee_one_followup(tmp_path):
    creator = organizer()
    secretariat = make_secretariat(email="sato@hub.example.jp")
    event = make_event(created_by=creator)
    people = UserFactory.create_batch(ATTENDEES)
    for person in people:
        attend(event, person)
    write_minutes(event, issues=(IssueFactory(),))

    def publish(actor):
        return lambda: service.minutes_publish(actor=actor, event=event, visibility="members")

    with thread_databases(tmp_path) as open_connection:
        sent = in_parallel(
            open_connection, [publish(creator if i % 2 else secretariat) for i in range(THREADS)]
        )
        per_person = read(
            open_connection,
            lambda: sorted(
                Notification.objects.filter(kind=NOTIFICATION_KIND).values_list(
                    "recipient_id", flat=True
                )
            ),
        )

    assert sum(sent) == ATTENDEES
    assert per_person == sorted(person.pk for person in people)
