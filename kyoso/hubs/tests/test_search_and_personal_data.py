"""Hubs in global search (with their spaces' words); bookings in the data download, erased
with the account while the anonymous rows stay for the figures."""

from __future__ import annotations

import pytest

from kyoso.core import personal_data
from kyoso.hubs.models import Booking, BookingStatus, DeskDay
from kyoso.hubs.registry import search_document
from kyoso.hubs.services.bookings import booking_create, day_pass_create
from kyoso.hubs.tests.factories import at, open_day
from kyoso.search import registry

pytestmark = pytest.mark.django_db


def test_hubs_are_a_search_type_with_their_spaces(hub, room, desks):
    assert "hubs" in registry.type_keys()
    document = search_document(hub)
    assert document.title == "せんだい・みやぎソーシャルハブ"
    assert "会議室A" in document.body and "コワーキング席" in document.body


def test_bookings_are_exported_and_erased(room, desks, suzuki):
    day = open_day()
    booking_create(
        actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11), purpose="家族会議"
    )
    day_pass_create(actor=suzuki, space=desks, day=day)
    data = personal_data.export_sections(suzuki)["hubs"]
    assert {(b["space"], b["purpose"]) for b in data["bookings"]} == {
        ("会議室A", "家族会議"),
        ("コワーキング", ""),
    }
    personal_data.erase_all(suzuki)
    assert not Booking.objects.filter(user=suzuki).exists()
    assert set(Booking.objects.values_list("status", "purpose")) == {(BookingStatus.CANCELLED, "")}
    assert DeskDay.objects.get().taken == 0
