"""Projects (Residence Lab): list, detail, start and edit, members (list; ask to join), stage
(history; move), and the projects with a point as GeoJSON for the map.

The same rules, forms, selectors and services as the project pages; input is validated by the
page's form, so the API accepts exactly what the pages accept.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from kyoso.api import auth
from kyoso.api import messages as api_messages
from kyoso.api.errors import ApiError
from kyoso.api.filters import choice_or_none, municipality_code_or_none
from kyoso.api.forms import cleaned_data_or_422
from kyoso.api.permissions import acting_user, rule
from kyoso.api.routers.issues.geojson import GEOJSON_MAX_FEATURES, parse_bbox
from kyoso.api.routers.issues.schemas import form_input
from kyoso.api.routers.organizations import MunicipalityBriefOut
from kyoso.core.markdown import render_markdown
from kyoso.core.policy import check
from kyoso.issues.vocab import Theme
from kyoso.projects import messages, selectors
from kyoso.projects.forms import ProjectForm, StageForm
from kyoso.projects.models import (
    BODY_MAX,
    MemberRole,
    MemberStatus,
    Origin,
    Outcome,
    Project,
    ProjectTag,
    Stage,
)
from kyoso.projects.rules import VIEWER_MEMBERSHIP, membership_of
from kyoso.projects.services import membership as membership_services
from kyoso.projects.services import projects as project_services
from kyoso.projects.services import stages as stage_services
from kyoso.projects.services.common import ProjectError

router = Router(tags=["projects"])

STAGE_ENUM: dict[str, Any] = {"enum": list(Stage.values)}
THEME_ENUM: dict[str, Any] = {"enum": list(Theme.values)}


# --- Output ----------------------------------------------------------------------------------


class ProjectPersonOut(Schema):
    display_name: str


class ProjectOrganizationBriefOut(Schema):
    slug: str
    name: str


class ProjectPointOut(Schema):
    latitude: float
    longitude: float


def _tags(project: Project, kind: str) -> list[str]:
    return [tag.value for tag in project.tags.all() if tag.kind == kind]


class ProjectOut(Schema):
    id: int
    title: str
    goal: str
    stage: str = Field(json_schema_extra=STAGE_ENUM)
    stage_label: str
    outcome: str | None = Field(description="How an ended project ended")
    origin: str = Field(json_schema_extra={"enum": list(Origin.values)})
    themes: list[str]
    sdgs: list[str]
    targets: list[str]
    walls: list[str]
    municipalities: list[MunicipalityBriefOut]
    point: ProjectPointOut | None
    organization: ProjectOrganizationBriefOut | None
    member_count: int
    follower_count: int
    open_need_count: int
    created_at: datetime
    url: str

    @staticmethod
    def resolve_stage_label(obj: Project) -> str:
        return str(Stage(obj.stage).label)

    @staticmethod
    def resolve_outcome(obj: Project) -> str | None:
        return obj.outcome or None

    @staticmethod
    def resolve_themes(obj: Project) -> list[str]:
        return _tags(obj, ProjectTag.Kind.THEME)

    @staticmethod
    def resolve_sdgs(obj: Project) -> list[str]:
        return _tags(obj, ProjectTag.Kind.SDG)

    @staticmethod
    def resolve_targets(obj: Project) -> list[str]:
        return _tags(obj, ProjectTag.Kind.TARGET)

    @staticmethod
    def resolve_walls(obj: Project) -> list[str]:
        return _tags(obj, ProjectTag.Kind.WALL)

    @staticmethod
    def resolve_municipalities(obj: Project) -> list[Any]:
        return list(obj.municipalities.all())

    @staticmethod
    def resolve_point(obj: Project) -> dict[str, float] | None:
        if obj.latitude is None or obj.longitude is None:
            return None
        return {"latitude": float(obj.latitude), "longitude": float(obj.longitude)}

    @staticmethod
    def resolve_url(obj: Project) -> str:
        return reverse("projects:detail", args=[obj.pk])


class ProjectStageChangeOut(Schema):
    from_stage: str | None
    to_stage: str
    to_stage_label: str
    outcome: str | None
    reason: str
    at: datetime
    actor: ProjectPersonOut | None


def _change_out(change: Any) -> dict[str, Any]:
    return {
        "from_stage": change.from_stage or None,
        "to_stage": change.to_stage,
        "to_stage_label": str(Stage(change.to_stage).label),
        "outcome": change.outcome or None,
        "reason": change.reason,
        "at": change.at,
        "actor": {"display_name": change.actor.public_name} if change.actor else None,
    }


class ProjectMemberOut(Schema):
    display_name: str
    role: str = Field(json_schema_extra={"enum": list(MemberRole.values)})
    role_label: str
    joined_at: datetime | None


def _member_out(membership: Any) -> dict[str, Any]:
    return {
        "display_name": membership.user.public_name,
        "role": membership.role,
        "role_label": str(MemberRole(membership.role).label),
        "joined_at": membership.joined_at,
    }


class IssueBriefOut(Schema):
    id: int
    title: str
    stage: str


class ProjectMembershipOut(Schema):
    role: str
    status: str = Field(description="active, invited, or requested while the leads decide")


class ProjectViewerOut(Schema):
    follows: bool
    membership: ProjectMembershipOut | None
    can_edit: bool
    can_change_stage: bool
    can_join: bool


class ProjectDetailOut(ProjectOut):
    body: str = Field(description="Markdown as written")
    body_html: str
    lesson: str
    hidden: bool
    origin_issue: int | None
    origin_event: int | None
    origin_pitch: int | None
    issues: list[IssueBriefOut]
    members: list[ProjectMemberOut]
    stage_history: list[ProjectStageChangeOut]
    updated_at: datetime
    viewer: ProjectViewerOut

    @staticmethod
    def resolve_body_html(obj: Project) -> str:
        return str(render_markdown(obj.body))

    @staticmethod
    def resolve_hidden(obj: Project) -> bool:
        return obj.hidden_at is not None

    @staticmethod
    def resolve_origin_issue(obj: Project) -> int | None:
        return obj.origin_issue_id

    @staticmethod
    def resolve_origin_event(obj: Project) -> int | None:
        return obj.origin_event_id

    @staticmethod
    def resolve_origin_pitch(obj: Project) -> int | None:
        return obj.origin_pitch_id

    @staticmethod
    def resolve_issues(obj: Project) -> list[Any]:
        return list(getattr(obj, "visible_issues", []))

    @staticmethod
    def resolve_members(obj: Project) -> list[dict[str, Any]]:
        return [_member_out(m) for m in selectors.members_of(obj)]

    @staticmethod
    def resolve_stage_history(obj: Project) -> list[dict[str, Any]]:
        return [_change_out(change) for change in obj.stage_changes.all()]

    @staticmethod
    def resolve_viewer(obj: Project, context: Any) -> dict[str, Any]:
        request = (context or {}).get("request")
        viewer = acting_user(request) if request is not None else None
        membership = getattr(obj, VIEWER_MEMBERSHIP, None)
        return {
            "follows": bool(getattr(obj, "viewer_follows", False)),
            "membership": (
                {"role": membership.role, "status": membership.status} if membership else None
            ),
            "can_edit": check("projects.change_project", viewer, obj),
            "can_change_stage": check("projects.change_stage", viewer, obj),
            "can_join": check("projects.join_project", viewer, obj),
        }


# --- Input -----------------------------------------------------------------------------------


class ProjectIn(Schema):
    """Validated by the project form of the web pages (the same rules and messages). At most
    one of ``from_issue``, ``from_minutes`` (an event id) and ``from_pitch``."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field("", max_length=1000, description="At most 120 characters")
    goal: str = Field("", max_length=1000, description="One sentence, at most 200 characters")
    body: str = Field("", max_length=BODY_MAX * 2, description="Markdown")
    themes: list[str] = Field(default_factory=list, max_length=50)
    sdgs: list[str] = Field(default_factory=list, max_length=50)
    targets: list[str] = Field(default_factory=list, max_length=50)
    walls: list[str] = Field(default_factory=list, max_length=50)
    municipalities: list[str] = Field(
        default_factory=list, max_length=50, description="Municipality codes (5 digits)"
    )
    latitude: float | None = None
    longitude: float | None = None
    organization: str | None = Field(
        None, max_length=200, description="Slug of an organization you own or administer"
    )
    issues: list[int] = Field(default_factory=list, max_length=50, description="Issue ids")
    from_issue: int | None = Field(None, ge=1)
    from_minutes: int | None = Field(None, ge=1, description="The event whose minutes")
    from_pitch: int | None = Field(None, ge=1)


