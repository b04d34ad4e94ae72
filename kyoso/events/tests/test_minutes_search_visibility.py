"""Who finds the minutes in the global search, role × state: the event's organizers (its
creator, an admin of its organizing organization, a leader of its organizing community, and
the secretariat, who organizes every event) find its minutes in every state, unpublished and
of a draft event included; everyone else finds only what the minutes page would show them
(``events.view_minutes``). The same through ``search()``, the search page and the API, whose
numbers of queries do not change."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.api.tests.factories import bearer, issue_token
from kyoso.communities.models import CommunityRole
from kyoso.communities.tests.factories import CommunityFactory, add_member
from kyoso.core.policy import check
from kyoso.core.testing import assert_num_queries
from kyoso.events.models import Event, EventStatus
from kyoso.events.services import events as event_services
from kyoso.events.services import minutes as minutes_services
from kyoso.events.tests.after_event import make_event, organizer
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory
from kyoso.search import registry
from kyoso.search import services as search

pytestmark = pytest.mark.django_db

WORD = "移動販売車"
BODY = "## 出た意見\n\n- 買い物に困る地区へ移動販売車を呼びたい"

#: state → (the event's status, how the minutes are published: None = not published)
STATES = {
    "unpublished": (EventStatus.PUBLISHED, None),
    "for_members": (EventStatus.PUBLISHED, "members"),
    "public": (EventStatus.PUBLISHED, "public"),
    "public_of_a_cancelled_event": (EventStatus.CANCELLED, "public"),
    "unpublished_of_a_draft_event": (EventStatus.DRAFT, None),
    "public_of_a_draft_event": (EventStatus.DRAFT, "public"),
}
ORGANIZERS = {"creator", "organization_admin", "secretariat"}
SIGNED_IN_READERS = {"citizen", "other_event_organizer"}
#: state → who finds the minutes.
FINDERS = {
    "unpublished": ORGANIZERS,
    "for_members": ORGANIZERS | SIGNED_IN_READERS,
    "public": ORGANIZERS | SIGNED_IN_READERS | {"anonymous"},
    "public_of_a_cancelled_event": ORGANIZERS | SIGNED_IN_READERS | {"anonymous"},
    "unpublished_of_a_draft_event": ORGANIZERS,
    "public_of_a_draft_event": ORGANIZERS,
}
ROLES = [
    "anonymous",
    "citizen",
    "creator",
    "organization_admin",
    "other_event_organizer",
    "secretariat",
]


@pytest.fixture
def people(suzuki, sato):
    """role → user (None: not signed in); the event's creator is 田中."""
    organization_admin = UserFactory(email="kato@example.jp", display_name="加藤（団体の管理者）")
    other = UserFactory(email="ito@example.jp", display_name="伊藤（別のイベントの主催）")
    # 伊藤 organizes an event of their own and runs another organization: neither is this one.
    make_event(created_by=other, title="別の会", status=EventStatus.PUBLISHED)
    MembershipFactory(user=other, role=MemberRole.ADMIN)
    return {
        "anonymous": None,
        "citizen": suzuki,
        "creator": organizer(),
        "organization_admin": organization_admin,
        "other_event_organizer": other,
        "secretariat": sato,
    }


def minutes_in_state(state, people, capture) -> Event:
    """The minutes of an event organized as an organization (whose admin is 加藤), written and
    published through the services; the index is written after each commit."""
    status, publish = STATES[state]
    organization = OrganizationFactory(name="庄内まちづくり協議会")
    MembershipFactory(
        organization=organization, user=people["organization_admin"], role=MemberRole.ADMIN
    )
    event = make_event(
        created_by=people["creator"],
        organization=organization,
        title="定例会：買い物支援",
        status=status,
    )
    with capture(execute=True):
        minutes_services.minutes_save(
            actor=people["creator"], event=event, body=BODY, visibility=publish or "members"
        )
    if publish:
        with capture(execute=True):
            minutes_services.minutes_publish(actor=people["creator"], event=event)
    return event


