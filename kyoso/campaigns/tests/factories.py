"""Helpers of the campaigns tests: a project with a lead (rows via the ORM, as the projects'
own factories do), campaigns opened through the services, supporters with verified email."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.campaigns import services
from kyoso.campaigns.models import Campaign, Mode, Tier
from kyoso.projects.models import MemberRole, Membership, MemberStatus, Project


def make_project(lead: Any = None, **fields: Any) -> Project:
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


def make_campaign(
    lead: Any,
    project: Project | None = None,
    *,
    goal: int = 100_000,
    mode: str = Mode.ALL_OR_NOTHING,
    days: int = 14,
    tiers: list[tuple[str, int, int | None]] | None = None,
    open_it: bool = True,
    title: str = "庄内の野菜を届ける",
) -> Campaign:
    """A campaign of ``project`` (a new one led by ``lead`` if None), with ``tiers`` as
    (title, min amount, quantity), opened unless ``open_it`` is False."""
    project = project or make_project(lead)
    campaign = services.campaign_create(
        actor=lead,
        project=project,
        data={
            "title": title,
            "description": "農家の野菜を都市の飲食店へ。",
            "goal": goal,
            "mode": mode,
            "deadline": timezone.now() + timedelta(days=days),
        },
    )
    for name, amount, quantity in tiers or []:
        services.tier_add(
            actor=lead,
            campaign=campaign,
            data={"title": name, "min_amount": amount, "quantity": quantity},
        )
    if open_it:
        services.campaign_open(actor=lead, campaign=campaign)
    return campaign


def tier_of(campaign: Campaign, title: str) -> Tier:
    return Tier.objects.get(campaign=campaign, title=title)


def supporter(**fields: Any) -> Any:
    return UserFactory(**fields)
