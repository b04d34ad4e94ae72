import hashlib
import re
from datetime import timedelta
from unittest.mock import patch

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.orgs import messages, services
from kyoso.orgs.models import Invitation, MemberRole, Membership
from kyoso.orgs.tests.factories import InvitationFactory, MembershipFactory, OrganizationFactory

INVITEE = "yamada@example.jp"


@pytest.fixture
def organization(db):
    org = OrganizationFactory(name="庄内ものづくり研究会")
    MembershipFactory(organization=org, role=MemberRole.OWNER)
    return org


@pytest.fixture
def owner(organization):
    return organization.memberships.get(role=MemberRole.OWNER).user


@pytest.fixture
def invitee(db):
    return UserFactory(email=INVITEE, display_name="山田")


def _invite(client, organization, email=INVITEE, role="member"):
    return client.post(
        reverse("orgs:invite", args=[organization.slug]), {"email": email, "role": role}
    )


def _link_token(body: str) -> str:
    match = re.search(r"/orgs/invitations/([A-Za-z0-9_-]+)/", body)
    assert match, body
    return match.group(1)


def test_invitation_happy_path(
    client, organization, owner, invitee, django_capture_on_commit_callbacks
):
    client.force_login(owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, organization, email="Yamada@Example.JP", role="admin")

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == INVITEE
    assert invitation.role == MemberRole.ADMIN
    assert invitation.status == Invitation.Status.PENDING
    assert invitation.invited_by == owner
    expected_expiry = timezone.now() + timedelta(days=14)
    assert abs(invitation.expires_at - expected_expiry) < timedelta(minutes=1)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.subject == "【Kyoso】団体への招待"
    assert email.to == [INVITEE]
    assert "庄内ものづくり研究会" in email.body
    token = _link_token(email.body)
    assert "http://127.0.0.1:8000/orgs/invitations/" + token + "/" in email.body
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash
    event = AuditEvent.objects.get(action=AuditEvent.Action.INVITATION_SENT)
    assert event.data == {"invitation": invitation.pk, "role": "admin"}

    client.force_login(invitee)
    url = reverse("orgs:invitation_accept", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert "庄内ものづくり研究会" in page.content.decode()
    assert "招待を承諾して参加する" in page.content.decode()

    response = client.post(url)

    assert response["Location"] == reverse("orgs:detail", args=[organization.slug])
    membership = Membership.objects.get(organization=organization, user=invitee)
    assert membership.role == MemberRole.ADMIN
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert invitation.accepted_by == invitee
    assert invitation.accepted_at is not None
    added = AuditEvent.objects.get(action=AuditEvent.Action.MEMBER_ADDED)
    assert added.data == {"user": invitee.pk, "role": "admin", "via": "invitation"}


def test_no_mail_when_the_transaction_does_not_commit(
    organization, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.invitation_create(actor=owner, organization=organization, email=INVITEE)

    assert len(callbacks) == 1
    assert mail.outbox == []


def test_anonymous_visitor_logs_in_and_comes_back(client, organization):
    InvitationFactory(organization=organization, email=INVITEE, token="abc123")
    url = reverse("orgs:invitation_accept", args=["abc123"])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_unknown_token_is_not_found(client, invitee):
    client.force_login(invitee)

    assert client.get(reverse("orgs:invitation_accept", args=["no-such-token"])).status_code == 404


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("wrong_email", messages.INVITATION_WRONG_EMAIL),
        ("expired", messages.INVITATION_EXPIRED),
        ("revoked", messages.INVITATION_REVOKED),
        ("unverified", messages.INVITATION_EMAIL_UNVERIFIED),
    ],
)
def test_invitation_that_cannot_be_accepted_says_why(client, organization, invitee, state, message):
    invitation = InvitationFactory(organization=organization, email=INVITEE, token="tok")
    person = invitee
    if state == "wrong_email":
        person = UserFactory(email="someone-else@example.jp")
    elif state == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
    elif state == "revoked":
        Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.REVOKED)
    else:
        type(invitee).objects.filter(pk=invitee.pk).update(email_verified_at=None)
    client.force_login(person)
    url = reverse("orgs:invitation_accept", args=["tok"])

    shown = client.get(url)
    posted = client.post(url)

    for response in (shown, posted):
        assert response.status_code == 403
        page = response.content.decode()
        assert str(message) in page
        assert "招待を承諾して参加する" not in page
    assert (
        not Membership.objects.filter(organization=organization)
        .exclude(role=MemberRole.OWNER)
        .exists()
    )


def test_expiry_after_fourteen_days_with_frozen_time(organization, owner, invitee):
    invitation, _token = services.invitation_create(
        actor=owner, organization=organization, email=INVITEE
    )
    later = timezone.now() + timedelta(days=14, minutes=1)

    with (
        patch("django.utils.timezone.now", return_value=later),
        pytest.raises(services.OrgError) as refused,
    ):
        services.invitation_accept(actor=invitee, invitation=invitation)

    assert refused.value.message == messages.INVITATION_EXPIRED
    assert not Membership.objects.filter(user=invitee).exists()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING


