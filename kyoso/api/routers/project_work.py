"""A project's needs and updates (活動報告) over the API.

The same rules, forms, selectors and services as the work pages: a need's fields are checked
by :class:`kyoso.projects.forms_work.NeedForm`, so the API accepts exactly what the page does;
refusals of the services are ``422 validation_error`` (``409 conflict`` when someone else
changed the need's status first). Updates are text only here (images go through the page).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import Field, Router, Schema
from ninja.errors import Throttled
from ninja.pagination import paginate
from ninja.responses import Status

from kyoso.api import auth
from kyoso.api import messages as api_messages
from kyoso.api.errors import ApiError
from kyoso.api.forms import cleaned_data_or_422
from kyoso.api.permissions import acting_user
from kyoso.api.permissions import rule as declare
from kyoso.core import ratelimit
from kyoso.core.skills import Skill
from kyoso.orgs.models import Organization
from kyoso.projects import messages_work as messages
from kyoso.projects import selectors_work as selectors
from kyoso.projects.forms_work import NeedForm
from kyoso.projects.models import Need, NeedKind, NeedStatus, Project, WorkStyle
from kyoso.projects.services import needs as need_services
from kyoso.projects.services import updates as update_services
from kyoso.projects.services.work import WorkError

router = Router(tags=["projects"])


class NeedOut(Schema):
    id: int
    kind: str = Field(json_schema_extra={"enum": list(NeedKind.values)})
    title: str
    description: str
    skills: list[str] = Field(description="Keys of the shared skill vocabulary")
    hours_per_month: int | None
    work_style: str = Field(description="remote, onsite, mixed, or empty")
    until: date | None
    status: str = Field(json_schema_extra={"enum": list(NeedStatus.values)})
    filled_by: str | None = Field(description="The public name of the person who filled it")
    filled_by_organization: str | None = Field(description="The organization's slug")
    filled_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_skills(obj: Need) -> list[str]:
        rows = getattr(obj, "skill_list", None)
        return [s.skill for s in (obj.skills.all() if rows is None else rows)]

    @staticmethod
    def resolve_filled_by(obj: Need) -> str | None:
        return obj.filled_by.public_name if obj.filled_by_id and obj.filled_by else None

    @staticmethod
    def resolve_filled_by_organization(obj: Need) -> str | None:
        org = obj.filled_by_organization if obj.filled_by_organization_id else None
        return org.slug if org is not None else None


class NeedIn(Schema):
    kind: str = Field(json_schema_extra={"enum": list(NeedKind.values)})
    title: str
    description: str = ""
    skills: list[str] = Field([], json_schema_extra={"items": {"enum": list(Skill.values)}})
    hours_per_month: int | None = None
    work_style: str = Field("", json_schema_extra={"enum": ["", *WorkStyle.values]})
    until: date | None = None


class NeedPatchIn(Schema):
    kind: str | None = None
    title: str | None = None
    description: str | None = None
    skills: list[str] | None = None
    hours_per_month: int | None = None
    work_style: str | None = None
    until: date | None = None
    status: str | None = Field(None, json_schema_extra={"enum": list(NeedStatus.values)})
    filled_by: int | None = Field(
        None, description="Filling: the id of a member or follower of the project"
    )
    filled_by_organization: str | None = Field(None, description="Filling: an organization slug")
    reason: str = Field("", description="Required when the status goes back to open")


class UpdateOut(Schema):
    id: int
    author: str
    body: str
    image_url: str | None
    created_at: datetime

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author.public_name

    @staticmethod
    def resolve_image_url(obj) -> str | None:
        return obj.image.url if obj.image else None


class UpdateIn(Schema):
    body: str


def _project(request: HttpRequest, project_id: int, **kwargs: Any) -> Project:
    return selectors.project_for_work(project_id, acting_user(request))


def _need(request: HttpRequest, project_id: int, need_id: int, **kwargs: Any) -> Need:
    return selectors.need_of(_project(request, project_id), need_id)


def _form_input(values: dict[str, Any]) -> MultiValueDict:
    data: MultiValueDict[str, str] = MultiValueDict()
    for key, value in values.items():
        if isinstance(value, list | tuple):
            data.setlist(key, [str(item) for item in value])
        else:
            data[key] = "" if value is None else str(value)
    return data


def _refusal(error: WorkError) -> ApiError:
    text = str(error.message)
    if text == str(messages.NEED_CHANGED_ELSEWHERE):
        return ApiError(409, "conflict", text)
    return ApiError(
        422,
        "validation_error",
        api_messages.VALIDATION_FAILED,
        details=[
            {"field": error.field or "", "location": "body", "code": "invalid", "message": text}
        ],
    )


def _fresh(need: Need) -> Need:
    return selectors.need_of(need.project, need.pk)


@router.get(
    "/projects/{project_id}/needs",
    response=list[NeedOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Needs of a project",
)
@paginate
@declare("projects.view_need", get_object=_project)
def need_list(request: HttpRequest, project_id: int, obj: Project):
    """Open and in-talks needs first, then filled ones; newest first within each."""
    return selectors.needs_of(obj)


@router.post("/projects/{project_id}/needs", response={201: NeedOut}, summary="Add a need")
@declare("projects.add_need", get_object=_project)
def need_create(request: HttpRequest, project_id: int, payload: NeedIn, obj: Project):
    """The project's leads and the secretariat. The need starts open."""
    form = NeedForm(data=_form_input(payload.model_dump()))
    cleaned_data_or_422(form)
    try:
        need = need_services.need_create(
            actor=acting_user(request), project=obj, data=form.cleaned_data
        )
    except WorkError as error:
        raise _refusal(error) from None
    return Status(201, selectors.need_of(obj, need.pk))


