"""Exact query counts of every orgs page; they must not grow with the number of rows."""

import pytest
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    OrganizationFactory,
)
from kyoso.regions.models import Municipality

# Every signed-in request of a person without staff rights starts with these three:
# session, user, and the platform roles the 2FA middleware asks for (cached on the user).
SIGNED_IN = 3


@pytest.fixture(params=[2, 12], ids=["few", "many"])
def scale(request):
    return request.param


@pytest.fixture
def organization(suzuki, scale):
    # A ward, so that str(municipality) needs prefecture *and* parent (both joined).
    ward = Municipality.objects.get(code="04101")
    for _ in range(scale):
        org = OrganizationFactory(municipality=ward)
        MembershipFactory.create_batch(2, organization=org)
    main = OrganizationFactory(municipality=ward, name="あおば市民の会")
    MembershipFactory(organization=main, user=suzuki, role=MemberRole.OWNER)
    MembershipFactory.create_batch(scale, organization=main, role=MemberRole.ADMIN)
    MembershipFactory.create_batch(scale, organization=main, role=MemberRole.MEMBER)
    JoinRequestFactory.create_batch(scale, organization=main)
    InvitationFactory.create_batch(scale, organization=main, invited_by=suzuki)
    return main


def test_list_anonymous(client, organization):
    # 1 prefectures for the filter, 2 count for the paginator, 3 the page of organizations
    # (municipality, prefecture and parent joined, member count annotated)
    with assert_num_queries(3):
        response = client.get(reverse("orgs:list"))
    assert response.status_code == 200


def test_list_filtered_signed_in(client, organization, takahashi):
    client.force_login(takahashi)
    # SIGNED_IN + 1 prefectures, 2 count, 3 page
    with assert_num_queries(SIGNED_IN + 3):
        response = client.get(reverse("orgs:list") + "?prefecture=04&q=会&page=1")
    assert response.status_code == 200


def test_detail_anonymous(client, organization):
    # 1 organization with municipality/prefecture/parent/verified_by, 2 members with users
    with assert_num_queries(2):
        response = client.get(reverse("orgs:detail", args=[organization.slug]))
    assert response.status_code == 200


def test_detail_signed_in_outsider(client, organization, takahashi):
    client.force_login(takahashi)
    # SIGNED_IN + 1 organization, 2 members with users, 3 the person's pending join request
    with assert_num_queries(SIGNED_IN + 3):
        response = client.get(reverse("orgs:detail", args=[organization.slug]))
    assert response.status_code == 200


def test_detail_owner(client, organization, suzuki):
    client.force_login(suzuki)
    # SIGNED_IN + 1 organization, 2 members with users (the rules read the owner's role there)
    with assert_num_queries(SIGNED_IN + 2):
        response = client.get(reverse("orgs:detail", args=[organization.slug]))
    assert response.status_code == 200


def test_detail_secretariat(client, organization, sato):
    client.force_login(sato)
    # SIGNED_IN + 1 site settings (2FA policy for staff), 2 organization, 3 members,
    # 4 the secretariat's pending join request
    with assert_num_queries(SIGNED_IN + 4):
        response = client.get(reverse("orgs:detail", args=[organization.slug]))
    assert response.status_code == 200


def test_members_page(client, organization, suzuki):
    client.force_login(suzuki)
    # SIGNED_IN + 1 organization, 2 members with users (every role option is decided from
    # them), 3 pending join requests with users, 4 pending invitations with inviters
    with assert_num_queries(SIGNED_IN + 4):
        response = client.get(reverse("orgs:members", args=[organization.slug]))
    assert response.status_code == 200


def test_mine_page(client, organization, suzuki, scale):
    for org in OrganizationFactory.create_batch(scale):
        MembershipFactory(organization=org, user=suzuki)
        InvitationFactory(organization=OrganizationFactory(), email=suzuki.email)
    client.force_login(suzuki)
    # SIGNED_IN + 1 invitations to the person's address with organizations,
    # 2 memberships with organizations, municipalities, prefectures and parents
    with assert_num_queries(SIGNED_IN + 2):
        response = client.get(reverse("orgs:mine"))
    assert response.status_code == 200
    assert len(response.context["invitations"]) == scale


def test_edit_page(client, organization, suzuki):
    client.force_login(suzuki)
    # SIGNED_IN + 1 organization, 2 the editor's role, 3 municipality choices, 4 the same
    # again: Django's Select peeks at the first choice to decide on the required attribute
    with assert_num_queries(SIGNED_IN + 4):
        response = client.get(reverse("orgs:edit", args=[organization.slug]))
    assert response.status_code == 200


def test_invitation_page(client, organization, db):
    from kyoso.accounts.tests.factories import UserFactory

    invitee = UserFactory(email="invitee@example.jp")
    InvitationFactory(organization=organization, email=invitee.email, token="tok")
    client.force_login(invitee)
    # SIGNED_IN + 1 invitation by token hash with organization and inviter
    with assert_num_queries(SIGNED_IN + 1):
        response = client.get(reverse("orgs:invitation_accept", args=["tok"]))
    assert response.status_code == 200
