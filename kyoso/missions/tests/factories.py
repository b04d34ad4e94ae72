"""Factories for missions. They write rows directly (no services), so a test sets up any state;
:func:`make_project` gives a project with a lead (a Membership row, via the ORM)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import factory
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.missions.models import (
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    Mission,
    MissionKind,
    MissionQuestion,
    MissionSkill,
    MissionStatus,
    RewardKind,
)
from kyoso.projects.models import MemberRole, Membership, MemberStatus, Project


def make_project(lead: Any = None, **fields: Any) -> Project:
    """A project whose lead is ``lead`` (a new person if None)."""
    lead = lead or UserFactory()
    fields.setdefault("title", "庄内の販路づくり")
    fields.setdefault("goal", "庄内の農家と都市の飲食店をつなぐ")
    project = Project.objects.create(created_by=lead, member_count=1, **fields)
    Membership.objects.create(
        project=project,
        user=lead,
        role=MemberRole.LEAD,
        status=MemberStatus.ACTIVE,
        joined_at=timezone.now(),
    )
    return project


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


class MissionFactory(factory.django.DjangoModelFactory):
    """A complete draft (score 100) of a project's mission; pass ``organization=`` and
    ``project=None`` for an organization's."""

    class Meta:
        model = Mission
        skip_postgeneration_save = True

    project = factory.LazyFunction(make_project)
    kind = MissionKind.SIDE_JOB
    title = factory.Sequence(lambda n: f"販路開拓ミッション{n}")
    background = "庄内の農家は都市の販路を持っていません。"
    tasks = "飲食店への聞き取り、試食会の企画"
    deliverables = "販路候補の一覧と試食会の報告書"
    starts_on = factory.LazyFunction(lambda: in_days(30))
    ends_on = factory.LazyFunction(lambda: in_days(120))
    hours_per_week = 5
    reward_kind = RewardKind.PAID
    reward_yen = 30000
    contact = "メッセージでご連絡ください"
    places = 1
    deadline = factory.LazyFunction(lambda: in_days(14))

    @factory.post_generation
    def skills(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        for skill in extracted if extracted is not None else ["marketing"]:
            MissionSkill.objects.create(mission=self, skill=skill, required=True)


def published(**fields: Any) -> Mission:
    fields.setdefault("status", MissionStatus.PUBLISHED)
    fields.setdefault("published_at", timezone.now())
    return MissionFactory(**fields)


def lead_of(mission: Mission) -> Any:
    return Membership.objects.get(project=mission.project, role=MemberRole.LEAD).user


def add_questions(mission: Mission, *texts: str) -> list[MissionQuestion]:
    return [
        MissionQuestion.objects.create(mission=mission, position=i, text=text)
        for i, text in enumerate(texts, start=1)
    ]


def apply(mission: Mission, person: Any, status: str = ApplicationStatus.APPLIED) -> Application:
    application = Application.objects.create(
        mission=mission, applicant=person, motivation="地元に関わりたい", status=status
    )
    ApplicationStatusChange.objects.create(
        application=application, from_status="", to_status=ApplicationStatus.APPLIED, actor=person
    )
    return application
