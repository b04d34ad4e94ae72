"""Needs (困りごと・募集): what a project needs, structured so that matching can read it.

Statuses: 募集中 ``open`` → 相談中 ``in_talks`` → 充足 ``filled`` (with who filled it, a
registered person or an organization, and ``filled_at``), and back to ``open`` with a reason
(kept in the audit log). **Open needs are ``open`` and ``in_talks``**: a need in talks is not
met yet, so it still counts. ``Project.open_need_count`` is kept equal to the number of the
project's needs in those two statuses by relative UPDATEs in the same transaction as each
change; every status change is a conditional ``UPDATE … WHERE status = <the status the person
saw>`` whose row count is checked, so two leads acting at once never count a need twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.core.home import touch_on_commit
from kyoso.core.skills import SKILL_KEYS
from kyoso.projects import audit
from kyoso.projects import messages_work as messages
from kyoso.projects.models import (
    NEED_TITLE_MAX,
    REASON_MAX,
    TEXT_MAX,
    Need,
    NeedKind,
    NeedSkill,
    NeedStatus,
    Project,
    WorkStyle,
)
from kyoso.projects.services.work import WorkError, notify_followers, require, touch

#: The statuses that count as open needs (``Project.open_need_count``).
OPEN_STATUSES: frozenset[str] = frozenset({NeedStatus.OPEN, NeedStatus.IN_TALKS})
#: Hours in the longest month: more than this per month is a typing mistake.
HOURS_MAX = 744
FIELDS = ("kind", "title", "description", "hours_per_month", "work_style", "until")


def counts_as_open(status: str) -> int:
    return 1 if status in OPEN_STATUSES else 0


def clean_skills(values: Iterable[str] | None) -> list[str]:
    """The skill keys, deduplicated in order; unknown keys are refused (none are dropped)."""
    keys = list(dict.fromkeys(v.strip() for v in (values or ()) if v and v.strip()))
    unknown = [k for k in keys if k not in SKILL_KEYS]
    if unknown:
        raise WorkError(messages.SKILL_UNKNOWN % {"skills": "、".join(unknown)}, field="skills")
    return keys


def _clean(data: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Check the fields again (the forms already did, the service must not rely on it)."""
    values: dict[str, Any] = {}
    if not partial or "kind" in data:
        kind = data.get("kind") or ""
        if not kind:
            raise WorkError(messages.NEED_KIND_REQUIRED, field="kind")
        if kind not in NeedKind.values:
            raise WorkError(messages.NEED_KIND_UNKNOWN, field="kind")
        values["kind"] = kind
    if not partial or "title" in data:
        title = (data.get("title") or "").strip()
        if not title:
            raise WorkError(messages.NEED_TITLE_REQUIRED, field="title")
        if len(title) > NEED_TITLE_MAX:
            raise WorkError(
                messages.TOO_LONG % {"limit_value": NEED_TITLE_MAX, "show_value": len(title)},
                field="title",
            )
        values["title"] = title
    if not partial or "description" in data:
        description = (data.get("description") or "").strip()
        if len(description) > TEXT_MAX:
            raise WorkError(
                messages.TOO_LONG % {"limit_value": TEXT_MAX, "show_value": len(description)},
                field="description",
            )
        values["description"] = description
    if not partial or "hours_per_month" in data:
        hours = data.get("hours_per_month")
        if hours is not None and (not isinstance(hours, int) or not 0 <= hours <= HOURS_MAX):
            raise WorkError(messages.HOURS_INVALID, field="hours_per_month")
        values["hours_per_month"] = hours
    if not partial or "work_style" in data:
        style = data.get("work_style") or ""
        if style and style not in WorkStyle.values:
            raise WorkError(messages.WORK_STYLE_UNKNOWN, field="work_style")
        values["work_style"] = style
    if not partial or "until" in data:
        until = data.get("until")
        if until is not None and not isinstance(until, date):
            raise WorkError(messages.NOT_A_DATE, field="until")
        values["until"] = until
    return values


def _set_skills(need: Need, skills: list[str], *, replace: bool) -> None:
    if replace:
        NeedSkill.objects.filter(need=need).exclude(skill__in=skills).delete()
        existing = set(NeedSkill.objects.filter(need=need).values_list("skill", flat=True))
        skills = [s for s in skills if s not in existing]
    NeedSkill.objects.bulk_create([NeedSkill(need=need, skill=s) for s in skills])


def need_create(*, actor: Any, project: Project, data: dict[str, Any]) -> Need:
    """Add an open need (``data``: kind, title, description, skills, hours_per_month,
    work_style, until); the project's open-need count goes up by one."""
    require("projects.add_need", actor, project)
    values = _clean(data)
    skills = clean_skills(data.get("skills"))
    with transaction.atomic():
        need = Need.objects.create(project=project, created_by=actor, **values)
        _set_skills(need, skills, replace=False)
        touch(project.pk, open_need_count=F("open_need_count") + 1)
    return need


