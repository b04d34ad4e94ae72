"""Starting a project (from scratch, an issue, published minutes or an idea-event pitch) and
editing it.

``data`` keys (the cleaned data of :class:`kyoso.projects.forms.ProjectForm`): ``title``,
``goal`` (one sentence), ``body``, ``themes``, ``sdgs``, ``targets``, ``walls`` (lists of
:mod:`kyoso.issues.vocab` values), ``municipalities`` (Municipality objects), ``latitude`` and
``longitude`` (Decimal or None, both or neither), ``organization`` (an Organization the actor
owns or administers, or None) and ``issues`` (Issue objects the actor may see).

Every issue a project takes up (at its start or added later) is handed to
:func:`kyoso.issues.services.taken_up.issue_taken_up`: it moves to 取組中 if it was earlier,
with a history row naming the project, and its followers are told. The creator becomes the
project's lead and follows it.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from kyoso.audit.services import audit_record
from kyoso.core.policy import check
from kyoso.projects import audit, messages
from kyoso.projects.models import (
    BODY_MAX,
    GOAL_MAX,
    TITLE_MAX,
    Follow,
    MemberRole,
    Origin,
    Project,
    ProjectTag,
    StageChange,
)
from kyoso.projects.services.common import (
    ProjectError,
    project_url,
    reindex_on_commit,
    require,
)
from kyoso.projects.services.membership import member_add

TAG_KEYS: dict[str, str] = {
    "themes": ProjectTag.Kind.THEME,
    "sdgs": ProjectTag.Kind.SDG,
    "targets": ProjectTag.Kind.TARGET,
    "walls": ProjectTag.Kind.WALL,
}
#: The most issues one project addresses.
MAX_ISSUES = 20
FIELDS = ("title", "goal", "body", "latitude", "longitude", "organization")


# --- Checks every write makes ----------------------------------------------------------------


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    """The service's own guard (the forms say the same first): required and bounded text."""
    values = dict(data)
    for key in ("title", "goal", "body"):
        values[key] = (
            " ".join(str(values.get(key) or "").split())
            if key != "body"
            else str(values.get(key) or "").strip()
        )
    if not values["title"]:
        raise ProjectError(messages.TITLE_REQUIRED)
    if not values["goal"]:
        raise ProjectError(messages.GOAL_REQUIRED)
    for key, limit in (("title", TITLE_MAX), ("goal", GOAL_MAX), ("body", BODY_MAX)):
        if len(values[key]) > limit:
            raise ProjectError(
                messages.TEXT_TOO_LONG % {"limit_value": limit, "show_value": len(values[key])}
            )
    if (values.get("latitude") is None) != (values.get("longitude") is None):
        raise ProjectError(messages.POINT_INCOMPLETE)
    issues = list(values.get("issues") or [])
    if len(issues) > MAX_ISSUES:
        raise ProjectError(messages.TOO_MANY_ISSUES % {"limit": MAX_ISSUES})
    for issue in issues:
        if issue.stage == "merged":
            raise ProjectError(messages.ISSUE_MERGED % {"title": issue.title})
    values["issues"] = issues
    values["municipalities"] = list(values.get("municipalities") or [])
    for key in TAG_KEYS:
        values[key] = list(dict.fromkeys(values.get(key) or []))
    for key in ("organization", "latitude", "longitude"):
        values.setdefault(key, None)
    return values


def may_run_as(actor: Any, organization: Any) -> bool:
    """Whether ``actor`` may name ``organization`` as the one running a project."""
    from kyoso.orgs.rules import MANAGER_ROLES, role_in

    return organization is None or role_in(actor, organization) in MANAGER_ROLES


def _set_tags(project: Project, data: dict[str, Any]) -> None:
    ProjectTag.objects.filter(project=project).delete()
    ProjectTag.objects.bulk_create(
        [
            ProjectTag(project=project, kind=kind, value=value)
            for key, kind in TAG_KEYS.items()
            for value in data[key]
        ]
    )


def _take_up(actor: Any, project: Project, issues: list[Any], request: HttpRequest | None) -> None:
    from kyoso.issues.services.taken_up import issue_taken_up

    for issue in issues:
        issue_taken_up(
            actor=actor,
            issue=issue,
            project_title=project.title,
            project_url=project_url(project),
            request=request,
        )


# --- Creating --------------------------------------------------------------------------------


