"""Rules of the issues app.

Object-level predicates receive an :class:`~kyoso.issues.models.Issue` (or a
:class:`~kyoso.issues.models.Comment`) and answer "no" for anything else, ``None`` included.

Who may do what (the permission tests enumerate this table):

- see an issue: everyone, unless it is hidden or awaiting the secretariat's review; then only
  its poster and the secretariat;
- post: signed-in members with a verified email address;
- edit: the poster, or an owner/admin of the organization it was posted as, while the issue
  is neither closed nor merged (and they can see it); the secretariat, unless it is merged;
- change the stage: the secretariat to any stage but "merged" (merging is its own action), from
  any stage but "merged"; the poster (or an owner/admin of the posting organization) only
  between the five support stages 種 → 顕在化 → 取組中 → 解決・持続 → 普及・モデル化, and
  not while the issue is hidden or awaiting review;
- empathize, offer help: verified members, on a visible issue that is open (not closed,
  merged, hidden or awaiting review); nobody offers help on their own issue;
- follow: verified members, on a visible issue that is not hidden or merged;
- comment: verified members on an open issue whose comments are not locked (the secretariat
  may still comment on a locked one, e.g. to say why);
- edit a comment: its author, within :data:`COMMENT_EDIT_WINDOW` of posting it; delete a
  comment: its author or the secretariat;
- see the helpers' offers and who posted a name-hidden issue: the poster (offers also the
  organization's owners/admins) and the secretariat;
- moderate (hide, lock, review, merge): the secretariat.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import rules
from django.utils import timezone

from kyoso.accounts.rules import is_email_verified, is_secretariat_member
from kyoso.core.rules import is_active_member
from kyoso.issues.models import Comment, Issue, Stage

#: How long after posting its author may still edit a comment.
COMMENT_EDIT_WINDOW = timedelta(minutes=15)

#: The support stages of seed 000, in order; the poster may move an issue between them.
LADDER: tuple[str, ...] = (
    Stage.SEED,
    Stage.SURFACED,
    Stage.IN_ACTION,
    Stage.SOLVED,
    Stage.SPREAD,
)
#: Stages in which an issue is no longer worked on (no empathy, offers or comments).
FINISHED: frozenset[str] = frozenset({Stage.CLOSED, Stage.MERGED})

#: Attribute where selectors put the viewer's role in the posting organization (or None), so
#: that pages checking several rules do not query it once per rule.
VIEWER_ORG_ROLE = "viewer_org_role"
VIEWER_ID = "viewer_id"

_MANAGER_ROLES = frozenset({"owner", "admin"})


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _secretariat(user: Any) -> bool:
    return bool(is_secretariat_member(user))


def is_poster_of(user: Any, issue: Issue) -> bool:
    return _authenticated(user) and issue.author_id == user.pk


def org_role_of(user: Any, issue: Issue) -> str | None:
    """The person's role in the organization the issue was posted as, or None."""
    if issue.organization_id is None or not _authenticated(user):
        return None
    if getattr(issue, VIEWER_ID, None) == user.pk:
        return getattr(issue, VIEWER_ORG_ROLE, None)
    from kyoso.orgs.models import Membership

    role = (
        Membership.objects.filter(organization_id=issue.organization_id, user_id=user.pk)
        .values_list("role", flat=True)
        .first()
    )
    setattr(issue, VIEWER_ID, user.pk)
    setattr(issue, VIEWER_ORG_ROLE, role)
    return role


def may_see(user: Any, issue: Issue) -> bool:
    if not issue.is_hidden and not issue.awaiting_review:
        return True
    return is_poster_of(user, issue) or _secretariat(user)


def is_issue_steward(user: Any, issue: Issue) -> bool:
    """The poster, or an owner/admin of the organization the issue was posted as."""
    return is_poster_of(user, issue) or org_role_of(user, issue) in _MANAGER_ROLES


def is_open(issue: Issue) -> bool:
    """Public, and still being worked on."""
    return (
        issue.stage not in FINISHED
        and not issue.is_hidden
        and not issue.awaiting_review
        and issue.merged_into_id is None
    )