def need_update(*, actor: Any, need: Need, data: dict[str, Any]) -> Need:
    """Change the fields present in ``data`` (and the skills when ``skills`` is present)."""
    require("projects.change_need", actor, need)
    values = _clean(data, partial=True)
    skills = clean_skills(data.get("skills")) if "skills" in data else None
    with transaction.atomic():
        for name, value in values.items():
            setattr(need, name, value)
        need.save(update_fields=[*values, "updated_at"])
        if skills is not None:
            _set_skills(need, skills, replace=True)
        touch_on_commit("projects")  # the need's title on the home
    return need


def need_delete(*, actor: Any, need: Need, request: HttpRequest | None = None) -> None:
    require("projects.delete_need", actor, need)
    with transaction.atomic():
        current = (
            Need.objects.select_for_update().filter(pk=need.pk).values_list("status", flat=True)
        ).first()
        if current is None:
            raise WorkError(messages.RECORD_GONE)
        Need.objects.filter(pk=need.pk).delete()
        if counts_as_open(current):
            touch(need.project_id, open_need_count=F("open_need_count") - 1)
        audit_record(
            actor=actor,
            action=audit.NEED_DELETED,
            target=need.project,
            data={"need": need.pk, "title": need.title, "status": current},
            request=request,
        )


def need_change_status(
    *,
    actor: Any,
    need: Need,
    to_status: str,
    filled_by: Any = None,
    filled_by_organization: Any = None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Need:
    """Move the need to ``to_status``.

    ``in_talks`` and ``filled``: leads only; ``filled`` needs exactly one of ``filled_by`` (a
    person) or ``filled_by_organization``, notifies the project's followers and is audited as
    ``project.need_filled``. Back to ``open``: leads and the secretariat, with a reason.
    """
    if to_status not in NeedStatus.values:
        raise WorkError(messages.NEED_STATUS_UNKNOWN, field="status")
    from_status = need.status
    if to_status == from_status:
        raise WorkError(messages.NEED_STATUS_UNCHANGED, field="status")
    reason = (reason or "").strip()
    changes: dict[str, Any] = {"status": to_status}
    if to_status == NeedStatus.OPEN:
        require("projects.reopen_need", actor, need)
        if not reason:
            raise WorkError(messages.NEED_REOPEN_REASON_REQUIRED, field="reason")
        if len(reason) > REASON_MAX:
            raise WorkError(
                messages.TOO_LONG % {"limit_value": REASON_MAX, "show_value": len(reason)},
                field="reason",
            )
        changes.update(filled_by=None, filled_by_organization=None, filled_at=None)
    else:
        require("projects.fill_need", actor, need)
        if to_status == NeedStatus.FILLED:
            if filled_by is None and filled_by_organization is None:
                raise WorkError(messages.NEED_FILLED_BY_REQUIRED, field="filled_by")
            if filled_by is not None and filled_by_organization is not None:
                raise WorkError(messages.NEED_FILLED_BY_BOTH, field="filled_by")
            changes.update(
                filled_by=filled_by,
                filled_by_organization=filled_by_organization,
                filled_at=timezone.now(),
            )
        elif from_status == NeedStatus.FILLED:
            # Filled → in talks: the need is not met after all.
            changes.update(filled_by=None, filled_by_organization=None, filled_at=None)
    delta = counts_as_open(to_status) - counts_as_open(from_status)
    with transaction.atomic():
        changed = Need.objects.filter(pk=need.pk, status=from_status).update(
            updated_at=timezone.now(), **changes
        )
        if not changed:
            raise WorkError(messages.NEED_CHANGED_ELSEWHERE, field="status")
        for name, value in changes.items():
            setattr(need, name, value)
        counters = {"open_need_count": F("open_need_count") + delta} if delta else {}
        touch(need.project_id, **counters)
        project = need.project
        data: dict[str, Any] = {"need": need.pk, "from": from_status, "to": to_status}
        if to_status == NeedStatus.FILLED:
            data["filled_by"] = getattr(filled_by, "pk", None)
            data["filled_by_organization"] = getattr(filled_by_organization, "pk", None)
            action = audit.NEED_FILLED
        elif to_status == NeedStatus.OPEN:
            data["reason"] = reason
            action = audit.NEED_REOPENED
        else:
            action = audit.NEED_STATUS_CHANGED
        audit_record(actor=actor, action=action, target=project, data=data, request=request)
        if to_status == NeedStatus.FILLED:
            notify_followers(
                project=project,
                actor=actor,
                kind="projects.need_filled",
                text=str(messages.NOTE_NEED_FILLED % {"title": project.title, "need": need.title}),
                url=reverse("projects:needs", args=[project.pk]) + f"#need-{need.pk}",
            )
    return need
