"""Factories of the work tests (needs, trials, hearings, resources, updates, comments).

They write rows directly (no services): counters are whatever the test sets; use the
services when a test is about counters, history or notifications. ``project_with_lead``
makes a project whose lead holds an active Membership, written with the ORM.
"""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from kyoso.projects.models import (
    Comment,
    Follow,
    Hearing,
    MemberRole,
    Membership,
    MemberStatus,
    Need,
    NeedKind,
    Project,
    Resource,
    ResourceKind,
    Trial,
    Update,
)


class WorkProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"空き家を地域の居場所にする{n}")
    goal = "空き家を週末の学びの場として使えるようにする"


def project_with_lead(lead: Any, **kwargs: Any) -> Project:
    project = WorkProjectFactory(created_by=lead, member_count=1, **kwargs)
    join(project, lead, MemberRole.LEAD)
    return project


def join(project: Project, user: Any, role: str = MemberRole.MEMBER) -> Membership:
    return Membership.objects.create(
        project=project,
        user=user,
        role=role,
        status=MemberStatus.ACTIVE,
        joined_at=timezone.now(),
    )


def follow(project: Project, user: Any) -> Follow:
    return Follow.objects.create(project=project, user=user)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    project = factory.SubFactory(WorkProjectFactory)
    kind = NeedKind.SKILLS
    title = factory.Sequence(lambda n: f"チラシのデザイン{n}")


class TrialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trial

    project = factory.SubFactory(WorkProjectFactory)
    title = "週末カフェの試行"
    hypothesis = "土曜の午前なら子育て世帯が集まる"


class HearingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hearing

    project = factory.SubFactory(WorkProjectFactory)
    heard_text = "山田地区の住民"
    held_on = factory.LazyFunction(lambda: timezone.localdate())
    learned = "平日の夜は集まりにくい"
    private_notes = "町内会長の連絡先：090-0000-0000"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    project = factory.SubFactory(WorkProjectFactory)
    kind = ResourceKind.PLACE
    name = "旧公民館"


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Update

    project = factory.SubFactory(WorkProjectFactory)
    author = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    body = "初めての試行に12人が来てくれました。"


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    project = factory.SubFactory(WorkProjectFactory)
    author = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    body = "応援しています。"
