"""The pages: booking in two steps with the price, series, my bookings and cancelling, and
the staff's setup, approvals, board and check-in; who may open what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.hubs import messages
from kyoso.hubs.models import Booking, BookingStatus, Closure, OpeningHours, Space
from kyoso.hubs.services.bookings import booking_create, day_pass_create
from kyoso.hubs.tests.factories import at, frozen_clock, open_day, open_weeks

pytestmark = pytest.mark.django_db


def test_hub_and_space_pages_are_public(client, hub, room, desks):
    assert client.get(reverse("hubs:list")).status_code == 200
    page = client.get(reverse("hubs:detail", args=["sendai"]))
    assert "会議室A" in page.content.decode() and "コワーキング" in page.content.decode()
    day = open_day()
    response = client.get(
        reverse("hubs:space", args=["sendai", "room-a"]),
        {"month": day.strftime("%Y-%m"), "date": day.isoformat()},
    )
    assert response.status_code == 200
    assert response.context["chosen"].free[0].starts_at == at(day, 9)
    assert client.get(reverse("hubs:space", args=["sendai", "nowhere"])).status_code == 404


def test_inactive_space_is_hidden_from_everyone_but_staff(client, hub, room, hub_staff):
    room.active = False
    room.save()
    url = reverse("hubs:space", args=["sendai", "room-a"])
    assert client.get(url).status_code == 404
    client.force_login(hub_staff)
    assert client.get(url).status_code == 200


def test_booking_shows_the_price_then_confirms(client, room, suzuki):
    client.force_login(suzuki)
    day = open_day()
    url = reverse("hubs:book", args=["sendai", "room-a"])
    data = {
        "day": day.isoformat(),
        "start": "10:00",
        "end": "11:30",
        "purpose": "打ち合わせ",
        "attendees": 4,
    }
    preview = client.get(url, data)
    assert preview.status_code == 200
    assert preview.context["owed"] == "1,500円"
    assert Booking.objects.count() == 0
    response = client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.user, booking.starts_at, booking.owed_yen) == (suzuki, at(day, 10), 1_500)


def test_a_second_person_is_refused_the_same_slot_with_what_they_typed(
    client, room, suzuki, takahashi
):
    day = open_day()
    booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11))
    client.force_login(takahashi)
    data = {
        "day": day.isoformat(),
        "start": "10:30",
        "end": "11:30",
        "purpose": "勉強会",
        "attendees": 2,
        "confirm": "1",
    }
    response = client.post(reverse("hubs:book", args=["sendai", "room-a"]), data)
    assert response.status_code == 409
    assert response.context["refusal"].message == messages.OVERLAP
    assert response.context["form"]["purpose"].value() == "勉強会"
    assert Booking.objects.count() == 1


def test_bad_form_input_keeps_what_was_typed(client, room, suzuki):
    client.force_login(suzuki)
    response = client.post(
        reverse("hubs:book", args=["sendai", "room-a"]),
        {
            "day": "明日",
            "start": "10:00",
            "end": "25:00",
            "purpose": "会議",
            "attendees": 1,
            "confirm": "1",
        },
    )
    assert response.status_code == 400
    assert messages.DATE_INVALID in response.context["form"].errors["day"]
    assert messages.TIME_INVALID in response.context["form"].errors["end"]
    assert Booking.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, room):
    response = client.get(reverse("hubs:book", args=["sendai", "room-a"]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_day_pass_from_the_page(client, desks, suzuki):
    client.force_login(suzuki)
    day = open_day()
    response = client.post(
        reverse("hubs:book", args=["sendai", "desks"]), {"day": day.isoformat(), "confirm": "1"}
    )
    assert response.status_code == 302
    assert Booking.objects.get().kind == "day_pass"


def test_series_preview_names_collisions_then_books_the_free_ones(client, room, suzuki, takahashi):
    first = open_weeks(3)
    booking_create(
        actor=takahashi,
        space=room,
        starts_at=at(first + timedelta(weeks=1), 18),
        ends_at=at(first + timedelta(weeks=1), 19),
    )
    client.force_login(suzuki)
    url = reverse("hubs:series", args=["sendai", "room-a"])
    data = {
        "first": first.isoformat(),
        "frequency": "weekly",
        "interval": 1,
        "count": 3,
        "start": "18:00",
        "end": "20:00",
    }
    preview = client.post(url, data)
    assert [o.day for o in preview.context["collisions"]] == [first + timedelta(weeks=1)]
    refused = client.post(url, {**data, "choice": "all"})
    assert refused.status_code == 409 and refused.context["refusal"].code == "series_collides"
    assert client.post(url, {**data, "choice": "free"}).status_code == 302
    assert Booking.objects.filter(user=suzuki).count() == 2


def test_my_bookings_and_cancel_only_my_own(client, room, suzuki, takahashi):
    day = open_day()
    mine = booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11))
    client.force_login(takahashi)
    assert client.post(reverse("hubs:cancel", args=[mine.pk])).status_code == 404
    client.force_login(suzuki)
    page = client.get(reverse("hubs:my_bookings"))
    assert page.context["upcoming"] == [mine] and mine.code in page.content.decode()
    assert "<svg" in page.content.decode()
    client.post(reverse("hubs:cancel", args=[mine.pk]))
    assert Booking.objects.get().status == BookingStatus.CANCELLED


@pytest.mark.parametrize(
    "name", ["edit", "hours", "closures", "space_new", "approvals", "board", "checkin"]
)
def test_staff_pages_are_for_staff_only(client, hub, suzuki, hub_staff, name):
    url = reverse(f"hubs:{name}", args=["sendai"])
    client.force_login(suzuki)
    assert client.get(url).status_code == 403
    client.force_login(hub_staff)
    assert client.get(url).status_code == 200


def test_staff_set_hours_closures_and_a_space(client, hub, hub_staff):
    client.force_login(hub_staff)
    data = {}
    for w in range(7):
        data[f"opens_{w}"] = "10:00" if w < 5 else ""
        data[f"closes_{w}"] = "18:00" if w < 5 else ""
    assert client.post(reverse("hubs:hours", args=["sendai"]), data).status_code == 302
    assert OpeningHours.objects.filter(hub=hub).count() == 5
    bad = client.post(reverse("hubs:hours", args=["sendai"]), {**data, "closes_0": "09:00"})
    assert bad.status_code == 400 and messages.HOURS_ORDER in bad.context["form"].errors["closes_0"]
    response = client.post(
        reverse("hubs:closures", args=["sendai"]),
        {"starts_on": "2027-03-10", "ends_on": "2027-03-09", "reason": "点検"},
    )
    assert messages.CLOSURE_BACKWARDS in response.context["form"].errors["ends_on"]
    client.post(
        reverse("hubs:closures", args=["sendai"]),
        {"starts_on": "2027-03-10", "ends_on": "2027-03-11", "reason": "点検"},
    )
    assert Closure.objects.get().reason == "点検"
    response = client.post(
        reverse("hubs:space_new", args=["sendai"]),
        {
            "name": "ホール",
            "slug": "hall",
            "kind": "hall",
            "capacity": 60,
            "who_may_book": "everyone",
            "price_unit": "hour",
            "price_yen": 3000,
            "needs_approval": "on",
            "approval_over_minutes": 0,
            "min_minutes": 60,
            "max_minutes": 480,
            "buffer_minutes": 30,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Space.objects.get(slug="hall").needs_approval


def test_approval_queue_approve_and_refuse_with_reason(client, room, suzuki, hub_staff):
    room.needs_approval = True
    room.save()
    day = open_day()
    first = booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11))
    second = booking_create(actor=suzuki, space=room, starts_at=at(day, 13), ends_at=at(day, 14))
    client.force_login(hub_staff)
    assert list(client.get(reverse("hubs:approvals", args=["sendai"])).context["requests"]) == [
        first,
        second,
    ]
    client.post(reverse("hubs:approval_decide", args=["sendai", first.pk]), {"decision": "approve"})
    client.post(
        reverse("hubs:approval_decide", args=["sendai", second.pk]),
        {"decision": "refuse", "reason": ""},
    )
    second.refresh_from_db()
    assert second.status == BookingStatus.REQUESTED  # no reason: refused nothing
    client.post(
        reverse("hubs:approval_decide", args=["sendai", second.pk]),
        {"decision": "refuse", "reason": "設備点検のため"},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (BookingStatus.CONFIRMED, BookingStatus.REFUSED)
    assert second.transitions.last().reason == "設備点検のため"


def test_board_check_in_by_code_no_show_and_payment(
    client, room, desks, suzuki, takahashi, hub_staff
):
    day = open_day()
    booking = booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 12))
    absent = day_pass_create(actor=takahashi, space=desks, day=day)
    client.force_login(hub_staff)
    with frozen_clock(at(day, 10, 5)):
        board = client.get(reverse("hubs:board", args=["sendai"]))
        rows = {r.space.slug: r for r in board.context["rows"]}
        assert rows["room-a"].current == booking
        assert rows["desks"].seats_left == 2
        found = client.get(reverse("hubs:checkin", args=["sendai"]), {"code": booking.code.lower()})
        assert found["Location"].endswith(f"/checkin/{booking.code}/")
        page = client.get(found["Location"])
        assert page.context["booking"] == booking
        client.post(
            reverse("hubs:desk_action", args=["sendai", booking.pk]), {"action": "check_in"}
        )
        client.post(reverse("hubs:desk_action", args=["sendai", absent.pk]), {"action": "no_show"})
        client.post(reverse("hubs:desk_action", args=["sendai", booking.pk]), {"action": "paid"})
    booking.refresh_from_db()
    absent.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN and booking.paid_at is not None
    assert absent.status == BookingStatus.NO_SHOW
    assert (
        client.get(reverse("hubs:checkin_confirm", args=["sendai", "NOPE2345"])).status_code == 404
    )


def test_check_in_only_on_the_day(client, room, suzuki, hub_staff):
    day = open_day()
    booking = booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 12))
    client.force_login(hub_staff)
    response = client.post(
        reverse("hubs:desk_action", args=["sendai", booking.pk]),
        {"action": "check_in"},
        follow=True,
    )
    assert str(messages.NOT_TODAY) in response.content.decode()
    assert timezone.now() < booking.starts_at


def test_feed_shows_times_not_people(client, room, suzuki):
    day = open_day()
    booking_create(
        actor=suzuki,
        space=room,
        starts_at=at(day, 10),
        ends_at=at(day, 11),
        purpose="秘密の打ち合わせ",
    )
    response = client.get(reverse("hubs:feed", args=["sendai", "room-a"]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and "予約済み" in body
    assert "秘密" not in body and "鈴木" not in body


def test_hubs_on_the_map(client, hub):
    hub.latitude, hub.longitude = 38.2601, 140.8824
    hub.save()
    data = client.get(reverse("hubs:map")).json()
    assert data["features"][0]["geometry"]["coordinates"] == [140.8824, 38.2601]
    assert data["features"][0]["properties"]["url"] == "/hubs/sendai/"
    assert client.get(reverse("hubs:map_page")).status_code == 200
