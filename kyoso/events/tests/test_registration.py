"""Registration: confirmed while seats remain, then a waitlist in order; cancelling promotes
the first person waiting (same attendance) and tells them; capacity changes; bad input."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import TestCase

from kyoso.accounts.tests.factories import UserFactory
from kyoso.events import messages
from kyoso.events.models import Attendance, Event, EventMode, EventStatus, Registration
from kyoso.events.services import events as event_services
from kyoso.events.services import registration as services
from kyoso.events.tests.factories import EventFactory, QuestionFactory, in_days
from kyoso.notifications.models import Notification

pytestmark = pytest.mark.django_db


def committed(service, **kwargs):
    """Call a service and run what it left for after commit (mail, notifications)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return service(**kwargs)


def register(event, person=None, **kwargs):
    return committed(
        services.registration_create, actor=person or UserFactory(), event=event, **kwargs
    )


def cancel(actor, registration):
    return committed(services.registration_cancel, actor=actor, registration=registration)


def seats(event):
    fresh = Event.objects.get(pk=event.pk)
    return fresh.confirmed_venue, fresh.confirmed_online


def test_confirmed_while_seats_remain_then_waitlisted_in_order():
    event = EventFactory(capacity_venue=2)
    people = UserFactory.create_batch(4)
    results = [register(event, p) for p in people]
    assert [r.status for r in results] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert [services.waitlist_position(r) for r in results] == [0, 0, 1, 2]
    assert seats(event) == (2, 0)


