"""Trials (実験), hearings (ヒアリング) and mapped resources (地域資源) of a project.

Active members add, change and delete them. The checks the forms make are made here again,
so that the API and a forged POST get the same refusals: a trial's period must not end
before it starts, a hearing names who was heard (a person, an organization or a text such as
「〇〇地区の住民」).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models, transaction

from kyoso.projects import messages_work as messages
from kyoso.projects.models import (
    TEXT_MAX,
    TITLE_MAX,
    Hearing,
    Project,
    Resource,
    ResourceKind,
    Trial,
)
from kyoso.projects.services.work import WorkError, require, touch

HEARD_TEXT_MAX = 200
RESOURCE_NAME_MAX = 200


def _text(data: dict[str, Any], name: str, limit: int, *, required_message: Any = None) -> str:
    value = (data.get(name) or "").strip()
    if required_message is not None and not value:
        raise WorkError(required_message, field=name)
    if len(value) > limit:
        raise WorkError(
            messages.TOO_LONG % {"limit_value": limit, "show_value": len(value)}, field=name
        )
    return value


def _date(data: dict[str, Any], name: str) -> date | None:
    value = data.get(name)
    if value is not None and not isinstance(value, date):
        raise WorkError(messages.NOT_A_DATE, field=name)
    return value


def clean_trial(data: dict[str, Any]) -> dict[str, Any]:
    starts, ends = _date(data, "starts_on"), _date(data, "ends_on")
    if starts and ends and ends < starts:
        raise WorkError(messages.TRIAL_PERIOD_BACKWARDS, field="ends_on")
    return {
        "title": _text(data, "title", TITLE_MAX, required_message=messages.TRIAL_TITLE_REQUIRED),
        "hypothesis": _text(
            data, "hypothesis", TEXT_MAX, required_message=messages.TRIAL_HYPOTHESIS_REQUIRED
        ),
        "starts_on": starts,
        "ends_on": ends,
        "measured": _text(data, "measured", TEXT_MAX),
        "result": _text(data, "result", TEXT_MAX),
        "learned": _text(data, "learned", TEXT_MAX),
    }


def clean_hearing(data: dict[str, Any]) -> dict[str, Any]:
    values = {
        "heard_user": data.get("heard_user"),
        "heard_organization": data.get("heard_organization"),
        "heard_text": _text(data, "heard_text", HEARD_TEXT_MAX),
        "held_on": _date(data, "held_on"),
        "learned": _text(
            data, "learned", TEXT_MAX, required_message=messages.HEARING_LEARNED_REQUIRED
        ),
        "private_notes": _text(data, "private_notes", TEXT_MAX),
    }
    if not (values["heard_user"] or values["heard_organization"] or values["heard_text"]):
        raise WorkError(messages.HEARING_WHO_REQUIRED, field="heard_text")
    if values["held_on"] is None:
        raise WorkError(messages.HEARING_DATE_REQUIRED, field="held_on")
    return values


def clean_resource(data: dict[str, Any]) -> dict[str, Any]:
    kind = data.get("kind") or ""
    if kind not in ResourceKind.values:
        raise WorkError(messages.RESOURCE_KIND_REQUIRED, field="kind")
    return {
        "kind": kind,
        "name": _text(
            data, "name", RESOURCE_NAME_MAX, required_message=messages.RESOURCE_NAME_REQUIRED
        ),
        "note": _text(data, "note", TEXT_MAX),
        "user": data.get("user"),
        "organization": data.get("organization"),
    }


CLEANERS = {Trial: clean_trial, Hearing: clean_hearing, Resource: clean_resource}


def _name(model: type[models.Model]) -> str:
    return model._meta.model_name or ""


def record_create(
    *, actor: Any, project: Project, model: type[models.Model], data: dict[str, Any]
) -> Any:
    """Add a trial, hearing or resource (``model``) to the project."""
    require(f"projects.add_{_name(model)}", actor, project)
    values = CLEANERS[model](data)
    with transaction.atomic():
        record = model._default_manager.create(project=project, created_by=actor, **values)
        touch(project.pk)
    return record


def record_update(*, actor: Any, record: Any, data: dict[str, Any]) -> Any:
    model = type(record)
    require(f"projects.change_{_name(model)}", actor, record)
    values = CLEANERS[model](data)
    with transaction.atomic():
        for name, value in values.items():
            setattr(record, name, value)
        record.save()
        touch(record.project_id)
    return record


def record_delete(*, actor: Any, record: Any) -> None:
    model = type(record)
    require(f"projects.delete_{_name(model)}", actor, record)
    with transaction.atomic():
        deleted, _ = model._default_manager.filter(pk=record.pk).delete()
        if not deleted:
            raise WorkError(messages.RECORD_GONE)


# Named entry points (``<entity>_<verb>``) for callers that know what they hold.


def trial_create(*, actor: Any, project: Project, data: dict[str, Any]) -> Trial:
    return record_create(actor=actor, project=project, model=Trial, data=data)


def hearing_create(*, actor: Any, project: Project, data: dict[str, Any]) -> Hearing:
    return record_create(actor=actor, project=project, model=Hearing, data=data)


def resource_create(*, actor: Any, project: Project, data: dict[str, Any]) -> Resource:
    return record_create(actor=actor, project=project, model=Resource, data=data)
