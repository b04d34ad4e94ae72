"""Audit events are written once and never changed or removed."""

from __future__ import annotations

import pytest

from kyoso.audit.models import AppendOnlyError, AuditEvent
from kyoso.audit.tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(sato):
    return make_event(AuditEvent.Action.ROLE_GRANTED, actor=sato, data={"role": "player"})


def _unchanged(event: AuditEvent) -> None:
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.data, stored.actor_id) == (
        AuditEvent.Action.ROLE_GRANTED,
        {"role": "player"},
        event.actor_id,
    )


def test_saving_an_existing_event_is_refused(event):
    event.action = AuditEvent.Action.ROLE_REVOKED
    event.data = {"role": "manager"}
    with pytest.raises(AppendOnlyError):
        event.save()
    _unchanged(event)


def test_deleting_an_event_is_refused(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    _unchanged(event)


def test_queryset_update_is_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action=AuditEvent.Action.ROLE_REVOKED)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(data={})
    _unchanged(event)


def test_queryset_delete_is_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    _unchanged(event)


def test_new_events_are_still_written(event):
    make_event(AuditEvent.Action.LOGIN_FAILED)
    assert AuditEvent.objects.count() == 2
