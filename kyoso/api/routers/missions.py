"""Missions for outside talent: list, detail, drafting and editing, and applications.

The same rules, forms, services and selectors as the mission pages. The completeness score is
in the detail for the hosts only (``completeness`` is null for everyone else).
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from kyoso.api import auth
from kyoso.api import messages as api_messages
from kyoso.api.errors import ApiError
from kyoso.api.filters import choice_or_none, municipality_code_or_none
from kyoso.api.forms import cleaned_data_or_422
from kyoso.api.permissions import acting_user, rule
from kyoso.api.routers.organizations import MunicipalityBriefOut
from kyoso.core.policy import hidden_unless_visible
from kyoso.core.skills import Skill
from kyoso.missions import selectors
from kyoso.missions.forms import MissionForm
from kyoso.missions.models import Application, Mission, MissionKind, MissionStatus
from kyoso.missions.rules import is_host_of
from kyoso.missions.services import applications as application_services
from kyoso.missions.services import missions as mission_services
from kyoso.missions.services.common import MissionError
from kyoso.projects.models import WorkStyle

router = Router(tags=["missions"])

#: MissionError codes that are bad input (422) rather than a refusal of the state (409).
INPUT_CODES = frozenset(
    {
        "too_long",
        "answer_required",
        "motivation_required",
        "host_invalid",
        "skill_invalid",
        "skill_both",
        "period_backwards",
        "places_too_few",
        "message_required",
    }
)


def _error(error: MissionError) -> ApiError:
    return ApiError(422 if error.code in INPUT_CODES else 409, error.code, error.message)


class SkillOut(Schema):
    skill: str
    label: str
    required: bool

    @staticmethod
    def resolve_label(obj) -> str:
        return str(Skill(obj.skill).label) if obj.skill in Skill.values else obj.skill


class MissionOut(Schema):
    id: int
    title: str
    kind: str = Field(json_schema_extra={"enum": list(MissionKind.values)})
    kind_label: str
    status: str = Field(json_schema_extra={"enum": list(MissionStatus.values)})
    closed_reason: str
    project: int | None = Field(None, alias="project_id")
    organization: str | None
    work_style: str = Field(json_schema_extra={"enum": list(WorkStyle.values)})
    visits_per_month: int | None
    hours_per_week: int | None
    starts_on: date | None
    ends_on: date | None
    reward_kind: str
    reward_yen: int | None
    places: int
    accepted_count: int
    deadline: date | None
    municipality: MunicipalityBriefOut | None
    skills: list[SkillOut]
    published_at: datetime | None
    url: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_organization(obj) -> str | None:
        return obj.organization.slug if obj.organization_id else None

    @staticmethod
    def resolve_skills(obj) -> list[Any]:
        return list(obj.skills.all())

    @staticmethod
    def resolve_url(obj) -> str:
        from django.urls import reverse

        return reverse("missions:detail", args=[obj.pk])


class MissionQuestionOut(Schema):
    id: int
    position: int
    text: str


class MissingOut(Schema):
    key: str
    points: int
    message: str


class CompletenessOut(Schema):
    score: int
    threshold: int
    publishable: bool
    missing: list[MissingOut]


class MissionDetailOut(MissionOut):
    background: str
    tasks: str
    deliverables: str
    contact: str
    host: str | None
    latitude: Decimal | None
    longitude: Decimal | None
    questions: list[MissionQuestionOut]
    completeness: CompletenessOut | None = Field(description="For the hosts only")

    @staticmethod
    def resolve_host(obj) -> str | None:
        return obj.host.public_name if obj.host_id else None

    @staticmethod
    def resolve_questions(obj) -> list[Any]:
        return list(obj.questions.all())

    @staticmethod
    def resolve_completeness(obj, context) -> Any:
        request = context["request"]
        if not is_host_of(acting_user(request), obj):
            return None
        result = mission_services.completeness_of(obj)
        return {
            "score": result.score,
            "threshold": result.threshold,
            "publishable": result.publishable,
            "missing": [
                {"key": m.key, "points": m.points, "message": str(m.message)}
                for m in result.missing
            ],
        }


class MissionFilter(Schema):
    kind: str | None = Field(None, json_schema_extra={"enum": list(MissionKind.values)})
    work_style: str | None = Field(None, json_schema_extra={"enum": list(WorkStyle.values)})
    skill: str | None = Field(None, json_schema_extra={"enum": list(Skill.values)})
    reward: str | None = Field(None, json_schema_extra={"enum": list(selectors.REWARD_FILTERS)})
    municipality: str | None = Field(None, max_length=6, description="Municipality code")

    @field_validator("kind", "work_style", "skill", "reward")
    @classmethod
    def _choice(cls, value: str | None, info: Any) -> str | None:
        allowed = {
            "kind": MissionKind.values,
            "work_style": WorkStyle.values,
            "skill": Skill.values,
            "reward": list(selectors.REWARD_FILTERS),
        }[info.field_name]
        return choice_or_none(value, list(allowed))

    @field_validator("municipality")
    @classmethod
    def _municipality(cls, value: str | None) -> str | None:
        return municipality_code_or_none(value)


class MissionFields(Schema):
    kind: str | None = None
    title: str | None = None
    background: str | None = None
    tasks: str | None = None
    deliverables: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    hours_per_week: int | None = None
    work_style: str | None = None
    visits_per_month: int | None = None
    reward_kind: str | None = None
    reward_yen: int | None = None
    required_skills: list[str] | None = None
    welcome_skills: list[str] | None = None
    host: int | None = Field(None, description="User id of a host (default: the caller)")
    contact: str | None = None
    places: int | None = None
    deadline: date | None = None
    municipality: str | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


class MissionIn(MissionFields):
    project: int | None = Field(None, description="The project's id (or organization)")
    organization: str | None = Field(None, description="The organization's slug")


class MissionPatch(MissionFields):
    status: str | None = Field(
        None, description="published (publish a draft) or closed (stop applications)"
    )


class MissionAnswerIn(Schema):
    question: int
    text: str


class ApplicationIn(Schema):
    motivation: str
    answers: list[MissionAnswerIn] = []


class AnswerOut(Schema):
    question_text: str
    position: int
    text: str


class StatusChangeOut(Schema):
    from_status: str
    to_status: str
    reason: str
    at: datetime


class ApplicationOut(Schema):
    id: int
    mission: int = Field(alias="mission_id")
    applicant: str
    status: str
    motivation: str
    answers: list[AnswerOut]
    history: list[StatusChangeOut]
    created_at: datetime

    @staticmethod
    def resolve_applicant(obj) -> str:
        return obj.applicant.public_name

    @staticmethod
    def resolve_answers(obj) -> list[Any]:
        return list(obj.answers.all())

    @staticmethod
    def resolve_history(obj) -> list[Any]:
        return list(obj.status_changes.all())


FIELDS = list(MissionFields.model_fields)


def _form_data(values: dict[str, Any]) -> MultiValueDict:
    data: MultiValueDict = MultiValueDict()
    for key, value in values.items():
        if key in ("required_skills", "welcome_skills"):
            data.setlist(key, [str(v) for v in value or []])
        else:
            data[key] = "" if value is None else str(value)
    return data


def _current(mission: Mission) -> dict[str, Any]:
    values: dict[str, Any] = {f: getattr(mission, f, None) for f in FIELDS}
    skills = list(mission.skills.all())
    values["required_skills"] = [s.skill for s in skills if s.required]
    values["welcome_skills"] = [s.skill for s in skills if not s.required]
    values["host"] = mission.host_id
    values["municipality"] = mission.municipality_id
    return values


def _owner(request: HttpRequest, payload: MissionIn, **kwargs: Any) -> Any:
    from kyoso.orgs.models import Organization
    from kyoso.projects.models import Project

    owner: Project | Organization | None
    if payload.project is not None:
        owner = Project.objects.filter(pk=payload.project).first()
    elif payload.organization:
        owner = Organization.objects.filter(slug=payload.organization).first()
    else:
        owner = None
    if owner is None:
        from kyoso.missions import messages

        raise ApiError(422, "owner_missing", messages.OWNER_MISSING)
    return owner


def _mission(request: HttpRequest, mission_id: int, **kwargs: Any) -> Mission:
    # A draft or closed-off mission the caller may not view is "not found" (404), not a 403
    # that would confirm it exists (docs/security.md).
    return hidden_unless_visible(
        "missions.view_mission", acting_user(request), selectors.mission_detail(mission_id)
    )


@router.get(
    "/missions",
    response=list[MissionOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Missions taking applications",
)
@paginate
@rule("core.public")
def mission_list(request: HttpRequest, filters: Query[MissionFilter]):
    """Newest first; published and not past the application deadline. Filters: ``kind``,
    ``work_style``, ``skill``, ``reward`` (paid / unpaid), ``municipality`` (code)."""
    return selectors.filtered_missions(
        selectors.MissionFilters(**{k: v or "" for k, v in filters.dict().items()})
    )


@router.post("/missions", response={201: MissionDetailOut}, summary="Draft a mission")
@rule("missions.add_mission", get_object=_owner)
def mission_create(request: HttpRequest, payload: MissionIn, obj: Any):
    """A draft of a project (``project``: id) or an organization (``organization``: slug)
    the caller hosts. Validated like the web form; publish it with ``PATCH`` ``status``."""
    user = acting_user(request)
    values = payload.dict(include=set(FIELDS))
    if values.get("host") is None:
        values["host"] = user.pk
    if values.get("places") is None:
        values["places"] = 1
    if values.get("work_style") is None:
        values["work_style"] = WorkStyle.REMOTE
    form = MissionForm(_form_data(values), owner=obj)
    data = cleaned_data_or_422(form)
    try:
        mission = mission_services.mission_create(actor=user, owner=obj, data=data)
    except MissionError as error:
        raise _error(error) from None
    return Status(201, selectors.mission_detail(mission.pk))


@router.get(
    "/missions/{mission_id}",
    response=MissionDetailOut,
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="One mission",
)
@rule("missions.view_mission", get_object=_mission)
def mission_detail(request: HttpRequest, mission_id: int, obj: Mission):
    return obj


@router.patch("/missions/{mission_id}", response=MissionDetailOut, summary="Edit a mission")
@rule("missions.change_mission", get_object=_mission)
def mission_update(request: HttpRequest, mission_id: int, payload: MissionPatch, obj: Mission):
    """Only the fields sent change; validated like the web form. ``status``: ``published``
    publishes a draft (409 ``incomplete`` listing what is missing below the threshold),
    ``closed`` stops applications."""
    user = acting_user(request)
    sent = payload.dict(exclude_unset=True)
    status = sent.pop("status", None)
    try:
        if sent:
            values = {**_current(obj), **sent}
            form = MissionForm(_form_data(values), owner=obj.owner)
            data = cleaned_data_or_422(form)
            mission_services.mission_update(actor=user, mission=obj, data=data)
        if status == MissionStatus.PUBLISHED:
            mission_services.mission_publish(actor=user, mission=obj)
        elif status == MissionStatus.CLOSED:
            mission_services.mission_close(actor=user, mission=obj)
        elif status is not None:
            raise ApiError(
                422,
                "validation_error",
                api_messages.FIELD_CHOICE % {"choices": "published, closed"},
            )
    except MissionError as error:
        raise _error(error) from None
    except PermissionDenied:
        raise ApiError(403, "permission_denied", api_messages.PERMISSION_DENIED) from None
    return selectors.mission_detail(obj.pk)


def _applications_rule_object(request: HttpRequest, mission_id: int, **kwargs: Any) -> Mission:
    return hidden_unless_visible(
        "missions.view_mission", acting_user(request), selectors.mission_by_pk(mission_id)
    )


@router.get(
    "/missions/{mission_id}/applications",
    response=list[ApplicationOut],
    summary="The caller's application, or every application for the hosts",
)
@paginate
@rule("missions.list_applications", get_object=_applications_rule_object)
def application_list(request: HttpRequest, mission_id: int, obj: Mission):
    """A host sees every application of the mission, newest first; anyone else their own
    (zero or one)."""
    user = acting_user(request)
    rows = Application.objects.filter(mission=obj)
    if not is_host_of(user, obj):
        rows = rows.filter(applicant_id=user.pk)
    return (
        rows.select_related("applicant")
        .prefetch_related("answers", "status_changes")
        .order_by("-created_at", "-id")
    )


@router.post(
    "/missions/{mission_id}/applications",
    response={201: ApplicationOut},
    summary="Apply to a mission",
)
@rule("missions.apply_mission", get_object=_mission)
def application_create(request: HttpRequest, mission_id: int, payload: ApplicationIn, obj: Mission):
    """``{"motivation": "…", "answers": [{"question": id, "text": "…"}]}``: every question
    answered (2,000 characters each; motivation 2,000). 409 ``already_applied``,
    ``deadline_passed``, ``mission_full``, ``not_open``, ``own_mission``; 422 for bad input."""
    try:
        application = application_services.application_submit(
            actor=acting_user(request),
            mission=obj,
            motivation=payload.motivation,
            answers={a.question: a.text for a in payload.answers},
        )
    except MissionError as error:
        raise _error(error) from None
    return Status(
        201,
        Application.objects.select_related("applicant")
        .prefetch_related("answers", "status_changes")
        .get(pk=application.pk),
    )
