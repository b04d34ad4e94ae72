"""Co-creation communities (共創コミュニティ): list, detail, and joining or leaving as the caller.

The same rules, selectors and services as the community pages. Member lists are not in the
API (only the leaders' public names and the member count, as on the public page).
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from kyoso.api import auth
from kyoso.api import messages as api_messages
from kyoso.api.errors import ApiError
from kyoso.api.filters import choice_or_none, municipality_code_or_none
from kyoso.api.permissions import acting_user, rule
from kyoso.api.routers.organizations import MunicipalityBriefOut
from kyoso.communities import selectors
from kyoso.communities.models import Community
from kyoso.communities.rules import VIEWER_MEMBERSHIP, membership_of
from kyoso.communities.services import membership as membership_services
from kyoso.communities.services.common import CommunityError
from kyoso.issues.vocab import Theme

router = Router(tags=["communities"])

THEME_ENUM: dict[str, Any] = {"enum": list(Theme.values)}
#: Attribute where the detail keeps the upcoming events it loaded.
UPCOMING = "api_upcoming_events"


class CommunityOut(Schema):
    slug: str
    name: str
    theme: str = Field(json_schema_extra=THEME_ENUM)
    theme_label: str
    join_policy: str = Field(json_schema_extra={"enum": ["open", "approval"]})
    municipality: MunicipalityBriefOut | None
    member_count: int
    url: str

    @staticmethod
    def resolve_theme_label(obj) -> str:
        return str(obj.get_theme_display())

    @staticmethod
    def resolve_url(obj) -> str:
        from django.urls import reverse

        return reverse("communities:detail", args=[obj.slug])


class LeaderOut(Schema):
    display_name: str


class EventBriefOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime


class MembershipOut(Schema):
    role: str
    status: str = Field(description="active, or pending while the leaders decide")
    messages_opted_out: bool


class CommunityDetailOut(CommunityOut):
    description: str
    created_at: datetime
    leaders: list[LeaderOut]
    upcoming_events: list[EventBriefOut]
    membership: MembershipOut | None = Field(description="The caller's membership, if any")

    @staticmethod
    def resolve_leaders(obj) -> list[dict[str, str]]:
        return [{"display_name": m.user.public_name} for m in selectors.leaders_of(obj)]

    @staticmethod
    def resolve_upcoming_events(obj) -> list[Any]:
        return getattr(obj, UPCOMING)

    @staticmethod
    def resolve_membership(obj) -> Any:
        return getattr(obj, VIEWER_MEMBERSHIP, None)


class CommunityFilter(Schema):
    theme: str | None = Field(None, json_schema_extra=THEME_ENUM)
    municipality: str | None = Field(
        None, max_length=6, description="Municipality code (a city also finds its wards)"
    )

    @field_validator("theme")
    @classmethod
    def _theme(cls, value: str | None) -> str | None:
        return choice_or_none(value, list(Theme.values))

    @field_validator("municipality")
    @classmethod
    def _municipality(cls, value: str | None) -> str | None:
        return municipality_code_or_none(value)


class JoinIn(Schema):
    message: str = Field("", max_length=1000, description="For the leaders (approval only)")


def _detail(community: Community, viewer: Any) -> Community:
    """The community with what the detail schema reads: upcoming events, the caller's
    membership (kept by the rules' helper)."""
    setattr(community, UPCOMING, selectors.upcoming_events(community))
    if viewer.is_authenticated:
        membership_of(viewer, community)
    return community


def _community(request: HttpRequest, slug: str, **kwargs: Any) -> Community:
    return selectors.community_detail(slug, acting_user(request))


def _join_refusal(request: HttpRequest, community: Community) -> ApiError | None:
    user = acting_user(request)
    if user.is_authenticated and user.is_active and not user.is_email_verified:
        return ApiError(
            403, "email_verification_required", api_messages.EMAIL_VERIFICATION_REQUIRED
        )
    if membership_of(user, community) is not None:
        return ApiError(409, "already_member", _already(request, community))
    return None


def _already(request: HttpRequest, community: Community) -> str:
    from kyoso.communities import messages

    membership = membership_of(acting_user(request), community)
    pending = membership is not None and membership.status == "pending"
    return str(messages.ALREADY_REQUESTED if pending else messages.ALREADY_MEMBER)


@router.get(
    "/communities",
    response=list[CommunityOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Communities",
)
@paginate
@rule("core.public")
def community_list(request: HttpRequest, filters: Query[CommunityFilter]):
    """By name. Filters: ``theme``, ``municipality`` (code)."""
    return selectors.community_list(
        selectors.CommunityFilters(
            theme=filters.theme or "", municipality=filters.municipality or ""
        )
    )


@router.get(
    "/communities/{slug}",
    response=CommunityDetailOut,
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="One community with its leaders and upcoming events",
)
@rule("communities.view_community", get_object=_community)
def community_detail(request: HttpRequest, slug: str, obj: Community):
    return _detail(obj, acting_user(request))


@router.post(
    "/communities/{slug}/membership",
    response={200: CommunityDetailOut},
    summary="Join (or ask to join) a community",
)
@rule("communities.join_community", get_object=_community, refusal=_join_refusal)
def community_join(request: HttpRequest, slug: str, payload: JoinIn, obj: Community):
    """An open community: the caller is a member at once. One that needs approval: the
    request waits for the leaders (``membership.status`` is ``pending``)."""
    try:
        membership_services.membership_join(
            actor=acting_user(request), community=obj, message=payload.message
        )
    except CommunityError as error:
        raise ApiError(409, "already_member", error.message) from None
    return _detail(selectors.community_detail(slug, acting_user(request)), acting_user(request))


@router.delete(
    "/communities/{slug}/membership",
    response={200: CommunityDetailOut},
    summary="Leave a community (or withdraw a request)",
)
@rule("communities.leave_community", get_object=_community)
def community_leave(request: HttpRequest, slug: str, obj: Community):
    """The last leader cannot leave (409 ``last_leader``): appoint another leader first."""
    try:
        membership_services.membership_leave(actor=acting_user(request), community=obj)
    except CommunityError as error:
        raise ApiError(409, "last_leader", error.message) from None
    return _detail(selectors.community_detail(slug, acting_user(request)), acting_user(request))
