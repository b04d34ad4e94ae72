"""What the issue operations read and answer, and who may be named in it."""

from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from ninja import Field, Schema
from pydantic import ConfigDict

from kyoso.api import messages
from kyoso.api.errors import ApiError
from kyoso.api.permissions import acting_user
from kyoso.api.routers.issues.facets import STAGE_VALUES, enum
from kyoso.api.routers.organizations import MunicipalityBriefOut
from kyoso.core.markdown import render_markdown
from kyoso.core.policy import check
from kyoso.issues import messages as issue_messages
from kyoso.issues.forms import IssueForm
from kyoso.issues.models import BODY_MAX, COMMENT_MAX, Comment, Issue, IssueTag, Stage
from kyoso.issues.services import posting

# --- Who may be named ------------------------------------------------------------------------


def _viewer(context: Any) -> Any:
    request = (context or {}).get("request")
    return acting_user(request) if request is not None else None


def _poster_visible(viewer: Any, issue: Issue) -> bool:
    """Whether ``viewer`` may know who posted ``issue`` (always, unless the name is hidden)."""
    return not issue.name_hidden or check("issues.view_poster", viewer, issue)


def _person(user: Any, issue: Issue, viewer: Any) -> dict[str, str] | None:
    """A person as the viewer may see them; the name-hidden poster of ``issue`` is None."""
    if user is None:
        return None
    if user.pk == issue.author_id and not _poster_visible(viewer, issue):
        return None
    return {"display_name": user.public_name}


# --- Issue output ----------------------------------------------------------------------------


class PersonOut(Schema):
    display_name: str


class OrganizationBriefOut(Schema):
    slug: str
    name: str


class PointOutLatLon(Schema):
    latitude: float
    longitude: float


def _tags(issue: Issue, kind: str) -> list[str]:
    return [tag.value for tag in issue.tags.all() if tag.kind == kind]


class IssueOut(Schema):
    id: int
    title: str
    stage: str = Field(json_schema_extra=enum(STAGE_VALUES))
    stage_label: str
    themes: list[str]
    sdgs: list[str]
    targets: list[str]
    walls: list[str]
    municipality: MunicipalityBriefOut | None
    point: PointOutLatLon | None
    organization: OrganizationBriefOut | None = Field(
        description="The organization the issue was posted as"
    )
    name_hidden: bool = Field(description="The poster asked that their name not be shown")
    poster: PersonOut | None = Field(
        description="Who posted; null when the name is hidden from you"
    )
    empathy_count: int
    comment_count: int
    follower_count: int
    comments_locked: bool
    merged_into: int | None = Field(description="The issue this one was merged into")
    created_at: datetime
    last_activity_at: datetime
    url: str

    @staticmethod
    def resolve_stage_label(obj: Issue) -> str:
        return str(Stage(obj.stage).label)

    @staticmethod
    def resolve_themes(obj: Issue) -> list[str]:
        return _tags(obj, IssueTag.Kind.THEME)

    @staticmethod
    def resolve_sdgs(obj: Issue) -> list[str]:
        return _tags(obj, IssueTag.Kind.SDG)

    @staticmethod
    def resolve_targets(obj: Issue) -> list[str]:
        return _tags(obj, IssueTag.Kind.TARGET)

    @staticmethod
    def resolve_walls(obj: Issue) -> list[str]:
        return _tags(obj, IssueTag.Kind.WALL)

    @staticmethod
    def resolve_point(obj: Issue) -> dict[str, float] | None:
        if obj.latitude is None or obj.longitude is None:
            return None
        return {"latitude": float(obj.latitude), "longitude": float(obj.longitude)}

    @staticmethod
    def resolve_poster(obj: Issue, context: Any) -> dict[str, str] | None:
        return _person(obj.author, obj, _viewer(context))

    @staticmethod
    def resolve_merged_into(obj: Issue) -> int | None:
        return obj.merged_into_id

    @staticmethod
    def resolve_url(obj: Issue) -> str:
        return reverse("issues:detail", args=[obj.pk])


class StageChangeOut(Schema):
    from_stage: str
    to_stage: str
    to_stage_label: str
    reason: str
    at: datetime
    actor: PersonOut | None


class AttachmentOut(Schema):
    kind: str = Field(json_schema_extra=enum(["image", "pdf"]))
    name: str
    size: int = Field(description="Bytes")
    url: str


class ViewerOut(Schema):
    """What you have done on the issue and what you may do."""

    empathized: bool
    follows: bool
    can_edit: bool
    can_empathize: bool
    can_comment: bool


class IssueDetailOut(IssueOut):
    body: str = Field(description="Markdown as written")
    body_html: str = Field(description="The Markdown rendered and sanitized")
    hidden: bool = Field(description="Hidden by the secretariat (only its poster sees it)")
    hidden_reason: str | None
    awaiting_review: bool
    offer_count: int = Field(description="「手伝えます」 offers received")
    updated_at: datetime
    stage_history: list[StageChangeOut]
    attachments: list[AttachmentOut]
    viewer: ViewerOut

    @staticmethod
    def resolve_body_html(obj: Issue) -> str:
        return str(render_markdown(obj.body))

    @staticmethod
    def resolve_hidden(obj: Issue) -> bool:
        return obj.is_hidden

    @staticmethod
    def resolve_hidden_reason(obj: Issue) -> str | None:
        return obj.hidden_reason if obj.is_hidden else None

    @staticmethod
    def resolve_stage_history(obj: Issue, context: Any) -> list[dict[str, Any]]:
        viewer = _viewer(context)
        return [
            {
                "from_stage": change.from_stage,
                "to_stage": change.to_stage,
                "to_stage_label": str(Stage(change.to_stage).label),
                "reason": change.reason,
                "at": change.at,
                "actor": _person(change.actor, obj, viewer),
            }
            for change in obj.stage_changes.all()
        ]

    @staticmethod
    def resolve_attachments(obj: Issue) -> list[dict[str, Any]]:
        return [
            {"kind": a.kind, "name": a.original_name, "size": a.size, "url": a.file.url}
            for a in obj.attachments.all()
        ]

    @staticmethod
    def resolve_viewer(obj: Issue, context: Any) -> dict[str, bool]:
        viewer = _viewer(context)
        return {
            "empathized": bool(getattr(obj, "viewer_empathy", False)),
            "follows": bool(getattr(obj, "viewer_follows", False)),
            "can_edit": check("issues.change_issue", viewer, obj),
            "can_empathize": check("issues.add_empathy", viewer, obj),
            "can_comment": check("issues.add_comment", viewer, obj),
        }


