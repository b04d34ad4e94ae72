"""Introductions (double opt-in) and requests for advice: the caller's own, asking, answering.

The same rules and services as the pages of ``kyoso/network``. An introduction the caller
takes no part in is a 404 (they may not know it exists). The other side's contact is in
``contact`` only once both sides accepted, and only for the two sides; the asker of a
declined request reads "not now" in ``status_label`` and nothing about who declined.
The advisor's private record of an advice request is never in the API.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import Throttled
from ninja.pagination import paginate

from kyoso.api import messages as api_messages
from kyoso.api.errors import ApiError
from kyoso.api.permissions import acting_user, rule
from kyoso.core import ratelimit
from kyoso.core.policy import check
from kyoso.network import messages, selectors
from kyoso.network.models import (
    AdviceStatus,
    Introduction,
    IntroductionStatus,
    RequestKind,
)
from kyoso.network.services import advice as advice_services
from kyoso.network.services import introductions as intro_services
from kyoso.network.services.common import NetworkError

router = Router(tags=["network"])

#: NetworkError codes that are bad input (422) rather than a refusal of the state (409).
INPUT_CODES = frozenset(
    {
        "reason_required",
        "too_long",
        "target_invalid",
        "kind_invalid",
        "subject_required",
        "body_required",
        "on_behalf_invalid",
    }
)
#: Refusals that are a rate limit (429).
LIMIT_CODES = frozenset({"daily_limit"})


def _error(error: NetworkError) -> ApiError:
    if error.code in INPUT_CODES:
        status = 422
    elif error.code in LIMIT_CODES:
        status = 429
    else:
        status = 409
    return ApiError(status, error.code, error.message)


def _managed(request: HttpRequest) -> set[int]:
    """The organizations the caller answers for, read once per request."""
    cached = getattr(request, "_network_managed", None)
    if cached is None:
        cached = selectors.managed_organization_ids(acting_user(request))
        request._network_managed = cached  # type: ignore[attr-defined]
    return cached


def _side(context: Any, obj: Introduction) -> str | None:
    request = context["request"]
    return selectors.introduction_side(acting_user(request), obj, _managed(request))


class PartyOut(Schema):
    kind: str = Field(description="user or organization")
    id: int | None = Field(None, description="The person's id (people only)")
    slug: str | None = Field(None, description="The organization's slug (organizations only)")
    name: str


class ContactOut(Schema):
    name: str
    email: str
    contact_preference: str
    person: str = Field(description="For an organization: who accepted for it")
    person_email: str


class IntroductionOut(Schema):
    id: int
    status: str = Field(json_schema_extra={"enum": list(IntroductionStatus.values)})
    status_label: str
    role: str = Field(description="requester, target or broker: how the caller takes part")
    requester: PartyOut
    to: PartyOut
    brokered: bool
    reason: str
    about: str
    may_answer: bool = Field(description="Whether the caller's answer is still awaited")
    contact: ContactOut | None = Field(
        description="The other side's contact, for the two sides of an accepted introduction"
    )
    created_at: datetime
    decided_at: datetime | None
    url: str

    @staticmethod
    def resolve_status_label(obj, context) -> str:
        if obj.status == IntroductionStatus.DECLINED and _side(context, obj) == "requester":
            return str(messages.NOT_NOW)
        return str(obj.get_status_display())

    @staticmethod
    def resolve_role(obj, context) -> str:
        return _side(context, obj) or ""

    @staticmethod
    def resolve_requester(obj) -> dict[str, Any]:
        return {"kind": "user", "id": obj.requester_id, "name": obj.requester.display_name}

    @staticmethod
    def resolve_to(obj) -> dict[str, Any]:
        if obj.to_user_id is not None:
            return {"kind": "user", "id": obj.to_user_id, "name": obj.to_user.display_name}
        org = obj.to_organization
        return {"kind": "organization", "slug": org.slug, "name": org.name}

    @staticmethod
    def resolve_brokered(obj) -> bool:
        return obj.is_brokered

    @staticmethod
    def resolve_may_answer(obj, context) -> bool:
        if obj.status != IntroductionStatus.PENDING:
            return False
        side = _side(context, obj)
        if side == "target":
            return obj.target_accepted_at is None
        if side == "requester":
            return obj.requester_accepted_at is None
        return False

    @staticmethod
    def resolve_contact(obj, context) -> dict[str, Any] | None:
        side = _side(context, obj)
        if side not in ("requester", "target"):
            return None
        viewer = acting_user(context["request"])
        return intro_services.contact_for(viewer, obj, is_target=side == "target")

    @staticmethod
    def resolve_url(obj) -> str:
        return intro_services.introduction_url(obj)


class IntroductionIn(Schema):
    to_user: int | None = Field(None, description="The person's id")
    to_organization: str | None = Field(None, description="The organization's slug")
    reason: str = Field(description="Why (1,000 characters at most)")
    about: str = Field("", description="e.g. need:12 or mission:3 (optional)")


def _introduction(request: HttpRequest, introduction_id: int, **kwargs: Any) -> Introduction:
    """The introduction, or 404 for anyone who takes no part in it."""
    try:
        intro = selectors.introduction_detail(introduction_id)
    except Http404:
        raise ApiError(404, "not_found", api_messages.NOT_FOUND) from None
    if not check("network.view_introduction", acting_user(request), intro):
        raise ApiError(404, "not_found", api_messages.NOT_FOUND)
    return intro


def _answer_refusal(request: HttpRequest, obj: Introduction) -> ApiError | None:
    """A party whose answer is not awaited (any more) hears why; a broker gets the 403."""
    side = selectors.introduction_side(acting_user(request), obj, _managed(request))
    if side in ("requester", "target"):
        error = NetworkError(
            messages.INTRO_NOT_PENDING % {"status": IntroductionStatus(obj.status).label},
            "not_pending",
        )
        return _error(error)
    return None


@router.get(
    "/introductions",
    response=list[IntroductionOut],
    summary="The caller's introductions",
)
@paginate
@rule("network.list_introductions")
def introduction_list(request: HttpRequest):
    """Every introduction the caller asked for, was asked for (as a person or as an owner or
    admin of the organization asked) or brokered; newest first."""
    return selectors.introductions_for(acting_user(request))


@router.post(
    "/introductions",
    response={201: IntroductionOut},
    summary="Ask to be introduced",
)
@rule("network.add_introduction")
def introduction_create(request: HttpRequest, payload: IntroductionIn):
    """``{"to_user": id}`` or ``{"to_organization": "slug"}`` and a ``reason``. 422
    ``target_invalid``, ``reason_required``, ``too_long``; 409 ``to_self``, ``opted_out``,
    ``blocked``, ``already_open``; 429 ``daily_limit`` (the 21st request of the day)."""
    wait = ratelimit.posting_wait(request, "introduction")
    if wait:  # per address and per account, as the web forms (docs/security.md)
        raise Throttled(wait)
    to_user = to_org = None
    if payload.to_user is not None and not payload.to_organization:
        to_user = intro_services.user_by_id(payload.to_user)
    elif payload.to_organization and payload.to_user is None:
        from kyoso.orgs.selectors import organization_by_slug

        try:
            to_org = organization_by_slug(payload.to_organization)
        except Http404:
            to_org = None
    if to_user is None and to_org is None:
        raise ApiError(422, "target_invalid", messages.INTRO_TARGET_INVALID)
    try:
        intro = intro_services.introduction_request(
            actor=acting_user(request),
            reason=payload.reason,
            to_user=to_user,
            to_organization=to_org,
            about=payload.about,
            request=request,
        )
    except NetworkError as error:
        raise _error(error) from None
    return Status(201, selectors.introduction_detail(intro.pk))


def _answered(request: HttpRequest, obj: Introduction, accept: bool) -> Introduction:
    try:
        intro_services.introduction_answer(
            actor=acting_user(request), introduction=obj, accept=accept, request=request
        )
    except NetworkError as error:
        raise _error(error) from None
    except PermissionDenied:
        raise ApiError(403, "permission_denied", api_messages.PERMISSION_DENIED) from None
    return selectors.introduction_detail(obj.pk)


@router.post(
    "/introductions/{introduction_id}/accept",
    response=IntroductionOut,
    summary="Accept an introduction",
)
@rule("network.answer_introduction", get_object=_introduction, refusal=_answer_refusal)
def introduction_accept(request: HttpRequest, introduction_id: int, obj: Introduction):
    """For the caller's side (the person asked, an owner or admin of the organization asked,
    or the asker of a brokered one). Once both accepted, ``contact`` holds the other side's
    contact. 409 ``not_pending`` when the caller's answer is not awaited."""
    return _answered(request, obj, True)


