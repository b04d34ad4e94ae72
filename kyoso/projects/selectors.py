"""Reads of the projects app (core): visibility, the list with keyset pagination, the project
page, members, invitations and requests. Every page reads a fixed number of queries whatever
the number of projects, members or stage changes; the tests assert the counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.fields.tuple_lookups import Tuple
from django.http import Http404

from kyoso.core import keyset
from kyoso.core.keyset import RowLessThan
from kyoso.projects.models import (
    STAGE_ORDER,
    Follow,
    MemberRole,
    Membership,
    MemberStatus,
    Project,
    ProjectPartner,
    ProjectTag,
    StageChange,
)
from kyoso.projects.rules import remember_membership
from kyoso.roles.selectors import is_secretariat

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_SEARCH_MATCHES = 5_000
#: Issues shown on a project's page, and projects shown on an issue's page.
MAX_LINKED = 50
CURSOR_TAG = "projects"

#: Role order on member lists: leads first.
ROLE_ORDER = {role: n for n, role in enumerate(MemberRole.values)}

_REGION = ("prefecture", "parent")


# --- Visibility ------------------------------------------------------------------------------


def visible_projects(viewer: Any) -> QuerySet[Project]:
    """Projects ``viewer`` may open: all but hidden ones, which their active members and the
    secretariat still see."""
    queryset = Project.objects.all()
    if is_secretariat(viewer):
        return queryset
    if viewer is not None and viewer.is_authenticated:
        own = Membership.objects.filter(
            project_id=OuterRef("pk"), user_id=viewer.pk, status=MemberStatus.ACTIVE
        )
        return queryset.filter(Q(hidden_at__isnull=True) | Q(Exists(own)))
    return queryset.filter(hidden_at__isnull=True)


def listed_projects(viewer: Any) -> QuerySet[Project]:
    """Projects shown in lists and on the map: never hidden ones."""
    return Project.objects.filter(hidden_at__isnull=True)


# --- The list --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectFilters:
    stage: str = ""
    theme: str = ""
    municipality: str = ""  # JIS code; a city also finds its wards
    needs_help: bool = False
    query: str = ""

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass
class ProjectPage:
    items: list[Project]
    next_cursor: str | None
    is_first: bool
    search_capped: bool = False


def _search_ids(query: str) -> tuple[list[int], bool]:
    from kyoso.search.services import matching_ids

    ids = matching_ids(query, type="projects", limit=MAX_SEARCH_MATCHES + 1)
    return list(ids[:MAX_SEARCH_MATCHES]), len(ids) > MAX_SEARCH_MATCHES


def filtered_projects(viewer: Any, filters: ProjectFilters) -> tuple[QuerySet[Project], bool]:
    queryset = listed_projects(viewer)
    if filters.stage:
        queryset = queryset.filter(stage=filters.stage)
    if filters.theme:
        queryset = queryset.filter(
            pk__in=ProjectTag.objects.filter(
                kind=ProjectTag.Kind.THEME, value=filters.theme
            ).values("project_id")
        )
    if filters.municipality:
        queryset = queryset.filter(
            pk__in=Project.municipalities.through.objects.filter(
                Q(municipality_id=filters.municipality)
                | Q(municipality__parent_id=filters.municipality)
            ).values("project_id")
        )
    if filters.needs_help:
        queryset = queryset.filter(open_need_count__gt=0)
    capped = False
    if filters.query:
        ids, capped = _search_ids(filters.query)
        queryset = queryset.filter(pk__in=ids)
    return queryset, capped


def list_columns(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """What a list row shows: organization, tags, municipalities (3 queries)."""
    from kyoso.regions.models import Municipality

    return queryset.select_related("organization").prefetch_related(
        Prefetch("tags", queryset=ProjectTag.objects.order_by("kind", "id")),
        Prefetch(
            "municipalities",
            queryset=Municipality.objects.select_related(*_REGION).order_by("code"),
        ),
    )


def project_page(
    viewer: Any, filters: ProjectFilters, *, after: str = "", page_size: int = PAGE_SIZE
) -> ProjectPage:
    """One page of projects, newest first (keyset on (created_at, id)).

    Raises CursorInvalid for a cursor that cannot be read; a cursor past the end gives an
    empty page."""
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    queryset, capped = filtered_projects(viewer, filters)
    if after:
        moment, pk = keyset.decode_cursor(CURSOR_TAG, after)
        queryset = queryset.filter(RowLessThan(Tuple(F("created_at"), F("id")), (moment, pk)))
    # The page's keys first, then its rows: sorting the keys of the projects a facet matches
    # reads only what the order needs (with 100 k projects, one theme of 17 and "needs help":
    # 25 ms for whole rows, 8 ms for the keys), and the rows are then read by primary key.
    keys = list(
        queryset.order_by("-created_at", "-id").values_list("pk", flat=True)[: page_size + 1]
    )
    rows = list(list_columns(Project.objects.filter(pk__in=keys)).order_by("-created_at", "-id"))
    has_more = len(rows) > page_size
    items = rows[:page_size]
    cursor = (
        keyset.encode_cursor(CURSOR_TAG, items[-1].created_at, items[-1].pk) if has_more else None
    )
    return ProjectPage(items=items, next_cursor=cursor, is_first=not after, search_capped=capped)


# --- The project page ------------------------------------------------------------------------


def _active_members() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(status=MemberStatus.ACTIVE)
        .select_related("user")
        .order_by("joined_at", "id"),
        to_attr="active_memberships",
    )


def with_viewer(queryset: QuerySet[Project], viewer: Any) -> QuerySet[Project]:
    if viewer is None or not viewer.is_authenticated:
        return queryset.annotate(viewer_follows=Value(False))
    return queryset.annotate(
        viewer_follows=Exists(Follow.objects.filter(project_id=OuterRef("pk"), user_id=viewer.pk))
    )


def _remember_viewer(project: Project, viewer: Any) -> Project:
    if viewer is not None and viewer.is_authenticated:
        remember_membership(
            project,
            viewer,
            Membership.objects.filter(project_id=project.pk, user_id=viewer.pk).first(),
        )
    return project


def project_for_viewer(pk: int, viewer: Any) -> Project:
    """The project for an action (2 queries with the viewer's membership); 404 when the viewer
    may not see it."""
    project = with_viewer(visible_projects(viewer), viewer).filter(pk=pk).first()
    if project is None:
        raise Http404
    return _remember_viewer(project, viewer)


def partners_of(project: Project) -> list[ProjectPartner]:
    """The project's partner organizations, oldest first (one query)."""
    return list(
        ProjectPartner.objects.filter(project_id=project.pk)
        .select_related("organization")
        .order_by("id")
    )


def project_detail(pk: int, viewer: Any) -> Project:
    """The project with everything its page shows; 404 when the viewer may not see it.

    1. the project with its organization, origin event and pitch, and whether the viewer
       follows it  2. its tags  3. its municipalities  4. its stage history with who moved it
    5. its active members with their accounts  6. the issues it addresses that the viewer may
    see  (+1: the viewer's membership, when signed in)
    """
    from kyoso.issues.selectors import visible_issues
    from kyoso.regions.models import Municipality

    queryset = with_viewer(
        visible_projects(viewer)
        .select_related("organization", "origin_event", "origin_pitch")
        .prefetch_related(
            Prefetch("tags", queryset=ProjectTag.objects.order_by("kind", "id")),
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.select_related(*_REGION).order_by("code"),
            ),
            Prefetch(
                "stage_changes",
                queryset=StageChange.objects.select_related("actor").order_by("at", "id"),
            ),
            _active_members(),
            Prefetch(
                "issues",
                queryset=visible_issues(viewer)
                .filter(hidden_at__isnull=True)
                .order_by("-created_at", "-id"),
                to_attr="visible_issues",
            ),
        ),
        viewer,
    )
    project = queryset.filter(pk=pk).first()
    if project is None:
        raise Http404
    return _remember_viewer(project, viewer)


