"""What the projects app adds to the events' follow-up figures, through core's registries
(the events app sits below projects and never imports them):

- two ways of *acting* after an event (:mod:`kyoso.core.acts`), which the conversion figure
  counts: joining a project (an active membership whose ``joined_at`` is in the window — the
  creator's own lead membership included; an invitation or request not yet accepted is not)
  and filling a need (``Need.filled_by`` the person, ``filled_at`` in the window);
- the projects that grew out of an event (:mod:`kyoso.core.outgrowths`), which its follow-up
  page links to: ``Project.origin_event`` the event, not hidden, oldest first.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from kyoso.core import acts, outgrowths
from kyoso.core.outgrowths import Outgrowth
from kyoso.projects.models import Membership, MemberStatus, Need, NeedStatus, Project

#: The project page's URL name (``<int:pk>``).
PROJECT_URL = "projects:detail"


def joined_a_project(user_id: Any, start: Any, end: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(
        user_id=user_id, status=MemberStatus.ACTIVE, joined_at__gte=start, joined_at__lte=end
    )


def filled_a_need(user_id: Any, start: Any, end: Any) -> QuerySet[Need]:
    return Need.objects.filter(
        filled_by_id=user_id, status=NeedStatus.FILLED, filled_at__gte=start, filled_at__lte=end
    )


def _project_url(pk: int) -> str | None:
    try:
        return reverse(PROJECT_URL, args=[pk])
    except NoReverseMatch:  # the project pages are not mounted (yet)
        return None


def projects_grown_out_of(event: Any) -> list[Outgrowth]:
    """The visible projects started from the event's minutes or pitches (1 query)."""
    if event.pk is None:  # ``origin_event=None`` would match every project from scratch
        return []
    projects = (
        Project.objects.filter(origin_event_id=event.pk, hidden_at__isnull=True)
        .only("pk", "title", "stage")
        .order_by("created_at", "id")
    )
    return [
        Outgrowth(title=p.title, url=_project_url(p.pk), label=p.get_stage_display())
        for p in projects
    ]


def register() -> None:
    acts.register("projects.joined", label=_("プロジェクトに参加する"), query=joined_a_project)
    acts.register(
        "projects.filled_need", label=_("プロジェクトの困りごとに応える"), query=filled_a_need
    )
    outgrowths.register("projects", projects_grown_out_of)