@router.post(
    "/introductions/{introduction_id}/decline",
    response=IntroductionOut,
    summary="Decline an introduction",
)
@rule("network.answer_introduction", get_object=_introduction, refusal=_answer_refusal)
def introduction_decline(request: HttpRequest, introduction_id: int, obj: Introduction):
    """The others are told only "not now". 409 ``not_pending`` as for accepting."""
    return _answered(request, obj, False)


class AdvisorBriefOut(Schema):
    id: int
    name: str


class AdviceRequestOut(Schema):
    id: int
    kind: str = Field(json_schema_extra={"enum": list(RequestKind.values)})
    kind_label: str
    subject: str
    body: str
    status: str = Field(json_schema_extra={"enum": list(AdviceStatus.values)})
    status_label: str
    role: str = Field(description="requester or advisor: how the caller takes part")
    advisor: AdvisorBriefOut | None
    created_at: datetime
    updated_at: datetime
    url: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_role(obj, context) -> str:
        user = acting_user(context["request"])
        return "requester" if obj.requester_id == user.pk else "advisor"

    @staticmethod
    def resolve_advisor(obj) -> dict[str, Any] | None:
        if obj.advisor is None:
            return None
        return {"id": obj.advisor.pk, "name": obj.advisor.user.display_name}

    @staticmethod
    def resolve_url(obj) -> str:
        return advice_services.advice_url(obj)