def members_sorted(memberships: list[Membership]) -> list[Membership]:
    """Leads first, then members, advisors, supporters; each by joining order."""
    return sorted(memberships, key=lambda m: (ROLE_ORDER.get(m.role, 9), m.joined_at, m.pk))


def members_of(project: Project) -> list[Membership]:
    prefetched = getattr(project, "active_memberships", None)
    if prefetched is None:
        prefetched = list(
            Membership.objects.filter(project_id=project.pk, status=MemberStatus.ACTIVE)
            .select_related("user")
            .order_by("joined_at", "id")
        )
    return members_sorted(prefetched)


def open_memberships(project: Project) -> dict[str, list[Membership]]:
    """Invitations and requests waiting for an answer, oldest first (1 query)."""
    rows = list(
        Membership.objects.filter(project_id=project.pk)
        .exclude(status=MemberStatus.ACTIVE)
        .select_related("user", "invited_by")
        .order_by("created_at", "id")
    )
    return {
        "invitations": [m for m in rows if m.status == MemberStatus.INVITED],
        "requests": [m for m in rows if m.status == MemberStatus.REQUESTED],
    }


def membership_in(project: Project, membership_id: int) -> Membership:
    membership = (
        Membership.objects.select_related("user")
        .filter(pk=membership_id, project_id=project.pk)
        .first()
    )
    if membership is None:
        raise Http404
    membership.project = project
    return membership


