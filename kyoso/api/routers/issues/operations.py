"""List, detail, create, update, empathy and comments of issues."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.errors import Throttled
from ninja.pagination import paginate
from ninja.responses import Status

from kyoso.api import auth, messages
from kyoso.api.errors import ApiError
from kyoso.api.forms import cleaned_data_or_422
from kyoso.api.permissions import acting_user, rule
from kyoso.api.routers.issues.facets import IssueListQuery
from kyoso.api.routers.issues.schemas import (
    CommentIn,
    EmpathyOut,
    IssueDetailOut,
    IssueIn,
    IssueOut,
    IssuePatchIn,
    StageIn,
    ThreadOut,
    comment_out,
    form_input,
    initial_input,
    posting_refusal,
)
from kyoso.core import ratelimit
from kyoso.issues import messages as issue_messages
from kyoso.issues import selectors
from kyoso.issues.forms import CommentForm, IssueForm, StageForm
from kyoso.issues.models import Issue
from kyoso.issues.rules import stage_choices_for
from kyoso.issues.selectors import filtered_issues
from kyoso.issues.services import comments as comment_services
from kyoso.issues.services import engagement, posting, stages

router = Router(tags=["issues"])


# --- Refusals with a reason ------------------------------------------------------------------


def _email_unverified(request: HttpRequest, obj: Any) -> ApiError | None:
    user = acting_user(request)
    if user.is_authenticated and user.is_active and not user.is_email_verified:
        return ApiError(403, "email_verification_required", messages.EMAIL_VERIFICATION_REQUIRED)
    return None


def _comment_refusal(request: HttpRequest, issue: Issue) -> ApiError | None:
    unverified = _email_unverified(request, issue)
    if unverified is not None:
        return unverified
    if acting_user(request).is_authenticated and issue.comments_locked:
        return ApiError(403, "comments_locked", issue_messages.COMMENTS_LOCKED)
    return None


# --- Loading ---------------------------------------------------------------------------------


def _issue_page(request: HttpRequest, issue_id: int, **kwargs: Any) -> Issue:
    return selectors.issue_detail(issue_id, acting_user(request))


def _issue(request: HttpRequest, issue_id: int, **kwargs: Any) -> Issue:
    return selectors.issue_for_viewer(issue_id, acting_user(request))


# --- Issues ----------------------------------------------------------------------------------


@router.get(
    "/issues",
    response=list[IssueOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Issues",
)
@paginate
@rule("core.public")
def issue_list(request: HttpRequest, filters: Query[IssueListQuery]):
    """The issues of the list page, with its filters and sorts: ``sort`` is ``new`` (newest
    first, the default), ``empathy`` or ``activity`` (most recent activity). Hidden issues
    are never listed; issues awaiting review are listed only for their poster and the
    secretariat."""
    queryset, _capped = filtered_issues(acting_user(request), filters.as_filters())
    column = selectors.SORTS[filters.sort or selectors.DEFAULT_SORT]
    return selectors.list_columns(queryset).order_by(f"-{column}", "-id")


@router.get(
    "/issues/{issue_id}",
    response=IssueDetailOut,
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="One issue with its history and attachments",
)
@rule("issues.view_issue", get_object=_issue_page)
def issue_detail(request: HttpRequest, issue_id: int, obj: Issue):
    """404 for an issue you may not see (hidden, or awaiting review, and not yours)."""
    return obj


@router.post("/issues", response={201: IssueDetailOut}, summary="Post an issue")
@rule("issues.add_issue", refusal=_email_unverified)
def issue_create(request: HttpRequest, payload: IssueIn):
    """Needs the write scope and a verified email address. Attachments are added on the web
    page. Too many posts in an hour is a 429."""
    wait = ratelimit.posting_wait(request, "posting")
    if wait:  # per address and per account, as the web forms (docs/security.md)
        raise Throttled(wait)
    user = acting_user(request)
    values = payload.model_dump()
    organizations = selectors.posting_organizations(user)
    slug = values.pop("organization")
    if slug:
        organization = organizations.filter(slug=slug).first()
        values["organization"] = organization.pk if organization is not None else slug
    form = IssueForm(data=form_input(values), user=user, organizations=organizations)
    cleaned_data_or_422(form)
    try:
        issue = posting.issue_create(actor=user, data=form.service_data(), request=request)
    except posting.IssueError as error:
        raise posting_refusal(error) from None
    return Status(201, selectors.issue_detail(issue.pk, user))


@router.patch("/issues/{issue_id}", response=IssueDetailOut, summary="Change an issue")
@rule("issues.change_issue", get_object=_issue)
def issue_update(request: HttpRequest, issue_id: int, payload: IssuePatchIn, obj: Issue):
    """The poster (or an owner/admin of the organization it was posted as) while it is open,
    and the secretariat. Only the fields sent change; ``latitude`` and ``longitude`` null
    together remove the point."""
    user = acting_user(request)
    values = {**initial_input(obj), **payload.model_dump(exclude_unset=True)}
    form = IssueForm(data=form_input(values), user=user, issue=obj)
    cleaned_data_or_422(form)
    try:
        posting.issue_update(actor=user, issue=obj, data=form.service_data(), request=request)
    except posting.IssueError as error:
        raise posting_refusal(error) from None
    return selectors.issue_detail(obj.pk, user)


@router.post("/issues/{issue_id}/stage", response=IssueDetailOut, summary="Change the stage")
@rule("issues.change_stage", get_object=_issue)
def stage_change(request: HttpRequest, issue_id: int, payload: StageIn, obj: Issue):
    """The secretariat (any stage but merged), or the poster between the five support stages;
    a reason is required. The change is added to the issue's timeline (``stage_changes``) and
    followers are told. 409 when someone else changed the stage first."""
    user = acting_user(request)
    if payload.to_stage == obj.stage:
        raise posting_refusal(posting.IssueError(issue_messages.STAGE_UNCHANGED))
    form = StageForm(
        data={"to_stage": payload.to_stage, "reason": payload.reason},
        stages=stage_choices_for(user, obj),
    )
    cleaned = cleaned_data_or_422(form)
    try:
        stages.issue_change_stage(
            actor=user,
            issue=obj,
            to_stage=cleaned["to_stage"],
            reason=cleaned["reason"],
            request=request,
        )
    except posting.IssueError as error:
        if str(error.message) == str(issue_messages.STAGE_CHANGED_ELSEWHERE):
            raise ApiError(409, "conflict", str(error.message)) from None
        raise posting_refusal(error) from None
    return selectors.issue_detail(obj.pk, user)


# --- Empathy ---------------------------------------------------------------------------------


def _empathy(request: HttpRequest, issue: Issue, on: bool) -> dict[str, Any]:
    state = engagement.empathy_toggle(actor=acting_user(request), issue=issue, on=on)
    return {"empathized": state, "empathy_count": engagement.empathy_count_of(issue)}


@router.post("/issues/{issue_id}/empathy", response=EmpathyOut, summary="Empathize (共感)")
@rule("issues.add_empathy", get_object=_issue, refusal=_email_unverified)
def empathy_add(request: HttpRequest, issue_id: int, obj: Issue):
    """One per person: sending it again (or twice at once) changes nothing."""
    return _empathy(request, obj, True)


@router.delete("/issues/{issue_id}/empathy", response=EmpathyOut, summary="Take empathy back")
@rule("issues.add_empathy", get_object=_issue, refusal=_email_unverified)
def empathy_remove(request: HttpRequest, issue_id: int, obj: Issue):
    return _empathy(request, obj, False)


# --- Comments --------------------------------------------------------------------------------


@router.get(
    "/issues/{issue_id}/comments",
    response=list[ThreadOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Comments of an issue",
)
@paginate
@rule("issues.view_issue", get_object=_issue)
def comment_list(request: HttpRequest, issue_id: int, obj: Issue):
    """Top-level comments, oldest first, each with its replies (one level deep). Deleted
    comments stay as tombstones (``deleted``, empty body) so replies keep their place."""
    viewer = acting_user(request)
    return [
        {
            **comment_out(thread.comment, obj, viewer),
            "replies": [comment_out(reply, obj, viewer) for reply in thread.replies],
        }
        for thread in selectors.comment_thread(obj)
    ]


@router.post(
    "/issues/{issue_id}/comments", response={201: ThreadOut}, summary="Comment on an issue"
)
@rule("issues.add_comment", get_object=_issue, refusal=_comment_refusal)
def comment_create(request: HttpRequest, issue_id: int, payload: CommentIn, obj: Issue):
    """Verified members, on an open issue whose comments are not locked. The commenter starts
    following the issue."""
    wait = ratelimit.posting_wait(request, "posting")
    if wait:  # per address and per account, as the web forms (docs/security.md)
        raise Throttled(wait)
    user = acting_user(request)
    form = CommentForm(data={"body": payload.body})
    cleaned = cleaned_data_or_422(form)
    parent = None
    if payload.parent is not None:
        try:
            parent = selectors.comment_of(obj, payload.parent)
        except Http404:
            raise ApiError(
                422,
                "validation_error",
                messages.VALIDATION_FAILED,
                details=[
                    {
                        "field": "parent",
                        "location": "body",
                        "code": "invalid",
                        "message": str(issue_messages.REPLY_PARENT_MISSING),
                    }
                ],
            ) from None
    try:
        comment = comment_services.comment_create(
            actor=user, issue=obj, body=cleaned["body"], parent=parent
        )
    except posting.IssueError as error:
        raise posting_refusal(error) from None
    return Status(201, {**comment_out(comment, obj, user), "replies": []})
