"""Reads of a project's work (needs, trials, hearings, resources, updates, comments).

The project page calls :func:`work_summary` once and renders ``projects/_work.html``; the work
pages read their lists here; :func:`open_needs` is the public read matching and the home page
use. Every read returns rows that already carry what their template shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from kyoso.accounts.models import User
from kyoso.core.policy import check
from kyoso.projects.models import (
    Comment,
    Hearing,
    MemberStatus,
    Need,
    NeedSkill,
    Project,
    Resource,
    Trial,
    Update,
)
from kyoso.projects.rules import membership_of
from kyoso.projects.services.needs import OPEN_STATUSES

#: How many of each kind the project page shows (the full lists are on the work pages).
SUMMARY_LIMIT = 5
PAGE_SIZE = 30


def project_for_work(pk: int, viewer: Any) -> Project:
    """The project (404 if missing) with the viewer's membership remembered: two queries for
    a signed-in viewer, one for a visitor. Visibility is the views' rules' business."""
    project = get_object_or_404(Project.objects.select_related("organization"), pk=pk)
    membership_of(viewer, project)
    return project


def _with_skills(needs: QuerySet[Need]) -> QuerySet[Need]:
    return needs.prefetch_related(
        Prefetch("skills", queryset=NeedSkill.objects.order_by("skill"), to_attr="skill_list")
    )


def needs_of(project: Project) -> QuerySet[Need]:
    """All the project's needs, open ones first, with their skills and who filled them."""
    return _with_skills(
        Need.objects.filter(project_id=project.pk)
        .select_related("filled_by", "filled_by_organization")
        .order_by("status", "-created_at", "-id")
    )


def need_of(project: Project, need_id: int) -> Need:
    need = get_object_or_404(_with_skills(Need.objects.all()), pk=need_id, project_id=project.pk)
    need.project = project
    return need


def open_needs(
    *,
    kind: str | None = None,
    skills: Iterable[str] | None = None,
    municipality: Any = None,
) -> QuerySet[Need]:
    """Open needs (募集中 and 相談中) of visible projects, newest first, with their project
    and skills (``skill_list``) prefetched.

    ``kind``: a :class:`~kyoso.projects.models.NeedKind`; ``skills``: keys of
    :class:`kyoso.core.skills.Skill`, a need matches when it has any of them;
    ``municipality``: a Municipality or its code (a city also finds projects in its wards).
    """
    needs = Need.objects.filter(status__in=OPEN_STATUSES, project__hidden_at__isnull=True)
    if kind:
        needs = needs.filter(kind=kind)
    wanted = [s for s in (skills or ()) if s]
    if wanted:
        needs = needs.filter(
            Exists(NeedSkill.objects.filter(need_id=OuterRef("pk"), skill__in=wanted))
        )
    if municipality:
        code = getattr(municipality, "code", municipality)
        in_place = Project.municipalities.through.objects.filter(
            Q(municipality_id=code) | Q(municipality__parent_id=code),
            project_id=OuterRef("project_id"),
        )
        needs = needs.filter(Exists(in_place))
    return _with_skills(needs.select_related("project").order_by("-created_at", "-id"))


def trials_of(project: Project) -> QuerySet[Trial]:
    return Trial.objects.filter(project_id=project.pk).order_by("-starts_on", "-created_at", "-id")


def hearings_of(project: Project) -> QuerySet[Hearing]:
    return Hearing.objects.filter(project_id=project.pk).select_related(
        "heard_user", "heard_organization"
    )


def resources_of(project: Project) -> QuerySet[Resource]:
    return Resource.objects.filter(project_id=project.pk).select_related("user", "organization")


def updates_of(project: Project) -> QuerySet[Update]:
    return Update.objects.filter(project_id=project.pk).select_related("author")


def comments_of(project: Project) -> QuerySet[Comment]:
    return Comment.objects.filter(project_id=project.pk).select_related("author")


def page_of(queryset: QuerySet, number: Any) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(number)


def without_private_notes(hearings: Iterable[Hearing], project: Project, viewer: Any) -> list:
    """The hearings, their ``private_notes`` emptied unless the viewer may read them."""
    rows = list(hearings)
    if not check("projects.view_hearing_notes", viewer, project):
        for hearing in rows:
            hearing.private_notes = ""
    return rows


def candidates_of(project: Project) -> QuerySet[User]:
    """People a lead may name as having filled a need, or as heard: the project's active
    members and its followers."""
    return (
        User.objects.filter(
            Q(
                project_memberships__project_id=project.pk,
                project_memberships__status=MemberStatus.ACTIVE,
            )
            | Q(project_follows__project_id=project.pk),
            is_active=True,
            deleted_at__isnull=True,
        )
        .distinct()
        .order_by("display_name", "id")
    )


def work_summary(project: Project, viewer: Any) -> dict[str, Any]:
    """What the project page shows of the work, in a constant number of queries.

    Seven queries whatever the project holds (plus one each for a signed-in viewer's
    membership and roles when the page has not read them yet): 1 open needs, 2 their
    skills, 3 latest trials, 4 latest hearings with who was heard, 5 resources, 6 latest
    updates with their authors, 7 latest comments with their authors. Hearings carry
    ``private_notes`` only for those who may read them (active members and the secretariat).
    """
    membership_of(viewer, project)
    needs = list(
        _with_skills(
            Need.objects.filter(project_id=project.pk, status__in=OPEN_STATUSES).order_by(
                "-created_at", "-id"
            )
        )[:SUMMARY_LIMIT]
    )
    show_notes = check("projects.view_hearing_notes", viewer, project)
    hearings = list(hearings_of(project)[:SUMMARY_LIMIT])
    if not show_notes:
        for hearing in hearings:
            hearing.private_notes = ""
    comments = list(comments_of(project).order_by("-created_at", "-id")[:SUMMARY_LIMIT])
    comments.reverse()
    return {
        "project": project,
        "needs": needs,
        "trials": list(trials_of(project)[:SUMMARY_LIMIT]),
        "hearings": hearings,
        "show_notes": show_notes,
        "resources": list(resources_of(project)[: SUMMARY_LIMIT * 2]),
        "updates": list(updates_of(project)[:SUMMARY_LIMIT]),
        "comments": comments,
    }
