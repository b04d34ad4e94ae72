import io
import json
import zipfile

from django.urls import reverse

from kyoso.accounts.messages import LAST_OWNER_BLOCKS_DELETION
from kyoso.accounts.models import User
from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.core.personal_data import deletion_blockers
from kyoso.orgs.models import Invitation, JoinRequest, MemberRole, Membership
from kyoso.orgs.tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    OrganizationFactory,
)

DELETE = {"password": DEFAULT_PASSWORD, "confirm": "退会する"}


def _export(client) -> dict:
    response = client.post(reverse("accounts:data"))
    assert response.status_code == 200
    return json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))


def test_export_holds_memberships_requests_and_invitations_sent(client, suzuki, takahashi):
    sakata = OrganizationFactory(name="酒田の会", slug="sakata")
    sendai = OrganizationFactory(name="仙台の会")
    MembershipFactory(organization=sakata, user=suzuki, role=MemberRole.ADMIN)
    MembershipFactory(organization=sendai, user=takahashi, role=MemberRole.OWNER)
    JoinRequestFactory(organization=sendai, user=suzuki, message="入れてください")
    InvitationFactory(organization=sakata, email="friend@example.jp", invited_by=suzuki)
    client.force_login(suzuki)

    data = _export(client)["organizations"]

    assert [
        (m["organization"], m["organization_slug"], m["role"]) for m in data["memberships"]
    ] == [("酒田の会", "sakata", "admin")]
    assert [(r["organization"], r["message"], r["status"]) for r in data["join_requests"]] == [
        ("仙台の会", "入れてください", "pending")
    ]
    assert [(i["organization"], i["email"]) for i in data["invitations_sent"]] == [
        ("酒田の会", "friend@example.jp")
    ]
    assert "takahashi" not in json.dumps(data)


def test_sole_owner_cannot_delete_their_account(client, suzuki):
    first = OrganizationFactory(name="鈴木の会")
    second = OrganizationFactory(name="もう一つの会")
    shared = OrganizationFactory(name="共同の会")
    for org in (first, second, shared):
        MembershipFactory(organization=org, user=suzuki, role=MemberRole.OWNER)
    MembershipFactory(organization=shared, role=MemberRole.OWNER)
    client.force_login(suzuki)
    expected = LAST_OWNER_BLOCKS_DELETION % {"orgs": "もう一つの会、鈴木の会"}

    page = client.get(reverse("accounts:delete")).content.decode()
    response = client.post(reverse("accounts:delete"), DELETE)

    assert expected in page
    assert "共同の会" not in page
    assert expected in response.content.decode()
    suzuki.refresh_from_db()
    assert suzuki.deleted_at is None
    assert Membership.objects.filter(user=suzuki).count() == 3


def test_admins_and_members_are_not_blocked(suzuki):
    org = OrganizationFactory()
    MembershipFactory(organization=org, role=MemberRole.OWNER)
    MembershipFactory(organization=org, user=suzuki, role=MemberRole.ADMIN)

    assert deletion_blockers(suzuki) == []


def test_deleting_an_account_leaves_organizations_and_withdraws_requests(client, suzuki):
    org = OrganizationFactory()
    MembershipFactory(organization=org, role=MemberRole.OWNER)
    MembershipFactory(organization=org, user=suzuki, role=MemberRole.MEMBER)
    other = OrganizationFactory()
    join_request = JoinRequestFactory(organization=other, user=suzuki, message="個人的な事情")
    invitation = InvitationFactory(organization=other, email=suzuki.email)
    client.force_login(suzuki)

    response = client.post(reverse("accounts:delete"), DELETE)

    assert response.status_code == 302
    assert User.objects.get(pk=suzuki.pk).deleted_at is not None
    assert not Membership.objects.filter(user=suzuki).exists()
    join_request.refresh_from_db()
    assert (join_request.status, join_request.message) == (JoinRequest.Status.WITHDRAWN, "")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    assert "suzuki" not in invitation.email
