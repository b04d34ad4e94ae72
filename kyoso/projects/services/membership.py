"""Project membership: who is in a project and with which role.

A project always keeps at least one active lead. Other apps add people through
:func:`member_add` (the missions app does when a host accepts a candidate); they never write
``Membership`` rows themselves.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from kyoso.audit.services import audit_record
from kyoso.projects import audit, messages
from kyoso.projects.models import MemberRole, Membership, MemberStatus, Project
from kyoso.projects.rules import membership_of, remember_membership
from kyoso.projects.services.common import (
    ProjectError,
    add_members,
    lock,
    notify,
    project_url,
    require,
)


def member_add(
    *,
    actor: Any,
    project: Project,
    user: Any,
    role: str = MemberRole.MEMBER,
    via: str,
    request: HttpRequest | None = None,
) -> Membership:
    """Make ``user`` an active member of ``project`` with ``role`` (idempotent).

    An open invitation or request becomes an active membership; an active member keeps the
    role they have. ``via`` says why, for the audit log (``"mission:12"``, ``"pitch:3"``,
    ``"creator"``). The member count moves in the same transaction, by a relative UPDATE.
    """
    if role not in MemberRole.values:
        raise ValueError(f"Unknown project role {role!r}")
    now = timezone.now()
    with transaction.atomic():
        membership, created = Membership.objects.select_for_update().get_or_create(
            project=project,
            user=user,
            defaults={"role": role, "status": MemberStatus.ACTIVE, "joined_at": now},
        )
        if not created:
            if membership.status == MemberStatus.ACTIVE:
                return membership
            membership.status = MemberStatus.ACTIVE
            membership.role = role
            membership.joined_at = now
            membership.save(update_fields=["status", "role", "joined_at"])
        Project.objects.filter(pk=project.pk).update(
            member_count=F("member_count") + 1, last_activity_at=now
        )
        audit_record(
            actor=actor,
            action=audit.MEMBER_ADDED,
            target=project,
            data={"user": user.pk, "role": role, "via": via},
            request=request,
        )
    return membership


# --- Invitations, requests, leaving, removal, roles ------------------------------------------
#
# ``member_count`` counts active memberships (leads included) and moves only when a row really
# changed state: a conditional ``UPDATE … WHERE status = …`` touched it, or a delete removed it.
# Every change that could take away the last active lead first locks the project row
# (``select_for_update``; SQLite serializes write transactions) and then counts the other
# leads, so two leads leaving at the same moment never both succeed.


def _refuse(message: Any) -> NoReturn:
    raise ProjectError(message)


def _other_leads(project: Project, membership: Membership) -> int:
    return (
        Membership.objects.filter(
            project_id=project.pk, role=MemberRole.LEAD, status=MemberStatus.ACTIVE
        )
        .exclude(pk=membership.pk)
        .count()
    )


def _leads(project: Project) -> Any:
    from kyoso.accounts.models import User

    return User.objects.filter(
        pk__in=Membership.objects.filter(
            project_id=project.pk, role=MemberRole.LEAD, status=MemberStatus.ACTIVE
        ).values("user_id")
    )


def member_invite(
    *,
    actor: Any,
    project: Project,
    user: Any,
    role: str = MemberRole.MEMBER,
    message: str = "",
    request: HttpRequest | None = None,
) -> Membership:
    """Invite a registered person; they accept or decline from the project's page."""

    require("projects.invite_member", actor, project)
    if role not in MemberRole.values:
        _refuse(messages.CHOICE_INVALID)
    if role == MemberRole.LEAD:
        _refuse(messages.INVITE_LEAD_ROLE)
    with transaction.atomic():
        existing = Membership.objects.filter(project_id=project.pk, user_id=user.pk).first()
        if existing is not None:
            _refuse(
                {
                    MemberStatus.ACTIVE: messages.ALREADY_MEMBER,
                    MemberStatus.INVITED: messages.ALREADY_INVITED,
                    MemberStatus.REQUESTED: messages.INVITEE_HAS_REQUESTED,
                }[MemberStatus(existing.status)]
            )
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    project=project,
                    user=user,
                    role=role,
                    status=MemberStatus.INVITED,
                    message=message.strip()[:1000],
                    invited_by=actor,
                )
        except IntegrityError:
            _refuse(messages.ALREADY_INVITED)
        audit_record(
            actor=actor,
            action=audit.MEMBER_INVITED,
            target=project,
            data={"user": user.pk, "role": role},
            request=request,
        )
        notify(
            recipients=[user.pk],
            kind="projects.invitation",
            actor=actor,
            project=project,
            text=gettext("プロジェクト「%(title)s」に招待されました。") % {"title": project.title},
        )
    return membership


