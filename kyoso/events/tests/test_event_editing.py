"""Creating and editing events (with guests and questions), publishing and cancelling them,
and the bad input the form refuses with a clear message while keeping what was typed."""

from __future__ import annotations

import pytest
from django.test import TestCase
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.events import messages
from kyoso.events.models import Event, EventStatus, Registration
from kyoso.events.tests.factories import EventFactory, GuestFactory, QuestionFactory
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def formset(prefix: str, rows: list[dict], *, initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(max(len(rows), 2)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def event_data(**overrides) -> dict:
    data = {
        "title": "第3回 定例会",
        "kind": "regular",
        "theme": "",
        "topic": "若年女性への支援",
        "description": "**話題提供**のあと、意見交換をします。",
        "audience": "どなたでも",
        "organizer": "",
        "starts_at": "2030-06-04T19:00",
        "ends_at": "2030-06-04T21:00",
        "mode": "venue",
        "venue_name": "市民活動サポートセンター",
        "venue_address": "仙台市青葉区一番町4-1-3",
        "municipality": "",
        "latitude": "",
        "longitude": "",
        "online_url": "",
        "capacity_venue": "20",
        "capacity_online": "",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "related_issues": "",
        **formset(
            "guests", [{"name": "佐々木 葵", "affiliation": "NPO法人はらから", "title": "理事"}]
        ),
        **formset("questions", [{"text": "所属を教えてください", "required": "on"}]),
    }
    data.update(overrides)
    return data


def post(client, url, data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def test_create_publishes_with_guests_and_questions(client, suzuki):
    client.force_login(suzuki)
    response = post(client, reverse("events:create"), event_data(action="publish"))
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:detail", args=[event.pk])
    assert event.status == EventStatus.PUBLISHED and event.created_by == suzuki
    assert list(event.guests.values_list("name", "affiliation")) == [
        ("佐々木 葵", "NPO法人はらから")
    ]
    assert list(event.questions.values_list("text", "required")) == [("所属を教えてください", True)]
    assert AuditEvent.objects.filter(action="events.create").exists()


def test_create_as_a_draft(client, suzuki):
    client.force_login(suzuki)
    post(client, reverse("events:create"), event_data(action="draft"))
    assert Event.objects.get().status == EventStatus.DRAFT


def test_an_all_day_event_runs_from_midnight_to_the_midnight_after_its_last_day(client, suzuki):
    client.force_login(suzuki)
    post(
        client,
        reverse("events:create"),
        event_data(all_day="on", starts_at="2030-06-04T10:00", ends_at="2030-06-05T10:00"),
    )
    event = Event.objects.get()
    from django.utils import timezone

    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    assert (start.day, start.hour, end.day, end.hour) == (4, 0, 6, 0)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": "2030-06-04T18:00"}, "ends_at", messages.ENDS_BEFORE_START),
        (
            {
                "registration_opens_at": "2030-06-01T10:00",
                "registration_closes_at": "2030-05-01T10:00",
            },
            "registration_closes_at",
            messages.CLOSES_BEFORE_OPENS,
        ),
        ({"venue_name": ""}, "venue_name", messages.VENUE_REQUIRED),
        ({"mode": "online"}, "online_url", messages.ONLINE_URL_REQUIRED),
        ({"latitude": "38.2"}, "latitude", messages.POINT_INCOMPLETE),
        (
            {"related_issues": "999999"},
            "related_issues",
            messages.ISSUE_NOT_FOUND % {"value": 999999},
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_kept(client, suzuki, overrides, field, message):
    client.force_login(suzuki)
    response = client.post(reverse("events:create"), event_data(**overrides))
    assert response.status_code == 400
    assert str(message) in response.content.decode()
    assert response.context["form"].errors[field] == [str(message)]
    assert response.context["form"]["title"].value() == "第3回 定例会"
    assert not Event.objects.exists()


def test_a_guest_without_a_name_is_refused(client, suzuki):
    client.force_login(suzuki)
    data = event_data(**formset("guests", [{"name": "", "affiliation": "東北大学"}]))
    response = client.post(reverse("events:create"), data)
    assert response.status_code == 400
    assert str(messages.GUEST_NAME_REQUIRED) in response.content.decode()


def test_organizing_as_an_organization_needs_its_owner_or_admin(client, suzuki):
    managed = OrganizationFactory(name="杜の架け橋")
    MembershipFactory(organization=managed, user=suzuki, role=MemberRole.ADMIN)
    other = OrganizationFactory()
    MembershipFactory(organization=other, user=suzuki, role=MemberRole.MEMBER)
    client.force_login(suzuki)
    page = client.get(reverse("events:create")).content.decode()
    assert "杜の架け橋" in page and other.name not in page
    refused = client.post(reverse("events:create"), event_data(organizer=f"org:{other.pk}"))
    assert refused.status_code == 400
    assert str(messages.ORGANIZER_NOT_ALLOWED) in refused.content.decode()
    post(client, reverse("events:create"), event_data(organizer=f"org:{managed.pk}"))
    assert Event.objects.get().organization == managed


def test_unverified_people_are_told_to_confirm_their_email_first(client):
    client.force_login(UserFactory(email_verified_at=None))
    response = client.get(reverse("events:create"))
    assert response.status_code == 403
    assert "メールアドレス" in response.content.decode()


def test_edit_keeps_answers_of_kept_questions_and_replaces_guests(client, suzuki):
    event = EventFactory(created_by=suzuki)
    GuestFactory(event=event, name="旧ゲスト")
    question = QuestionFactory(event=event, text="所属")
    registration = Registration.objects.create(event=event, user=UserFactory(), status="confirmed")
    registration.answers.create(question=question, text="市役所")
    client.force_login(suzuki)
    data = event_data(
        **formset("guests", [{"name": "新ゲスト"}], initial=1),
        **formset("questions", [{"text": "所属（団体名）"}], initial=1),
    )
    response = post(client, reverse("events:edit", args=[event.pk]), data)
    assert response.status_code == 302
    assert list(event.guests.values_list("name", flat=True)) == ["新ゲスト"]
    assert list(registration.answers.values_list("question__text", "text")) == [
        ("所属（団体名）", "市役所")
    ]


def test_edit_refuses_a_capacity_below_the_confirmed_count(client, suzuki):
    event = EventFactory(created_by=suzuki, capacity_venue=5, confirmed_venue=3)
    client.force_login(suzuki)
    response = client.post(reverse("events:edit", args=[event.pk]), event_data(capacity_venue="2"))
    expected = messages.CAPACITY_BELOW_CONFIRMED % {
        "attendance": "会場",
        "capacity": 2,
        "confirmed": 3,
    }
    assert response.status_code == 400
    assert str(expected) in response.content.decode()
    assert Event.objects.get(pk=event.pk).capacity_venue == 5


def test_edit_that_raises_the_capacity_promotes_the_waitlist(client, suzuki):
    event = EventFactory(created_by=suzuki, capacity_venue=1, confirmed_venue=1)
    Registration.objects.create(event=event, user=UserFactory(), status="confirmed")
    from django.utils import timezone

    waiting = Registration.objects.create(
        event=event, user=UserFactory(), status="waitlisted", waitlisted_at=timezone.now()
    )
    client.force_login(suzuki)
    post(client, reverse("events:edit", args=[event.pk]), event_data(capacity_venue="2"))
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def test_publish_a_draft(client, suzuki):
    event = EventFactory(created_by=suzuki, status=EventStatus.DRAFT)
    client.force_login(suzuki)
    post(client, reverse("events:publish", args=[event.pk]), {})
    assert Event.objects.get(pk=event.pk).status == EventStatus.PUBLISHED


def test_cancel_an_event(client, suzuki):
    event = EventFactory(created_by=suzuki)
    client.force_login(suzuki)
    assert client.get(reverse("events:cancel", args=[event.pk])).status_code == 200
    response = post(client, reverse("events:cancel", args=[event.pk]), {"reason": "台風のため"})
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).status == EventStatus.CANCELLED
    assert AuditEvent.objects.filter(action="events.cancel").exists()


def test_changing_the_mode_away_from_live_registrations_is_refused(client, suzuki):
    event = EventFactory(
        created_by=suzuki, mode="hybrid", capacity_online=5, online_url="https://x.example.jp"
    )
    Registration.objects.create(
        event=event, user=UserFactory(), status="confirmed", attendance="online"
    )
    client.force_login(suzuki)
    response = client.post(reverse("events:edit", args=[event.pk]), event_data(mode="venue"))
    assert response.status_code == 400
    assert (
        str(messages.MODE_HAS_REGISTRATIONS % {"attendance": "オンライン"})
        in response.content.decode()
    )
    assert Event.objects.get(pk=event.pk).mode == "hybrid"


def test_a_community_leader_organizes_as_the_community(client, suzuki):
    from kyoso.communities.models import CommunityRole
    from kyoso.communities.tests.factories import CommunityFactory, add_member

    led = CommunityFactory(name="IT女子コミュニティ")
    add_member(led, suzuki, role=CommunityRole.LEADER)
    client.force_login(suzuki)
    post(client, reverse("events:create"), event_data(organizer=f"community:{led.pk}"))
    event = Event.objects.get()
    assert event.community == led and event.organization is None
