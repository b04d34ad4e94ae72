"""Factories for projects. They write rows directly (no services): counts are whatever the test
sets; :func:`add_member` keeps ``member_count`` in step for the common case."""

from __future__ import annotations

from typing import Any

import factory
from django.db.models import F
from django.utils import timezone

from kyoso.projects.models import MemberRole, Membership, MemberStatus, Project, StageChange


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"空き家で子ども食堂{n}")
    goal = "週に一度、地域の子どもが安心して食事できる場をつくる。"
    body = "空き家を借りて、月2回から試します。"


def add_member(
    project: Project,
    user: Any,
    *,
    role: str = MemberRole.MEMBER,
    status: str = MemberStatus.ACTIVE,
    **fields: Any,
) -> Membership:
    active = status == MemberStatus.ACTIVE
    membership = Membership.objects.create(
        project=project,
        user=user,
        role=role,
        status=status,
        joined_at=timezone.now() if active else None,
        **fields,
    )
    if active:
        Project.objects.filter(pk=project.pk).update(member_count=F("member_count") + 1)
        project.refresh_from_db(fields=["member_count"])
    return membership


def project_led_by(lead: Any, **fields: Any) -> Project:
    project = ProjectFactory(**fields)
    add_member(project, lead, role=MemberRole.LEAD)
    StageChange.objects.create(project=project, from_stage="", to_stage=project.stage, actor=lead)
    return project
