"""Starting a project: from scratch, from an issue, from published minutes, from a pitch."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.events.models import Pitch, TeamMember
from kyoso.events.tests.after_event import idea_event, make_event, organizer, write_minutes
from kyoso.issues.models import Follow as IssueFollow
from kyoso.issues.models import Stage as IssueStage
from kyoso.issues.tests.factories import IssueFactory, merged
from kyoso.notifications.models import Notification
from kyoso.orgs.models import MemberRole as OrgRole
from kyoso.orgs.models import Membership as OrgMembership
from kyoso.orgs.models import Organization
from kyoso.projects import audit, messages
from kyoso.projects.models import (
    Follow,
    MemberRole,
    Membership,
    MemberStatus,
    Origin,
    Project,
    ProjectTag,
    StageChange,
)
from kyoso.projects.services import projects as services
from kyoso.projects.services.common import ProjectError
from kyoso.regions.models import Municipality

DATA = {"title": "空き家で子ども食堂", "goal": "週に一度、子どもが安心して食べられる場をつくる。"}


def form(**extra):
    return {**DATA, **extra}


def test_from_scratch_the_creator_leads_and_follows(client, suzuki):
    client.force_login(suzuki)
    response = client.post(
        reverse("projects:create"),
        form(
            body="月2回から試します。",
            themes=["childcare"],
            sdgs=["sdg02"],
            municipalities=["06204"],
        ),
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("projects:detail", args=[project.pk])
    assert (project.origin, project.stage, project.created_by) == (Origin.SCRATCH, "idea", suzuki)
    membership = Membership.objects.get(project=project)
    assert (membership.user, membership.role, membership.status) == (
        suzuki,
        MemberRole.LEAD,
        MemberStatus.ACTIVE,
    )
    assert Follow.objects.filter(project=project, user=suzuki).exists()
    assert (project.member_count, project.follower_count) == (1, 1)
    assert set(ProjectTag.objects.values_list("kind", "value")) == {
        ("theme", "childcare"),
        ("sdg", "sdg02"),
    }
    assert list(project.municipalities.values_list("code", flat=True)) == ["06204"]
    assert StageChange.objects.get(project=project).to_stage == "idea"
    assert AuditEvent.objects.filter(action=audit.CREATED, target_id=str(project.pk)).exists()
    page = client.get(response.url).content.decode()
    assert "空き家で子ども食堂" in page and "鈴木" in page


def test_from_an_issue_moves_it_to_in_action_and_tells_its_followers(client, suzuki, takahashi):
    issue = IssueFactory(title="通学路が暗い", stage=IssueStage.SURFACED, themes=["community"])
    IssueFollow.objects.create(issue=issue, user=takahashi)
    client.force_login(suzuki)

    page = client.get(reverse("projects:create") + f"?issue={issue.pk}")
    assert page.status_code == 200
    assert 'value="通学路が暗い"' in page.content.decode()  # the issue's title as the draft

    response = client.post(reverse("projects:create") + f"?issue={issue.pk}", form())

    project = Project.objects.get()
    assert response.status_code == 302
    assert (project.origin, project.origin_issue) == (Origin.ISSUE, issue)
    assert list(project.issues.all()) == [issue]
    issue.refresh_from_db()
    assert issue.stage == IssueStage.IN_ACTION
    change = issue.stage_changes.get()
    assert (change.from_stage, change.to_stage, change.actor) == ("surfaced", "in_action", suzuki)
    assert "空き家で子ども食堂" in change.reason
    told = Notification.objects.get(recipient=takahashi, kind="issues.taken_up")
    assert told.url == reverse("projects:detail", args=[project.pk])
    issue_page = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()
    assert reverse("projects:detail", args=[project.pk]) in issue_page


def test_an_issue_already_solved_keeps_its_stage(suzuki):
    issue = IssueFactory(stage=IssueStage.SOLVED)
    services.project_create_from_issue(actor=suzuki, issue=issue, data=DATA)
    issue.refresh_from_db()
    assert issue.stage == IssueStage.SOLVED
    assert not issue.stage_changes.exists()


def test_a_merged_issue_cannot_start_a_project(client, suzuki):
    issue = merged()
    with pytest.raises(ProjectError) as refused:
        services.project_create_from_issue(actor=suzuki, issue=issue, data=DATA)
    assert refused.value.message == messages.ISSUE_NOT_AVAILABLE
    client.force_login(suzuki)
    assert client.get(reverse("projects:create") + f"?issue={issue.pk}").status_code == 404
    assert not Project.objects.exists()


def test_from_published_minutes_the_surfaced_issues_are_taken_up(client, suzuki):
    host = organizer()
    event = make_event(created_by=host)
    first, second = IssueFactory(title="居場所がない"), IssueFactory(stage=IssueStage.SURFACED)
    write_minutes(event, published=True, issues=(first, second))
    client.force_login(suzuki)

    assert (
        client.get(reverse("events:minutes", args=[event.pk]))
        .content.decode()
        .count(f"?minutes={event.pk}")
        == 1
    )
    response = client.post(reverse("projects:create") + f"?minutes={event.pk}", form())

    project = Project.objects.get()
    assert response.status_code == 302
    assert (project.origin, project.origin_event) == (Origin.MINUTES, event)
    assert set(project.issues.all()) == {first, second}
    first.refresh_from_db()
    assert first.stage == IssueStage.IN_ACTION


def test_unpublished_minutes_are_refused(client, suzuki):
    event = make_event(created_by=organizer())
    write_minutes(event, published=False)
    client.force_login(suzuki)
    assert (
        client.post(reverse("projects:create") + f"?minutes={event.pk}", form()).status_code == 404
    )
    with pytest.raises(ProjectError) as refused:
        services.project_create_from_minutes(actor=suzuki, event=event, data=DATA)
    assert refused.value.message == messages.MINUTES_NOT_AVAILABLE
    assert not Project.objects.exists()


@pytest.fixture
def pitch(db):
    host = organizer()
    event = idea_event(created_by=host)
    author = UserFactory(display_name="発案者")
    pitch = Pitch.objects.create(
        event=event,
        author=author,
        title="庄内の規格外野菜で給食",
        summary="規格外の野菜を学校給食に回します。農家の収入にもなります。",
        wanted="栄養士",
        team_size=3,
    )
    for name in ("チーム1", "チーム2"):
        TeamMember.objects.create(pitch=pitch, user=UserFactory(display_name=name))
    TeamMember.objects.create(pitch=pitch, user=author)
    return pitch


def test_from_a_pitch_the_team_becomes_the_members(client, pitch):
    author = pitch.author
    client.force_login(author)
    page = client.get(reverse("projects:create") + f"?pitch={pitch.pk}").content.decode()
    assert "規格外の野菜を学校給食に回します。" in page

    response = client.post(
        reverse("projects:create") + f"?pitch={pitch.pk}", {"title": "", "goal": ""}
    )
    assert response.status_code == 400  # the form still asks for a title and a goal

    project = services.project_create_from_pitch(
        actor=author, pitch=pitch, data={"title": "", "goal": "", "body": ""}
    )
    assert (project.title, project.goal) == (
        "庄内の規格外野菜で給食",
        "規格外の野菜を学校給食に回します。",
    )
    assert "栄養士" in project.body
    assert (project.origin, project.origin_pitch, project.origin_event) == (
        Origin.PITCH,
        pitch,
        pitch.event,
    )
    roles = dict(
        Membership.objects.filter(project=project).values_list("user__display_name", "role")
    )
    assert roles == {"発案者": "lead", "チーム1": "member", "チーム2": "member"}
    assert project.member_count == 3


def test_a_team_member_may_start_it_and_the_author_leads_too(pitch):
    someone = pitch.members.exclude(user=pitch.author).first().user
    project = services.project_create_from_pitch(actor=someone, pitch=pitch, data=DATA)
    leads = set(
        Membership.objects.filter(project=project, role="lead").values_list("user_id", flat=True)
    )
    assert leads == {someone.pk, pitch.author_id}
    assert project.member_count == 3


def test_one_project_per_pitch(client, pitch):
    first = services.project_create_from_pitch(actor=pitch.author, pitch=pitch, data=DATA)
    with pytest.raises(ProjectError) as refused:
        services.project_create_from_pitch(actor=pitch.author, pitch=pitch, data=DATA)
    assert refused.value.message == messages.PITCH_ALREADY_STARTED % {"title": first.title}
    client.force_login(pitch.author)
    response = client.get(reverse("projects:create") + f"?pitch={pitch.pk}")
    assert response.status_code == 302 and response.url == reverse(
        "projects:detail", args=[first.pk]
    )
    assert Project.objects.count() == 1


def test_an_outsider_cannot_start_from_someone_elses_pitch(client, pitch, suzuki):
    client.force_login(suzuki)
    assert client.get(reverse("projects:create") + f"?pitch={pitch.pk}").status_code == 403
    with pytest.raises(ProjectError):
        services.project_create_from_pitch(actor=suzuki, pitch=pitch, data=DATA)
    assert not Project.objects.exists()


def test_only_an_organization_one_manages(suzuki):
    mine = Organization.objects.create(slug="sanroku", name="サンロク", org_type="hub")
    other = Organization.objects.create(slug="other", name="よその団体", org_type="npo")
    OrgMembership.objects.create(organization=mine, user=suzuki, role=OrgRole.ADMIN)
    OrgMembership.objects.create(organization=other, user=suzuki, role=OrgRole.MEMBER)

    project = services.project_create(actor=suzuki, data={**DATA, "organization": mine})
    assert project.organization == mine
    with pytest.raises(ProjectError) as refused:
        services.project_create(actor=suzuki, data={**DATA, "organization": other})
    assert refused.value.message == messages.ORGANIZATION_NOT_ALLOWED
    assert Project.objects.count() == 1


def test_the_page_offers_only_organizations_one_manages(client, suzuki):
    other = Organization.objects.create(slug="other", name="よその団体", org_type="npo")
    OrgMembership.objects.create(organization=other, user=suzuki, role=OrgRole.MEMBER)
    client.force_login(suzuki)
    response = client.post(reverse("projects:create"), form(organization=other.pk))
    assert response.status_code == 400
    assert str(messages.ORGANIZATION_NOT_ALLOWED) in response.content.decode()


def test_editing_adds_issues_and_takes_them_up(client, lead, project, takahashi):
    issue = IssueFactory(title="買い物が不便")
    IssueFollow.objects.create(issue=issue, user=takahashi)
    client.force_login(lead)
    response = client.post(
        reverse("projects:edit", args=[project.pk]),
        form(
            title="子ども食堂と買い物支援",
            issues=f"{issue.pk}",
            latitude="38.914",
            longitude="139.836",
        ),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "子ども食堂と買い物支援"
    assert (str(project.latitude), str(project.longitude)) == ("38.914000", "139.836000")
    assert list(project.issues.all()) == [issue]
    issue.refresh_from_db()
    assert issue.stage == IssueStage.IN_ACTION
    assert Notification.objects.filter(recipient=takahashi, kind="issues.taken_up").exists()
    assert AuditEvent.objects.filter(action=audit.UPDATED).exists()


def test_municipality_codes_are_read(suzuki):
    sakata = Municipality.objects.get(code="06204")
    project = services.project_create(actor=suzuki, data={**DATA, "municipalities": [sakata]})
    assert list(project.municipalities.all()) == [sakata]


def test_the_service_checks_the_rule_again(db):
    unverified = UserFactory(email_verified_at=None)
    with pytest.raises(PermissionDenied):
        services.project_create(actor=unverified, data=DATA)


def test_editing_keeps_an_issue_hidden_since_it_was_linked(client, lead, project):
    from django.utils import timezone

    issue = IssueFactory()
    project.issues.add(issue)
    type(issue).objects.filter(pk=issue.pk).update(hidden_at=timezone.now())
    client.force_login(lead)
    response = client.post(reverse("projects:edit", args=[project.pk]), form(issues=f"{issue.pk}"))
    assert response.status_code == 302
    assert list(project.issues.all()) == [issue]


def test_the_pitch_card_offers_to_start_a_project_to_its_team(client, pitch, suzuki):
    start = reverse("projects:create") + f"?pitch={pitch.pk}"
    client.force_login(pitch.author)
    assert start in client.get(reverse("events:ideas", args=[pitch.event_id])).content.decode()
    client.force_login(suzuki)
    assert start not in client.get(reverse("events:ideas", args=[pitch.event_id])).content.decode()
