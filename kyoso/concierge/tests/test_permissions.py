"""Who may do what: role × action × state. A consultation is unknown (404) to everyone but the
person, the hub's concierges and the secretariat; the private record is read by the hub's
concierges and the secretariat only; nothing leaks through search or the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.concierge import messages
from kyoso.concierge.models import ConsultationStatus
from kyoso.core.policy import check

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "takahashi", "suzuki", "concierge", "other_concierge", "hub_staff", "sato"]


@pytest.mark.parametrize(
    ("persona", "expected", "sees_private"),
    [
        ("anonymous", 404, False),
        ("takahashi", 404, False),
        ("other_concierge", 404, False),
        ("hub_staff", 404, False),
        ("suzuki", 200, False),
        ("concierge", 200, True),
        ("sato", 200, True),
    ],
)
def test_consultation_page(client, login_as, held, persona, expected, sees_private):
    login_as(persona)
    response = client.get(reverse("concierge:consultation", args=[held.pk]))
    assert response.status_code == expected
    body = response.content.decode()
    assert ("直売所の始め方" in body) is sees_private
    assert ("道の駅の担当者に会う" in body) is sees_private
    if persona == "suzuki":
        # The follow-up addressed to the person is theirs to read.
        assert "道の駅の担当者と会えましたか" in body


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 404),
        ("takahashi", 404),
        ("other_concierge", 404),
        ("hub_staff", 404),
        ("suzuki", 403),
        ("sato", 403),
        ("concierge", 200),
    ],
)
def test_record_page(client, login_as, held, persona, expected):
    login_as(persona)
    assert client.get(reverse("concierge:record", args=[held.pk])).status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("takahashi", 403),
        ("suzuki", 403),
        ("other_concierge", 403),
        ("hub_staff", 200),
        ("concierge", 200),
        ("sato", 200),
    ],
)
def test_figures_page_and_csv(client, login_as, hub, held, persona, expected):
    login_as(persona)
    assert client.get(reverse("concierge:figures", args=[hub.slug])).status_code == expected
    assert client.get(reverse("concierge:figures_csv", args=[hub.slug])).status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_rule_table(request, hub, booking, held, persona):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    from django.contrib.auth.models import AnonymousUser

    user = user or AnonymousUser()
    table = {
        "concierge.manage_concierges": (hub, {"hub_staff", "sato"}),
        "concierge.add_slot": (hub, {"concierge"}),
        "concierge.record_walk_in": (hub, {"concierge", "hub_staff"}),
        "concierge.book_slot": (
            booking.slot,
            {"takahashi", "suzuki", "concierge", "other_concierge", "hub_staff", "sato"},
        ),
        "concierge.view_consultation": (held, {"suzuki", "concierge", "sato"}),
        "concierge.view_record": (held, {"concierge", "sato"}),
        "concierge.write_record": (held, {"concierge"}),
        "concierge.move_consultation": (booking, {"suzuki", "concierge"}),
        "concierge.view_figures": (hub, {"hub_staff", "concierge", "sato"}),
    }
    for rule, (obj, allowed) in table.items():
        assert check(rule, user, obj) is (persona in allowed), rule


def test_a_record_needs_a_held_consultation(client, concierge, booking):
    client.force_login(concierge)
    response = client.post(
        reverse("concierge:record", args=[booking.pk]), {"asked": "内容", "advised": ""}
    )
    assert response.status_code == 400
    assert str(messages.RECORD_NEEDS_HELD) in response.content.decode()
    booking.refresh_from_db()
    assert booking.asked == ""
    assert booking.status == ConsultationStatus.BOOKED


def test_other_people_cannot_move_or_mark_follow_up(client, takahashi, held, booking):
    client.force_login(takahashi)
    assert (
        client.post(reverse("concierge:move", args=[booking.pk]), {"to_status": "cancelled"})
    ).status_code == 404
    assert client.post(reverse("concierge:followed_up", args=[held.pk])).status_code == 404
    booking.refresh_from_db()
    assert booking.status == ConsultationStatus.BOOKED


def test_nothing_of_a_consultation_is_found_by_search(client, sato, held):
    client.force_login(sato)
    response = client.get(reverse("core:search"), {"q": "直売所"})
    assert response.status_code == 200
    assert "直売所の始め方" not in response.content.decode()
    from kyoso.search import registry

    assert not any("concierge" in key or "consult" in key for key in registry.type_keys())


def test_no_api_route_serves_consultations():
    from kyoso.api.urls import api

    paths = " ".join(api.get_openapi_schema(path_prefix="/api/v1/")["paths"])
    assert "/api/v1/issues" in paths  # the schema lists the API's routes
    assert "concierge" not in paths and "consultation" not in paths