class ProjectPatchIn(Schema):
    """Only the fields sent change; the whole result is validated by the project form."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, max_length=1000)
    goal: str | None = Field(None, max_length=1000)
    body: str | None = Field(None, max_length=BODY_MAX * 2)
    themes: list[str] | None = Field(None, max_length=50)
    sdgs: list[str] | None = Field(None, max_length=50)
    targets: list[str] | None = Field(None, max_length=50)
    walls: list[str] | None = Field(None, max_length=50)
    municipalities: list[str] | None = Field(None, max_length=50)
    latitude: float | None = None
    longitude: float | None = None
    organization: str | None = Field(None, max_length=200)
    issues: list[int] | None = Field(None, max_length=50)


class ProjectStageIn(Schema):
    model_config = ConfigDict(extra="forbid")

    to_stage: str = Field(json_schema_extra=STAGE_ENUM)
    reason: str = Field("", max_length=10_000, description="Required for a move backwards")
    outcome: str = Field(
        "", json_schema_extra={"enum": ["", *Outcome.values]}, description="When ending"
    )
    lesson: str = Field("", max_length=20_000)


class ProjectJoinIn(Schema):
    message: str = Field("", max_length=1000, description="For the leads")


class ProjectFilter(Schema):
    stage: str | None = Field(None, json_schema_extra=STAGE_ENUM)
    theme: str | None = Field(None, json_schema_extra=THEME_ENUM)
    municipality: str | None = Field(None, max_length=6, description="Municipality code")
    needs_help: bool = Field(False, description="Only projects with open needs")
    q: str | None = Field(None, max_length=200, description="Search words")

    @field_validator("stage")
    @classmethod
    def _stage(cls, value: str | None) -> str | None:
        if value and value not in Stage.values:
            raise PydanticCustomError(
                "kyoso_choice",
                str(api_messages.FIELD_CHOICE % {"choices": ", ".join(Stage.values)}),
            )
        return value or None

    @field_validator("theme")
    @classmethod
    def _theme(cls, value: str | None) -> str | None:
        return choice_or_none(value, list(Theme.values))

    @field_validator("municipality")
    @classmethod
    def _municipality(cls, value: str | None) -> str | None:
        return municipality_code_or_none(value)

    def as_filters(self) -> selectors.ProjectFilters:
        return selectors.ProjectFilters(
            stage=self.stage or "",
            theme=self.theme or "",
            municipality=self.municipality or "",
            needs_help=self.needs_help,
            query=" ".join((self.q or "").split()),
        )


class BBoxFilter(ProjectFilter):
    bbox: str | None = Field(None, description="minLon,minLat,maxLon,maxLat (WGS 84)")

    @field_validator("bbox")
    @classmethod
    def _bbox(cls, value: str | None) -> str | None:
        if value is None or value.strip() == "":
            return None
        parse_bbox(value)
        return value


# --- Helpers ---------------------------------------------------------------------------------


def _refusal(error: ProjectError, code: str = "invalid") -> ApiError:
    return ApiError(
        422,
        "validation_error",
        api_messages.VALIDATION_FAILED,
        details=[{"field": "", "location": "body", "code": code, "message": str(error.message)}],
    )


def _form_values(values: dict[str, Any], user: Any) -> dict[str, Any]:
    values = dict(values)
    slug = values.pop("organization", None)
    if slug:
        organization = selectors.managed_organizations(user).filter(slug=slug).first()
        values["organization"] = organization.pk if organization is not None else slug
    values["issues"] = ", ".join(str(pk) for pk in values.get("issues") or [])
    for key in ("latitude", "longitude"):
        if values.get(key) is not None:
            values[key] = str(Decimal(str(values[key])))
    return values


def _project_page(request: HttpRequest, project_id: int, **kwargs: Any) -> Project:
    return selectors.project_detail(project_id, acting_user(request))


def _project(request: HttpRequest, project_id: int, **kwargs: Any) -> Project:
    return selectors.project_for_viewer(project_id, acting_user(request))


def _email_unverified(request: HttpRequest, obj: Any) -> ApiError | None:
    user = acting_user(request)
    if user.is_authenticated and user.is_active and not user.is_email_verified:
        return ApiError(
            403, "email_verification_required", api_messages.EMAIL_VERIFICATION_REQUIRED
        )
    return None


def _join_refusal(request: HttpRequest, project: Project) -> ApiError | None:
    unverified = _email_unverified(request, project)
    if unverified is not None:
        return unverified
    membership = membership_of(acting_user(request), project)
    if membership is not None:
        text = {
            MemberStatus.ACTIVE: messages.ALREADY_MEMBER,
            MemberStatus.INVITED: messages.ALREADY_INVITED,
            MemberStatus.REQUESTED: messages.ALREADY_REQUESTED,
        }[MemberStatus(membership.status)]
        return ApiError(409, "already_member", text)
    return None


def _source(user: Any, payload: ProjectIn) -> tuple[str, Any]:
    from django.http import Http404

    chosen = [
        (key, value)
        for key, value in (
            ("issue", payload.from_issue),
            ("minutes", payload.from_minutes),
            ("pitch", payload.from_pitch),
        )
        if value is not None
    ]
    if len(chosen) > 1:
        raise ApiError(
            422,
            "validation_error",
            api_messages.VALIDATION_FAILED,
            details=[
                {
                    "field": "from_issue",
                    "location": "body",
                    "code": "invalid",
                    "message": str(api_messages.FIELD_INVALID),
                }
            ],
        )
    if not chosen:
        return Origin.SCRATCH, None
    key, pk = chosen[0]
    try:
        if key == "issue":
            from kyoso.issues.selectors import issue_for_viewer

            return Origin.ISSUE, issue_for_viewer(pk, user)
        if key == "minutes":
            from kyoso.events.selectors_followup import event_for_minutes

            return Origin.MINUTES, event_for_minutes(pk)
        from kyoso.events.selectors_ideas import pitch_with_team

        return Origin.PITCH, pitch_with_team(pk)
    except Http404:
        raise ApiError(404, "not_found", api_messages.NOT_FOUND) from None


# --- Projects --------------------------------------------------------------------------------


@router.get(
    "/projects",
    response=list[ProjectOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Projects",
)
@paginate
@rule("core.public")
def project_list(request: HttpRequest, filters: Query[ProjectFilter]):
    """Newest first. Filters: ``stage``, ``theme``, ``municipality`` (a city also finds its
    wards), ``needs_help`` (open needs), ``q`` (search words). Hidden projects are never
    listed."""
    queryset, _capped = selectors.filtered_projects(acting_user(request), filters.as_filters())
    return selectors.list_columns(queryset).order_by("-created_at", "-id")


@router.get(
    "/projects.geojson",
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    url_name="projects_geojson",
    summary="Projects with a map point as GeoJSON",
)
@rule("core.public")
def project_geojson(request: HttpRequest, filters: Query[BBoxFilter]):
    """A GeoJSON FeatureCollection of the listed projects with a point, newest first, at most
    2,000 (``truncated`` says when more matched); ``bbox`` keeps those inside it."""
    queryset, _capped = selectors.filtered_projects(acting_user(request), filters.as_filters())
    queryset = queryset.filter(latitude__isnull=False)
    if filters.bbox:
        west, south, east, north = parse_bbox(filters.bbox)
        queryset = queryset.filter(
            longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
        )
    rows = list(
        queryset.order_by("-created_at", "-id").values(
            "id", "title", "goal", "stage", "latitude", "longitude"
        )[: GEOJSON_MAX_FEATURES + 1]
    )
    labels = dict(Stage.choices)
    template = reverse("projects:detail", args=[987654321]).replace("987654321", "{id}")
    features = [
        {
            "type": "Feature",
            "id": row["id"],
            "geometry": {
                "type": "Point",
                "coordinates": [float(row["longitude"]), float(row["latitude"])],
            },
            "properties": {
                "id": row["id"],
                "title": row["title"],
                "summary": row["goal"],
                "stage": row["stage"],
                "stage_label": str(labels.get(row["stage"], row["stage"])),
                "municipality": None,
                "url": template.replace("{id}", str(row["id"])),
            },
        }
        for row in rows[:GEOJSON_MAX_FEATURES]
    ]
    return {
        "type": "FeatureCollection",
        "features": features,
        "truncated": len(rows) > GEOJSON_MAX_FEATURES,
    }


@router.get(
    "/projects/{project_id}",
    response=ProjectDetailOut,
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="One project with its members, issues and stage history",
)
@rule("projects.view_project", get_object=_project_page)
def project_detail(request: HttpRequest, project_id: int, obj: Project):
    """404 for a hidden project you are not a member of."""
    return obj


@router.post("/projects", response={201: ProjectDetailOut}, summary="Start a project")
@rule("projects.add_project", refusal=_email_unverified)
def project_create(request: HttpRequest, payload: ProjectIn):
    """From scratch, or ``from_issue`` (the issue moves to 取組中 and its followers are told),
    ``from_minutes`` (an event with published minutes: its surfaced issues become the
    project's) or ``from_pitch`` (an idea-event pitch: blank title, goal and body come from
    it; its author becomes a lead and its team members). You become a lead."""
    user = acting_user(request)
    origin, source = _source(user, payload)
    values = payload.model_dump(exclude={"from_issue", "from_minutes", "from_pitch"})
    if origin == Origin.PITCH:
        draft = project_services.draft_from_pitch(source)
        values = {**values, **{key: values.get(key) or v for key, v in draft.items()}}
    form = ProjectForm(data=form_input(_form_values(values, user)), user=user)
    data = cleaned_data_or_422(form)
    try:
        if origin == Origin.ISSUE:
            project = project_services.project_create_from_issue(
                actor=user, issue=source, data=data, request=request
            )
        elif origin == Origin.MINUTES:
            project = project_services.project_create_from_minutes(
                actor=user, event=source, data=data, request=request
            )
        elif origin == Origin.PITCH:
            project = project_services.project_create_from_pitch(
                actor=user, pitch=source, data=data, request=request
            )
        else:
            project = project_services.project_create(actor=user, data=data, request=request)
    except ProjectError as error:
        raise _refusal(error) from None
    return Status(201, selectors.project_detail(project.pk, user))


@router.patch("/projects/{project_id}", response=ProjectDetailOut, summary="Change a project")
@rule("projects.change_project", get_object=_project)
def project_update(request: HttpRequest, project_id: int, payload: ProjectPatchIn, obj: Project):
    """Leads and the secretariat. Only the fields sent change."""
    user = acting_user(request)
    initial = ProjectForm.initial_for(obj)
    initial["issues"] = list(obj.issues.values_list("pk", flat=True))
    if obj.organization_id is not None:
        initial["organization"] = obj.organization.slug if obj.organization else None
    sent = payload.model_dump(exclude_unset=True)
    values = {**initial, **sent}
    slug = values.get("organization")
    form_values = _form_values(values, user)
    if slug and obj.organization is not None and slug == obj.organization.slug:
        form_values["organization"] = obj.organization_id
    form = ProjectForm(data=form_input(form_values), user=user, project=obj)
    data = cleaned_data_or_422(form)
    try:
        project_services.project_update(actor=user, project=obj, data=data, request=request)
    except ProjectError as error:
        raise _refusal(error) from None
    return selectors.project_detail(obj.pk, user)


# --- Members ---------------------------------------------------------------------------------


@router.get(
    "/projects/{project_id}/members",
    response=list[ProjectMemberOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Active members of a project",
)
@paginate
@rule("projects.view_members", get_object=_project)
def member_list(request: HttpRequest, project_id: int, obj: Project):
    """Leads first, then members, advisors and supporters, each by joining order."""
    return [_member_out(m) for m in selectors.members_of(obj)]


@router.post(
    "/projects/{project_id}/members",
    response={201: ProjectMembershipOut},
    summary="Ask to join a project",
)
@rule("projects.join_project", get_object=_project, refusal=_join_refusal)
def member_request(request: HttpRequest, project_id: int, payload: ProjectJoinIn, obj: Project):
    """The request waits for the leads (``status`` is ``requested``); 409 when you already
    have a membership, an invitation or a request."""
    try:
        membership = membership_services.membership_request(
            actor=acting_user(request), project=obj, message=payload.message
        )
    except ProjectError as error:
        raise ApiError(409, "already_member", error.message) from None
    return Status(201, {"role": membership.role, "status": membership.status})


# --- Stage -----------------------------------------------------------------------------------


@router.get(
    "/projects/{project_id}/stage",
    response=list[ProjectStageChangeOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="The stage history of a project",
)
@paginate
@rule("projects.view_project", get_object=_project)
def stage_list(request: HttpRequest, project_id: int, obj: Project):
    """Oldest first; the first row is the project's start."""
    return [_change_out(change) for change in selectors.stage_history(obj)]


@router.post("/projects/{project_id}/stage", response=ProjectDetailOut, summary="Move the stage")
@rule("projects.change_stage", get_object=_project)
def stage_change(request: HttpRequest, project_id: int, payload: ProjectStageIn, obj: Project):
    """Leads and the secretariat. A move backwards needs a ``reason``; ``ended`` needs an
    ``outcome``. 409 when someone else moved the stage first."""
    user = acting_user(request)
    form = StageForm(
        data={
            "to_stage": payload.to_stage,
            "reason": payload.reason,
            "outcome": payload.outcome,
            "lesson": payload.lesson,
        }
    )
    data = cleaned_data_or_422(form)
    try:
        stage_services.project_change_stage(
            actor=user,
            project=obj,
            to_stage=data["to_stage"],
            reason=data["reason"],
            outcome=data["outcome"],
            lesson=data["lesson"],
            request=request,
        )
    except ProjectError as error:
        if str(error.message) == str(messages.STAGE_CHANGED_ELSEWHERE):
            raise ApiError(409, "conflict", error.message) from None
        raise _refusal(error) from None
    return selectors.project_detail(obj.pk, user)
