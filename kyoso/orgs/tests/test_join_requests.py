import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.orgs import messages, services
from kyoso.orgs.models import JoinRequest, MemberRole, Membership
from kyoso.orgs.tests.factories import JoinRequestFactory, MembershipFactory, OrganizationFactory


@pytest.fixture
def organization(db):
    org = OrganizationFactory(name="酒田ボランティアの会")
    MembershipFactory(organization=org, role=MemberRole.OWNER)
    return org


def _owner(organization):
    return organization.memberships.get(role=MemberRole.OWNER).user


def _join(client, organization, message="活動に参加したいです。"):
    return client.post(reverse("orgs:join", args=[organization.slug]), {"message": message})


def test_verified_member_asks_to_join_with_a_message(client, organization, suzuki):
    client.force_login(suzuki)

    response = _join(client, organization)

    join_request = JoinRequest.objects.get()
    assert (join_request.user, join_request.status) == (suzuki, JoinRequest.Status.PENDING)
    assert join_request.message == "活動に参加したいです。"
    page = client.get(response["Location"]).content.decode()
    assert str(messages.JOIN_REQUESTED) in page
    assert "参加申請は審査中です" in page
    assert not Membership.objects.filter(user=suzuki).exists()


def test_double_submit_keeps_one_pending_request(client, organization, suzuki):
    client.force_login(suzuki)
    _join(client, organization)

    response = _join(client, organization)

    assert JoinRequest.objects.count() == 1
    assert str(messages.JOIN_ALREADY_PENDING) in client.get(response["Location"]).content.decode()


def test_member_asking_to_join_is_told_they_already_belong(client, organization):
    member = MembershipFactory(organization=organization).user
    client.force_login(member)

    response = _join(client, organization)

    assert not JoinRequest.objects.exists()
    assert str(messages.ALREADY_MEMBER) in client.get(response["Location"]).content.decode()


def test_unverified_person_cannot_ask(client, organization):
    client.force_login(UserFactory(email_verified_at=None))

    assert _join(client, organization).status_code == 403
    assert not JoinRequest.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client, organization):
    response = _join(client, organization)

    assert response["Location"].startswith(reverse("accounts:login"))
    assert not JoinRequest.objects.exists()


def test_too_long_message_is_refused_with_a_message(client, organization, suzuki):
    client.force_login(suzuki)

    response = _join(client, organization, message="あ" * 1001)

    assert not JoinRequest.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "1000文字以内で入力してください" in page


@pytest.mark.parametrize(("role", "allowed"), [("owner", True), ("admin", True), ("member", False)])
def test_who_may_approve(client, organization, suzuki, role, allowed):
    join_request = JoinRequestFactory(organization=organization, user=suzuki)
    decider = (
        _owner(organization)
        if role == "owner"
        else MembershipFactory(organization=organization, role=role).user
    )
    client.force_login(decider)

    response = client.post(
        reverse("orgs:join_decide", args=[organization.slug, join_request.pk]),
        {"decision": "approve"},
    )

    join_request.refresh_from_db()
    if allowed:
        assert join_request.status == JoinRequest.Status.APPROVED
        assert join_request.decided_by == decider
        assert (
            Membership.objects.get(organization=organization, user=suzuki).role == MemberRole.MEMBER
        )
        decided = AuditEvent.objects.get(action=AuditEvent.Action.JOIN_REQUEST_DECIDED)
        assert decided.data["decision"] == "approved"
        added = AuditEvent.objects.get(action=AuditEvent.Action.MEMBER_ADDED)
        assert added.data == {"user": suzuki.pk, "role": "member", "via": "join_request"}
    else:
        assert response.status_code == 403
        assert join_request.status == JoinRequest.Status.PENDING
        assert not Membership.objects.filter(user=suzuki).exists()


def test_outsider_and_secretariat_cannot_decide(client, organization, suzuki, takahashi, sato):
    join_request = JoinRequestFactory(organization=organization, user=suzuki)
    url = reverse("orgs:join_decide", args=[organization.slug, join_request.pk])
    for person in (takahashi, sato):
        client.force_login(person)
        assert client.post(url, {"decision": "approve"}).status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_reject_creates_no_membership(client, organization, suzuki):
    join_request = JoinRequestFactory(organization=organization, user=suzuki)
    client.force_login(_owner(organization))

    response = client.post(
        reverse("orgs:join_decide", args=[organization.slug, join_request.pk]),
        {"decision": "reject"},
    )

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.REJECTED
    assert not Membership.objects.filter(user=suzuki).exists()
    assert "鈴木 さんの参加申請を見送りました" in client.get(response["Location"]).content.decode()


def test_double_approval_creates_one_membership(client, organization, suzuki):
    join_request = JoinRequestFactory(organization=organization, user=suzuki)
    client.force_login(_owner(organization))
    url = reverse("orgs:join_decide", args=[organization.slug, join_request.pk])

    client.post(url, {"decision": "approve"})
    response = client.post(url, {"decision": "approve"})

    assert Membership.objects.filter(user=suzuki).count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.JOIN_REQUEST_DECIDED).count() == 1
    assert str(messages.JOIN_ALREADY_DECIDED) in client.get(response["Location"]).content.decode()


def test_unknown_decision_changes_nothing(client, organization, suzuki):
    join_request = JoinRequestFactory(organization=organization, user=suzuki)
    client.force_login(_owner(organization))

    response = client.post(
        reverse("orgs:join_decide", args=[organization.slug, join_request.pk]),
        {"decision": "maybe"},
    )

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert str(messages.JOIN_DECISION_INVALID) in client.get(response["Location"]).content.decode()


def test_request_of_another_organization_is_not_found(client, organization, suzuki):
    elsewhere = JoinRequestFactory(user=suzuki)
    client.force_login(_owner(organization))

    response = client.post(
        reverse("orgs:join_decide", args=[organization.slug, elsewhere.pk]), {"decision": "approve"}
    )

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == JoinRequest.Status.PENDING


def test_withdraw_then_ask_again(client, organization, suzuki):
    client.force_login(suzuki)
    _join(client, organization)

    response = client.post(reverse("orgs:join_withdraw", args=[organization.slug]))

    assert JoinRequest.objects.get().status == JoinRequest.Status.WITHDRAWN
    assert str(messages.JOIN_WITHDRAWN) in client.get(response["Location"]).content.decode()
    _join(client, organization)
    assert JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count() == 1


def test_withdraw_without_a_pending_request(client, organization, suzuki):
    client.force_login(suzuki)

    response = client.post(reverse("orgs:join_withdraw", args=[organization.slug]))

    assert str(messages.JOIN_NO_PENDING) in client.get(response["Location"]).content.decode()


def test_pending_requests_are_listed_on_the_members_page(client, organization, suzuki):
    JoinRequestFactory(organization=organization, user=suzuki, message="<b>よろしく</b>")
    client.force_login(_owner(organization))

    page = client.get(reverse("orgs:members", args=[organization.slug])).content.decode()

    assert "鈴木" in page
    assert "&lt;b&gt;よろしく&lt;/b&gt;" in page


def test_approving_someone_who_joined_meanwhile_keeps_one_membership(organization, suzuki):
    join_request = JoinRequestFactory(organization=organization, user=suzuki)
    MembershipFactory(organization=organization, user=suzuki, role=MemberRole.ADMIN)

    services.join_request_approve(actor=_owner(organization), join_request=join_request)

    assert Membership.objects.get(user=suzuki).role == MemberRole.ADMIN
