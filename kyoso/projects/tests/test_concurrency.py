"""Parallel requests never leave a project without a lead, never move a stage twice and never
count a member twice — real threads, each on its own database connection."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.projects.models import MemberRole, Membership, MemberStatus, Project, StageChange
from kyoso.projects.services import membership
from kyoso.projects.services.common import ProjectError
from kyoso.projects.services.stages import project_change_stage
from kyoso.projects.tests.factories import ProjectFactory, add_member

THREADS = 6


def _attempt(job):
    def run():
        try:
            job()
        except (ProjectError, PermissionDenied):
            # A thread that starts after another committed is refused by the rule itself (the
            # invitation is gone): a 403 on the page, still a refusal.
            return "refused"
        return "done"

    return run


def _state(project):
    return lambda: (
        Membership.objects.filter(
            project_id=project.pk, role=MemberRole.LEAD, status=MemberStatus.ACTIVE
        ).count(),
        Project.objects.get(pk=project.pk).member_count,
    )


@pytest.mark.django_db(transaction=True)
def test_two_leads_leaving_at_once_leave_one_lead(tmp_path):
    project = ProjectFactory()
    first, second = UserFactory(), UserFactory()
    add_member(project, first, role=MemberRole.LEAD)
    add_member(project, second, role=MemberRole.LEAD)

    def leave(person):
        return lambda: membership.membership_leave(
            actor=person, project=Project.objects.get(pk=project.pk)
        )

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(leave(first)), _attempt(leave(second))])
        state = read(open_connection, _state(project))

    assert sorted(answers) == ["done", "refused"]
    assert state == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_two_leads_stepping_down_at_once_leave_one_lead(tmp_path):
    project = ProjectFactory()
    first, second = UserFactory(), UserFactory()
    rows = [
        add_member(project, first, role=MemberRole.LEAD),
        add_member(project, second, role=MemberRole.LEAD),
    ]

    def step_down(person, row):
        def job():
            fresh = Membership.objects.select_related("project").get(pk=row.pk)
            membership.member_role_change(actor=person, membership=fresh, role="member")

        return job

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(
            open_connection,
            [_attempt(step_down(first, rows[0])), _attempt(step_down(second, rows[1]))],
        )
        state = read(open_connection, _state(project))

    assert sorted(answers) == ["done", "refused"]
    assert state == (1, 2)


@pytest.mark.django_db(transaction=True)
def test_a_lead_leaving_while_the_other_is_removed_keeps_one(tmp_path):
    project = ProjectFactory()
    first, second = UserFactory(), UserFactory()
    add_member(project, first, role=MemberRole.LEAD)
    second_row = add_member(project, second, role=MemberRole.LEAD)

    def leave():
        membership.membership_leave(actor=first, project=Project.objects.get(pk=project.pk))

    def remove_second():
        row = Membership.objects.select_related("project").get(pk=second_row.pk)
        membership.membership_remove(actor=first, membership=row)

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(leave), _attempt(remove_second)])
        state = read(open_connection, _state(project))

    assert "refused" in answers
    assert state[0] == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_stage_moves_from_one_view_succeed_once(tmp_path):
    project = ProjectFactory()
    leads = [UserFactory() for _ in range(THREADS)]
    for person in leads:
        add_member(project, person, role=MemberRole.LEAD)
    targets = ["preparing", "trial", "running", "spreading", "preparing", "trial"]

    def move(person, to_stage):
        seen = Project.objects.get(pk=project.pk)  # every lead loaded the page at "idea"
        return lambda: project_change_stage(actor=person, project=seen, to_stage=to_stage)

    jobs = [_attempt(move(p, t)) for p, t in zip(leads, targets, strict=True)]
    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, jobs)
        changes = read(open_connection, lambda: StageChange.objects.filter(project=project).count())

    assert sorted(answers) == ["done"] + ["refused"] * (THREADS - 1)
    assert changes == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_accepts_of_one_invitation_count_once(tmp_path):
    project = ProjectFactory()
    add_member(project, UserFactory(), role=MemberRole.LEAD)
    person = UserFactory()
    add_member(project, person, status=MemberStatus.INVITED)

    def accept():
        membership.invitation_answer(
            actor=person, project=Project.objects.get(pk=project.pk), accept=True
        )

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(accept) for _ in range(THREADS)])
        count = read(open_connection, lambda: Project.objects.get(pk=project.pk).member_count)

    assert answers.count("done") == 1
    assert count == 2
