"""Who may do what with an event, role × action × state (the table in kyoso/events/rules.py).

Roles: anonymous, 高橋 (signed in, nothing to do with the event), 鈴木 (a citizen), the
organizer (who created it), an admin of the organizing organization, a leader of the
organizing community, and 佐藤 (the secretariat). States: draft, published, cancelled,
registration closed by hand, full, past.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.communities.models import CommunityRole
from kyoso.communities.tests.factories import CommunityFactory, add_member
from kyoso.core.policy import check
from kyoso.events.models import EventStatus, Registration
from kyoso.events.tests.factories import EventFactory, RegistrationFactory
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "takahashi", "suzuki", "organizer", "org_admin", "leader", "sato")
STATES = ("draft", "published", "cancelled", "closed", "full", "past")
ORGANIZERS = {"organizer", "org_admin", "leader", "sato"}
SIGNED_IN = set(ROLES) - {"anonymous"}

EXPECTED = {
    "view": {s: (ORGANIZERS if s == "draft" else set(ROLES)) for s in STATES},
    "edit": {s: (set() if s == "cancelled" else ORGANIZERS) for s in STATES},
    "register": {s: (SIGNED_IN if s in ("published", "full") else set()) for s in STATES},
    # Cancelling one's own registration: before the event starts; organizers always.
    "cancel": {s: (ORGANIZERS if s == "past" else SIGNED_IN) for s in STATES},
    "manage": {s: ORGANIZERS for s in STATES},
}


@pytest.fixture
def people(sato, suzuki, takahashi):
    organizer = UserFactory(display_name="主催者")
    org_admin = UserFactory(display_name="団体の管理者")
    leader = UserFactory(display_name="コミュニティのリーダー")
    return {
        "anonymous": AnonymousUser(),
        "takahashi": takahashi,
        "suzuki": suzuki,
        "organizer": organizer,
        "org_admin": org_admin,
        "leader": leader,
        "sato": sato,
    }


def make_event(state: str, people: dict) -> object:
    organization = OrganizationFactory()
    MembershipFactory(organization=organization, user=people["org_admin"], role=MemberRole.ADMIN)
    community = CommunityFactory()
    add_member(community, people["leader"], role=CommunityRole.LEADER)
    fields: dict = {
        "created_by": people["organizer"],
        "organization": organization,
        "capacity_venue": 10,
    }
    if state == "draft":
        fields["status"] = EventStatus.DRAFT
    elif state == "cancelled":
        fields["status"] = EventStatus.CANCELLED
    elif state == "closed":
        fields["registration_closed"] = True
    elif state == "full":
        fields.update(capacity_venue=1, confirmed_venue=1)
    elif state == "past":
        fields.update(
            starts_at=timezone.now() - timedelta(days=3),
            ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
        )
    return EventFactory(**fields), community


def event_for(role: str, state: str, people: dict):
    """The event in ``state``, organized as the organization; for the community leader's
    row, organized as the community instead (an event has one or the other)."""
    event, community = make_event(state, people)
    if role == "leader":
        event.organization = None
        event.community = community
        event.save(update_fields=["organization", "community"])
    return event


def allowed(action: str, role: str, state: str, people: dict) -> bool:
    user = people[role]
    event = event_for(role, state, people)
    if action == "view":
        return check("events.view_event", user, event)
    if action == "edit":
        return check("events.change_event", user, event)
    if action == "register":
        return check("events.register_event", user, event)
    if action == "manage":
        return check("events.manage_registrations", user, event)
    # cancel: the person's own registration (anonymous visitors have none)
    if not user.is_authenticated:
        return False
    registration = RegistrationFactory(event=event, user=user)
    return check("events.cancel_registration", user, registration)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", tuple(EXPECTED))
def test_rule_table(action, state, people):
    got = {role for role in ROLES if allowed(action, role, state, people)}
    assert got == EXPECTED[action][state]


def test_cancelling_someone_elses_registration_is_not_allowed(people):
    event = event_for("organizer", "published", people)
    theirs = RegistrationFactory(event=event, user=people["suzuki"])
    assert not check("events.cancel_registration", people["takahashi"], theirs)
    assert check("events.cancel_registration", people["organizer"], theirs)


def test_a_cancelled_registration_cannot_be_cancelled_again(people):
    event = event_for("organizer", "published", people)
    mine = RegistrationFactory(event=event, user=people["suzuki"], status="cancelled")
    assert not check("events.cancel_registration", people["suzuki"], mine)


def test_a_plain_member_of_the_organizing_organization_does_not_organize(people):
    event = event_for("organizer", "published", people)
    member = UserFactory()
    MembershipFactory(organization=event.organization, user=member, role=MemberRole.MEMBER)
    assert not check("events.change_event", member, event)
    assert not check("events.manage_registrations", member, event)


def test_an_unverified_person_may_not_create_or_register(people):
    unverified = UserFactory(email_verified_at=None)
    event = event_for("organizer", "published", people)
    assert not check("events.add_event", unverified)
    assert not check("events.register_event", unverified, event)
    assert check("events.add_event", people["takahashi"])


# --- The pages answer the same ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "state", "status"),
    [
        ("anonymous", "published", 200),
        ("anonymous", "cancelled", 200),
        ("anonymous", "draft", 302),
        ("takahashi", "draft", 403),
        ("organizer", "draft", 200),
        ("leader", "draft", 200),
        ("sato", "draft", 200),
    ],
)
def test_event_page(client, people, role, state, status):
    event = event_for(role, state, people)
    if role != "anonymous":
        client.force_login(people[role])
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("takahashi", 403), ("suzuki", 403), ("org_admin", 200), ("sato", 200)],
)
@pytest.mark.parametrize("page", ["events:edit", "events:registrants", "events:registrants_csv"])
def test_organizer_pages(client, people, role, status, page):
    event = event_for(role, "published", people)
    if role != "anonymous":
        client.force_login(people[role])
    assert client.get(reverse(page, args=[event.pk])).status_code == status


def test_edit_page_of_a_cancelled_event_is_refused(client, people):
    event = event_for("organizer", "cancelled", people)
    client.force_login(people["organizer"])
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 403


def test_registering_through_the_page_for_a_draft_is_refused(client, people):
    event = event_for("organizer", "draft", people)
    client.force_login(people["suzuki"])
    response = client.post(reverse("events:register", args=[event.pk]))
    assert response.status_code == 403
    assert not Registration.objects.filter(event=event).exists()
