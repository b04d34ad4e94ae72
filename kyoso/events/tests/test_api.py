"""/api/v1/events: list, detail, and POST/DELETE …/registration for the caller — the same
rules and messages as the pages, with exact query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.core.testing import assert_num_queries
from kyoso.events import messages
from kyoso.events.models import EventMode, EventStatus, Registration
from kyoso.events.tests.factories import (
    EventFactory,
    GuestFactory,
    QuestionFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def auth(user, scopes=("read", "write")):
    return bearer(issue_token(user, list(scopes)))


def test_list_upcoming_and_past_without_drafts(client):
    EventFactory(title="来週の会")
    EventFactory(title="下書き", status=EventStatus.DRAFT)
    EventFactory(
        title="先月の会",
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30),
    )
    upcoming = send(client, "GET", "/events").json()
    past = send(client, "GET", "/events?when=past").json()
    assert [e["title"] for e in upcoming["items"]] == ["来週の会"]
    assert [e["title"] for e in past["items"]] == ["先月の会"]
    item = upcoming["items"][0]
    assert item["seats"] == [{"attendance": "venue", "capacity": 30, "confirmed": 0, "left": 30}]
    assert item["when"].startswith("令和")
    assert item["organizer"]["kind"] == "person"


def test_list_queries_do_not_grow_with_the_page(client):
    for _ in range(25):
        EventFactory()
    # 1 count, 2 the page (organizer, community, municipality joined)
    with assert_num_queries(2):
        body = send(client, "GET", "/events?limit=25").json()
    assert body["count"] == 25 and len(body["items"]) == 25


def test_an_invalid_filter_is_a_422(client):
    response = send(client, "GET", "/events?when=someday")
    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"


def test_detail_with_guests_questions_and_no_online_link_for_strangers(client, takahashi):
    event = EventFactory(
        mode=EventMode.HYBRID, capacity_online=10, online_url="https://meet.example.jp/abc"
    )
    GuestFactory(event=event, name="山田 太郎")
    question = QuestionFactory(event=event)
    # 1 the event (joins, waitlist counts), 2 guests, 3 questions, 4 related issues
    with assert_num_queries(4):
        body = send(client, "GET", f"/events/{event.pk}").json()
    assert body["guests"][0]["name"] == "山田 太郎"
    assert body["questions"] == [{"id": question.pk, "text": question.text, "required": False}]
    assert body["online_url"] is None
    assert body["registration_open"] is True and body["my_registration"] is None
    assert (
        send(client, "GET", f"/events/{event.pk}", **auth(takahashi)).json()["online_url"] is None
    )


def test_detail_gives_the_online_link_to_a_confirmed_online_registrant(client, suzuki):
    event = EventFactory(
        mode=EventMode.ONLINE, capacity_venue=None, online_url="https://m.example.jp/1"
    )
    RegistrationFactory(event=event, user=suzuki, attendance="online")
    body = send(client, "GET", f"/events/{event.pk}", **auth(suzuki)).json()
    assert body["online_url"] == "https://m.example.jp/1"
    assert body["my_registration"]["status"] == "confirmed"


def test_a_draft_is_hidden_from_others(client, suzuki, takahashi):
    event = EventFactory(status=EventStatus.DRAFT, created_by=suzuki)
    assert send(client, "GET", f"/events/{event.pk}").status_code == 401
    assert send(client, "GET", f"/events/{event.pk}", **auth(takahashi)).status_code == 403
    assert send(client, "GET", f"/events/{event.pk}", **auth(suzuki)).status_code == 200


def test_register_then_waitlist_then_already_registered(client, suzuki, takahashi):
    event = EventFactory(capacity_venue=1)
    first = send(client, "POST", f"/events/{event.pk}/registration", {}, **auth(suzuki))
    assert first.status_code == 201
    assert first.json()["status"] == "confirmed"
    second = send(client, "POST", f"/events/{event.pk}/registration", {}, **auth(takahashi))
    assert second.json()["status"] == "waitlisted"
    assert second.json()["waitlist_position"] == 1
    again = send(client, "POST", f"/events/{event.pk}/registration", {}, **auth(suzuki))
    assert again.status_code == 409
    assert error_of(again) == {
        "code": "already_registered",
        "message": str(messages.ALREADY_REGISTERED % {"status": "参加確定"}),
        "details": [],
    }


def test_register_with_answers_and_attendance(client, suzuki):
    event = EventFactory(
        mode=EventMode.HYBRID, capacity_online=3, online_url="https://x.example.jp"
    )
    question = QuestionFactory(event=event, required=True, text="所属")
    missing = send(
        client,
        "POST",
        f"/events/{event.pk}/registration",
        {"attendance": "online"},
        **auth(suzuki),
    )
    assert missing.status_code == 409
    assert error_of(missing)["message"] == str(messages.ANSWER_REQUIRED % {"question": "所属"})
    done = send(
        client,
        "POST",
        f"/events/{event.pk}/registration",
        {"attendance": "online", "answers": [{"question": question.pk, "text": "NPO"}]},
        **auth(suzuki),
    )
    assert done.status_code == 201 and done.json()["attendance"] == "online"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": EventStatus.CANCELLED}, messages.REG_EVENT_CANCELLED),
        ({"registration_closed": True}, messages.REG_CLOSED_BY_ORGANIZER),
        (
            {"registration_closes_at": timezone.now() - timedelta(hours=1)},
            messages.REG_AFTER_CLOSE,
        ),
    ],
)
def test_registration_refused_with_the_reason(client, suzuki, changes, message):
    event = EventFactory(**changes)
    response = send(client, "POST", f"/events/{event.pk}/registration", {}, **auth(suzuki))
    assert response.status_code == 409
    assert error_of(response)["code"] == "registration_not_open"
    assert error_of(response)["message"] == str(message)


def test_register_needs_a_token_with_write_scope_and_a_verified_email(client, suzuki):
    event = EventFactory()
    path = f"/events/{event.pk}/registration"
    assert send(client, "POST", path, {}).status_code == 401
    assert send(client, "POST", path, {}, **auth(suzuki, ["read"])).status_code == 403
    unverified = UserFactory(email_verified_at=None)
    refused = send(client, "POST", path, {}, **auth(unverified))
    assert refused.status_code == 403
    assert error_of(refused)["code"] == "email_verification_required"
    assert not Registration.objects.exists()


def test_cancel_own_registration_and_promote(client, suzuki, takahashi):
    event = EventFactory(capacity_venue=1)
    send(client, "POST", f"/events/{event.pk}/registration", {}, **auth(suzuki))
    send(client, "POST", f"/events/{event.pk}/registration", {}, **auth(takahashi))
    response = send(client, "DELETE", f"/events/{event.pk}/registration", **auth(suzuki))
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert Registration.objects.get(user=takahashi).status == "confirmed"


def test_cancel_without_a_registration_is_a_404_with_a_message(client, suzuki):
    event = EventFactory()
    response = send(client, "DELETE", f"/events/{event.pk}/registration", **auth(suzuki))
    assert response.status_code == 404
    assert error_of(response)["message"] == str(messages.NOT_REGISTERED)


def test_cancel_after_the_start_is_refused(client, suzuki):
    event = EventFactory(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1)
    )
    RegistrationFactory(event=event, user=suzuki)
    response = send(client, "DELETE", f"/events/{event.pk}/registration", **auth(suzuki))
    assert response.status_code == 409
    assert error_of(response)["message"] == str(messages.CANNOT_CANCEL_AFTER_START)


def test_detail_and_registration_queries_with_a_token(client, suzuki):
    event = EventFactory(capacity_venue=1)
    headers = auth(suzuki)
    # 1 token (with its user), 2 token last-used stamp, 3 roles (secretariat?),
    # 4 the event (joins, waitlist counts, "organizes"), 5 guests, 6 questions,
    # 7 related issues, 8 the caller's registration
    with assert_num_queries(8, label="detail"):
        send(client, "GET", f"/events/{event.pk}", **headers)
    # 1 token, 2 roles, 3-7 the event as for the detail (event, guests, questions, related
    # issues, the caller's registration), 8 savepoint, 9 the event locked, 10 a live
    # registration of the caller?, 11 questions, 12 savepoint, 13 the seat claim (conditional
    # UPDATE), 14 the registration, 15 release, 16 audit row, 17 release (the mail goes after
    # commit)
    with assert_num_queries(17, label="register"):
        send(client, "POST", f"/events/{event.pk}/registration", {}, **headers)