def stage_history(project: Project) -> QuerySet[StageChange]:
    return (
        StageChange.objects.filter(project_id=project.pk)
        .select_related("actor")
        .order_by("at", "id")
    )


def project_audience(project: Project) -> QuerySet:
    """People told about the project's moves: followers and active members (only members while
    it is hidden)."""
    from kyoso.accounts.models import User

    members = Q(
        pk__in=Membership.objects.filter(project_id=project.pk, status=MemberStatus.ACTIVE).values(
            "user_id"
        )
    )
    if project.hidden_at is not None:
        return User.objects.filter(members)
    followers = Q(pk__in=Follow.objects.filter(project_id=project.pk).values("user_id"))
    return User.objects.filter(members | followers)


def projects_of_issue(issue: Any, viewer: Any) -> list[Project]:
    """The listed projects addressing ``issue`` (for the issue's page, 1 query)."""
    return list(
        listed_projects(viewer).filter(issues=issue).order_by("-created_at", "-id")[:MAX_LINKED]
    )


def project_from_pitch(pitch_id: int) -> Project | None:
    return Project.objects.filter(origin_pitch_id=pitch_id).first()


def managed_organizations(user: Any) -> QuerySet:
    """Organizations the person owns or administers: they may run a project as these."""
    from kyoso.orgs.models import Organization
    from kyoso.orgs.rules import MANAGER_ROLES

    if user is None or not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        memberships__user_id=user.pk, memberships__role__in=MANAGER_ROLES
    ).order_by("name", "id")


def sole_led_projects(user: Any) -> QuerySet[Project]:
    """Projects where ``user`` is the only active lead and others are members too (they block
    deleting the account)."""
    active = Membership.objects.filter(status=MemberStatus.ACTIVE)
    led = active.filter(user_id=user.pk, role=MemberRole.LEAD).values("project_id")
    other_leads = active.filter(project_id__in=led, role=MemberRole.LEAD).exclude(user_id=user.pk)
    others = active.filter(project_id__in=led).exclude(user_id=user.pk)
    return (
        Project.objects.filter(pk__in=led)
        .exclude(pk__in=other_leads.values("project_id"))
        .filter(pk__in=others.values("project_id"))
        .order_by("title", "id")
    )


def stage_index(stage: str) -> int:
    return STAGE_ORDER.index(stage) if stage in STAGE_ORDER else -1


def member_rows() -> QuerySet:
    """``(project_id, user_id, joined)`` of every active membership, ordered by project: the
    collaboration network's shared-project ties."""
    from django.db.models.functions import Coalesce

    from kyoso.projects.models import Membership, MemberStatus

    return (
        Membership.objects.filter(status=MemberStatus.ACTIVE)
        .order_by("project_id", "user_id")
        .values_list("project_id", "user_id", Coalesce("joined_at", "created_at"))
    )


def member_project_themes(user_ids: list[int]) -> dict[int, tuple[list[int], list[str]]]:
    """For each person: the visible projects they are an active member of and those
    projects' theme keys (one query), for the matching app's "similar past work"."""
    rows = (
        Membership.objects.filter(
            user_id__in=user_ids, status=MemberStatus.ACTIVE, project__hidden_at__isnull=True
        )
        .values_list("user_id", "project_id", "project__tags__kind", "project__tags__value")
        .order_by("user_id", "project_id")
    )
    projects: dict[int, set[int]] = {}
    themes: dict[int, set[str]] = {}
    for user_id, project_id, kind, value in rows:
        projects.setdefault(user_id, set()).add(project_id)
        if kind == ProjectTag.Kind.THEME:
            themes.setdefault(user_id, set()).add(value)
    return {
        user_id: (sorted(ids), sorted(themes.get(user_id, ()))) for user_id, ids in projects.items()
    }


# --- What other apps ask about projects (events: projects an event is held for) ---------------


def projects_acted_for(user: Any) -> QuerySet[Project]:
    """Projects ``user`` may act for (hold an event for): those they lead actively, by title
    (one query). The secretariat may act for any project (``projects.change_project``), but
    is offered only those it leads, plus whatever the event already names."""
    if user is None or not user.is_authenticated:
        return Project.objects.none()
    led = Membership.objects.filter(
        user_id=user.pk, status=MemberStatus.ACTIVE, role=MemberRole.LEAD
    ).values("project_id")
    return Project.objects.filter(pk__in=led).order_by("title", "id")


def listed_project(project_id: int | None) -> Project | None:
    """The project if it is listed (not hidden), else None (one query)."""
    if project_id is None:
        return None
    return listed_projects(None).filter(pk=project_id).first()


def follower_ids(project_id: int) -> QuerySet:
    """The ids of the people following the project (a subquery-ready values queryset)."""
    return Follow.objects.filter(project_id=project_id).values_list("user_id", flat=True)
