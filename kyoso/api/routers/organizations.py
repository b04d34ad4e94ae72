"""Organizations: list with filters, detail with members (names and roles only), create."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from kyoso.api import auth, messages
from kyoso.api.errors import ApiError
from kyoso.api.forms import cleaned_data_or_422, form_data
from kyoso.api.permissions import acting_user, rule
from kyoso.api.routers.regions import prefecture_code
from kyoso.core.text import normalize_text
from kyoso.orgs import selectors, services
from kyoso.orgs.forms import OrganizationForm
from kyoso.orgs.models import MemberRole, Organization, OrganizationType
from kyoso.orgs.rules import PREFETCHED_MEMBERS

router = Router(tags=["organizations"])

#: The organization types, listed as an enum in the OpenAPI document.
TYPE_ENUM: dict[str, Any] = {"enum": list(OrganizationType.values)}
#: API field → form field where the names differ.
FORM_FIELDS = {"type": "org_type"}
API_FIELDS = {form: api for api, form in FORM_FIELDS.items()}


class MunicipalityBriefOut(Schema):
    code: str
    name: str = Field(description="Full name with prefecture, e.g. 宮城県仙台市青葉区")

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.full_name


class OrganizationOut(Schema):
    slug: str
    name: str
    name_kana: str
    type: str = Field(json_schema_extra=TYPE_ENUM)
    type_label: str
    municipality: MunicipalityBriefOut | None
    prefecture: str | None = Field(description="Prefecture code of the municipality")
    verified: bool
    member_count: int
    created_at: datetime

    @staticmethod
    def resolve_type(obj) -> str:
        return obj.org_type

    @staticmethod
    def resolve_type_label(obj) -> str:
        return str(obj.get_org_type_display())

    @staticmethod
    def resolve_prefecture(obj) -> str | None:
        return obj.municipality.prefecture_id if obj.municipality_id else None

    @staticmethod
    def resolve_verified(obj) -> bool:
        return obj.is_verified

    @staticmethod
    def resolve_member_count(obj) -> int:
        members = getattr(obj, PREFETCHED_MEMBERS, None)
        return len(members) if members is not None else obj.member_count


class MemberOut(Schema):
    """A member as anyone may see them: the public name and the role, never an email."""

    display_name: str
    role: str
    role_label: str

    @staticmethod
    def resolve_display_name(obj) -> str:
        return obj.user.public_name

    @staticmethod
    def resolve_role_label(obj) -> str:
        return str(MemberRole(obj.role).label)


class OrganizationDetailOut(OrganizationOut):
    description: str
    website: str
    contact_email: str = Field(description="The organization's public contact address")
    verified_at: datetime | None
    members: list[MemberOut] = Field(description="Owners, then admins, then members")

    @staticmethod
    def resolve_members(obj) -> list:
        return getattr(obj, PREFETCHED_MEMBERS)


class OrganizationFilter(Schema):
    type: str | None = Field(None, json_schema_extra=TYPE_ENUM)
    prefecture: str | None = Field(None, description="Prefecture code, e.g. 04")
    verified: bool | None = None
    q: str | None = Field(None, max_length=100, description="Words in name, reading or text")

    @field_validator("type")
    @classmethod
    def _type(cls, value: str | None) -> str | None:
        if value and value not in OrganizationType.values:
            raise PydanticCustomError(
                "kyoso_choice",
                str(messages.FIELD_CHOICE % {"choices": ", ".join(OrganizationType.values)}),
            )
        return value or None

    @field_validator("prefecture")
    @classmethod
    def _prefecture(cls, value: str | None) -> str | None:
        return prefecture_code(value)

    @field_validator("q")
    @classmethod
    def _q(cls, value: str | None) -> str | None:
        return normalize_text(value) if value else None

    def as_selector_filters(self) -> selectors.OrganizationFilters:
        return selectors.OrganizationFilters(
            org_type=self.type or "",
            prefecture=self.prefecture or "",
            verified=self.verified,
            query=self.q or "",
        )


class OrganizationIn(Schema):
    """Validated by the organization form of the web pages."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=1000)
    name_kana: str | None = Field(None, max_length=1000, description="Katakana reading")
    type: str = Field(max_length=50, json_schema_extra=TYPE_ENUM)
    municipality: str | None = Field(
        None, max_length=20, description="Municipality code: 5 digits or 6 with check digit"
    )
    description: str | None = Field(None, max_length=20000)
    website: str | None = Field(None, max_length=1000)
    contact_email: str | None = Field(None, max_length=1000)


def _organization_from_path(request: HttpRequest, slug: str, **kwargs) -> Organization:
    return selectors.organization_detail(slug)


def _email_unverified(request: HttpRequest, obj) -> ApiError | None:
    user = acting_user(request)
    if user.is_authenticated and user.is_active and not user.is_email_verified:
        return ApiError(403, "email_verification_required", messages.EMAIL_VERIFICATION_REQUIRED)
    return None


@router.get(
    "/organizations",
    response=list[OrganizationOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Organizations",
)
@paginate
@rule("orgs.view_organization")
def organization_list(request: HttpRequest, filters: Query[OrganizationFilter]):
    """By name. Filters: ``type``, ``prefecture`` (code), ``verified`` (true/false), ``q``."""
    return selectors.organization_list(filters.as_selector_filters())


@router.get(
    "/organizations/{slug}",
    response=OrganizationDetailOut,
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="One organization with its members",
)
@rule("orgs.view_organization", get_object=_organization_from_path)
def organization_detail(request: HttpRequest, slug: str, obj: Organization):
    return obj


@router.post(
    "/organizations",
    response={201: OrganizationDetailOut},
    summary="Register an organization",
)
@rule("orgs.add_organization", refusal=_email_unverified)
def organization_create(request: HttpRequest, payload: OrganizationIn):
    """Needs the write scope and a verified email address; the caller becomes its owner."""
    values = payload.model_dump()
    data = form_data({FORM_FIELDS.get(key, key): value for key, value in values.items()})
    cleaned = cleaned_data_or_422(OrganizationForm(data=data), API_FIELDS)
    organization = services.organization_create(
        actor=acting_user(request), data=cleaned, request=request
    )
    return Status(201, selectors.organization_detail(organization.slug))
