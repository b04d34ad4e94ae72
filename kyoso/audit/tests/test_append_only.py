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


def test_an_action_without_a_label_is_refused_and_nothing_is_written(sato):
    """Every action is one of AuditEvent.Action, so the secretariat's log always shows a label
    (a plain string added by a new service fails its first test)."""
    from kyoso.audit.services import audit_record

    with pytest.raises(ValueError, match=r"events\.something_new"):
        audit_record(actor=sato, action="events.something_new")
    assert not AuditEvent.objects.filter(action="events.something_new").exists()
    assert audit_record(actor=sato, action="role.granted").get_action_display() == "役割の付与"