def invitation_answer(*, actor: Any, project: Project, accept: bool) -> Membership | None:
    """Accept (become an active member with the role invited to) or decline an invitation."""

    require("projects.answer_invitation", actor, project)
    now = timezone.now()
    with transaction.atomic():
        invited = Membership.objects.filter(
            project_id=project.pk, user_id=actor.pk, status=MemberStatus.INVITED
        )
        if accept:
            changed = invited.update(status=MemberStatus.ACTIVE, joined_at=now)
        else:
            changed, _ = invited.delete()
        if not changed:
            _refuse(messages.NO_INVITATION)
        membership = None
        if accept:
            add_members(project.pk, +1)
            Project.objects.filter(pk=project.pk).update(last_activity_at=now)
            membership = Membership.objects.get(project_id=project.pk, user_id=actor.pk)
            audit_record(
                actor=actor,
                action=audit.MEMBER_ADDED,
                target=project,
                data={"user": actor.pk, "role": membership.role, "via": "invitation"},
            )
    remember_membership(project, actor, membership)
    return membership


def membership_request(*, actor: Any, project: Project, message: str = "") -> Membership:
    """Ask to join; the leads are told and approve or decline."""

    existing = membership_of(actor, project)
    if existing is not None:
        _refuse(
            messages.ALREADY_REQUESTED
            if existing.status == MemberStatus.REQUESTED
            else messages.ALREADY_MEMBER
            if existing.status == MemberStatus.ACTIVE
            else messages.ALREADY_INVITED
        )
    require("projects.join_project", actor, project)
    with transaction.atomic():
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    project=project,
                    user=actor,
                    role=MemberRole.MEMBER,
                    status=MemberStatus.REQUESTED,
                    message=message.strip()[:1000],
                )
        except IntegrityError:
            _refuse(messages.ALREADY_REQUESTED)
        notify(
            recipients=_leads(project),
            kind="projects.join_request",
            actor=actor,
            project=project,
            text=gettext("「%(title)s」に参加の申請がありました。") % {"title": project.title},
            url=project_url(project, "members"),
        )
    remember_membership(project, actor, membership)
    return membership


def request_decide(
    *, actor: Any, membership: Membership, approve: bool, request: HttpRequest | None = None
) -> Membership:
    """Approve (the person becomes an active member) or decline (the request is removed)."""

    project = membership.project
    require("projects.decide_membership", actor, project)
    now = timezone.now()
    with transaction.atomic():
        pending = Membership.objects.filter(pk=membership.pk, status=MemberStatus.REQUESTED)
        if approve:
            changed = pending.update(status=MemberStatus.ACTIVE, joined_at=now)
        else:
            changed, _ = pending.delete()
        if not changed:
            _refuse(messages.REQUEST_ALREADY_DECIDED)
        if approve:
            add_members(project.pk, +1)
            Project.objects.filter(pk=project.pk).update(last_activity_at=now)
            membership.status, membership.joined_at = MemberStatus.ACTIVE, now
        audit_record(
            actor=actor,
            action=audit.MEMBER_REQUEST_DECIDED,
            target=project,
            data={"user": membership.user_id, "approved": approve},
            request=request,
        )
        text = (
            gettext("「%(title)s」への参加が承認されました。")
            if approve
            else gettext("「%(title)s」への参加の申請は、今回は見送られました。")
        )
        notify(
            recipients=[membership.user_id],
            kind="projects.join_decided",
            actor=actor,
            project=project,
            text=text % {"title": project.title},
        )
    return membership