def stage_choices_for(user: Any, issue: Issue | None) -> list[str]:
    """The stages ``user`` may move ``issue`` to (never its current stage)."""
    if not isinstance(issue, Issue) or not _authenticated(user) or issue.stage == Stage.MERGED:
        return []
    if _secretariat(user):
        targets = [s.value for s in Stage if s != Stage.MERGED]
    elif (
        issue.stage in LADDER
        and not issue.is_hidden
        and not issue.awaiting_review
        and is_issue_steward(user, issue)
    ):
        targets = list(LADDER)
    else:
        return []
    return [stage for stage in targets if stage != issue.stage]


# --- Predicates ------------------------------------------------------------------------------

verified_member = is_active_member & is_email_verified


@rules.predicate
def can_view_issue(user, issue) -> bool:
    return isinstance(issue, Issue) and may_see(user, issue)


@rules.predicate
def can_edit_issue(user, issue) -> bool:
    if not isinstance(issue, Issue) or not _authenticated(user) or issue.stage == Stage.MERGED:
        return False
    if _secretariat(user):
        return True
    return issue.stage != Stage.CLOSED and is_issue_steward(user, issue)


@rules.predicate
def can_change_stage(user, issue) -> bool:
    return bool(stage_choices_for(user, issue))


@rules.predicate
def issue_is_open(user, issue) -> bool:
    return isinstance(issue, Issue) and is_open(issue)


@rules.predicate
def issue_is_followable(user, issue) -> bool:
    return (
        isinstance(issue, Issue)
        and not issue.is_hidden
        and not issue.awaiting_review
        and issue.stage != Stage.MERGED
    )


@rules.predicate
def is_poster(user, issue) -> bool:
    return isinstance(issue, Issue) and is_poster_of(user, issue)


@rules.predicate
def is_steward(user, issue) -> bool:
    return isinstance(issue, Issue) and is_issue_steward(user, issue)


@rules.predicate
def comments_open_to(user, issue) -> bool:
    if not isinstance(issue, Issue) or not is_open(issue):
        return False
    return not issue.comments_locked or _secretariat(user)


@rules.predicate
def can_edit_comment(user, comment) -> bool:
    return (
        isinstance(comment, Comment)
        and _authenticated(user)
        and comment.author_id == user.pk
        and comment.deleted_at is None
        and comment.hidden_at is None
        and timezone.now() - comment.created_at <= COMMENT_EDIT_WINDOW
    )


@rules.predicate
def can_delete_comment(user, comment) -> bool:
    if not isinstance(comment, Comment) or not _authenticated(user):
        return False
    if comment.deleted_at is not None:
        return False
    return comment.author_id == user.pk or _secretariat(user)


def register() -> None:
    rules.set_perm("issues.view_issue", can_view_issue)
    rules.set_perm("issues.add_issue", verified_member)
    rules.set_perm("issues.change_issue", can_view_issue & can_edit_issue)
    rules.set_perm("issues.change_stage", can_change_stage)
    rules.set_perm("issues.add_empathy", verified_member & can_view_issue & issue_is_open)
    rules.set_perm("issues.follow_issue", verified_member & can_view_issue & issue_is_followable)
    rules.set_perm(
        "issues.offer_help", verified_member & can_view_issue & issue_is_open & ~is_poster
    )
    rules.set_perm("issues.view_offers", is_steward | is_secretariat_member)
    rules.set_perm("issues.view_poster", is_poster | is_secretariat_member)
    rules.set_perm("issues.add_comment", verified_member & can_view_issue & comments_open_to)
    rules.set_perm("issues.change_comment", can_edit_comment)
    rules.set_perm("issues.delete_comment", can_delete_comment)
    # The secretariat's moderation (hide, lock comments, review first posts, merge duplicates);
    # the moderation and merge pages declare these.
    rules.set_perm("issues.moderate_issue", is_secretariat_member)
    rules.set_perm("issues.merge_issue", is_secretariat_member)
    rules.set_perm("issues.report_issue", is_active_member & can_view_issue)