def _create(
    *,
    actor: Any,
    data: dict[str, Any],
    origin: str,
    reason: str,
    origin_issue: Any = None,
    origin_event: Any = None,
    origin_pitch: Any = None,
    request: HttpRequest | None = None,
) -> Project:
    require("projects.add_project", actor)
    values = _checked(data)
    if not may_run_as(actor, values["organization"]):
        raise ProjectError(messages.ORGANIZATION_NOT_ALLOWED)
    with transaction.atomic():
        project = Project.objects.create(
            created_by=actor,
            origin=origin,
            origin_issue=origin_issue,
            origin_event=origin_event,
            origin_pitch=origin_pitch,
            follower_count=1,
            **{field: values[field] for field in FIELDS},
        )
        _set_tags(project, values)
        project.municipalities.set(values["municipalities"])
        project.issues.set(values["issues"])
        StageChange.objects.create(
            project=project, from_stage="", to_stage=project.stage, actor=actor, reason=reason
        )
        Follow.objects.create(project=project, user=actor)
        member_add(
            actor=actor,
            project=project,
            user=actor,
            role=MemberRole.LEAD,
            via="creator",
            request=request,
        )
        audit_record(
            actor=actor,
            action=audit.CREATED,
            target=project,
            data={
                "origin": origin,
                "issues": [issue.pk for issue in values["issues"]],
                "event": getattr(origin_event, "pk", None),
                "pitch": getattr(origin_pitch, "pk", None),
            },
            request=request,
        )
        _take_up(actor, project, values["issues"], request)
        reindex_on_commit(project.pk)
    project.refresh_from_db(fields=["member_count", "follower_count"])
    return project


def project_create(
    *, actor: Any, data: dict[str, Any], request: HttpRequest | None = None
) -> Project:
    """Start a project from scratch (it may still name issues it addresses)."""
    return _create(
        actor=actor,
        data=data,
        origin=Origin.SCRATCH,
        reason=str(messages.STARTED),
        request=request,
    )


def issue_is_available(actor: Any, issue: Any) -> bool:
    return (
        check("issues.view_issue", actor, issue)
        and issue.stage != "merged"
        and issue.hidden_at is None
    )


def project_create_from_issue(
    *, actor: Any, issue: Any, data: dict[str, Any], request: HttpRequest | None = None
) -> Project:
    """Start a project on ``issue``: it is among the project's issues and moves to 取組中."""
    if not issue_is_available(actor, issue):
        raise ProjectError(messages.ISSUE_NOT_AVAILABLE)
    issues = [issue, *(i for i in data.get("issues") or [] if i.pk != issue.pk)]
    return _create(
        actor=actor,
        data={**data, "issues": issues},
        origin=Origin.ISSUE,
        origin_issue=issue,
        reason=str(messages.STARTED_FROM_ISSUE % {"title": issue.title}),
        request=request,
    )


def minutes_are_available(actor: Any, event: Any) -> bool:
    from kyoso.events.rules import minutes_of

    minutes = minutes_of(event)
    return (
        minutes is not None
        and minutes.published_at is not None
        and check("events.view_minutes", actor, event)
    )


def project_create_from_minutes(
    *, actor: Any, event: Any, data: dict[str, Any], request: HttpRequest | None = None
) -> Project:
    """Start a project from an event's published minutes; the issues surfaced at the event
    (those everyone may see) become the project's issues."""
    from kyoso.events.rules import minutes_of
    from kyoso.events.selectors_followup import surfaced_issues_of

    if not minutes_are_available(actor, event):
        raise ProjectError(messages.MINUTES_NOT_AVAILABLE)
    surfaced = list(surfaced_issues_of(minutes_of(event)))
    seen = {issue.pk for issue in surfaced}
    issues = [*surfaced, *(i for i in data.get("issues") or [] if i.pk not in seen)]
    return _create(
        actor=actor,
        data={**data, "issues": issues},
        origin=Origin.MINUTES,
        origin_event=event,
        reason=str(messages.STARTED_FROM_MINUTES % {"title": event.title}),
        request=request,
    )


def pitch_is_available(actor: Any, pitch: Any) -> bool:
    """The pitch's author, a member of its team, or an organizer of its event may start a
    project from it (the team becomes its members)."""
    from kyoso.events.rules import organizes_event

    if not (actor is not None and actor.is_authenticated):
        return False
    if not check("events.view_ideas", actor, pitch.event):
        return False
    in_team = pitch.author_id == actor.pk or any(
        member.user_id == actor.pk for member in pitch.members.all()
    )
    return in_team or organizes_event(actor, pitch.event)