def membership_leave(*, actor: Any, project: Project, request: HttpRequest | None = None) -> bool:
    """Leave the project (or withdraw a request, or decline an invitation); returns whether
    the membership was active. The last active lead cannot leave."""

    require("projects.leave_project", actor, project)
    with transaction.atomic():
        lock(project)
        membership = Membership.objects.filter(project_id=project.pk, user_id=actor.pk).first()
        if membership is None:
            _refuse(messages.NOT_A_MEMBER)
        if membership.role == MemberRole.LEAD and not _other_leads(project, membership):
            _refuse(messages.LAST_LEAD_CANNOT_LEAVE)
        deleted, _ = Membership.objects.filter(pk=membership.pk).delete()
        was_active = bool(deleted) and membership.status == MemberStatus.ACTIVE
        if was_active:
            add_members(project.pk, -1)
            audit_record(
                actor=actor,
                action=audit.MEMBER_LEFT,
                target=project,
                data={"user": actor.pk, "role": membership.role},
                request=request,
            )
    remember_membership(project, actor, None)
    return was_active


def membership_remove(
    *, actor: Any, membership: Membership, request: HttpRequest | None = None
) -> Membership:
    """Remove an active member (a lead too, while another remains), or take back an
    invitation. Refused: oneself (leave instead), a request (decline it), the last lead."""

    project = membership.project
    require("projects.remove_member", actor, project)
    if membership.user_id == actor.pk:
        _refuse(messages.CANNOT_REMOVE_SELF)
    with transaction.atomic():
        lock(project)
        current = Membership.objects.filter(pk=membership.pk, project_id=project.pk).first()
        if current is None:
            _refuse(messages.MEMBER_ALREADY_GONE)
        if current.status == MemberStatus.REQUESTED:
            _refuse(messages.REQUEST_ALREADY_DECIDED)
        if current.role == MemberRole.LEAD and not _other_leads(project, current):
            _refuse(messages.LAST_LEAD_CANNOT_BE_REMOVED)
        deleted, _ = Membership.objects.filter(pk=current.pk, status=current.status).delete()
        if not deleted:
            _refuse(messages.MEMBER_ALREADY_GONE)
        if current.status == MemberStatus.ACTIVE:
            add_members(project.pk, -1)
            audit_record(
                actor=actor,
                action=audit.MEMBER_REMOVED,
                target=project,
                data={"user": current.user_id, "role": current.role},
                request=request,
            )
            notify(
                recipients=[current.user_id],
                kind="projects.member_removed",
                actor=actor,
                project=project,
                text=gettext("「%(title)s」のメンバーから外されました。")
                % {"title": project.title},
            )
    return current


def member_role_change(
    *, actor: Any, membership: Membership, role: str, request: HttpRequest | None = None
) -> Membership:
    """Give an active member another role; the last active lead keeps theirs."""

    project = membership.project
    require("projects.change_member_role", actor, project)
    if role not in MemberRole.values:
        _refuse(messages.CHOICE_INVALID)
    with transaction.atomic():
        lock(project)
        current = Membership.objects.filter(pk=membership.pk, project_id=project.pk).first()
        if current is None or current.status != MemberStatus.ACTIVE:
            _refuse(messages.ROLE_NEEDS_ACTIVE_MEMBER)
        if current.role == role:
            return current
        if current.role == MemberRole.LEAD and not _other_leads(project, current):
            _refuse(messages.LAST_LEAD_CANNOT_STEP_DOWN)
        Membership.objects.filter(pk=current.pk, status=MemberStatus.ACTIVE).update(role=role)
        audit_record(
            actor=actor,
            action=audit.MEMBER_ROLE_CHANGED,
            target=project,
            data={"user": current.user_id, "from": current.role, "to": role},
            request=request,
        )
        current.role = role
    membership.role = role
    return current
