"""Members: invitations, requests, leaving, removal and roles; the last lead always stays."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.notifications.models import Notification
from kyoso.projects import audit, messages
from kyoso.projects.models import MemberRole, Membership, MemberStatus, Project
from kyoso.projects.services import membership as services
from kyoso.projects.services.common import ProjectError
from kyoso.projects.tests.factories import add_member


def count(project):
    return Project.objects.get(pk=project.pk).member_count


def test_invite_then_accept(client, lead, project, suzuki):
    client.force_login(lead)
    response = client.post(
        reverse("projects:invite", args=[project.pk]),
        {"email": "SUZUKI@example.jp", "role": "advisor", "message": "お力を貸してください"},
    )
    assert response.status_code == 302
    invitation = Membership.objects.get(project=project, user=suzuki)
    assert (invitation.status, invitation.role, invitation.invited_by) == (
        "invited",
        "advisor",
        lead,
    )
    assert Notification.objects.filter(recipient=suzuki, kind="projects.invitation").exists()
    assert count(project) == 2

    client.force_login(suzuki)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "お力を貸してください" in page
    client.post(reverse("projects:answer", args=[project.pk]), {"answer": "accept"})
    invitation.refresh_from_db()
    assert (invitation.status, invitation.role) == ("active", "advisor")
    assert invitation.joined_at is not None
    assert count(project) == 3


def test_decline_an_invitation(lead, project, suzuki):
    services.member_invite(actor=lead, project=project, user=suzuki)
    services.invitation_answer(
        actor=suzuki, project=Project.objects.get(pk=project.pk), accept=False
    )
    assert not Membership.objects.filter(user=suzuki).exists()
    assert count(project) == 2


def test_inviting_someone_not_registered(client, lead, project):
    client.force_login(lead)
    response = client.post(
        reverse("projects:invite", args=[project.pk]),
        {"email": "nobody@example.jp", "role": "member"},
    )
    assert response.status_code == 400
    assert (
        str(messages.INVITEE_NOT_FOUND % {"email": "nobody@example.jp"})
        in response.content.decode()
    )
    assert Membership.objects.filter(project=project).count() == 2


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("active", messages.ALREADY_MEMBER),
        ("invited", messages.ALREADY_INVITED),
        ("requested", messages.INVITEE_HAS_REQUESTED),
    ],
)
def test_inviting_someone_already_there(lead, project, suzuki, status, message):
    add_member(project, suzuki, status=status)
    with pytest.raises(ProjectError) as refused:
        services.member_invite(actor=lead, project=project, user=suzuki)
    assert refused.value.message == message


def test_no_invitation_as_lead(lead, project, suzuki):
    with pytest.raises(ProjectError) as refused:
        services.member_invite(actor=lead, project=project, user=suzuki, role="lead")
    assert refused.value.message == messages.INVITE_LEAD_ROLE


def test_request_then_approve(client, lead, project, suzuki):
    client.force_login(suzuki)
    client.post(reverse("projects:join", args=[project.pk]), {"message": "料理が得意です"})
    request_row = Membership.objects.get(project=project, user=suzuki)
    assert (request_row.status, request_row.message) == ("requested", "料理が得意です")
    assert Notification.objects.filter(recipient=lead, kind="projects.join_request").exists()
    assert count(project) == 2

    client.force_login(lead)
    members_page = client.get(reverse("projects:members", args=[project.pk])).content.decode()
    assert "料理が得意です" in members_page
    client.post(
        reverse("projects:decide", args=[project.pk, request_row.pk]), {"decision": "approve"}
    )
    request_row.refresh_from_db()
    assert request_row.status == "active"
    assert count(project) == 3
    assert Notification.objects.filter(recipient=suzuki, kind="projects.join_decided").exists()


def test_deciding_twice_counts_once(lead, project, suzuki, sato):
    row = add_member(project, suzuki, status=MemberStatus.REQUESTED)
    row.project = project
    services.request_decide(actor=lead, membership=row, approve=True)
    with pytest.raises(ProjectError) as refused:
        services.request_decide(actor=sato, membership=row, approve=False)
    assert refused.value.message == messages.REQUEST_ALREADY_DECIDED
    assert count(project) == 3


def test_decline_a_request(lead, project, suzuki):
    row = add_member(project, suzuki, status=MemberStatus.REQUESTED)
    row.project = project
    services.request_decide(actor=lead, membership=row, approve=False)
    assert not Membership.objects.filter(user=suzuki).exists()
    assert AuditEvent.objects.filter(action=audit.MEMBER_REQUEST_DECIDED).exists()


def test_leave_and_the_last_lead_stays(client, lead, member, project):
    client.force_login(member)
    client.post(reverse("projects:leave", args=[project.pk]))
    assert not Membership.objects.filter(user=member).exists()
    assert count(project) == 1

    client.force_login(lead)
    response = client.post(reverse("projects:leave", args=[project.pk]), follow=True)
    assert str(messages.LAST_LEAD_CANNOT_LEAVE) in response.content.decode()
    assert Membership.objects.filter(user=lead, role="lead").exists()
    assert count(project) == 1


def test_withdrawing_a_request_counts_nothing(project, suzuki):
    add_member(project, suzuki, status=MemberStatus.REQUESTED)
    assert services.membership_leave(actor=suzuki, project=project) is False
    assert count(project) == 2


def test_remove_a_member_and_not_the_last_lead(lead, member, project, sato):
    row = Membership.objects.get(user=member)
    row.project = project
    services.membership_remove(actor=lead, membership=row)
    assert count(project) == 1
    assert Notification.objects.filter(recipient=member, kind="projects.member_removed").exists()

    lead_row = Membership.objects.get(user=lead)
    lead_row.project = project
    with pytest.raises(ProjectError) as refused:
        services.membership_remove(actor=sato, membership=lead_row)
    assert refused.value.message == messages.LAST_LEAD_CANNOT_BE_REMOVED
    with pytest.raises(ProjectError) as refused:
        services.membership_remove(actor=lead, membership=lead_row)
    assert refused.value.message == messages.CANNOT_REMOVE_SELF
    assert count(project) == 1


def test_a_lead_is_removed_while_another_remains(lead, member, project, sato):
    second = add_member(project, UserFactory(), role=MemberRole.LEAD)
    second.project = project
    services.membership_remove(actor=lead, membership=second)
    assert Membership.objects.filter(project=project, role="lead").count() == 1


def test_taking_back_an_invitation(lead, project, suzuki):
    invitation = services.member_invite(actor=lead, project=project, user=suzuki)
    invitation.project = project
    services.membership_remove(actor=lead, membership=invitation)
    assert not Membership.objects.filter(user=suzuki).exists()
    assert count(project) == 2


def test_roles_and_the_last_lead(client, lead, member, project):
    row = Membership.objects.get(user=member)
    client.force_login(lead)
    client.post(reverse("projects:member_role", args=[project.pk, row.pk]), {"role": "lead"})
    row.refresh_from_db()
    assert row.role == "lead"
    # Now two leads: the first may step down to supporter.
    lead_row = Membership.objects.get(user=lead)
    client.post(
        reverse("projects:member_role", args=[project.pk, lead_row.pk]), {"role": "supporter"}
    )
    lead_row.refresh_from_db()
    assert lead_row.role == "supporter"
    # The last lead may not.
    row.project = project
    with pytest.raises(ProjectError) as refused:
        services.member_role_change(actor=member, membership=row, role="member")
    assert refused.value.message == messages.LAST_LEAD_CANNOT_STEP_DOWN
    assert AuditEvent.objects.filter(action=audit.MEMBER_ROLE_CHANGED).count() == 2


def test_member_add_is_idempotent_and_counts_once(lead, project, suzuki):
    services.member_add(actor=lead, project=project, user=suzuki, via="mission:1")
    services.member_add(actor=lead, project=project, user=suzuki, via="mission:1")
    assert count(project) == 3


def test_follow_and_unfollow(client, project, takahashi):
    client.force_login(takahashi)
    client.post(reverse("projects:follow", args=[project.pk]), {"follow": "1"})
    client.post(reverse("projects:follow", args=[project.pk]), {"follow": "1"})
    assert Project.objects.get(pk=project.pk).follower_count == 1
    client.post(reverse("projects:follow", args=[project.pk]), {"follow": "0"})
    assert Project.objects.get(pk=project.pk).follower_count == 0