def test_cancelling_a_confirmed_seat_promotes_the_first_waiting_and_tells_them():
    event = EventFactory(capacity_venue=1)
    first, second, third = UserFactory.create_batch(3)
    mine = register(event, first)
    register(event, second)
    register(event, third)
    mail.outbox.clear()

    cancel(first, mine)

    statuses = dict(Registration.objects.filter(event=event).values_list("user_id", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "confirmed", third.pk: "waitlisted"}
    assert seats(event) == (1, 0)
    promoted_mail = [m for m in mail.outbox if m.to == [second.email]]
    assert any("キャンセル待ちから参加確定" in m.subject for m in promoted_mail)
    ics = [a for m in promoted_mail for a in m.attachments if a[0].endswith(".ics")]
    assert ics and "BEGIN:VCALENDAR" in ics[0][1]
    assert Notification.objects.filter(recipient=second, kind="events.promoted").exists()
    assert not Notification.objects.filter(recipient=third).exists()


@pytest.mark.parametrize("frequency", ["immediate", "daily", "never"])
def test_a_promoted_person_gets_exactly_one_mail_whatever_their_preference(frequency):
    from kyoso.notifications.models import NotificationPreference

    event = EventFactory(capacity_venue=1)
    first, second = UserFactory.create_batch(2)
    NotificationPreference.objects.create(user=second, email_frequency=frequency)
    mine = register(event, first)
    register(event, second)
    mail.outbox.clear()

    cancel(first, mine)

    to_second = [m for m in mail.outbox if m.to == [second.email]]
    assert len(to_second) == 1
    assert "キャンセル待ちから参加確定" in to_second[0].subject
    # The in-site notification is there, and no digest will mail it again.
    notification = Notification.objects.get(recipient=second, kind="events.promoted")
    assert notification.mail == "none"


def test_cancelling_a_waitlisted_registration_frees_no_seat():
    event = EventFactory(capacity_venue=1)
    register(event)
    waiting_person = UserFactory()
    waiting = register(event, waiting_person)
    cancel(waiting_person, waiting)
    assert seats(event) == (1, 0)


def test_hybrid_event_keeps_separate_capacities_and_queues():
    event = EventFactory(
        mode=EventMode.HYBRID,
        capacity_venue=1,
        capacity_online=1,
        online_url="https://meet.example.jp/x",
    )
    venue = register(event, attendance=Attendance.VENUE)
    online = register(event, attendance=Attendance.ONLINE)
    venue_wait = register(event, attendance=Attendance.VENUE)
    online_wait_person = UserFactory()
    online_wait = register(event, online_wait_person, attendance=Attendance.ONLINE)
    assert (venue.status, online.status) == ("confirmed", "confirmed")
    assert (venue_wait.status, online_wait.status) == ("waitlisted", "waitlisted")

    services.registration_cancel(actor=online.user, registration=online)

    assert Registration.objects.get(pk=online_wait.pk).status == "confirmed"
    assert Registration.objects.get(pk=venue_wait.pk).status == "waitlisted"
    assert seats(event) == (1, 1)


def test_hybrid_event_asks_for_the_attendance():
    event = EventFactory(mode=EventMode.HYBRID, online_url="https://meet.example.jp/x")
    with pytest.raises(event_services.EventError) as refused:
        register(event)
    assert refused.value.message == messages.ATTENDANCE_REQUIRED


def test_attendance_the_event_does_not_offer_is_refused():
    event = EventFactory(mode=EventMode.VENUE)
    with pytest.raises(event_services.EventError) as refused:
        register(event, attendance=Attendance.ONLINE)
    assert refused.value.message == messages.ATTENDANCE_NOT_OFFERED


def test_confirmation_mail_carries_the_calendar_file_and_the_online_link_only_when_confirmed():
    event = EventFactory(
        mode=EventMode.ONLINE,
        capacity_venue=None,
        capacity_online=1,
        online_url="https://meet.example.jp/secret",
    )
    first, second = UserFactory.create_batch(2)
    register(event, first)
    register(event, second)
    to_first = next(m for m in mail.outbox if m.to == [first.email])
    to_second = next(m for m in mail.outbox if m.to == [second.email])
    assert "【参加確定】" in to_first.subject
    assert "https://meet.example.jp/secret" in to_first.body
    assert to_first.attachments[0][0] == f"event-{event.pk}.ics"
    assert "【キャンセル待ち】" in to_second.subject
    assert "https://meet.example.jp/secret" not in to_second.body
    assert not to_second.attachments


def test_double_registration_is_refused_with_the_existing_one():
    event = EventFactory()
    person = UserFactory()
    first = register(event, person)
    with pytest.raises(services.AlreadyRegistered) as refused:
        register(event, person)
    assert refused.value.registration.pk == first.pk
    assert refused.value.message == messages.ALREADY_REGISTERED % {"status": "参加確定"}
    assert Registration.objects.filter(event=event, user=person).count() == 1


def test_registering_again_after_cancelling_is_a_new_registration_at_the_end():
    event = EventFactory(capacity_venue=1)
    person = UserFactory()
    mine = register(event, person)
    cancel(person, mine)
    again = register(event, person)
    assert again.pk != mine.pk and again.status == "confirmed"


def test_required_answers_are_checked_and_answers_saved():
    event = EventFactory()
    question = QuestionFactory(event=event, required=True, text="所属を教えてください")
    with pytest.raises(event_services.EventError) as refused:
        register(event, answers={})
    assert refused.value.message == messages.ANSWER_REQUIRED % {"question": "所属を教えてください"}
    assert not Registration.objects.filter(event=event).exists()
    registration = register(event, answers={question.pk: "酒田市役所"})
    assert list(registration.answers.values_list("text", flat=True)) == ["酒田市役所"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": EventStatus.CANCELLED}, messages.REG_EVENT_CANCELLED),
        ({"registration_closed": True}, messages.REG_CLOSED_BY_ORGANIZER),
        ({"registration_closes_at": in_days(-1)}, messages.REG_AFTER_CLOSE),
        ({"starts_at": in_days(-1), "ends_at": in_days(-0.9)}, messages.REG_EVENT_STARTED),
    ],
)
def test_registration_refused_with_the_reason(changes, message):
    event = EventFactory(**changes)
    with pytest.raises(event_services.EventError) as refused:
        register(event)
    assert refused.value.message == message
    assert not Registration.objects.filter(event=event).exists()


def test_registration_not_open_yet_says_when():
    event = EventFactory(registration_opens_at=in_days(2))
    with pytest.raises(event_services.EventError) as refused:
        register(event)
    assert str(refused.value.message).startswith("申込の受付は")
    assert "から" in str(refused.value.message)


