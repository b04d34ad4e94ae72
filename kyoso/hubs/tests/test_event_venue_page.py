"""An organizer holds a room for their event through the page, and the room follows the
event end to end: moving the event moves the booking (a taken time refuses the whole edit,
nothing changed), cancelling the event frees the room."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.events.models import Event
from kyoso.events.services import events as event_services
from kyoso.hubs import messages
from kyoso.hubs.models import Booking, BookingStatus
from kyoso.hubs.services.bookings import booking_create
from kyoso.hubs.tests.factories import at, open_day

pytestmark = pytest.mark.django_db


def _event(actor, day, title="まちづくり勉強会"):
    return event_services.event_create(actor=actor, data=_data(day, 13, 15, title=title))


def _data(day, start, end, **overrides):
    values = {
        "title": "まちづくり勉強会",
        "kind": "study",
        "description": "拠点の会議室で話し合います。",
        "starts_at": at(day, start),
        "ends_at": at(day, end),
        "mode": "venue",
        "venue_name": "会議室A",
        "capacity_venue": 8,
        "guests": [],
        "questions": [],
    }
    values.update(overrides)
    return values


def _url(room):
    return reverse("hubs:hold_for_event", args=[room.hub.slug, room.slug])


def test_hold_then_move_then_cancel(client, room, suzuki, takahashi):
    day = open_day()
    event = _event(suzuki, day)
    client.force_login(suzuki)
    page = client.get(_url(room))
    assert page.status_code == 200 and "まちづくり勉強会" in page.content.decode()
    response = client.post(_url(room), {"event": event.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("events:detail", args=[event.pk])
    held = Booking.objects.get(event_id=event.pk)
    assert (held.starts_at, held.ends_at, held.status) == (
        at(day, 13),
        at(day, 15),
        BookingStatus.CONFIRMED,
    )
    # Already holding: no longer offered.
    assert str(messages.NO_EVENT_TO_HOLD) in client.get(_url(room)).content.decode()

    event_services.event_update(actor=suzuki, event=event, data=_data(day, 14, 16))
    held.refresh_from_db()
    assert (held.starts_at, held.ends_at) == (at(day, 14), at(day, 16))

    booking_create(actor=takahashi, space=room, starts_at=at(day, 10), ends_at=at(day, 11))
    with pytest.raises(event_services.EventError) as refused:
        event_services.event_update(actor=suzuki, event=event, data=_data(day, 10, 12))
    assert str(messages.OVERLAP) in str(refused.value.message)
    event.refresh_from_db()
    held.refresh_from_db()
    assert event.starts_at == at(day, 14)  # nothing half-written
    assert held.starts_at == at(day, 14)

    event_services.event_cancel(actor=suzuki, event=event, reason="台風のため")
    held.refresh_from_db()
    assert held.status == BookingStatus.CANCELLED


def test_the_event_page_links_organizers_to_the_hubs(client, room, suzuki, takahashi):
    event = _event(suzuki, open_day())
    label = "拠点の部屋を会場として押さえる"
    client.force_login(suzuki)
    assert label in client.get(reverse("events:detail", args=[event.pk])).content.decode()
    client.force_login(takahashi)
    assert label not in client.get(reverse("events:detail", args=[event.pk])).content.decode()


def test_only_my_coming_events_can_be_held(client, room, suzuki, takahashi):
    event = _event(suzuki, open_day())
    client.force_login(takahashi)
    assert str(messages.NO_EVENT_TO_HOLD) in client.get(_url(room)).content.decode()
    response = client.post(_url(room), {"event": event.pk})  # not theirs
    assert response.status_code == 400
    assert str(messages.EVENT_CHOICE_INVALID) in response.content.decode()
    assert not Booking.objects.filter(event_id=event.pk).exists()


def test_a_taken_room_is_refused_with_the_reason(client, room, suzuki, takahashi):
    day = open_day()
    booking_create(actor=takahashi, space=room, starts_at=at(day, 13), ends_at=at(day, 14))
    event = _event(suzuki, day)
    client.force_login(suzuki)
    response = client.post(_url(room), {"event": event.pk})
    assert response.status_code == 409
    assert str(messages.OVERLAP) in response.content.decode()
    assert not Booking.objects.filter(event_id=event.pk).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, room):
    response = client.get(_url(room))
    assert response.status_code == 302
    assert Event.objects.count() == 0