def draft_from_pitch(pitch: Any) -> dict[str, Any]:
    """The pitch's text as the project's first draft: title, goal from the summary, body from
    the summary and who is wanted."""
    summary = (pitch.summary or "").strip()
    first = summary.split("。")[0].strip()
    goal = (first + "。" if first and "。" in summary else first) or pitch.title
    body = summary
    if pitch.wanted:
        wanted = gettext("求める仲間：%(wanted)s") % {"wanted": pitch.wanted}
        body = f"{summary}\n\n{wanted}" if summary else wanted
    return {"title": pitch.title[:TITLE_MAX], "goal": goal[:GOAL_MAX], "body": body[:BODY_MAX]}


def project_create_from_pitch(
    *, actor: Any, pitch: Any, data: dict[str, Any], request: HttpRequest | None = None
) -> Project:
    """Start a project from an idea-event pitch: blank title, goal or body come from the pitch,
    its author becomes a lead and its team members become members. One project per pitch."""
    from kyoso.projects.selectors import project_from_pitch

    if not pitch_is_available(actor, pitch):
        raise ProjectError(messages.PITCH_NOT_AVAILABLE)
    existing = project_from_pitch(pitch.pk)
    if existing is not None:
        raise ProjectError(messages.PITCH_ALREADY_STARTED % {"title": existing.title})
    draft = draft_from_pitch(pitch)
    values = {**data, **{key: data.get(key) or value for key, value in draft.items()}}
    via = f"pitch:{pitch.pk}"
    try:
        with transaction.atomic():
            project = _create(
                actor=actor,
                data=values,
                origin=Origin.PITCH,
                origin_event=pitch.event,
                origin_pitch=pitch,
                reason=str(messages.STARTED_FROM_PITCH % {"title": pitch.title}),
                request=request,
            )
            member_add(
                actor=actor,
                project=project,
                user=pitch.author,
                role=MemberRole.LEAD,
                via=via,
                request=request,
            )
            for member in pitch.members.all():
                member_add(actor=actor, project=project, user=member.user, via=via, request=request)
    except IntegrityError:
        existing = project_from_pitch(pitch.pk)
        if existing is None:
            raise
        raise ProjectError(messages.PITCH_ALREADY_STARTED % {"title": existing.title}) from None
    project.refresh_from_db(fields=["member_count"])
    return project


# --- Drafts for the form ---------------------------------------------------------------------


def draft_from_issue(issue: Any) -> dict[str, Any]:
    tags: dict[str, list[str]] = {key: [] for key in TAG_KEYS}
    key_of = {kind: key for key, kind in TAG_KEYS.items()}
    for tag in issue.tags.all():
        tags[key_of[tag.kind]].append(tag.value)
    return {
        "title": issue.title,
        "municipalities": [issue.municipality] if issue.municipality_id else [],
        "latitude": issue.latitude,
        "longitude": issue.longitude,
        **tags,
    }


def draft_from_minutes(event: Any) -> dict[str, Any]:
    from kyoso.issues.vocab import Theme

    theme = getattr(event, "theme", "")
    return {
        "title": event.title,
        "themes": [theme] if theme in Theme.values else [],
        "municipalities": [event.municipality] if event.municipality_id else [],
    }


# --- Editing ---------------------------------------------------------------------------------


def project_update(
    *,
    actor: Any,
    project: Project,
    data: dict[str, Any],
    request: HttpRequest | None = None,
) -> Project:
    """Change what the project says about itself; issues newly named are taken up."""
    require("projects.change_project", actor, project)
    values = _checked(data)
    organization = values["organization"]
    new_organization = organization is not None and organization.pk != project.organization_id
    if new_organization and not may_run_as(actor, organization):
        raise ProjectError(messages.ORGANIZATION_NOT_ALLOWED)
    with transaction.atomic():
        changed = [f for f in FIELDS if getattr(project, f) != values[f]]
        for field in FIELDS:
            setattr(project, field, values[field])
        project.last_activity_at = timezone.now()
        project.save(update_fields=[*FIELDS, "updated_at", "last_activity_at"])
        _set_tags(project, values)
        project.municipalities.set(values["municipalities"])
        before = set(project.issues.values_list("pk", flat=True))
        project.issues.set(values["issues"])
        added = [issue for issue in values["issues"] if issue.pk not in before]
        audit_record(
            actor=actor,
            action=audit.UPDATED,
            target=project,
            data={"fields": changed, "issues_added": [issue.pk for issue in added]},
            request=request,
        )
        _take_up(actor, project, added, request)
        reindex_on_commit(project.pk)
    return project