# --- Issue input -----------------------------------------------------------------------------

TAG_FIELDS = ("themes", "sdgs", "targets", "walls")


class IssueIn(Schema):
    """Validated by the posting form of the web pages (the same rules and messages)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(max_length=1000, description="At most 120 characters")
    body: str = Field(max_length=BODY_MAX * 2, description="Markdown, at most 20,000 characters")
    themes: list[str] = Field(description="One or more theme values", max_length=50)
    sdgs: list[str] = Field(default_factory=list, max_length=50, description="sdg01 … sdg17")
    targets: list[str] = Field(default_factory=list, max_length=50)
    walls: list[str] = Field(default_factory=list, max_length=50)
    municipality: str | None = Field(
        None, max_length=20, description="Municipality code: 5 digits or 6 with check digit"
    )
    latitude: float | None = Field(None, description="WGS 84; with longitude, or neither")
    longitude: float | None = None
    organization: str | None = Field(
        None, max_length=200, description="Slug of an organization you belong to, to post as it"
    )
    name_hidden: bool = Field(False, description="Hide your name from everyone but the secretariat")


class IssuePatchIn(Schema):
    """Only the fields sent change; the whole result is validated by the posting form."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, max_length=1000)
    body: str | None = Field(None, max_length=BODY_MAX * 2)
    themes: list[str] | None = Field(None, max_length=50)
    sdgs: list[str] | None = Field(None, max_length=50)
    targets: list[str] | None = Field(None, max_length=50)
    walls: list[str] | None = Field(None, max_length=50)
    municipality: str | None = Field(None, max_length=20)
    latitude: float | None = None
    longitude: float | None = None
    name_hidden: bool | None = None


def form_input(values: dict[str, Any]) -> MultiValueDict:
    """JSON values as the posting form receives them from a browser."""
    data: MultiValueDict[str, str] = MultiValueDict()
    for key, value in values.items():
        if isinstance(value, list | tuple):
            data.setlist(key, [str(item) for item in value])
        elif value is None or value is False:
            data[key] = ""
        elif value is True:
            data[key] = "on"
        else:
            data[key] = str(value)
    return data


def initial_input(issue: Issue) -> dict[str, Any]:
    """The issue as it is, in the posting form's terms (the base a PATCH changes)."""
    initial = IssueForm.initial_for(issue)
    municipality = initial.get("municipality")
    initial["municipality"] = municipality.code if municipality is not None else None
    return initial


def posting_refusal(error: posting.IssueError) -> ApiError:
    text = str(error.message)
    limits = {
        str(issue_messages.POSTING_LIMIT_ACCOUNT % {"limit": posting.account_limit()}),
        str(issue_messages.POSTING_LIMIT_IP),
        str(issue_messages.COMMENT_LIMIT_ACCOUNT),
    }
    if text in limits:
        return ApiError(429, "throttled", text)
    return ApiError(
        422,
        "validation_error",
        messages.VALIDATION_FAILED,
        details=[{"field": "", "location": "body", "code": "invalid", "message": text}],
    )


# --- Empathy and comments ------------------------------------------------------------------


class EmpathyOut(Schema):
    empathized: bool = Field(description="Whether you empathize now")
    empathy_count: int


class CommentOut(Schema):
    id: int
    parent: int | None = Field(description="The comment this one replies to")
    author: PersonOut | None = Field(description="null when it is the name-hidden poster")
    body: str = Field(description="Markdown; empty when deleted or hidden")
    body_html: str
    deleted: bool
    hidden: bool = Field(description="Hidden by the secretariat")
    created_at: datetime
    edited_at: datetime | None


class ThreadOut(CommentOut):
    replies: list[CommentOut]


def comment_out(comment: Comment, issue: Issue, viewer: Any) -> dict[str, Any]:
    gone = comment.deleted_at is not None or comment.hidden_at is not None
    body = "" if gone else comment.body
    return {
        "id": comment.pk,
        "parent": comment.parent_id,
        "author": _person(comment.author, issue, viewer),
        "body": body,
        "body_html": str(render_markdown(body)),
        "deleted": comment.deleted_at is not None,
        "hidden": comment.hidden_at is not None,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
    }


class StageIn(Schema):
    model_config = ConfigDict(extra="forbid")

    to_stage: str = Field(
        description="seed, surfaced, in_action, solved, spread or closed (merging is separate)"
    )
    reason: str = Field(
        max_length=4000, description="Why: shown on the timeline, at most 2,000 characters"
    )


class CommentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(max_length=COMMENT_MAX * 2, description="Markdown, at most 4,000 characters")
    parent: int | None = Field(None, ge=1, description="Id of a top-level comment to reply to")