@router.patch("/projects/{project_id}/needs/{need_id}", response=NeedOut, summary="Change a need")
@declare("projects.change_need", get_object=_need)
def need_update(
    request: HttpRequest, project_id: int, need_id: int, payload: NeedPatchIn, obj: Need
):
    """Only the fields sent change. ``status``: ``in_talks`` and ``filled`` (with exactly one
    of ``filled_by``, ``filled_by_organization``) by the leads; back to ``open`` with a
    ``reason`` by the leads and the secretariat. 409 ``conflict`` when someone else changed
    the status first."""
    user = acting_user(request)
    sent = payload.model_dump(exclude_unset=True)
    status = sent.pop("status", None)
    filled_by_id = sent.pop("filled_by", None)
    org_slug = sent.pop("filled_by_organization", None)
    reason = sent.pop("reason", "")
    if sent:
        initial = {
            "kind": obj.kind,
            "title": obj.title,
            "description": obj.description,
            "skills": [s.skill for s in obj.skill_list],  # type: ignore[attr-defined]
            "hours_per_month": obj.hours_per_month,
            "work_style": obj.work_style,
            "until": obj.until,
        }
        form = NeedForm(data=_form_input({**initial, **sent}))
        cleaned = cleaned_data_or_422(form)
        try:
            need_services.need_update(actor=user, need=obj, data={k: cleaned[k] for k in sent})
        except WorkError as error:
            raise _refusal(error) from None
    if status is not None:
        filled_by = None
        if filled_by_id is not None:
            filled_by = selectors.candidates_of(obj.project).filter(pk=filled_by_id).first()
            if filled_by is None:
                raise _refusal(WorkError(messages.PERSON_NOT_CANDIDATE, field="filled_by"))
        organization = None
        if org_slug:
            organization = Organization.objects.filter(slug=org_slug).first()
            if organization is None:
                raise _refusal(
                    WorkError(messages.ORGANIZATION_UNKNOWN, field="filled_by_organization")
                )
        try:
            need_services.need_change_status(
                actor=user,
                need=obj,
                to_status=status,
                filled_by=filled_by,
                filled_by_organization=organization,
                reason=reason,
                request=request,
            )
        except WorkError as error:
            raise _refusal(error) from None
    return _fresh(obj)


@router.get(
    "/projects/{project_id}/updates",
    response=list[UpdateOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Updates (活動報告) of a project",
)
@paginate
@declare("projects.view_update", get_object=_project)
def update_list(request: HttpRequest, project_id: int, obj: Project):
    """Newest first."""
    return selectors.updates_of(obj)


@router.post("/projects/{project_id}/updates", response={201: UpdateOut}, summary="Post an update")
@declare("projects.add_update", get_object=_project)
def update_create(request: HttpRequest, project_id: int, payload: UpdateIn, obj: Project):
    """Active members of the project; text only (images are added on the page). The
    project's followers are told."""
    wait = ratelimit.posting_wait(request, "posting")
    if wait:  # per address and per account, as the web forms (docs/security.md)
        raise Throttled(wait)
    try:
        update = update_services.update_create(
            actor=acting_user(request), project=obj, body=payload.body
        )
    except WorkError as error:
        raise _refusal(error) from None
    return Status(201, update)