def found(viewer, *, types=("minutes",)) -> list[int]:
    return [hit.id for hit in search.search(WORD, viewer=viewer, types=list(types)).items]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_minutes_are_found_by_those_who_may_read_them(
    role, state, people, django_capture_on_commit_callbacks
):
    event = minutes_in_state(state, people, django_capture_on_commit_callbacks)
    viewer = people[role]

    expected = [event.minutes.pk] if role in FINDERS[state] else []
    assert found(viewer) == expected
    event_type = registry.for_object(event).key
    assert found(viewer, types=("minutes", event_type)) == expected  # the event lacks WORD
    page = search.search(WORD, viewer=viewer)
    assert page.count == len(expected)
    # Exactly what the minutes page lets the viewer read.
    fresh = Event.objects.get(pk=event.pk)
    assert bool(expected) == check("events.view_minutes", viewer or AnonymousUser(), fresh)


def test_a_leader_of_the_organizing_community_finds_its_unpublished_minutes(
    suzuki, django_capture_on_commit_callbacks
):
    leader = UserFactory(email="kimura@example.jp", display_name="木村（リーダー）")
    member = UserFactory(email="mori@example.jp", display_name="森（メンバー）")
    community = CommunityFactory(name="買い物支援の会")
    add_member(community, leader, role=CommunityRole.LEADER)
    add_member(community, member)
    event = make_event(
        created_by=suzuki, community=community, title="定例会", status=EventStatus.PUBLISHED
    )
    with django_capture_on_commit_callbacks(execute=True):
        minutes_services.minutes_save(actor=suzuki, event=event, body=BODY, visibility="public")

    assert found(leader) == [event.minutes.pk]
    assert found(member) == []  # a member of the community does not organize its events


def test_unpublishing_takes_the_minutes_back_from_readers_but_not_from_organizers(
    people, django_capture_on_commit_callbacks
):
    event = minutes_in_state("public", people, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        minutes_services.minutes_unpublish(actor=people["creator"], event=event)

    for role in ROLES:
        expected = [event.minutes.pk] if role in ORGANIZERS else []
        assert found(people[role]) == expected, role


def test_the_event_turned_draft_hides_its_minutes_from_readers_only(
    people, django_capture_on_commit_callbacks
):
    event = minutes_in_state("public", people, django_capture_on_commit_callbacks)
    Event.objects.filter(pk=event.pk).update(status=EventStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.reindex_on_commit(event.pk)

    for role in ROLES:
        expected = [event.minutes.pk] if role in ORGANIZERS else []
        assert found(people[role]) == expected, role


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("anonymous", False),
        ("other_event_organizer", False),
        ("creator", True),
        ("organization_admin", True),
        ("secretariat", True),
    ],
)
def test_the_search_page_shows_unpublished_minutes_to_their_organizers_only(
    client, role, shown, people, django_capture_on_commit_callbacks
):
    event = minutes_in_state("unpublished", people, django_capture_on_commit_callbacks)
    minutes_url = reverse("events:minutes", args=[event.pk])
    if people[role] is not None:
        client.force_login(people[role])

    # Anonymous: 1 the matches, counted per type and paged. Signed in: 1 session, 2 user,
    # 3 the viewer's roles (asked once, for every type's visible rule), [4 the site settings:
    # whether staff must use two-factor, the secretariat only], 4/5 the matches.
    queries = {"anonymous": 1, "secretariat": 5}.get(role, 4)
    with assert_num_queries(queries):
        response = client.get(reverse("core:search"), {"q": WORD})

    html = response.content.decode()
    assert response.status_code == 200
    assert (minutes_url in html) is shown
    assert ("定例会：買い物支援" in html) is shown


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("citizen", False),
        ("other_event_organizer", False),
        ("creator", True),
        ("secretariat", True),
    ],
)
def test_the_api_gives_unpublished_minutes_to_their_organizers_only(
    client, role, shown, people, django_capture_on_commit_callbacks
):
    event = minutes_in_state("unpublished", people, django_capture_on_commit_callbacks)
    secret = issue_token(people[role], ["read"])

    # 1 token with its user, 2 last_used_at update, 3 the viewer's roles, 4 the matches
    with assert_num_queries(4):
        response = client.get("/api/v1/search", {"q": WORD}, **bearer(secret))

    body = response.json()
    assert response.status_code == 200
    expected = [("minutes", event.minutes.pk)] if shown else []
    assert [(item["type"], item["id"]) for item in body["items"]] == expected
    assert body["count"] == len(expected)
