"""The hubs API: hubs, spaces, availability (never who), the caller's bookings, created and
cancelled with a write token; refusals in the one error format."""

from __future__ import annotations

import pytest

from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.core.testing import assert_num_queries
from kyoso.hubs import messages
from kyoso.hubs.models import Booking, BookingStatus
from kyoso.hubs.services.bookings import booking_create
from kyoso.hubs.tests.factories import at, open_day

pytestmark = pytest.mark.django_db


def test_hubs_and_spaces_are_public(client, hub, room, desks):
    # 1 count, 2 hubs with organizations and regions
    with assert_num_queries(2):
        hubs = send(client, "get", "/hubs").json()
    assert [h["slug"] for h in hubs["items"]] == ["sendai"]
    spaces = send(client, "get", "/hubs/sendai/spaces").json()
    assert [(s["slug"], s["kind"]) for s in spaces["items"]] == [
        ("room-a", "room"),
        ("desks", "desks"),
    ]
    assert send(client, "get", "/hubs/nowhere/spaces").status_code == 404


def test_availability_says_when_not_who(client, room, suzuki):
    day = open_day()
    booking_create(
        actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11), purpose="秘密"
    )
    # 1 hub, 2 active spaces, 3 the space, 4 hours, 5 closures, 6 bookings
    with assert_num_queries(6):
        response = send(
            client, "get", f"/hubs/sendai/spaces/room-a/availability?start={day}&end={day}"
        )
    (found,) = response.json()
    assert found["open"] and found["opens"] == "09:00"
    assert [t["starts_at"][:16] for t in found["taken"]] == [f"{day}T10:00"]
    assert "秘密" not in response.content.decode() and "鈴木" not in response.content.decode()
    too_long = send(
        client, "get", "/hubs/sendai/spaces/room-a/availability?start=2027-01-01&end=2027-06-01"
    )
    assert too_long.status_code == 422
    assert error_of(too_long)["message"] == messages.AVAILABILITY_RANGE % {"days": 62}


def test_create_list_and_cancel_with_a_write_token(client, room, desks, suzuki, takahashi):
    day = open_day()
    write = bearer(issue_token(suzuki, ["read", "write"]))
    body = {
        "hub": "sendai",
        "space": "room-a",
        "starts_at": f"{day}T10:00:00+09:00",
        "ends_at": f"{day}T11:00:00+09:00",
    }
    read_only = send(client, "post", "/bookings", body, **bearer(issue_token(suzuki, ["read"])))
    assert read_only.status_code == 403 and error_of(read_only)["code"] == "insufficient_scope"
    created = send(client, "post", "/bookings", body, **write)
    assert created.status_code == 201 and created.json()["owed_yen"] == 1000
    desk = send(
        client, "post", "/bookings", {"hub": "sendai", "space": "desks", "date": str(day)}, **write
    )
    assert desk.status_code == 201 and desk.json()["kind"] == "day_pass"
    # Someone else: the same slot is a 409 overlap; my booking is a 404 to them.
    other = bearer(issue_token(takahashi, ["read", "write"]))
    refused = send(client, "post", "/bookings", body, **other)
    assert refused.status_code == 409
    assert (
        error_of(refused) == {"code": "overlap", "message": messages.OVERLAP, "details": {}}
        or error_of(refused)["code"] == "overlap"
    )
    booking_id = created.json()["id"]
    assert send(client, "delete", f"/bookings/{booking_id}", **other).status_code == 404
    assert send(client, "get", "/bookings", **other).json()["count"] == 0
    # 1 token, 2 user (roles), 3 count, 4 bookings with spaces and hubs
    mine = send(client, "get", "/bookings", **write).json()
    assert mine["count"] == 2
    cancelled = send(client, "delete", f"/bookings/{booking_id}", **write)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = send(client, "delete", f"/bookings/{booking_id}", **write)
    assert again.status_code == 409 and error_of(again)["code"] == "not_cancellable"
    assert Booking.objects.get(pk=booking_id).status == BookingStatus.CANCELLED


def test_refusals_carry_their_code(client, room, suzuki):
    day = open_day()
    write = bearer(issue_token(suzuki, ["read", "write"]))
    body = {
        "hub": "sendai",
        "space": "room-a",
        "starts_at": f"{day}T07:00:00",
        "ends_at": f"{day}T08:00:00",
    }
    response = send(client, "post", "/bookings", body, **write)
    assert response.status_code == 409 and error_of(response)["code"] == "outside_hours"
    missing = send(client, "post", "/bookings", {"hub": "sendai", "space": "room-a"}, **write)
    assert missing.status_code == 422 and error_of(missing)["message"] == messages.RANGE_REQUIRED
    assert send(client, "post", "/bookings", body).status_code == 401
