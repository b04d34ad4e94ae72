"""Open challenges (issue 15): list, detail, the public Q&A, and the caller's organizations'
proposals.

The same rules, services, selectors and messages as the challenge pages. A proposal is only
ever listed for members of its own organization here (reviewers read them in the screening
app); the asker of a question is never in any response.
"""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from kyoso.api import auth
from kyoso.api.errors import ApiError
from kyoso.api.filters import choice_or_none, municipality_code_or_none
from kyoso.api.permissions import acting_user, rule
from kyoso.api.routers.organizations import MunicipalityBriefOut
from kyoso.challenges import screening_link, selectors
from kyoso.challenges.models import (
    Challenge,
    ChallengeStatus,
    Direction,
    OfferKind,
    Proposal,
    ProposerKind,
    Question,
)
from kyoso.challenges.services import proposals as proposal_services
from kyoso.challenges.services import qa
from kyoso.challenges.services.common import ChallengeError
from kyoso.issues.vocab import Theme

router = Router(tags=["challenges"])

#: ChallengeError codes that are bad input (422) rather than a refusal of the state (409).
INPUT_CODES = frozenset(
    {
        "too_long",
        "required",
        "question_required",
        "cost_invalid",
        "organization_required",
        "not_eligible",
        "own_challenge",
    }
)


def _error(error: ChallengeError) -> ApiError:
    return ApiError(422 if error.code in INPUT_CODES else 409, error.code, error.message)


class ChallengeOut(Schema):
    id: int
    title: str
    direction: str = Field(json_schema_extra={"enum": list(Direction.values)})
    direction_label: str
    status: str = Field(json_schema_extra={"enum": list(ChallengeStatus.values)})
    organization: str
    organization_name: str
    theme: str
    offer_kind: str = Field(json_schema_extra={"enum": list(OfferKind.values)})
    budget_yen: int | None
    questions_until: date
    proposals_until: date
    decision_by: date
    proposer_kinds: list[str]
    municipality: MunicipalityBriefOut | None
    published_at: datetime | None
    url: str

    @staticmethod
    def resolve_direction_label(obj) -> str:
        return str(obj.get_direction_display())

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.organization.slug

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_url(obj) -> str:
        from django.urls import reverse

        return reverse("challenges:detail", args=[obj.pk])


class CriterionOut(Schema):
    name: str
    weight: int
    description: str


class SelectedOut(Schema):
    organization: str
    summary: str

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.organization.name


class ChallengeDetailOut(ChallengeOut):
    problem: str
    background: str
    data_available: str
    constraints: str = Field(alias="constraints_text")
    offer_place: str
    offer_staff_time: str
    trial_starts_on: date | None
    trial_ends_on: date | None
    criteria: list[CriterionOut]
    issues: list[int]
    projects: list[int]
    selected: list[SelectedOut] = Field(description="The selected proposals, once decided")

    @staticmethod
    def resolve_criteria(obj) -> list[Any]:
        return screening_link.criteria(obj)

    @staticmethod
    def resolve_issues(obj) -> list[int]:
        return [i.pk for i in obj.issues.all()]

    @staticmethod
    def resolve_projects(obj) -> list[int]:
        return [p.pk for p in obj.projects.all()]

    @staticmethod
    def resolve_selected(obj) -> list[Any]:
        return selectors.selected_proposals(obj)


class ChallengeFilter(Schema):
    direction: str | None = Field(None, json_schema_extra={"enum": list(Direction.values)})
    proposer: str | None = Field(
        None, json_schema_extra={"enum": [k for k in ProposerKind.values if k != "anyone"]}
    )
    theme: str | None = Field(None, json_schema_extra={"enum": list(Theme.values)})
    budget: str | None = Field(None, json_schema_extra={"enum": list(selectors.BUDGET_RANGES)})
    municipality: str | None = Field(None, max_length=6, description="Municipality code")
    open_now: bool = False

    @field_validator("direction", "proposer", "theme", "budget")
    @classmethod
    def _choice(cls, value: str | None, info: Any) -> str | None:
        allowed = {
            "direction": Direction.values,
            "proposer": [k for k in ProposerKind.values if k != "anyone"],
            "theme": Theme.values,
            "budget": list(selectors.BUDGET_RANGES),
        }[info.field_name]
        return choice_or_none(value, list(allowed))

    @field_validator("municipality")
    @classmethod
    def _municipality(cls, value: str | None) -> str | None:
        return municipality_code_or_none(value)


class QuestionOut(Schema):
    id: int
    text: str
    answer: str
    answered_at: datetime | None
    created_at: datetime