def test_a_draft_cannot_be_registered_for_by_others():
    event = EventFactory(status=EventStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        register(event)


def test_unverified_people_cannot_register():
    event = EventFactory()
    with pytest.raises(PermissionDenied):
        register(event, UserFactory(email_verified_at=None))


def test_cancelling_someone_elses_registration_is_refused():
    event = EventFactory()
    theirs = register(event)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(actor=UserFactory(), registration=theirs)
    assert Registration.objects.get(pk=theirs.pk).status == "confirmed"


def test_an_organizer_may_cancel_someone_and_they_are_told():
    organizer = UserFactory()
    event = EventFactory(created_by=organizer)
    person = UserFactory()
    theirs = register(event, person)
    cancel(organizer, theirs)
    assert Registration.objects.get(pk=theirs.pk).status == "cancelled"
    assert Notification.objects.filter(
        recipient=person, kind="events.registration_cancelled"
    ).exists()


def test_cancelling_twice_is_refused():
    event = EventFactory()
    person = UserFactory()
    mine = register(event, person)
    cancel(person, mine)
    with pytest.raises(event_services.EventError) as refused:
        cancel(person, mine)
    assert refused.value.message == messages.ALREADY_CANCELLED
    assert seats(event) == (0, 0)


def test_raising_the_capacity_promotes_from_the_waitlist_in_order():
    organizer = UserFactory()
    event = EventFactory(created_by=organizer, capacity_venue=1)
    registrations = [register(event) for _ in range(4)]
    promoted = committed(
        event_services.event_set_capacity,
        actor=organizer,
        event=event,
        capacity_venue=3,
        capacity_online=None,
    )
    assert [r.pk for r in promoted] == [registrations[1].pk, registrations[2].pk]
    assert Registration.objects.get(pk=registrations[3].pk).status == "waitlisted"
    assert seats(event) == (3, 0)


def test_removing_the_limit_promotes_everyone_waiting():
    organizer = UserFactory()
    event = EventFactory(created_by=organizer, capacity_venue=1)
    for _ in range(3):
        register(event)
    event_services.event_set_capacity(
        actor=organizer, event=event, capacity_venue=None, capacity_online=None
    )
    assert not Registration.objects.filter(event=event, status="waitlisted").exists()
    assert seats(event) == (3, 0)


def test_capacity_below_the_confirmed_count_is_refused():
    organizer = UserFactory()
    event = EventFactory(created_by=organizer, capacity_venue=5)
    for _ in range(3):
        register(event)
    with pytest.raises(event_services.EventError) as refused:
        event_services.event_set_capacity(
            actor=organizer, event=event, capacity_venue=2, capacity_online=None
        )
    assert refused.value.message == messages.CAPACITY_BELOW_CONFIRMED % {
        "attendance": "会場",
        "capacity": 2,
        "confirmed": 3,
    }
    assert Event.objects.get(pk=event.pk).capacity_venue == 5


def test_closing_and_reopening_registration():
    organizer = UserFactory()
    event = EventFactory(created_by=organizer)
    event_services.registration_set_closed(actor=organizer, event=event, closed=True)
    with pytest.raises(event_services.EventError) as refused:
        register(Event.objects.get(pk=event.pk))
    assert refused.value.message == messages.REG_CLOSED_BY_ORGANIZER
    event_services.registration_set_closed(actor=organizer, event=event, closed=False)
    assert register(Event.objects.get(pk=event.pk)).status == "confirmed"


def test_only_organizers_change_capacity():
    event = EventFactory()
    with pytest.raises(PermissionDenied):
        event_services.event_set_capacity(
            actor=UserFactory(), event=event, capacity_venue=100, capacity_online=None
        )


def test_cancelling_the_event_tells_every_live_registrant_and_stops_registration():
    organizer = UserFactory()
    event = EventFactory(created_by=organizer, capacity_venue=1)
    confirmed = register(event)
    waiting = register(event)
    mail.outbox.clear()
    committed(event_services.event_cancel, actor=organizer, event=event, reason="台風のため")
    recipients = sorted(m.to[0] for m in mail.outbox if "【中止】" in m.subject)
    assert recipients == sorted([confirmed.user.email, waiting.user.email])
    # One mail each: the in-site notification does not send a second one.
    assert sorted(m.to[0] for m in mail.outbox) == recipients
    assert Notification.objects.filter(kind="events.cancelled").count() == 2
    assert any("台風のため" in m.body for m in mail.outbox)
    with pytest.raises(event_services.EventError) as refused:
        register(Event.objects.get(pk=event.pk))
    assert refused.value.message == messages.REG_EVENT_CANCELLED