def test_accepting_a_day_before_expiry_works(organization, owner, invitee):
    invitation, _token = services.invitation_create(
        actor=owner, organization=organization, email=INVITEE
    )

    with patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(days=13)):
        services.invitation_accept(actor=invitee, invitation=invitation)

    assert Membership.objects.filter(user=invitee, organization=organization).exists()


def test_double_accept_keeps_one_membership(client, organization, invitee):
    InvitationFactory(organization=organization, email=INVITEE, token="tok")
    client.force_login(invitee)
    url = reverse("orgs:invitation_accept", args=["tok"])

    client.post(url)
    second = client.post(url)

    assert Membership.objects.filter(user=invitee).count() == 1
    assert second.status_code == 403
    assert str(messages.INVITATION_ALREADY_ACCEPTED) in second.content.decode()


def test_inviting_an_existing_member_is_refused(client, organization, owner, invitee):
    MembershipFactory(organization=organization, user=invitee)
    client.force_login(owner)

    response = _invite(client, organization, email="YAMADA@example.jp")

    assert response.status_code == 400
    assert str(messages.INVITATION_EXISTING_MEMBER) in response.content.decode()
    assert not Invitation.objects.exists()


def test_inviting_an_address_with_an_open_invitation_is_refused(
    client, organization, owner, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, organization)
        response = _invite(client, organization)

    assert response.status_code == 400
    assert str(messages.INVITATION_ALREADY_PENDING) in response.content.decode()
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_expired_invitation_can_be_sent_again(client, organization, owner):
    old = InvitationFactory(
        organization=organization, email=INVITEE, expires_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(owner)

    response = _invite(client, organization)

    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == Invitation.Status.REVOKED
    assert Invitation.objects.filter(status=Invitation.Status.PENDING).count() == 1


@pytest.mark.parametrize(
    ("who", "role", "expected"),
    [
        ("owner", "member", 302),
        ("owner", "admin", 302),
        ("admin", "member", 302),
        ("admin", "admin", 403),  # admins may add plain members only
        ("member", "member", 403),
        ("outsider", "member", 403),
        ("secretariat", "member", 403),
    ],
)
def test_who_may_invite(client, organization, owner, request, who, role, expected):
    if who == "owner":
        actor = owner
    elif who in ("admin", "member"):
        actor = MembershipFactory(organization=organization, role=who).user
    else:
        actor = request.getfixturevalue("takahashi" if who == "outsider" else "sato")
    client.force_login(actor)

    response = _invite(client, organization, role=role)

    assert response.status_code == expected
    assert Invitation.objects.exists() is (expected == 302)


def test_owner_role_cannot_be_invited(client, organization, owner):
    client.force_login(owner)

    response = _invite(client, organization, role="owner")

    assert response.status_code == 400
    assert str(messages.ROLE_INVALID) in response.content.decode()
    assert not Invitation.objects.exists()


def test_bad_email_gets_a_message(client, organization, owner):
    client.force_login(owner)

    response = _invite(client, organization, email="not-an-address")

    assert response.status_code == 400
    assert "メールアドレスの形式が正しくありません" in response.content.decode()


def test_revoke(client, organization, owner, invitee):
    invitation = InvitationFactory(organization=organization, email=INVITEE, token="tok")
    client.force_login(owner)
    url = reverse("orgs:invitation_revoke", args=[organization.slug, invitation.pk])

    first = client.get(client.post(url)["Location"]).content.decode()
    second = client.get(client.post(url)["Location"]).content.decode()

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    assert str(messages.INVITATION_REVOKED_DONE) in first
    assert str(messages.INVITATION_NOT_PENDING) in second
    client.force_login(invitee)
    assert client.post(reverse("orgs:invitation_accept", args=["tok"])).status_code == 403
    assert not Membership.objects.filter(user=invitee).exists()


def test_member_cannot_revoke(client, organization):
    invitation = InvitationFactory(organization=organization)
    client.force_login(MembershipFactory(organization=organization).user)

    response = client.post(
        reverse("orgs:invitation_revoke", args=[organization.slug, invitation.pk])
    )

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING


def test_service_refuses_admin_inviting_an_admin(organization):
    admin = MembershipFactory(organization=organization, role=MemberRole.ADMIN).user

    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=admin, organization=organization, email=INVITEE, role="admin"
        )

    assert not Invitation.objects.exists()


def test_mine_page_lists_invitations_and_accepts_them(client, organization, invitee):
    invitation = InvitationFactory(organization=organization, email=INVITEE)
    client.force_login(invitee)

    page = client.get(reverse("orgs:mine")).content.decode()
    assert "庄内ものづくり研究会" in page
    response = client.post(reverse("orgs:mine_invitation_accept", args=[invitation.pk]))

    assert response.status_code == 302
    assert Membership.objects.filter(user=invitee, organization=organization).exists()


def test_nobody_else_can_accept_from_mine(client, organization, takahashi):
    invitation = InvitationFactory(organization=organization, email=INVITEE)
    client.force_login(takahashi)

    response = client.post(reverse("orgs:mine_invitation_accept", args=[invitation.pk]))

    assert response.status_code == 404
    assert not Membership.objects.filter(user=takahashi).exists()
