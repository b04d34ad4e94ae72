"""Read-side queries for organizations, their members, join requests and invitations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyoso.core.text import normalize_kana_reading, normalize_text
from kyoso.orgs.models import Invitation, JoinRequest, MemberRole, Membership, Organization
from kyoso.orgs.rules import PREFETCHED_MEMBERS

PAGE_SIZE = 20

ROLE_ORDER = Case(
    When(role=MemberRole.OWNER, then=Value(0)),
    When(role=MemberRole.ADMIN, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class OrganizationFilters:
    org_type: str = ""
    prefecture: str = ""
    verified: bool | None = None
    query: str = ""

    @property
    def active(self) -> bool:
        return bool(self.org_type or self.prefecture or self.query or self.verified is not None)


def text_match(query: str) -> Q:
    """Organizations whose name, reading or description contain the (normalized) words.

    Every whitespace-separated word must match somewhere. Readings are stored in katakana, so a
    hiragana or half-width query finds them too.
    """
    condition = Q()
    for word in normalize_text(query).split(" "):
        if not word:
            continue
        condition &= (
            Q(name__icontains=word)
            | Q(name_kana__icontains=normalize_kana_reading(word))
            | Q(description__icontains=word)
        )
    return condition


def organization_list(filters: OrganizationFilters | None = None) -> QuerySet[Organization]:
    filters = filters or OrganizationFilters()
    queryset = (
        Organization.objects.select_related("municipality__prefecture", "municipality__parent")
        .annotate(member_count=Count("memberships"))
        .order_by("name", "id")
    )
    if filters.org_type:
        queryset = queryset.filter(org_type=filters.org_type)
    if filters.prefecture:
        queryset = queryset.filter(municipality__prefecture_id=filters.prefecture)
    if filters.verified is True:
        queryset = queryset.filter(verified_at__isnull=False)
    elif filters.verified is False:
        queryset = queryset.filter(verified_at__isnull=True)
    if filters.query:
        queryset = queryset.filter(text_match(filters.query))
    return queryset


def organization_page(filters: OrganizationFilters, page_number: Any) -> Page:
    """One page of 20; a page number out of range or not a number gives the nearest page."""
    return Paginator(organization_list(filters), PAGE_SIZE).get_page(page_number)


def members_with_users() -> QuerySet[Membership]:
    return Membership.objects.select_related("user").order_by(ROLE_ORDER, "joined_at", "id")


def organization_detail(slug: str) -> Organization:
    """The organization with its region and its members (owners, then admins, then members).

    The members land in ``organization.ordered_members``, which the rules read instead of
    querying the role of the viewer once per rule.
    """
    queryset = Organization.objects.select_related(
        "municipality__prefecture", "municipality__parent", "verified_by"
    ).prefetch_related(
        Prefetch("memberships", queryset=members_with_users(), to_attr=PREFETCHED_MEMBERS)
    )
    return get_object_or_404(queryset, slug=slug)


def organization_by_slug(slug: str) -> Organization:
    return get_object_or_404(Organization, slug=slug)


def memberships_of_user(user: Any) -> QuerySet[Membership]:
    """The person's memberships with their organizations, most privileged role first."""
    return (
        Membership.objects.filter(user_id=user.pk)
        .select_related(
            "organization__municipality__prefecture", "organization__municipality__parent"
        )
        .order_by(ROLE_ORDER, "organization__name", "id")
    )


def pending_join_requests(organization: Organization) -> QuerySet[JoinRequest]:
    return (
        JoinRequest.objects.filter(organization=organization, status=JoinRequest.Status.PENDING)
        .select_related("user")
        .order_by("created_at", "id")
    )


def pending_invitations(organization: Organization) -> QuerySet[Invitation]:
    """Invitations not yet answered, expired ones included (the page marks them)."""
    return (
        Invitation.objects.filter(organization=organization, status=Invitation.Status.PENDING)
        .select_related("invited_by")
        .order_by("-created_at", "-id")
    )


def invitations_for_person(user: Any) -> QuerySet[Invitation]:
    """Open, unexpired invitations addressed to the person's email address."""
    return (
        Invitation.objects.filter(
            email__iexact=user.email,
            status=Invitation.Status.PENDING,
            expires_at__gt=timezone.now(),
        )
        .exclude(organization__memberships__user_id=user.pk)
        .select_related("organization", "invited_by")
        .order_by("-created_at", "-id")
    )


def pending_join_request_of(user: Any, organization: Organization) -> JoinRequest | None:
    if not user.is_authenticated:
        return None
    return JoinRequest.objects.filter(
        organization=organization, user_id=user.pk, status=JoinRequest.Status.PENDING
    ).first()


def sole_owned_organizations(user: Any) -> QuerySet[Organization]:
    """Organizations where the person is the only owner (they cannot leave Kyoso yet)."""
    owned = Membership.objects.filter(user_id=user.pk, role=MemberRole.OWNER).values(
        "organization_id"
    )
    return (
        Organization.objects.filter(pk__in=owned)
        .annotate(owners=Count("memberships", filter=Q(memberships__role=MemberRole.OWNER)))
        .filter(owners=1)
        .order_by("name", "id")
    )


def manager_ids(organization_id: int) -> list[int]:
    """The user ids of the organization's owners and admins (who answer for it)."""
    return sorted(
        Membership.objects.filter(
            organization_id=organization_id, role__in=[MemberRole.OWNER, MemberRole.ADMIN]
        ).values_list("user_id", flat=True)
    )


def member_kind_rows() -> Any:
    """``(user_id, organization kind)`` of every membership, the network's sectors of people
    who name none on their profile."""
    return Membership.objects.order_by("id").values_list("user_id", "organization__org_type")


def verified_organizations_for_matching(limit: int = 500) -> list[dict[str, Any]]:
    """The verified organizations' onboarding answers (kind, themes, skills, offers, place)
    for the matching app's "organizations for a need", newest verification first, one query."""
    rows: Any = (
        Organization.objects.filter(verified_at__isnull=False)
        .order_by("-verified_at", "-id")
        .values(
            "id",
            "slug",
            "name",
            "org_type",
            "theme_keys",
            "skill_keys",
            "offers",
            "municipality_id",
            "municipality__name",
        )[:limit]
    )
    return list(rows)