class AdviceRequestIn(Schema):
    kind: str = Field(RequestKind.ADVICE, json_schema_extra={"enum": list(RequestKind.values)})
    subject: str = Field(description="100 characters at most")
    body: str = Field(description="2,000 characters at most")
    advisor: int | None = Field(
        None, description="An advisor's id; without one the request goes to the secretariat"
    )


@router.get(
    "/advice-requests",
    response=list[AdviceRequestOut],
    summary="The caller's requests for advice",
)
@paginate
@rule("network.list_advice_requests")
def advice_request_list(request: HttpRequest):
    """The requests the caller made, and those they handle as the assigned advisor; newest
    first."""
    return selectors.advice_for(acting_user(request))


@router.post(
    "/advice-requests",
    response={201: AdviceRequestOut},
    summary="Ask for advice or an introduction",
)
@rule("network.add_advice_request")
def advice_request_create(request: HttpRequest, payload: AdviceRequestIn):
    """To a chosen ``advisor`` (assigned at once) or to the secretariat's queue. 422
    ``kind_invalid``, ``subject_required``, ``body_required``, ``too_long``; 409
    ``advisor_unavailable`` (unknown, inactive, or not taking this kind), ``advisor_full``
    (their monthly limit is reached)."""
    advisor = None
    if payload.advisor is not None:
        advisor = selectors.advisor_by_pk(payload.advisor)
        if advisor is None:
            raise ApiError(409, "advisor_unavailable", messages.ADVISOR_NOT_AVAILABLE)
    try:
        advice = advice_services.advice_request_create(
            actor=acting_user(request),
            kind=payload.kind,
            subject=payload.subject,
            body=payload.body,
            advisor=advisor,
            request=request,
        )
    except NetworkError as error:
        raise _error(error) from None
    return Status(201, selectors.advice_all().get(pk=advice.pk))