class QuestionIn(Schema):
    text: str


class ProposalOut(Schema):
    id: int
    challenge: int = Field(alias="challenge_id")
    organization: str
    summary: str
    approach: str
    team: str
    cost_yen: int | None
    timeline: str
    outcome: str
    outcome_reason: str
    project: int | None = Field(None, alias="project_id")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.organization.slug


class ProposalIn(Schema):
    organization: str = Field(description="The slug of an organization the caller manages")
    summary: str
    approach: str
    team: str = ""
    cost_yen: int | None = None
    timeline: str = ""


def _challenge(request: HttpRequest, challenge_id: int, **kwargs: Any) -> Challenge:
    from kyoso.challenges.rules import visible_or_404

    return visible_or_404(acting_user(request), selectors.challenge_detail(challenge_id))


@router.get(
    "/challenges",
    response=list[ChallengeOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Published, closed and decided challenges",
)
@paginate
@rule("core.public")
def challenge_list(request: HttpRequest, filters: Query[ChallengeFilter]):
    """Newest first. Filters: ``direction``, ``proposer`` (a kind of organization that may
    propose), ``theme``, ``budget`` (a range), ``municipality`` (code; a city finds its
    wards), ``open_now`` (published and before the proposal deadline)."""
    values = filters.dict()
    return selectors.filtered_challenges(
        selectors.ChallengeFilters(
            **{k: v or "" for k, v in values.items() if k != "open_now"},
            open_now=bool(values["open_now"]),
        )
    )


@router.get(
    "/challenges/{challenge_id}",
    response=ChallengeDetailOut,
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="One challenge",
)
@rule("challenges.view_challenge", get_object=_challenge)
def challenge_detail(request: HttpRequest, challenge_id: int, obj: Challenge):
    return obj


@router.get(
    "/challenges/{challenge_id}/questions",
    response=list[QuestionOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="The public questions and answers (the asker is never named)",
)
@paginate
@rule("challenges.view_challenge", get_object=_challenge)
def question_list(request: HttpRequest, challenge_id: int, obj: Challenge):
    return Question.objects.filter(challenge=obj).order_by("created_at", "id")


@router.post(
    "/challenges/{challenge_id}/questions",
    response={201: QuestionOut},
    summary="Ask a public question",
)
@rule("challenges.ask_question", get_object=_challenge)
def question_create(request: HttpRequest, challenge_id: int, payload: QuestionIn, obj: Challenge):
    """409 ``questions_closed`` after ``questions_until``; 422 for an empty or long text."""
    try:
        question = qa.question_ask(actor=acting_user(request), challenge=obj, text=payload.text)
    except ChallengeError as error:
        raise _error(error) from None
    return Status(201, question)


@router.get(
    "/challenges/{challenge_id}/proposals",
    response=list[ProposalOut],
    summary="The proposals of the caller's organizations to this challenge",
)
@paginate
@rule("challenges.view_challenge", get_object=_challenge)
def proposal_list(request: HttpRequest, challenge_id: int, obj: Challenge):
    """Only proposals of organizations the caller belongs to (zero or more); never anyone
    else's, whoever calls. 401 without a token or session."""
    user = acting_user(request)
    if not user.is_authenticated:
        from ninja.errors import AuthenticationError

        raise AuthenticationError()
    return (
        Proposal.objects.filter(
            challenge=obj, organization_id__in=selectors.member_organization_ids(user)
        )
        .select_related("organization")
        .order_by("-created_at", "-id")
    )


@router.post(
    "/challenges/{challenge_id}/proposals",
    response={201: ProposalOut},
    summary="Propose as one of the caller's organizations",
)
@rule("challenges.add_proposal", get_object=_challenge)
def proposal_create(request: HttpRequest, challenge_id: int, payload: ProposalIn, obj: Challenge):
    """One proposal per organization: 409 ``already_proposed``, ``deadline_passed``; 422
    ``organization_required`` (not one the caller manages), ``not_eligible`` (a kind the
    challenge does not ask), ``required``, ``too_long``, ``cost_invalid``. PDFs are added on
    the proposal's page."""
    user = acting_user(request)
    organization = next(
        (o for o in selectors.managed_organizations(user) if o.slug == payload.organization),
        None,
    )
    try:
        proposal = proposal_services.proposal_submit(
            actor=user,
            challenge=obj,
            organization=organization,
            data=payload.dict(exclude={"organization"}),
        )
    except ChallengeError as error:
        raise _error(error) from None
    return Status(201, Proposal.objects.select_related("organization").get(pk=proposal.pk))
