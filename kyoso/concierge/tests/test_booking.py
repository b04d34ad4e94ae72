"""Booking a slot, walk-ins and the status moves (append-only history)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kyoso.concierge import messages, services
from kyoso.concierge.models import Consultation, ConsultationStatus, ConsultationStatusChange
from kyoso.concierge.services import ConciergeError, Subject
from kyoso.concierge.tests.factories import SlotFactory

pytestmark = pytest.mark.django_db


def test_booking_a_slot_records_it_and_mails_both(
    client, suzuki, slot, concierge, django_capture_on_commit_callbacks
):
    client.force_login(suzuki)
    with django_capture_on_commit_callbacks(execute=True):
        with_mail = client.post(
            reverse("concierge:book", args=[slot.pk]),
            {"topic": "空き家を活用したい", "themes": ["housing", "community"]},
        )
    consultation = Consultation.objects.get()
    assert with_mail.status_code == 302
    assert with_mail.url == reverse("concierge:consultation", args=[consultation.pk])
    assert consultation.person == suzuki
    assert consultation.concierge == concierge
    assert consultation.status == ConsultationStatus.BOOKED
    assert consultation.themes == ["housing", "community"]
    assert [m.to for m in mail.outbox] == [[suzuki.email], [concierge.email]]
    assert "空き家を活用したい" in mail.outbox[1].body
    change = ConsultationStatusChange.objects.get()
    assert (change.from_status, change.to_status, change.actor) == ("", "booked", suzuki)


def test_a_taken_slot_is_refused_and_nothing_is_written(client, takahashi, booking):
    client.force_login(takahashi)
    response = client.post(
        reverse("concierge:book", args=[booking.slot_id]), {"topic": "私も相談したい"}
    )
    assert response.status_code == 400
    assert str(messages.SLOT_TAKEN) in response.content.decode()
    assert Consultation.objects.count() == 1
    # What was typed is kept in the form.
    assert "私も相談したい" in response.content.decode()


def test_a_cancelled_booking_frees_the_slot(booking, suzuki, takahashi):
    services.consultation_move(actor=suzuki, consultation=booking, to_status="cancelled")
    again = services.slot_book(
        actor=takahashi, slot=booking.slot, subject=Subject(topic="起業", themes=[])
    )
    assert again.status == ConsultationStatus.BOOKED


def test_own_and_started_slots_are_refused(concierge, suzuki, hub):
    own = SlotFactory(hub=hub, concierge=concierge)
    with pytest.raises(ConciergeError) as refused:
        services.slot_book(actor=concierge, slot=own, subject=Subject(topic="x", themes=[]))
    assert refused.value.message == messages.SLOT_OWN
    past = SlotFactory(hub=hub, concierge=concierge, starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ConciergeError) as refused:
        services.slot_book(actor=suzuki, slot=past, subject=Subject(topic="x", themes=[]))
    assert refused.value.message == messages.SLOT_STARTED


def test_unknown_theme_is_refused_with_its_message(client, suzuki, slot):
    client.force_login(suzuki)
    response = client.post(
        reverse("concierge:book", args=[slot.pk]), {"topic": "相談", "themes": ["nonsense"]}
    )
    assert response.status_code == 400
    assert str(messages.UNKNOWN_THEME) in response.content.decode()
    assert not Consultation.objects.exists()


def test_slot_in_the_past_and_duplicate_are_refused(client, concierge, hub):
    client.force_login(concierge)
    url = reverse("concierge:slot_create", args=[hub.slug])
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"starts_at": past, "minutes": 30})
    assert str(messages.SLOT_IN_PAST) in response.content.decode()
    soon = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(url, {"starts_at": soon, "minutes": 30}).status_code == 302
    response = client.post(url, {"starts_at": soon, "minutes": 30})
    assert response.status_code == 400
    assert str(messages.SLOT_DUPLICATE) in response.content.decode()


def test_staff_record_a_walk_in_without_an_account(client, hub_staff, hub):
    client.force_login(hub_staff)
    response = client.post(
        reverse("concierge:walk_in", args=[hub.slug]),
        {
            "name": "飛び込みの田中",
            "starts_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "minutes": 30,
            "topic": "移住の相談",
            "themes": ["housing"],
        },
    )
    assert response.status_code == 302
    walk_in = Consultation.objects.get()
    assert walk_in.is_walk_in and walk_in.status == ConsultationStatus.HELD
    assert walk_in.person is None and walk_in.walk_in_name == "飛び込みの田中"


def test_walk_in_needs_a_person(client, concierge, hub):
    client.force_login(concierge)
    response = client.post(
        reverse("concierge:walk_in", args=[hub.slug]),
        {
            "starts_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "minutes": 30,
            "topic": "移住の相談",
        },
    )
    assert response.status_code == 400
    assert str(messages.WALK_IN_NEEDS_PERSON) in response.content.decode()


@pytest.mark.parametrize(
    ("actor", "from_status", "to_status", "allowed"),
    [
        ("concierge", "booked", "held", True),
        ("concierge", "booked", "no_show", True),
        ("concierge", "booked", "cancelled", True),
        ("concierge", "no_show", "held", True),
        ("concierge", "held", "cancelled", False),
        ("concierge", "cancelled", "booked", False),
        ("suzuki", "booked", "cancelled", True),
        ("suzuki", "booked", "held", False),
        ("suzuki", "held", "cancelled", False),
    ],
)
def test_status_moves_follow_each_sides_table(
    request, booking, actor, from_status, to_status, allowed
):
    user = request.getfixturevalue(actor)
    Consultation.objects.filter(pk=booking.pk).update(status=from_status)
    booking.refresh_from_db()
    if allowed:
        services.consultation_move(actor=user, consultation=booking, to_status=to_status)
        booking.refresh_from_db()
        assert booking.status == to_status
        last = booking.status_changes.last()
        assert (last.from_status, last.to_status) == (from_status, to_status)
    else:
        with pytest.raises(ConciergeError):
            services.consultation_move(actor=user, consultation=booking, to_status=to_status)
        booking.refresh_from_db()
        assert booking.status == from_status


def test_the_slot_constraint_holds_without_the_service(booking, takahashi):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.create(
            hub=booking.hub,
            slot=booking.slot,
            person=takahashi,
            starts_at=booking.starts_at,
            topic="二重",
        )
