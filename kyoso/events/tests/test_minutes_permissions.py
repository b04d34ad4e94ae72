"""Who may read, write and publish minutes, and see the follow-up: role × action × state,
through the pages.

Roles: anonymous; 高橋 (signed in, never registered); 鈴木 as a registrant who did not come
(``suzuki_absent``) and as an attendee who was checked in (``suzuki``); 田中 who created the
event (organizer); 佐藤 the secretariat. States: no minutes yet, a draft, published for members,
published for everyone.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.communities.models import Community, CommunityMembership
from kyoso.core.policy import check
from kyoso.events.models import Minutes, MinutesVisibility
from kyoso.events.tests.after_event import attend, make_event, organizer, write_minutes
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

ROLES = ["anonymous", "takahashi", "suzuki_absent", "suzuki", "organizer", "sato"]
STATES = ["none", "draft", "members", "public"]
ORGANIZERS = {"organizer", "sato"}


def expected(action: str, role: str, state: str) -> int:
    """The table of the minutes section of kyoso/events/rules.py, written out independently:
    the HTTP status (302 = sent to log in)."""
    denied = 302 if role == "anonymous" else 403
    if role in ORGANIZERS:
        return 302 if action == "publish" else 200
    if action in {"edit", "publish"}:
        return denied
    if action == "followup":
        return 200 if role == "suzuki" else denied
    # view
    if state == "public" or (state == "members" and role != "anonymous"):
        return 200
    return denied


@pytest.fixture
def setup(db, suzuki, takahashi, sato):
    creator = organizer()
    event = make_event(created_by=creator)
    attend(event, suzuki)
    absent = attend(event, organizer_like("suzuki.absent@example.jp"), checked_in=False).user
    return {"event": event, "organizer": creator, "suzuki_absent": absent}


def organizer_like(email: str):
    from kyoso.accounts.tests.factories import UserFactory

    return UserFactory(email=email, display_name="鈴木（欠席）")


def _state(event, state: str) -> None:
    if state == "none":
        return
    write_minutes(
        event,
        published=state != "draft",
        visibility=MinutesVisibility.PUBLIC if state == "public" else MinutesVisibility.MEMBERS,
    )


def _login(client, request, setup, role: str):
    if role == "anonymous":
        return None
    user = setup[role] if role in setup else request.getfixturevalue(role)
    client.force_login(user)
    return user


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["view", "edit", "publish", "followup"])
def test_minutes_table(client, request, setup, action, role, state):
    event = setup["event"]
    _state(event, state)
    _login(client, request, setup, role)
    if action == "view":
        response = client.get(reverse("events:minutes", args=[event.pk]))
    elif action == "edit":
        response = client.get(reverse("events:minutes_edit", args=[event.pk]))
    elif action == "followup":
        response = client.get(reverse("events:followup", args=[event.pk]))
    else:
        response = client.post(
            reverse("events:minutes_publish", args=[event.pk]), {"visibility": "public"}
        )
    assert response.status_code == expected(action, role, state)
    if response.status_code == 302 and role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    minutes = Minutes.objects.filter(event=event).first()
    if action == "publish":
        # Only an organizer publishes, and only minutes that exist.
        published = minutes is not None and minutes.published_at is not None
        assert published == (
            state in {"members", "public"} or (role in ORGANIZERS and minutes is not None)
        )


@pytest.mark.parametrize("role", ["anonymous", "takahashi", "suzuki", "organizer", "sato"])
def test_saving_minutes_is_for_organizers(client, request, setup, role):
    event = setup["event"]
    _login(client, request, setup, role)
    response = client.post(
        reverse("events:minutes_edit", args=[event.pk]),
        {"body": "書きかえ", "visibility": "members"},
    )
    saved = Minutes.objects.filter(event=event, body="書きかえ").exists()
    assert saved == (role in ORGANIZERS)
    assert response.status_code == (302 if role in ORGANIZERS | {"anonymous"} else 403)


def test_minutes_of_a_draft_event_stay_with_its_organizers(client, setup, takahashi):
    event = setup["event"]
    event.status = "draft"
    event.save()
    write_minutes(event, published=True, visibility=MinutesVisibility.PUBLIC)
    client.force_login(takahashi)
    assert client.get(reverse("events:minutes", args=[event.pk])).status_code == 403
    client.force_login(setup["organizer"])
    assert client.get(reverse("events:minutes", args=[event.pk])).status_code == 200


def test_owners_and_admins_of_the_organizing_org_and_community_leaders_organize(db, takahashi):
    creator = organizer()
    organization = OrganizationFactory()
    event = make_event(created_by=creator, organization=organization)
    assert not check("events.change_minutes", takahashi, event)
    MembershipFactory(organization=organization, user=takahashi, role="member")
    assert not check(
        "events.change_minutes",
        takahashi,
        make_event(created_by=creator, organization=organization),
    )
    admin_event = make_event(created_by=creator, organization=organization)
    from kyoso.accounts.tests.factories import UserFactory

    admin = UserFactory()
    MembershipFactory(organization=organization, user=admin, role="admin")
    assert check("events.change_minutes", admin, admin_event)

    community = Community.objects.create(
        name="ITフリーランス女性", slug="it-women", theme="gender", created_by=creator
    )
    community_event = make_event(created_by=creator, community=community)
    leader = UserFactory()
    CommunityMembership.objects.create(community=community, user=leader, role="leader")
    member = UserFactory()
    CommunityMembership.objects.create(community=community, user=member, role="member")
    assert check("events.change_minutes", leader, community_event)
    assert not check("events.change_minutes", member, community_event)
